/**
 * From a tokenized corpus to a word-cluster table ("spectral Brown clusters", Stratos et al.
 * 2014): PPMI word-context matrix → truncated SVD → unit-length word vectors → windowed Ward
 * agglomeration into bit-string paths. Minutes on a few million words where Liang's exchange of
 * class-bigram counts (O(V·C²)) would take hours in JavaScript.
 */
import type { ClusterEntry } from '../ner/clusters.js';
import { agglomerate } from './agglomerate.js';
import { ppmiMatrix } from './cooccurrence.js';
import type { Corpus } from './corpus.js';
import { truncatedSvd } from './svd.js';

export interface LearnOptions {
  /** Leaf clusters (Brown's C). */
  clusters: number;
  /** SVD rank. */
  dims: number;
  /** Words seen fewer times are left out. */
  minCount: number;
  maxVocab: number;
  contextWords: number;
  /** Singular-value weighting exponent of the word vectors (0: U only, 1: U·Σ). */
  eigenPower: number;
  seed: number;
  /** Progress lines (timings). */
  log?: (line: string) => void;
}

export const DEFAULT_LEARN_OPTIONS: LearnOptions = {
  clusters: 1000,
  dims: 100,
  minCount: 3,
  maxVocab: 100_000,
  contextWords: 20_000,
  eigenPower: 0.5,
  seed: 1,
};

export interface LearnedClusters {
  /** File order: by path, then by frequency. */
  entries: ClusterEntry[];
  /** Vocabulary words by descending frequency, their paths and counts. */
  words: string[];
  paths: string[];
  counts: number[];
  leaves: number;
  /** Unit-length word vectors (words × dims), for neighbour printouts. */
  vectors: Float64Array;
  dims: number;
}

/** Capitalisation decile of a type, -1 with fewer than 3 sentence-internal occurrences. */
function capitalDecile(internal: number, capitalised: number): number {
  if (internal < 3) return -1;
  return Math.min(9, Math.floor((10 * capitalised) / internal));
}

export function learnClusters(corpus: Corpus, options: LearnOptions): LearnedClusters {
  const log = options.log ?? (() => {});
  let t0 = performance.now();
  const lap = (what: string) => {
    const t = performance.now();
    log(`${what}: ${((t - t0) / 1000).toFixed(1)} s`);
    t0 = t;
  };
  const { types, counts } = corpus;
  // frequency order, ties by key: the order fixes the agglomeration, so it must not depend on input order
  const order = types.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || (types[a] < types[b] ? -1 : types[a] > types[b] ? 1 : 0));
  const rowOf = new Int32Array(types.length).fill(-1);
  const contextOf = new Int32Array(types.length).fill(-1);
  let rows = 0;
  for (const t of order) {
    if (counts[t] < options.minCount || rows >= options.maxVocab) break;
    rowOf[t] = rows++;
  }
  const contextWords = Math.min(options.contextWords, types.length);
  for (let i = 0; i < contextWords; i++) contextOf[order[i]] = i;
  const words = order.slice(0, rows).map((t) => types[t]);
  log(`vocabulary ${rows} words (of ${types.length} types, ${corpus.tokens} tokens), ${contextWords} context words`);

  const matrix = ppmiMatrix(corpus.stream, rowOf, contextOf, rows, { contextWords, alpha: 0.75 });
  lap(`PPMI matrix ${matrix.rows} × ${matrix.cols}, ${matrix.values.length} non-zero`);
  const svd = truncatedSvd(matrix, Math.min(options.dims, rows), { seed: options.seed });
  lap(`SVD rank ${svd.rank}`);
  const dims = svd.rank;
  const vectors = new Float64Array(rows * dims);
  const weight = svd.singular.map((s) => Math.pow(s, options.eigenPower));
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = svd.u[r * dims + j] * weight[j];
      vectors[r * dims + j] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < dims; j++) vectors[r * dims + j] *= inv;
    }
  }
  const tree = agglomerate(vectors, rows, dims, options.clusters);
  lap(`agglomeration into ${tree.leaves} clusters`);

  const entries: ClusterEntry[] = [];
  const rowIds = words.map((_, r) => r).sort((a, b) => (tree.paths[a] < tree.paths[b] ? -1 : tree.paths[a] > tree.paths[b] ? 1 : a - b));
  for (const r of rowIds) {
    const t = order[r];
    entries.push({ path: tree.paths[r], key: types[t], capitals: capitalDecile(corpus.internal[t], corpus.capitalised[t]) });
  }
  return { entries, words, paths: tree.paths, counts: order.slice(0, rows).map((t) => counts[t]), leaves: tree.leaves, vectors, dims };
}
