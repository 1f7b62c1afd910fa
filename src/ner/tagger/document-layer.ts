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
import { labelsToSpans, NL } from './model.js';

/** One sentence as the sentence tagger decided it. */
export interface SentenceDecoding {
  n: number;
  labels: Int32Array;
  /** The sentence tagger's emissions (n * NL). */
  emissions: Float64Array;
  /** Lexicon key (lower case) and text of each token. */
  keys: readonly string[];
  words: readonly string[];
  /** Entity spans of `labels` ([first, last, type] token indices) and their calibrated scores. */
  spans: Array<[number, number, number]>;
  scores: number[];
}

/** A sentence's decoding from the tagger's last `decodeTokens`/`decodeEmissions` call (`best`: its path score). */
export function takeDecoding(tagger: LinearTagger, n: number, best: number, emissions: Float64Array, keys: readonly string[], words: readonly string[], trans?: ArrayLike<number>, end?: ArrayLike<number>): SentenceDecoding {
  const labels = Int32Array.from(tagger.lastLabels.subarray(0, n));
  const spans = labelsToSpans(labels, n);
  const scores = tagger.spanScores(spans, n, best, emissions, trans, end);
  return { n, labels, emissions, keys, words, spans, scores };
}

const TYPE_NAMES = ['PER', 'LOC', 'ORG'];

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

/** Where the token stands: F first word, H in a headline-style sentence, M elsewhere. */
function placeOf(s: SentenceDecoding, i: number, headline: boolean): string {
  return i === 0 ? 'F' : headline ? 'H' : 'M';
}

function headlineStyle(s: SentenceDecoding): boolean {
  let cased = 0;
  let capital = 0;
  for (const w of s.words) {
    if (isUpperInitial(w)) {
      cased++;
      capital++;
    } else if (isLowerInitial(w)) cased++;
  }
  return cased >= 4 && capital / cased >= 0.8;
}

/**
 * Document features of every token, as strings (`maj:PER|M`, `lc|F`, ...),
 * from the current labels of all the sentences. `out[s][i]` lists token i of sentence s.
 */
export function documentFeatures(sentences: readonly SentenceDecoding[]): string[][][] {
  // per word key: capitalised occurrences by label type, lower-case occurrences
  interface Tally {
    lower: number;
    capital: number;
    outside: number;
    types: [number, number, number];
    multi: [number, number, number];
  }
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string): Tally => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { lower: 0, capital: 0, outside: 0, types: [0, 0, 0], multi: [0, 0, 0] }));
    return t;
  };
  for (const s of sentences) {
    for (let i = 0; i < s.n; i++) {
      const w = s.words[i];
      if (isLowerInitial(w)) {
        tallyOf(s.keys[i]).lower++;
        continue;
      }
      if (!isUpperInitial(w)) continue;
      const t = tallyOf(s.keys[i]);
      t.capital++;
      const y = s.labels[i];
      if (y === 0) t.outside++;
      else {
        const type = (y - 1) >> 2;
        t.types[type]++;
        if ((y - 1) % 4 !== 3) t.multi[type]++;
      }
    }
  }
  return sentences.map((s) => {
    const headline = headlineStyle(s);
    const feats: string[][] = [];
    for (let i = 0; i < s.n; i++) {
      const w = s.words[i];
      const f: string[] = [];
      feats.push(f);
      if (!isUpperInitial(w)) continue;
      const t = tallies.get(s.keys[i]);
      if (!t) continue;
      const place = placeOf(s, i, headline);
      // this occurrence's own vote is taken out
      const y = s.labels[i];
      const own = y === 0 ? -1 : (y - 1) >> 2;
      const ownMulti = y !== 0 && (y - 1) % 4 !== 3;
      const types = [t.types[0], t.types[1], t.types[2]];
      const multi = [t.multi[0], t.multi[1], t.multi[2]];
      let outside = t.outside;
      if (own >= 0) {
        types[own]--;
        if (ownMulti) multi[own]--;
      } else outside--;
      const others = t.capital - 1;
      if (t.lower > 0) f.push(`lc|${place}`);
      if (others <= 0) continue;
      let best = -1;
      let bestN = 0;
      for (let k = 0; k < 3; k++) if (types[k] > bestN) [best, bestN] = [k, types[k]];
      if (best < 0) f.push(`allO|${place}`);
      else {
        const agree = bestN === others ? 'all' : bestN * 2 > others ? 'maj' : 'some';
        f.push(`${agree}:${TYPE_NAMES[best]}|${place}`);
        if (multi[best] > 0) f.push(`multi:${TYPE_NAMES[best]}|${place}`);
        if (outside > 0 && agree !== 'all') f.push(`alsoO|${place}`);
      }
    }
    return feats;
  });
}

/** The learned second pass of a tagger (weights per document feature, own transitions). */
export class DocumentLayer {
  private readonly rows = new Map<string, number>();
  private readonly W: Float64Array;

  constructor(
    readonly tagger: LinearTagger,
    file: DocLayerFile,
  ) {
    file.features.forEach((f, r) => this.rows.set(f, r));
    this.W = Float64Array.from(file.weights);
    this.trans = Float64Array.from(file.trans);
    this.end = Float64Array.from(file.end);
  }

  readonly trans: Float64Array;
  readonly end: Float64Array;

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
  redecide(sentences: SentenceDecoding[]): void {
    const feats = documentFeatures(sentences);
    sentences.forEach((s, k) => {
      if (!feats[k].some((f) => f.length > 0)) return;
      const E = Float64Array.from(s.emissions);
      for (let i = 0; i < s.n; i++) {
        for (const f of feats[k][i]) {
          const r = this.rows.get(f);
          if (r === undefined) continue;
          for (let y = 0; y < NL; y++) E[i * NL + y] += this.W[r * NL + y];
        }
      }
      const best = this.tagger.decodeEmissions(E, s.n, this.trans, this.end);
      const d = takeDecoding(this.tagger, s.n, best, E, s.keys, s.words, this.trans, this.end);
      s.labels = d.labels;
      s.spans = d.spans;
      s.scores = d.scores;
    });
  }
}
