/**
 * The tagger itself: a BILOU linear-chain model over numeric features (see
 * `features.ts`), decoded with Viterbi. Per distinct word it caches the atom
 * ids and the summed weights of the one-word templates; per token it adds the
 * cached vectors of small-vocabulary template groups and the rows of the
 * word-pair templates, one probe per word pair for the templates that read it
 * at different tokens (the lookup plan: `emission-plan.ts`). Built from a model
 * file by `model-file.ts`.
 */
import type { EntityType } from '../../doc.js';
import { BOS, EOS, NUM_KINDS, TYPE_KINDS, UNK, lexKey } from './features.js';
import { splitGluedTokens } from './glue.js';
import { LIST_NAMES, type ListNode } from './lists.js';
import type { DocLayerFile } from './model-file.js';
import { FeatureSpace, NL, OUTSIDE_ONLY, TYPES, casedOf, labelsToSpans, outsideMargins, peopleAdjoin, peopleApart, startsWord, styleOf, viterbi } from './model.js';
import { buildEmissionPlan, type EmissionPlan, type PairFamily } from './emission-plan.js';
import { VectorCache, WordTable } from './tables.js';
import { tokenize } from './tokenize.js';

export interface TaggedSpan {
  start: number;
  end: number;
  type: EntityType;
  score: number;
} // UTF-16 offsets into the text passed in, within [start, end)

export interface NerTagger {
  tag(text: string, start: number, end: number): TaggedSpan[];
} // tags one sentence text.slice(start,end)

if (NL !== 13) throw new Error('the emission loop is written for 13 labels');

/**
 * Tokens further than this from a capitalised word (or a word on a name list)
 * get no emissions: they are outside every entity (their score row only allows O),
 * which saves a third of the tagging time on news and leaves the decisions
 * near names as they are (the features of a token reach two tokens away).
 */
const WINDOW = 2;

/**
 * A possible word of a name: capitalised, in a caseless script, the start of a
 * listed name, or a lower-case word the unlabelled news never showed (names in
 * tweets and handles are often written in lower case).
 */
function isAnchor(e: WordEntry): boolean {
  return e.cased >= 2 || e.first !== undefined || (e.cased === 0 && e.word.charCodeAt(0) > 127) || (e.unseen && e.cased === 1);
}

/** The lists whose one-word names a glued function word may be split from (`glue.ts`). */
const PLACE_OR_BODY_LISTS = (['country', 'province', 'regency', 'city', 'organization', 'team', 'known-location', 'known-organization'] as const).reduce(
  (mask, name) => mask | (1 << LIST_NAMES.indexOf(name)),
  0,
);

/** The lists whose names' first words may head a glued function word (`glue.ts`). */
const KNOWN_NAME_LISTS = (['organization', 'team', 'known-location', 'known-organization', 'known-person'] as const).reduce(
  (mask, name) => mask | (1 << LIST_NAMES.indexOf(name)),
  0,
);

/** Whether a phrase of one of the `lists` (a bit mask) of up to `depth` words starts with the word of `node`. */
function startsList(node: ListNode | undefined, lists: number, depth = 3): boolean {
  if (node === undefined) return false;
  if ((node.lists & lists) !== 0) return true;
  if (depth > 1 && node.next) for (const child of node.next.values()) if (startsList(child, lists, depth - 1)) return true;
  return false;
}

/** Positions of padding on either side of a sentence: templates read at most two tokens away. */
const PAD = 2;

/** Slots of each group's vector cache (2^14 vectors of 13 floats, 852 KB: real news has more distinct combinations than 2^12 hold). */
const GROUP_CACHE_BITS = 14;

/** Word cache generation size: 2^15 slots, filled to 70% (each entry holds ~80 numbers). */
const WORD_CACHE_BITS = 15;

/**
 * Cached per distinct token string: atom ids, summed single-offset weights, lexicon key, list-trie
 * node. The numbers live in the slab of the cache generation that holds the entry (see `EntrySlab`).
 */
export interface WordEntry {
  /** The entry's atom ids are `ids[io .. io + TYPE_KINDS)`. */
  ids: Int32Array;
  io: number;
  /** Its summed weights per template offset are `vecs[vo .. vo + offsets * NL)`. */
  vecs: Float32Array;
  vo: number;
  word: string;
  key: string;
  first: ListNode | undefined;
  /** `WordTable.hash` of the word. */
  hash: number;
  /** The unlabelled news never showed the word (see `glue.ts`). */
  unseen: boolean;
  /** First letter: 0 uncased, 1 lower case, 2 capital, 3 a word in capitals (for the sentence style). */
  cased: number;
}

/**
 * The numbers of one cache generation's entries, packed: a typed array per entry cost an
 * ArrayBuffer, its backing store and their bookkeeping for every new word. A generation gets a
 * fresh slab (the one before stays valid for the entries still in use and is collected with
 * them); an entry kept from the older generation is copied into the new slab.
 */
class EntrySlab {
  readonly vecs: Float32Array;
  readonly ids: Int32Array;
  private used = 0;

  constructor(
    capacity: number,
    private readonly vecLength: number,
  ) {
    this.vecs = new Float32Array(capacity * vecLength);
    this.ids = new Int32Array(capacity * TYPE_KINDS);
  }

  /** Room for one more entry: points it at zeroed numbers in this slab. */
  place(entry: { vecs: Float32Array; vo: number; ids: Int32Array; io: number }): void {
    entry.vecs = this.vecs;
    entry.vo = this.used * this.vecLength;
    entry.ids = this.ids;
    entry.io = this.used * TYPE_KINDS;
    this.used++;
  }

  /** Moves an entry's numbers into this slab. */
  adopt(entry: WordEntry): void {
    const { vecs, vo, ids, io } = entry;
    this.place(entry);
    for (let k = 0; k < this.vecLength; k++) this.vecs[entry.vo + k] = vecs[vo + k];
    for (let k = 0; k < TYPE_KINDS; k++) this.ids[entry.io + k] = ids[io + k];
  }
}

const NO_IDS = new Int32Array(0);

/** Entries a cache generation holds at most (`WordTable.full` at 70%). */
const GENERATION_CAPACITY = Math.ceil((1 << WORD_CACHE_BITS) * 0.7) + 1;

export class LinearTagger implements NerTagger {
  private toks: number[] = [];
  private cap = 0;
  private atoms = new Int32Array(0);
  /** `atoms` with PAD positions on either side (`atoms` is a view into it). */
  private padded = new Int32Array(0);
  /** Word entries with PAD sentinel entries on either side. */
  private paddedEntries: WordEntry[] = [];
  private E = new Float64Array(0);
  private delta = new Float64Array(0);
  private beta = new Float64Array(0);
  private labels = new Int32Array(0);
  /** Per token: 1 when it is more than WINDOW tokens from any possible name start (see `emissions`). */
  private far = new Uint8Array(0);
  private margins = new Float64Array(0);
  /** When true, `score` is the raw max-marginal margin instead of a calibrated probability (for calibration). */
  rawMargins = false;
  /** The document-level pass stored with the model (see `document-layer.ts`). */
  docLayer?: DocLayerFile;

  constructor(
    readonly space: FeatureSpace,
    readonly W: Float32Array | Float64Array,
    readonly trans: ArrayLike<number>,
    readonly endW: ArrayLike<number>,
    readonly calibration: { a: number; b: number } = { a: 1, b: 0 },
  ) {}

  private ensure(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(64, n * 2);
    this.cap = cap;
    // PAD positions before and after the tokens hold the sentence-start and sentence-end ids
    this.padded = new Int32Array((cap + 2 * PAD) * NUM_KINDS);
    this.padded.fill(BOS, 0, PAD * NUM_KINDS);
    this.atoms = this.padded.subarray(PAD * NUM_KINDS);
    this.E = new Float64Array(cap * NL);
    this.delta = new Float64Array(cap * NL);
    this.beta = new Float64Array(cap * NL);
    this.labels = new Int32Array(cap);
    this.far = new Uint8Array(cap);
    this.margins = new Float64Array(cap);
  }

  /** Tokens of the last `tag` call as start/end pairs (shared buffer). */
  get lastTokens(): readonly number[] {
    return this.toks;
  }

  /** How the model's templates are looked up (see `emission-plan.ts`), made on first use. */
  private plan?: EmissionPlan<WordEntry>;
  private words = new WordTable<WordEntry>(WORD_CACHE_BITS);
  private oldWords = new WordTable<WordEntry>(WORD_CACHE_BITS);
  /** The numbers of `words`' entries (made with the plan, which knows their length). */
  private slab?: EntrySlab;
  private entries: WordEntry[] = [];
  private tokTexts: string[] = [];
  private tokKeys: string[] = [];
  private tokFirsts: (ListNode | undefined)[] = [];

  private getPlan(): EmissionPlan<WordEntry> {
    if (this.plan) return this.plan;
    const { space } = this;
    const plan = buildEmissionPlan<WordEntry>(space, GROUP_CACHE_BITS);
    this.plan = plan;
    this.fillVector(plan.bos, 0, null, 0, BOS);
    this.fillVector(plan.eos, 0, null, 0, EOS);
    this.slab = new EntrySlab(GENERATION_CAPACITY, plan.offsets.length * NL);
    const sentinel = (vecs: Float32Array, id: number): WordEntry => ({ ids: new Int32Array(TYPE_KINDS).fill(id), io: 0, vecs, vo: 0, word: '', key: '', first: undefined, hash: 0, unseen: false, cased: 0 });
    plan.bosEntry = sentinel(plan.bos, BOS);
    plan.eosEntry = sentinel(plan.eos, EOS);
    if (space.templates.some((t) => t.some(([, o]) => Math.abs(o) > PAD))) {
      throw new Error(`NER model templates reach more than ${PAD} tokens away`);
    }
    return plan;
  }

  /** Sums the one-word templates' rows into `vecs` from `vo` on, for the atom ids `ids[io ..]` (or every atom `fill`). */
  private fillVector(vecs: Float32Array, vo: number, ids: Int32Array | null, io: number, fill: number): void {
    const { space, W } = this;
    const { singles, singleRows } = this.plan!;
    for (let q = 0; q < singles.length; q++) {
      const [t, j] = singles[q];
      const key = ids === null ? space.keyFromIds(t, NO_IDS, fill) : space.keyFromIds(t, ids, -1, io);
      if (key < 0) continue;
      const table = singleRows[q];
      const r = table !== null ? table.get(key) : (space.rowMaps[t].get(key) ?? -1);
      if (r < 0) continue;
      const w = r * NL;
      const b = vo + j * NL;
      for (let y = 0; y < NL; y++) vecs[b + y] += W[w + y];
    }
  }

  /** The cached entry of the word text[s, e), made on first sight (no string is built for a known word). */
  private wordEntry(text: string, s: number, e: number): WordEntry {
    const hash = WordTable.hash(text, s, e);
    let entry = this.words.find(text, s, e, hash);
    if (entry) return entry;
    // two generations: frequent words survive a turnover, memory stays bounded
    entry = this.oldWords.find(text, s, e, hash);
    const plan = this.getPlan();
    if (this.words.full) {
      const old = this.oldWords;
      this.oldWords = this.words;
      this.words = old;
      this.words.clear();
      this.slab = new EntrySlab(GENERATION_CAPACITY, plan.offsets.length * NL);
    }
    const slab = this.slab!;
    if (entry) slab.adopt(entry);
    else {
      const word = text.slice(s, e);
      const key = lexKey(word);
      entry = { ids: slab.ids, io: 0, vecs: slab.vecs, vo: 0, word, key, first: this.space.lists?.first(key), hash, unseen: !this.space.lexicons.caseRatio.has(key), cased: casedOf(word) };
      slab.place(entry);
      this.space.typeIdsInto(word, entry.ids, entry.io);
      this.fillVector(entry.vecs, entry.vo, entry.ids, entry.io, -1);
    }
    this.words.add(entry);
    return entry;
  }

  /** Fills atoms and emissions for the n tokens `toks` (start/end pairs). */
  private emissions(text: string, toks: ArrayLike<number>, n: number): void {
    const { space, W, E, atoms, padded } = this;
    const plan = this.getPlan();
    const usedKinds = plan.atomKinds;
    const entries = this.entries;
    const pe = this.paddedEntries;
    if (pe.length === 0) for (let k = 0; k < PAD; k++) pe.push(plan.bosEntry);
    let cased = 0;
    let upper = 0;
    let capital = 0;
    let lastAnchor = -WINDOW - 1;
    const far = this.far;
    for (let i = 0; i < n; i++) {
      const e = this.wordEntry(text, toks[2 * i], toks[2 * i + 1]);
      entries[i] = e;
      pe[i + PAD] = e;
      // names start with a capital (or are on a name list): tokens far from any are outside every entity
      if (isAnchor(e)) lastAnchor = i;
      far[i] = i - lastAnchor <= WINDOW ? 0 : 1;
      this.tokTexts[i] = e.word;
      this.tokKeys[i] = e.key;
      this.tokFirsts[i] = e.first;
      if (e.cased > 0) {
        cased++;
        if (e.cased >= 2) capital++;
        if (e.cased === 3) upper++;
      }
      const b = i * NUM_KINDS;
      const ids = e.ids;
      const io = e.io;
      for (let q = 0; q < usedKinds.length; q++) atoms[b + usedKinds[q]] = ids[io + usedKinds[q]];
    }
    space.fillPositional(n, atoms, this.tokTexts, this.tokKeys, this.tokFirsts, styleOf(cased, upper, capital));
    padded.fill(EOS, (n + PAD) * NUM_KINDS, (n + 2 * PAD) * NUM_KINDS);
    // ... and none within WINDOW tokens after it either
    let nextAnchor = n + WINDOW + 1;
    for (let i = n - 1; i >= 0; i--) {
      if (isAnchor(entries[i])) nextAnchor = i;
      if (nextAnchor - i <= WINDOW) far[i] = 0;
    }
    for (let k = 0; k < PAD; k++) pe[n + PAD + k] = plan.eosEntry;
    const offsets = plan.offsets;
    const no = offsets.length;
    const groups = plan.groups;
    const { multis, dense, hashed, mStart, mAt, mSize, families, familyOf, familySlot } = plan;
    for (const family of families) this.familyRows(family, n);
    // The 13 label scores of a token are summed in locals (one load and add per weight, no
    // stores until the token is done): this loop is most of the tagger's time.
    for (let i = 0; i < n; i++) {
      if (far[i] === 1) {
        // outside every entity: only O is possible
        const b = i * NL;
        E[b] = 0;
        for (let y = 1; y < NL; y++) E[b + y] = OUTSIDE_ONLY;
        continue;
      }
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0, e8 = 0, e9 = 0, e10 = 0, e11 = 0, e12 = 0; // prettier-ignore
      // templates over one word: the word's precomputed vector for its offset
      for (let j = 0; j < no; j++) {
        const entry = pe[i + PAD + offsets[j]];
        const v = entry.vecs;
        const o = entry.vo + j * NL;
        e0 += v[o]; e1 += v[o + 1]; e2 += v[o + 2]; e3 += v[o + 3]; e4 += v[o + 4]; e5 += v[o + 5]; e6 += v[o + 6]; // prettier-ignore
        e7 += v[o + 7]; e8 += v[o + 8]; e9 += v[o + 9]; e10 += v[o + 10]; e11 += v[o + 11]; e12 += v[o + 12]; // prettier-ignore
      }
      // templates over small vocabularies: one cached vector per group and combination of atoms
      const base = (i + PAD) * NUM_KINDS;
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi];
        const at = g.at;
        const stride = g.stride;
        // the mixed-radix number over the group's atoms, as a sum of independent products
        // (its value stays below GROUP_LIMIT, so int32 arithmetic is exact)
        let key = 0;
        for (let j = 0; j < at.length; j++) key += Math.imul(padded[base + at[j]], stride[j]);
        let o = g.cache.find(key);
        if (o < 0) o = this.fillGroup(g, key, atoms, n, i);
        const v = g.cache.pool;
        e0 += v[o]; e1 += v[o + 1]; e2 += v[o + 2]; e3 += v[o + 3]; e4 += v[o + 4]; e5 += v[o + 5]; e6 += v[o + 6]; // prettier-ignore
        e7 += v[o + 7]; e8 += v[o + 8]; e9 += v[o + 9]; e10 += v[o + 10]; e11 += v[o + 11]; e12 += v[o + 12]; // prettier-ignore
      }
      // templates over word pairs: a row of the weight table
      for (let q = 0; q < multis.length; q++) {
        let r: number;
        const f = familyOf[q];
        if (f >= 0) {
          // the family's key at this token's position for the member
          const family = families[f];
          r = family.rows[familySlot[q] + i * family.members.length];
        } else {
          // mixed-radix key over the template's parts, as FeatureSpace.key computes it
          let key = 0;
          let j = mStart[q];
          const je = mStart[q + 1];
          for (; j < je; j++) {
            const id = padded[base + mAt[j]];
            if (id === UNK) break;
            key = key * mSize[j] + id;
          }
          if (j < je) continue;
          const table = dense[q];
          const h = hashed[q];
          r = table !== null ? table[key] : h !== null ? h.get(key) : (space.rowMaps[multis[q]].get(key) ?? -1);
        }
        if (r < 0) continue;
        const o = r * NL;
        e0 += W[o]; e1 += W[o + 1]; e2 += W[o + 2]; e3 += W[o + 3]; e4 += W[o + 4]; e5 += W[o + 5]; e6 += W[o + 6]; // prettier-ignore
        e7 += W[o + 7]; e8 += W[o + 8]; e9 += W[o + 9]; e10 += W[o + 10]; e11 += W[o + 11]; e12 += W[o + 12]; // prettier-ignore
      }
      const b = i * NL;
      E[b] = e0; E[b + 1] = e1; E[b + 2] = e2; E[b + 3] = e3; E[b + 4] = e4; E[b + 5] = e5; E[b + 6] = e6; // prettier-ignore
      E[b + 7] = e7; E[b + 8] = e8; E[b + 9] = e9; E[b + 10] = e10; E[b + 11] = e11; E[b + 12] = e12; // prettier-ignore
    }
  }

  /**
   * The rows of a family's members at every position a token with emissions reads (see
   * `PairFamily`): one probe per position.
   */
  private familyRows(family: PairFamily, n: number): void {
    const { padded, far } = this;
    const { at, size, minShift, maxShift, table } = family;
    const width = family.members.length;
    const positions = n + maxShift - minShift;
    if (family.rows.length < positions * width) family.rows = new Int32Array((this.cap + maxShift - minShift) * width);
    const rows = family.rows;
    // how many tokens with emissions read position p: those from p - maxShift to p - minShift
    let readers = 0;
    for (let p = minShift; p < n + maxShift; p++) {
      const entering = p - minShift;
      const leaving = p - maxShift - 1;
      if (entering < n) readers += 1 - far[entering];
      if (leaving >= 0) readers -= 1 - far[leaving];
      if (readers === 0) continue;
      const base = (p + PAD) * NUM_KINDS;
      const out = (p - minShift) * width;
      let key = 0;
      let j = 0;
      for (; j < at.length; j++) {
        const id = padded[base + at[j]];
        if (id === UNK) break;
        key = key * size[j] + id;
      }
      if (j < at.length) rows.fill(-1, out, out + width);
      else table.lookup(key, rows, out);
    }
  }

  /** Sums a group's template rows for one combination of atoms into its cache; returns the pool offset. */
  private fillGroup(g: { templates: number[]; cache: VectorCache }, key: number, atoms: Int32Array, n: number, i: number): number {
    const { space, W } = this;
    const o = g.cache.insert(key);
    const v = g.cache.pool;
    for (const t of g.templates) {
      const tk = space.key(t, atoms, n, i);
      if (tk < 0) continue;
      const r = space.rowMaps[t].get(tk);
      if (r === undefined) continue;
      for (let y = 0; y < NL; y++) v[o + y] += W[r * NL + y];
    }
    return o;
  }

  /**
   * Splits tokens that scraping glued together (`PresidenPrabowoSubianto`,
   * `Madridakan`; see `glue.ts`) in place; returns the new token count. Only
   * words the unlabelled news never showed are candidates; a glued lower-case
   * tail must be one of `functionWords`.
   */
  splitGlued(text: string, toks: number[], n: number, functionWords: ReadonlySet<string>): number {
    const caseRatio = this.space.lexicons.caseRatio;
    if (caseRatio.size === 0) return n;
    const lists = this.space.lists;
    // a word that starts a listed name (`Tarakan`, `Boland`) is no glued pair
    const candidate = (i: number) => {
      const e = this.wordEntry(text, toks[2 * i], toks[2 * i + 1]);
      return e.unseen && e.first === undefined;
    };
    return splitGluedTokens(text, toks, n, candidate, {
      caseOf: (key) => caseRatio.get(key),
      tails: functionWords,
      // the first word of a listed name (`Atletico` of `Atletico Madrid`)
      isNamePart: (key) => lists?.first(key) !== undefined,
      // a listed country, province, regency, city or organisation on its own (`Perancis`, `Medan`, `ASEAN`)
      isPlaceOrBody: (key) => ((lists?.first(key)?.lists ?? 0) & PLACE_OR_BODY_LISTS) !== 0,
      // the first word of a listed organisation or team or of a name annotated in the other language (`Atletico`)
      startsKnownName: (key) => startsList(lists?.first(key), KNOWN_NAME_LISTS),
    });
  }

  /** Label indices for the tokens of text.slice(start, end) (for training and tests). */
  decode(text: string, start: number, end: number): { n: number; labels: Int32Array; best: number } {
    const n = tokenize(text, start, end, this.toks);
    const best = this.decodeTokens(text, this.toks, n);
    return { n, labels: this.labels, best };
  }

  /**
   * Emissions and the best labels of n tokens already found (`toks`: start/end
   * pairs into `text`); returns the best path's score. Results stay in the
   * shared buffers `lastLabels`, `lastEmissions`, `lastEntries` until the next call.
   */
  decodeTokens(text: string, toks: ArrayLike<number>, n: number): number {
    this.ensure(n);
    if (n === 0) return 0;
    this.emissions(text, toks, n);
    return this.bestPath(this.E, n, this.trans, this.endW, this.entryStartsWord);
  }

  /**
   * Best labels of emissions `E` (n * NL) under transitions `trans` (into `lastLabels`);
   * `startsWord(i)`: token i starts with a letter or digit (see `peopleAdjoin`).
   */
  decodeEmissions(E: ArrayLike<number>, n: number, startsWord: (i: number) => boolean, trans: ArrayLike<number> = this.trans, endW: ArrayLike<number> = this.endW): number {
    this.ensure(n);
    if (n === 0) return 0;
    return this.bestPath(E, n, trans, endW, startsWord);
  }

  /** Transitions of the last decoding (the model's, or with adjacent people forbidden). */
  lastTrans: ArrayLike<number> = [];

  /** Viterbi, and again with adjacent people forbidden when the best path put a name right after another. */
  private bestPath(E: ArrayLike<number>, n: number, trans: ArrayLike<number>, endW: ArrayLike<number>, startsWord: (i: number) => boolean): number {
    this.lastTrans = trans;
    const best = viterbi(E, n, trans, endW, this.labels, this.delta);
    if (!peopleAdjoin(this.labels, n, startsWord)) return best;
    this.lastTrans = peopleApart(trans);
    return viterbi(E, n, this.lastTrans, endW, this.labels, this.delta);
  }

  private readonly entryStartsWord = (i: number): boolean => startsWord(this.entries[i].word);

  get lastLabels(): Int32Array {
    return this.labels;
  }

  get lastEmissions(): Float64Array {
    return this.E;
  }

  /** The word entries of the last decoded tokens (text, lexicon key). */
  get lastEntries(): readonly WordEntry[] {
    return this.entries;
  }

  /**
   * Calibrated score of each span [first, last] of the last decoding (the
   * smallest margin over its tokens between the best path and the best path
   * that leaves the token outside every entity). `E`/`trans` default to the
   * last decoding's; `best` is its score.
   */
  spanScores(spans: ReadonlyArray<readonly [number, number, number]>, n: number, best: number, E: ArrayLike<number> = this.E, trans: ArrayLike<number> = this.lastTrans, endW: ArrayLike<number> = this.endW): number[] {
    if (spans.length === 0) return [];
    outsideMargins(E, n, trans, endW, this.delta, this.beta, best, this.margins);
    const { a, b } = this.calibration;
    return spans.map(([first, last]) => {
      let m = Infinity;
      for (let i = first; i <= last; i++) if (this.margins[i] < m) m = this.margins[i];
      const score = this.rawMargins ? m : 1 / (1 + Math.exp(-(a * m + b)));
      return Math.round(score * 1e4) / 1e4;
    });
  }

  tag(text: string, start: number, end: number): TaggedSpan[] {
    const { n, best } = this.decode(text, start, end);
    if (n === 0) return [];
    const spans = labelsToSpans(this.labels, n);
    const scores = this.spanScores(spans, n, best);
    return spans.map(([first, last, t], k) => ({ start: this.toks[2 * first], end: this.toks[2 * last + 1], type: TYPES[t], score: scores[k] }));
  }
}
