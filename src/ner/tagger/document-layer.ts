/**
 * The document-level second pass (Ratinov & Roth 2009's non-local features):
 * after the sentence tagger has decided every sentence of an article, each
 * word gets features from what the tagger said about the same word elsewhere
 * in the article — the majority type of its other capitalised occurrences,
 * whether they were all outside any entity, whether the word is also written
 * in lower case — and the sentences with such features are decoded again with
 * those features' weights added to the sentence tagger's emissions
 * (a stacked model: the weights are learned on held-out sentence-tagger
 * output, see `train.ts`).
 */
import type { DocLayerFile, LinearTagger } from './index.js';
import type { WordEntry } from './linear-tagger.js';
import { labelsToSpans, NL, startsWord } from './model.js';

/** One sentence as the sentence tagger decided it. */
export interface SentenceDecoding {
  n: number;
  labels: Int32Array;
  /** The sentence tagger's emissions (n * NL). */
  emissions: Float64Array;
  /** Text and lexicon key (lower case) of each token. */
  tokens: ReadonlyArray<{ readonly text: string; readonly key: string }>;
  /** Entity spans of `labels` ([first, last, type] token indices). */
  spans: Array<[number, number, number]>;
  /** Their calibrated scores, when asked for (they cost a backward pass). */
  scores: number[] | null;
  /**
   * Case of each token's first letter (`UNCASED`, `LOWER`, `UPPER`) when the tagger already
   * knew it (`takeDecoding`); computed from the text when absent.
   */
  cases?: Uint8Array;
}

/**
 * A sentence's decoding from the tagger's last `decodeTokens`/`decodeEmissions`
 * call (`best`: its path score), with span scores when `withScores`.
 */
export function takeDecoding(
  tagger: LinearTagger,
  n: number,
  best: number,
  emissions: Float64Array,
  tokens: SentenceDecoding['tokens'],
  withScores: boolean,
  trans?: ArrayLike<number>,
  end?: ArrayLike<number>,
): SentenceDecoding {
  const { labels, spans, scores } = labelsOf(tagger, n, best, emissions, withScores, trans, end);
  return { n, labels, emissions, tokens, spans, scores, cases: casesOf(tagger.lastEntries, tokens, n) };
}

/** Labels, spans and (when asked) span scores of the tagger's last decoding. */
function labelsOf(
  tagger: LinearTagger,
  n: number,
  best: number,
  emissions: Float64Array,
  withScores: boolean,
  trans?: ArrayLike<number>,
  end?: ArrayLike<number>,
): Pick<SentenceDecoding, 'labels' | 'spans' | 'scores'> {
  const labels = tagger.lastLabels.slice(0, n);
  const spans = labelsToSpans(labels, n);
  const scores = withScores ? tagger.spanScores(spans, n, best, emissions, trans, end) : null;
  return { labels, spans, scores };
}

/** Case of a token's first letter from the tagger's `WordEntry.cased` (0 uncased, 1 lower, 2 and 3 capital). */
const CASE_OF_CASED = Uint8Array.of(0, 1, 2, 2);

/**
 * The tokens' cases from the word entries of the tagger's last decoding (it classified each
 * distinct word once); a token the entries do not hold (another decoding's) is classified here.
 */
function casesOf(entries: readonly WordEntry[], tokens: SentenceDecoding['tokens'], n: number): Uint8Array {
  const cases = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    const w = tokens[i].text;
    cases[i] = e !== undefined && e.word === w ? CASE_OF_CASED[e.cased] : caseOf(w);
  }
  return cases;
}

function isUpperInitial(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = w[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLowerInitial(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = w[0];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

const UNCASED = 0;
const LOWER = 1;
const UPPER = 2;

function caseOf(w: string): number {
  return isUpperInitial(w) ? UPPER : isLowerInitial(w) ? LOWER : UNCASED;
}

/** Case of every token's first letter, all sentences in a row (the passes below read it several times). */
let caseScratch = new Uint8Array(4096);

function caseOfTokens(sentences: readonly SentenceDecoding[]): Uint8Array {
  let total = 0;
  for (const s of sentences) total += s.n;
  if (caseScratch.length < total) caseScratch = new Uint8Array(total * 2);
  const cases = caseScratch;
  let at = 0;
  for (const s of sentences) {
    const known = s.cases;
    // a loop: a subarray per sentence costs more than the copy
    if (known) for (let i = 0; i < s.n; i++) cases[at++] = known[i];
    else for (let i = 0; i < s.n; i++) cases[at++] = caseOf(s.tokens[i].text);
  }
  return cases;
}

/** `cases` from `base` on are the sentence's tokens. */
function headlineStyle(s: SentenceDecoding, cases: Uint8Array, base: number): boolean {
  let cased = 0;
  let capital = 0;
  for (let i = 0; i < s.n; i++) {
    const c = cases[base + i];
    if (c === UPPER) {
      cased++;
      capital++;
    } else if (c === LOWER) cased++;
  }
  return cased >= 4 && capital / cased >= 0.8;
}

/**
 * Document features are numbers `kind * 3 + place`: place F (first word), H
 * (a headline-style sentence) or M (elsewhere); kinds as `FEATURE_KINDS` names
 * them (`lc`: the word is also written in lower case; `allO`: its other
 * capitalised occurrences are outside any entity; `all:PER`, `maj:PER`,
 * `some:PER`: all, most or some of them are people; `multi:PER`: some are in a
 * longer person name; `alsoO`: not all of them are entities).
 */
export const FEATURE_KINDS = ['lc', 'allO', 'alsoO', 'all:PER', 'all:LOC', 'all:ORG', 'maj:PER', 'maj:LOC', 'maj:ORG', 'some:PER', 'some:LOC', 'some:ORG', 'multi:PER', 'multi:LOC', 'multi:ORG'];
export const NUM_FEATURES = FEATURE_KINDS.length * 3;
const PLACES = 'FHM';
const K_LC = 0;
const K_ALLO = 1;
const K_ALSOO = 2;
const K_ALL = 3;
const K_MAJ = 6;
const K_SOME = 9;
const K_MULTI = 12;

export function featureName(id: number): string {
  return `${FEATURE_KINDS[Math.floor(id / 3)]}|${PLACES[id % 3]}`;
}

/** Per capitalised word key, a row of counts in `tallyScratch`: these columns. */
const T_LOWER = 0;
const T_CAPITAL = 1;
const T_OUTSIDE = 2;
/** Occurrences typed PER, LOC, ORG (three columns from here on). */
const T_TYPES = 3;
/** Occurrences inside a longer mention of each type. */
const T_MULTI = 6;
const T_WIDTH = 9;

/**
 * Reused from article to article: the key -> row map, the rows, each token's row. A key keeps
 * its row across articles (most capitalised words come back); a row counts for the article
 * whose number `rowArticle` holds, and is zeroed when another article first uses it.
 */
const tallyRows = new Map<string, number>();
/** Past this many keys the map starts afresh, so memory stays bounded. */
const MAX_TALLY_ROWS = 1 << 16;
let tallyScratch = new Int32Array(256 * T_WIDTH);
let rowArticle = new Float64Array(256);
let article = 0;
let rowOfToken = new Int32Array(4096);
const types = [0, 0, 0];
const multi = [0, 0, 0];

/**
 * Calls `visit(sentence, token, feature)` for every document feature of every
 * token, from the current labels of all the sentences of one article.
 */
export function visitDocumentFeatures(sentences: readonly SentenceDecoding[], visit: (s: number, i: number, feature: number) => void): void {
  const cases = caseOfTokens(sentences);
  if (rowOfToken.length < cases.length) rowOfToken = new Int32Array(cases.length);
  const tokenRow = rowOfToken;
  // per capitalised word key: its occurrences by label type, then its lower-case occurrences
  if (tallyRows.size > MAX_TALLY_ROWS) tallyRows.clear();
  article++;
  let used = 0;
  let at = 0;
  for (const s of sentences) {
    for (let i = 0; i < s.n; i++, at++) {
      if (cases[at] !== UPPER) continue;
      const key = s.tokens[i].key;
      let r = tallyRows.get(key);
      if (r === undefined) {
        r = tallyRows.size;
        tallyRows.set(key, r);
        if (rowArticle.length <= r) {
          const rowsGrown = new Float64Array(rowArticle.length * 2);
          rowsGrown.set(rowArticle);
          rowArticle = rowsGrown;
          const grown = new Int32Array(rowArticle.length * T_WIDTH);
          grown.set(tallyScratch);
          tallyScratch = grown;
        }
        rowArticle[r] = 0;
      }
      if (rowArticle[r] !== article) {
        rowArticle[r] = article;
        for (let c = 0; c < T_WIDTH; c++) tallyScratch[r * T_WIDTH + c] = 0;
        used++;
      }
      tokenRow[at] = r;
      const t = r * T_WIDTH;
      tallyScratch[t + T_CAPITAL]++;
      const y = s.labels[i];
      if (y === 0) tallyScratch[t + T_OUTSIDE]++;
      else {
        const type = (y - 1) >> 2;
        tallyScratch[t + T_TYPES + type]++;
        if ((y - 1) % 4 !== 3) tallyScratch[t + T_MULTI + type]++;
      }
    }
  }
  if (used === 0) return;
  const tally = tallyScratch;
  at = 0;
  for (const s of sentences) {
    for (let i = 0; i < s.n; i++, at++) {
      if (cases[at] !== LOWER) continue;
      const r = tallyRows.get(s.tokens[i].key);
      if (r !== undefined && rowArticle[r] === article) tally[r * T_WIDTH + T_LOWER]++;
    }
  }
  let first = 0;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    let headline: boolean | null = null;
    for (let i = 0; i < s.n; i++) {
      if (cases[first + i] !== UPPER) continue;
      const t = tokenRow[first + i] * T_WIDTH;
      const lower = tally[t + T_LOWER];
      const others = tally[t + T_CAPITAL] - 1;
      if (lower === 0 && others <= 0) continue;
      headline ??= headlineStyle(s, cases, first);
      const place = i === 0 ? 0 : headline ? 1 : 2;
      if (lower > 0) visit(k, i, K_LC * 3 + place);
      if (others <= 0) continue;
      // this occurrence's own vote is taken out
      const y = s.labels[i];
      for (let q = 0; q < 3; q++) {
        types[q] = tally[t + T_TYPES + q];
        multi[q] = tally[t + T_MULTI + q];
      }
      let outside = tally[t + T_OUTSIDE];
      if (y === 0) outside--;
      else {
        const own = (y - 1) >> 2;
        types[own]--;
        if ((y - 1) % 4 !== 3) multi[own]--;
      }
      let best = -1;
      let bestN = 0;
      for (let q = 0; q < 3; q++) {
        if (types[q] > bestN) {
          best = q;
          bestN = types[q];
        }
      }
      if (best < 0) {
        visit(k, i, K_ALLO * 3 + place);
        continue;
      }
      const agree = bestN === others ? K_ALL : bestN * 2 > others ? K_MAJ : K_SOME;
      visit(k, i, (agree + best) * 3 + place);
      if (multi[best] > 0) visit(k, i, (K_MULTI + best) * 3 + place);
      if (outside > 0 && agree !== K_ALL) visit(k, i, K_ALSOO * 3 + place);
    }
    first += s.n;
  }
}

/** The document features of every token by name (`out[s][i]`), for training and tests. */
export function documentFeatures(sentences: readonly SentenceDecoding[]): string[][][] {
  const out = sentences.map((s) => Array.from({ length: s.n }, () => [] as string[]));
  visitDocumentFeatures(sentences, (s, i, f) => out[s][i].push(featureName(f)));
  return out;
}

/** The learned second pass of a tagger (weights per document feature, own transitions). */
export class DocumentLayer {
  /** Weight row of each feature id, -1 when the file has none. */
  private readonly rowOf = new Int32Array(NUM_FEATURES).fill(-1);
  private readonly W: Float64Array;
  readonly trans: Float64Array;
  readonly end: Float64Array;
  private scratch = new Float64Array(64 * NL);

  constructor(
    readonly tagger: LinearTagger,
    file: DocLayerFile,
  ) {
    const byName = new Map(file.features.map((f, r) => [f, r]));
    for (let id = 0; id < NUM_FEATURES; id++) this.rowOf[id] = byName.get(featureName(id)) ?? -1;
    this.W = Float64Array.from(file.weights);
    this.trans = Float64Array.from(file.trans);
    this.end = Float64Array.from(file.end);
  }

  private static readonly layers = new WeakMap<LinearTagger, DocumentLayer | null>();

  /** The document layer stored with a tagger's model, or null when it has none. */
  static of(tagger: LinearTagger): DocumentLayer | null {
    let layer = DocumentLayer.layers.get(tagger);
    if (layer === undefined) {
      layer = tagger.docLayer ? new DocumentLayer(tagger, tagger.docLayer) : null;
      DocumentLayer.layers.set(tagger, layer);
    }
    return layer;
  }

  /**
   * Decodes again, with the document features added to their emissions, the
   * sentences that have any (in place: labels, spans and scores change,
   * `emissions` stay the sentence tagger's); the others keep the sentence
   * tagger's decision.
   */
  redecide(sentences: SentenceDecoding[], withScores = false): void {
    // features come sentence by sentence, in order: one scratch copy of the emissions at a time
    let current = -1;
    const finish = () => {
      if (current < 0) return;
      const s = sentences[current];
      const E = this.scratch;
      const best = this.tagger.decodeEmissions(E, s.n, (i) => startsWord(s.tokens[i].text), this.trans, this.end);
      const d = labelsOf(this.tagger, s.n, best, E, withScores, this.tagger.lastTrans, this.end);
      s.labels = d.labels;
      s.spans = d.spans;
      s.scores = d.scores;
    };
    visitDocumentFeatures(sentences, (k, i, f) => {
      const r = this.rowOf[f];
      if (r < 0) return;
      if (k !== current) {
        finish();
        current = k;
        const s = sentences[k];
        if (this.scratch.length < s.n * NL) this.scratch = new Float64Array(s.n * NL * 2);
        // a loop: a subarray per sentence costs more than the copy
        const E = this.scratch;
        const from = s.emissions;
        for (let j = s.n * NL - 1; j >= 0; j--) E[j] = from[j];
      }
      const E = this.scratch;
      for (let y = 0; y < NL; y++) E[i * NL + y] += this.W[r * NL + y];
    });
    finish();
  }
}
