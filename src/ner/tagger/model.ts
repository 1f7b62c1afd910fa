/**
 * Linear-chain sequence model over BILOU labels: feature rows (one weight per
 * label) looked up by numeric keys per template, first-order transitions with
 * hard BILOU constraints, Viterbi decoding, and max-marginal span margins.
 * Shared by training (growing rows) and tagging (frozen, Float32 weights).
 */
import type { EntityType } from '../../doc.js';
import {
  BOS, EOS, K_GL, K_POS, NUM_KINDS, RESERVED, TYPE_KINDS, UNK, lexKey, parseTemplate, typeAtoms, type Lexicons, type Template,
} from './features.js';
import { LIST_NAMES, NUM_GROUPS, type ListNode, type PhraseLists } from './lists.js';

export const TYPES: EntityType[] = ['PERSON', 'LOCATION', 'ORGANIZATION'];
/** Labels: 0 = O; for type t: B = 1+4t, I = 2+4t, L = 3+4t, U = 4+4t. */
export const NL = 1 + 4 * TYPES.length;
export const LABELS: string[] = ['O'];
for (const t of TYPES) for (const p of ['B', 'I', 'L', 'U']) LABELS.push(`${p}-${t}`);

const NEG = -1e30;

/**
 * The emission of every label but O for a token that can only be outside an entity (see
 * `linear-tagger.ts`). Sums of real weights stay far below it, so no best path ever gives such
 * a token another label, and Viterbi skips the other labels there (they end at NEG).
 */
export const OUTSIDE_ONLY = -1e9;

/** Whether token row `b` of E allows only O (every other label at exactly OUTSIDE_ONLY). */
function outsideOnly(E: ArrayLike<number>, b: number): boolean {
  for (let y = 1; y < NL; y++) if (E[b + y] !== OUTSIDE_ONLY) return false;
  return true;
}

/** allowed[p * NL + y]: label y may follow p; row NL is the sentence start, ALLOWED_END[y] the end. */
export const ALLOWED = new Uint8Array((NL + 1) * NL);
export const ALLOWED_END = new Uint8Array(NL);
{
  const kind = (y: number) => (y === 0 ? 'O' : 'BILU'[(y - 1) % 4]);
  const type = (y: number) => (y === 0 ? -1 : Math.floor((y - 1) / 4));
  for (let p = 0; p <= NL; p++) {
    for (let y = 0; y < NL; y++) {
      const pk = p === NL ? 'O' : kind(p);
      const yk = kind(y);
      let ok: boolean;
      if (pk === 'B' || pk === 'I') ok = (yk === 'I' || yk === 'L') && type(y) === type(p);
      else ok = yk === 'O' || yk === 'B' || yk === 'U';
      ALLOWED[p * NL + y] = ok ? 1 : 0;
    }
  }
  for (let y = 0; y < NL; y++) {
    const k = kind(y);
    ALLOWED_END[y] = k === 'O' || k === 'L' || k === 'U' ? 1 : 0;
  }
}

/**
 * One person's name is never written right after another's (`Andi Sulis` is one name, not `Andi`
 * and `Sulis`): of ~39,000 gold names in the training splits of both languages, a person directly
 * followed by a person (nothing but spaces between) occurs 11 times, 9 of them an alias in
 * parentheses that the gold span opens with (`Joko Widodo (Jokowi)`, which stays allowed: the
 * second name starts at a bracket) and 2 annotation slips (`Madeleine` / `Albright`). Training
 * keeps the plain BILOU constraints (`ALLOWED`); decoders check their best path with
 * `peopleAdjoin` and decode again under `peopleApart(trans)` when it breaks the rule.
 */
const PERSON_CLOSED_1 = 3; // L-PER
const PERSON_CLOSED_2 = 4; // U-PER
const PERSON_OPENER_1 = 1; // B-PER
const PERSON_OPENER_2 = 4; // U-PER

/** Far below any sum of real weights, and finite, so sums of it stay ordered. */
const FORBIDDEN = -1e9;

const WORD_START = /^[\p{L}\p{N}]/u;

/** Whether a token's text starts with a letter or digit (not a bracket or quote opening an alias). */
export function startsWord(text: string): boolean {
  return WORD_START.test(text);
}

/**
 * Whether the labels put a person's name right after another's at a token that starts with a
 * letter or digit (`startsWord(i)`; a bracket or quote opening the second name is an alias).
 */
export function peopleAdjoin(labels: ArrayLike<number>, n: number, startsWord: (i: number) => boolean): boolean {
  for (let i = 1; i < n; i++) {
    const y = labels[i];
    if (y !== PERSON_OPENER_1 && y !== PERSON_OPENER_2) continue;
    const p = labels[i - 1];
    if ((p === PERSON_CLOSED_1 || p === PERSON_CLOSED_2) && startsWord(i)) return true;
  }
  return false;
}

/**
 * A copy of `trans` ((NL + 1) * NL) with a person's name forbidden right after another's. Made
 * for each decoding that needs it (they are few; a cache keyed by the array would go stale for a
 * learner that changes its transitions in place).
 */
export function peopleApart(trans: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(trans);
  for (const p of [PERSON_CLOSED_1, PERSON_CLOSED_2]) for (const y of [PERSON_OPENER_1, PERSON_OPENER_2]) out[p * NL + y] = FORBIDDEN;
  return out;
}

/** Allowed successors of each label: SUCC[SUCC_START[p] .. SUCC_START[p + 1]). */
const succList: number[] = [];
const succStart: number[] = [0];
for (let p = 0; p < NL; p++) {
  for (let y = 0; y < NL; y++) if (ALLOWED[p * NL + y]) succList.push(y);
  succStart.push(succList.length);
}
const SUCC = Int32Array.from(succList);
const SUCC_START = Int32Array.from(succStart);

export class Vocab {
  readonly map = new Map<string, number>();
  readonly list: string[] = [];
  constructor(strings: Iterable<string> = []) {
    for (const s of strings) this.add(s);
  }
  get size(): number {
    return this.list.length + RESERVED;
  }
  get(s: string): number {
    return this.map.get(s) ?? UNK;
  }
  add(s: string): number {
    let id = this.map.get(s);
    if (id === undefined) {
      id = this.list.length + RESERVED;
      this.map.set(s, id);
      this.list.push(s);
    }
    return id;
  }
  string(id: number): string {
    return this.list[id - RESERVED];
  }
}

/** Everything about a model except its weight storage. */
export class FeatureSpace {
  readonly templates: Template[];
  readonly templateSpecs: string[];
  /** Flattened template parts: kinds and offsets, with start indices. */
  readonly tKinds: Int32Array;
  readonly tOffs: Int32Array;
  readonly tStart: Int32Array;
  readonly rowMaps: Array<Map<number, number>>;
  readonly vocabs: Vocab[];
  private readonly cache = new Map<string, Int32Array>();
  private frozen = false;
  nRows = 0;
  /** Atom ids of list matches by (group, BILU, list), and of sentence positions by (first?, style). */
  private readonly listAtomIds = new Map<number, number>();
  private readonly posAtomIds = new Map<number, number>();
  private listLen = new Int32Array(0);
  private listWhich = new Int32Array(0);
  private readonly keyBuf: string[] = [];
  private readonly firstBuf: (ListNode | undefined)[] = [];

  constructor(
    templateSpecs: string[],
    readonly lexicons: Lexicons,
    readonly lists: PhraseLists | null,
    vocabs?: Vocab[],
  ) {
    this.templateSpecs = templateSpecs;
    this.templates = templateSpecs.map(parseTemplate);
    const kinds: number[] = [];
    const offs: number[] = [];
    const starts: number[] = [0];
    for (const t of this.templates) {
      for (const [k, o] of t) {
        kinds.push(k);
        offs.push(o);
      }
      starts.push(kinds.length);
    }
    this.tKinds = Int32Array.from(kinds);
    this.tOffs = Int32Array.from(offs);
    this.tStart = Int32Array.from(starts);
    this.rowMaps = this.templates.map(() => new Map<number, number>());
    this.vocabs = vocabs ?? Array.from({ length: NUM_KINDS }, () => new Vocab());
  }

  private atomId(k: number, s: string): number {
    return this.frozen ? this.vocabs[k].get(s) : this.vocabs[k].add(s);
  }

  /**
   * All position-level atoms (sentence position and style, list matches).
   * `words[i]` is token i's text, `keys[i]` its `lexKey`, `firsts[i]` its
   * one-token list node (computed here when not given).
   */
  fillPositional(
    n: number,
    out: Int32Array,
    words: readonly string[],
    keys?: readonly string[],
    firsts?: readonly (ListNode | undefined)[],
    style: 'A' | 'T' | 'N' = sentenceStyleOf(words, n),
  ): void {
    if (n > 0) out[K_POS] = this.positionId(true, style);
    if (n > 1) {
      const rest = this.positionId(false, style);
      for (let i = 1; i < n; i++) out[i * NUM_KINDS + K_POS] = rest;
    }
    for (let g = 0; g < NUM_GROUPS; g++) for (let i = 0; i < n; i++) out[i * NUM_KINDS + K_GL + g] = UNK;
    const lists = this.lists;
    if (!lists) return;
    if (!keys || !firsts) {
      const kb = this.keyBuf;
      const fb = this.firstBuf;
      kb.length = n;
      fb.length = n;
      for (let i = 0; i < n; i++) {
        kb[i] = keys ? keys[i] : lexKey(words[i]);
        fb[i] = lists.first(kb[i]);
      }
      keys = kb;
      firsts = fb;
    }
    if (this.listLen.length < NUM_GROUPS * n) {
      this.listLen = new Int32Array(NUM_GROUPS * n * 2);
      this.listWhich = new Int32Array(NUM_GROUPS * n * 2);
    }
    const len = this.listLen;
    const which = this.listWhich;
    lists.matchAll(keys, firsts, n, len, which);
    for (let g = 0; g < NUM_GROUPS; g++) {
      let i = 0;
      while (i < n) {
        const m = len[g * n + i];
        if (m === 0) {
          i++;
          continue;
        }
        const l = which[g * n + i];
        if (m === 1) out[i * NUM_KINDS + K_GL + g] = this.listAtom(g, 3, l);
        else {
          out[i * NUM_KINDS + K_GL + g] = this.listAtom(g, 0, l);
          for (let j = i + 1; j < i + m - 1; j++) out[j * NUM_KINDS + K_GL + g] = this.listAtom(g, 1, l);
          out[(i + m - 1) * NUM_KINDS + K_GL + g] = this.listAtom(g, 2, l);
        }
        i += m;
      }
    }
  }

  private listAtom(g: number, bilu: number, l: number): number {
    const k = (g * 4 + bilu) * 32 + l;
    let id = this.listAtomIds.get(k);
    if (id === undefined) {
      id = this.atomId(K_GL + g, `${'BILU'[bilu]}-${LIST_NAMES[l]}`);
      if (id !== UNK || this.frozen) this.listAtomIds.set(k, id);
    }
    return id;
  }

  /** Position atom id: first token or not, and the sentence style. */
  positionId(first: boolean, style: string): number {
    const k = (first ? 256 : 0) + style.charCodeAt(0);
    let id = this.posAtomIds.get(k);
    if (id === undefined) {
      id = this.atomId(K_POS, (first ? 'F' : 'M') + style);
      if (id !== UNK || this.frozen) this.posAtomIds.set(k, id);
    }
    return id;
  }

  /** Stop adding atoms; unknown atoms become UNK from now on. */
  freeze(): void {
    this.frozen = true;
    this.cache.clear();
    // keys are mixed-radix numbers over vocabulary sizes; they must stay exact
    for (let t = 0; t < this.templates.length; t++) {
      let max = 1;
      for (const [k] of this.templates[t]) max *= this.vocabs[k].size;
      if (max > Number.MAX_SAFE_INTEGER) throw new Error(`template ${this.templateSpecs[t]} key space too large`);
    }
  }

  /** Type-level atom ids of a token string (not cached). */
  computeTypeIds(word: string): Int32Array {
    const ids = new Int32Array(TYPE_KINDS);
    this.typeIdsInto(word, ids, 0);
    return ids;
  }

  /** Type-level atom ids of a token string into `out[at .. at + TYPE_KINDS)`. */
  typeIdsInto(word: string, out: Int32Array, at: number): void {
    const atoms = typeAtoms(word, this.lexicons);
    for (let k = 0; k < TYPE_KINDS; k++) out[at + k] = this.frozen ? this.vocabs[k].get(atoms[k]) : this.vocabs[k].add(atoms[k]);
  }

  private typeIds(word: string): Int32Array {
    let ids = this.cache.get(word);
    if (ids) return ids;
    ids = this.computeTypeIds(word);
    if (this.frozen) {
      if (this.cache.size >= 200_000) this.cache.clear();
      this.cache.set(word, ids);
    }
    return ids;
  }

  /** Atom ids of the tokens (`toks` holds start/end pairs) into `out` (n * NUM_KINDS). */
  atoms(text: string, toks: ArrayLike<number>, n: number, out: Int32Array): void {
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = text.slice(toks[2 * i], toks[2 * i + 1]);
      words.push(w);
      const ids = this.typeIds(w);
      const b = i * NUM_KINDS;
      for (let k = 0; k < TYPE_KINDS; k++) out[b + k] = ids[k];
    }
    this.fillPositional(n, out, words);
  }

  /**
   * The offset of a template whose parts are all type-level kinds at one
   * offset (its features depend on one token string only), else null.
   */
  singleOffset(t: number): number | null {
    const parts = this.templates[t];
    if (parts.length === 0) return null;
    const o = parts[0][1];
    for (const [k, off] of parts) if (off !== o || k >= TYPE_KINDS) return null;
    return o;
  }

  /** Key of template t from one token's type ids `ids[at ..]` (for single-offset templates), or every id `fill`; -1 when unknown. */
  keyFromIds(t: number, ids: ArrayLike<number>, fill = -1, at = 0): number {
    let key = 0;
    const end = this.tStart[t + 1];
    for (let j = this.tStart[t]; j < end; j++) {
      const k = this.tKinds[j];
      const id = fill >= 0 ? fill : ids[at + k];
      if (id === UNK) return -1;
      key = key * this.vocabs[k].size + id;
    }
    return key;
  }

  /** Key of template t at token i, or -1 when an atom is unknown. */
  key(t: number, atoms: Int32Array, n: number, i: number): number {
    let key = 0;
    const end = this.tStart[t + 1];
    for (let j = this.tStart[t]; j < end; j++) {
      const k = this.tKinds[j];
      const p = i + this.tOffs[j];
      const id = p < 0 ? BOS : p >= n ? EOS : atoms[p * NUM_KINDS + k];
      if (id === UNK) return -1;
      key = key * this.vocabs[k].size + id;
    }
    return key;
  }

  /** Rows of token i's features; with `grow`, unseen features get new rows. */
  rows(atoms: Int32Array, n: number, i: number, out: number[], grow: boolean): void {
    for (let t = 0; t < this.templates.length; t++) {
      const key = this.key(t, atoms, n, i);
      if (key < 0) continue;
      const map = this.rowMaps[t];
      let r = map.get(key);
      if (r === undefined) {
        if (!grow) continue;
        r = this.nRows++;
        map.set(key, r);
      }
      out.push(r);
    }
  }

  /** Atom ids of a key, for serialisation. */
  decodeKey(t: number, key: number): number[] {
    const parts = this.templates[t];
    const ids = new Array<number>(parts.length);
    for (let j = parts.length - 1; j >= 0; j--) {
      const size = this.vocabs[parts[j][0]].size;
      ids[j] = key % size;
      key = Math.floor(key / size);
    }
    return ids;
  }
}

/** Labels that may follow a closed label: O, B-x, U-x. */
const OPENERS = Int32Array.from([0, 1, 4, 5, 8, 9, 12]);
/** Closed labels: O, L-x, U-x. */
const CLOSED = Int32Array.from([0, 3, 4, 7, 8, 11, 12]);
/** `viterbi`'s transitions of the call: opener k from closed label c at k * 7 + c. */
const openerTransitions = new Float64Array(OPENERS.length * CLOSED.length);
/** `viterbi`'s transitions into I-x and L-x of type t: (from B-x, from I-x) into I-x at 4t, into L-x at 4t + 2. */
const innerTransitions = new Float64Array(12);

/**
 * The label at token i - 1 that the best path into label y at token i comes from, given the
 * path scores `delta` of token i - 1 from offset pb on: the candidates in `viterbi`'s order, a
 * later one winning only when strictly better (I/L: B on a tie), so the choice is the one the
 * forward pass made.
 */
function bestPredecessor(delta: ArrayLike<number>, pb: number, trans: ArrayLike<number>, y: number): number {
  const kind = y === 0 ? 0 : (y - 1) % 4;
  if (kind === 0 || kind === 3) {
    // O, B-x, U-x follow a closed label: O, then L-x and U-x of each type
    let best = delta[pb] + trans[y];
    let arg = 0;
    for (let p = 3; p < NL; p += p % 4 === 3 ? 1 : 3) {
      const v = delta[pb + p] + trans[p * NL + y];
      if (v > best) {
        best = v;
        arg = p;
      }
    }
    return arg;
  }
  // I-x and L-x follow B-x or I-x
  const bl = y - kind;
  return delta[pb + bl] + trans[bl * NL + y] >= delta[pb + bl + 1] + trans[(bl + 1) * NL + y] ? bl : bl + 1;
}

/**
 * Viterbi over emissions E (n * NL) and transitions (row NL = start); writes labels into `out`.
 * The forward pass keeps only path scores; the labels the best path comes from are found again
 * while tracing it back (`bestPredecessor`), n look-ups instead
 * of a back-pointer per token and label.
 */
export function viterbi(
  E: ArrayLike<number>,
  n: number,
  trans: ArrayLike<number>,
  endW: ArrayLike<number>,
  out: Int32Array,
  delta: Float64Array,
): number {
  if (n === 0) return 0;
  for (let y = 0; y < NL; y++) delta[y] = ALLOWED[NL * NL + y] ? trans[NL * NL + y] + E[y] : NEG;
  // BILOU: O, B-x and U-x follow a closed label (O, L-x, U-x); I-x and L-x follow B-x or I-x.
  // The forward pass keeps only path scores (the back trace finds the labels again), so a
  // maximum's value is all it needs: Math.max gives the value the compare-and-keep loop gave,
  // without its hard-to-predict branches. The transitions it reads are copied to a
  // fixed layout once per call (the learner changes its `trans` between calls).
  const T = openerTransitions;
  for (let k = 0; k < OPENERS.length; k++) {
    const y = OPENERS[k];
    for (let c = 0; c < CLOSED.length; c++) T[k * CLOSED.length + c] = trans[CLOSED[c] * NL + y];
  }
  const inner = innerTransitions;
  for (let t = 0; t < 3; t++) {
    const bl = 1 + 4 * t;
    for (let y = bl + 1; y <= bl + 2; y++) {
      inner[4 * t + 2 * (y - bl - 1)] = trans[bl * NL + y];
      inner[4 * t + 2 * (y - bl - 1) + 1] = trans[(bl + 1) * NL + y];
    }
  }
  for (let i = 1; i < n; i++) {
    const b = i * NL;
    const pb = b - NL;
    const d0 = delta[pb];
    const d3 = delta[pb + 3];
    const d4 = delta[pb + 4];
    const d7 = delta[pb + 7];
    const d8 = delta[pb + 8];
    const d11 = delta[pb + 11];
    const d12 = delta[pb + 12];
    delta[b] = Math.max(d0 + T[0], d3 + T[1], d4 + T[2], d7 + T[3], d8 + T[4], d11 + T[5], d12 + T[6]) + E[b];
    // A token far from any name (most of a news text): only O is scored, as below;
    // the other labels could never be on a best path through it.
    if (outsideOnly(E, b)) {
      for (let y = 1; y < NL; y++) delta[b + y] = NEG;
      continue;
    }
    delta[b + 1] = Math.max(d0 + T[7], d3 + T[8], d4 + T[9], d7 + T[10], d8 + T[11], d11 + T[12], d12 + T[13]) + E[b + 1];
    delta[b + 4] = Math.max(d0 + T[14], d3 + T[15], d4 + T[16], d7 + T[17], d8 + T[18], d11 + T[19], d12 + T[20]) + E[b + 4];
    delta[b + 5] = Math.max(d0 + T[21], d3 + T[22], d4 + T[23], d7 + T[24], d8 + T[25], d11 + T[26], d12 + T[27]) + E[b + 5];
    delta[b + 8] = Math.max(d0 + T[28], d3 + T[29], d4 + T[30], d7 + T[31], d8 + T[32], d11 + T[33], d12 + T[34]) + E[b + 8];
    delta[b + 9] = Math.max(d0 + T[35], d3 + T[36], d4 + T[37], d7 + T[38], d8 + T[39], d11 + T[40], d12 + T[41]) + E[b + 9];
    delta[b + 12] = Math.max(d0 + T[42], d3 + T[43], d4 + T[44], d7 + T[45], d8 + T[46], d11 + T[47], d12 + T[48]) + E[b + 12];
    // I-x and L-x: from B-x or I-x of the same type
    const d1 = delta[pb + 1];
    const d2 = delta[pb + 2];
    const d5 = delta[pb + 5];
    const d6 = delta[pb + 6];
    const d9 = delta[pb + 9];
    const d10 = delta[pb + 10];
    delta[b + 2] = Math.max(d1 + inner[0], d2 + inner[1]) + E[b + 2];
    delta[b + 3] = Math.max(d1 + inner[2], d2 + inner[3]) + E[b + 3];
    delta[b + 6] = Math.max(d5 + inner[4], d6 + inner[5]) + E[b + 6];
    delta[b + 7] = Math.max(d5 + inner[6], d6 + inner[7]) + E[b + 7];
    delta[b + 10] = Math.max(d9 + inner[8], d10 + inner[9]) + E[b + 10];
    delta[b + 11] = Math.max(d9 + inner[10], d10 + inner[11]) + E[b + 11];
  }
  const lb = (n - 1) * NL;
  let best = NEG;
  let arg = 0;
  for (let y = 0; y < NL; y++) {
    if (!ALLOWED_END[y]) continue;
    const v = delta[lb + y] + endW[y];
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = bestPredecessor(delta, (i - 1) * NL, trans, out[i]);
  return best;
}

/**
 * For every token, how much the best path beats the best path that labels
 * that token O (max-marginal margin); `beta` is scratch (n * NL).
 */
export function outsideMargins(
  E: ArrayLike<number>,
  n: number,
  trans: ArrayLike<number>,
  endW: ArrayLike<number>,
  delta: Float64Array,
  beta: Float64Array,
  best: number,
  out: Float64Array,
): void {
  const lb = (n - 1) * NL;
  for (let y = 0; y < NL; y++) beta[lb + y] = ALLOWED_END[y] ? endW[y] : NEG;
  for (let i = n - 2; i >= 0; i--) {
    const b = i * NL;
    const nb = b + NL;
    for (let p = 0; p < NL; p++) {
      let m = NEG;
      for (let q = SUCC_START[p], qe = SUCC_START[p + 1]; q < qe; q++) {
        const y = SUCC[q];
        const v = trans[p * NL + y] + E[nb + y] + beta[nb + y];
        if (v > m) m = v;
      }
      beta[b + p] = m;
    }
  }
  for (let i = 0; i < n; i++) out[i] = best - (delta[i * NL] + beta[i * NL]);
}

/** Spans [firstToken, lastToken, type] from a well-formed BILOU label sequence. */
export function labelsToSpans(labels: ArrayLike<number>, n: number): Array<[number, number, number]> {
  const spans: Array<[number, number, number]> = [];
  let open = -1;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (y === 0) {
      open = -1;
      continue;
    }
    const k = (y - 1) % 4;
    const t = (y - 1) >> 2;
    if (k === 0) open = i;
    else if (k === 3) spans.push([i, i, t]);
    else if (k === 2 && open >= 0) {
      spans.push([open, i, t]);
      open = -1;
    }
  }
  return spans;
}

/** BILOU labels for tokens given entity spans as token index ranges. */
export function spansToLabels(spans: Array<[number, number, number]>, n: number): Int32Array {
  const y = new Int32Array(n);
  for (const [a, b, t] of spans) {
    if (a === b) y[a] = 4 + 4 * t;
    else {
      y[a] = 1 + 4 * t;
      for (let i = a + 1; i < b; i++) y[i] = 2 + 4 * t;
      y[b] = 3 + 4 * t;
    }
  }
  return y;
}

/** First letter of a word: 0 uncased, 1 lower case, 2 capital, 3 a word of two or more letters in capitals. */
export function casedOf(w: string): number {
  const c = w.charCodeAt(0);
  let isUpper: boolean;
  let isLower: boolean;
  if (c < 128) {
    isUpper = c >= 65 && c <= 90;
    isLower = c >= 97 && c <= 122;
  } else {
    const ch = w[0];
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    isUpper = lo !== up && ch === up;
    isLower = lo !== up && ch === lo;
  }
  if (isLower) return 1;
  if (!isUpper) return 0;
  return w.length > 1 && w === w.toUpperCase() ? 3 : 2;
}

/**
 * Sentence style from counts of its cased words: `A` when at least 80% are
 * in capitals (a CoNLL-style headline), `T` when at least 80% of four or more
 * are capitalised (a Title Case headline), else `N`.
 */
export function styleOf(cased: number, upper: number, capital: number): 'A' | 'T' | 'N' {
  if (cased >= 2 && upper / cased >= 0.8) return 'A';
  if (cased >= 4 && capital / cased >= 0.8) return 'T';
  return 'N';
}

/** Sentence style from its words (see `styleOf`). */
export function sentenceStyleOf(words: readonly string[], n: number): 'A' | 'T' | 'N' {
  let cased = 0;
  let upper = 0;
  let capital = 0;
  for (let i = 0; i < n; i++) {
    const c = casedOf(words[i]);
    if (c === 0) continue;
    cased++;
    if (c >= 2) capital++;
    if (c === 3) upper++;
  }
  return styleOf(cased, upper, capital);
}
