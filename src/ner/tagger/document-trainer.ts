/**
 * Training the document-level pass (`document-layer.ts`) as a stacked model:
 * the sentence tagger's decisions on sentences it did not see in training
 * (cross-validation folds) give the document features; a CRF learns their
 * weights and its own transitions on top of the sentence tagger's fixed emissions.
 */
import { DocumentLayer, documentFeatures, takeDecoding, type SentenceDecoding } from './document-layer.js';
import type { DocLayerFile, LinearTagger } from './index.js';
import { crf, type Prepared } from './learners.js';
import { NL, TYPES, spansToLabels } from './model.js';
import { tokenize } from './tokenize.js';
import { goldTokenSpans, type LabeledSentence } from './trainer.js';

/** A training sentence decided by a sentence tagger that did not see it. */
export interface HeldOutSentence {
  sentence: LabeledSentence;
  /** Sentences with the same `doc` form one article. */
  doc: string;
  fold: number;
  /** Token start/end pairs. */
  toks: number[];
  decoding: SentenceDecoding;
  gold: Int32Array;
}

/** Decides `sentence` with `tagger` (the fold's model) and keeps what the document layer needs. */
export function holdOut(tagger: LinearTagger, sentence: LabeledSentence, doc: string, fold: number): HeldOutSentence {
  const toks: number[] = [];
  const n = tokenize(sentence.text, 0, sentence.text.length, toks);
  const best = tagger.decodeTokens(sentence.text, toks, n);
  const entries = tagger.lastEntries.slice(0, n);
  const decoding = takeDecoding(
    tagger,
    n,
    best,
    Float64Array.from(tagger.lastEmissions.subarray(0, n * NL)),
    entries.map((e) => ({ text: e.word, key: e.key })),
    false,
  );
  return { sentence, doc, fold, toks: toks.slice(0, 2 * n), decoding, gold: spansToLabels(goldTokenSpans(toks, n, sentence.entities), n) };
}

/** The held-out sentences grouped by document, in first-seen order. */
function byDocument(items: readonly HeldOutSentence[]): HeldOutSentence[][] {
  const docs = new Map<string, HeldOutSentence[]>();
  for (const it of items) {
    let list = docs.get(it.doc);
    if (!list) docs.set(it.doc, (list = []));
    list.push(it);
  }
  return [...docs.values()];
}

export interface DocumentTrainOptions {
  epochs: number;
  seed: number;
  l2: number;
  eta: number;
}

/** Learns the document layer from held-out sentences (deterministic for a seed). */
export function trainDocumentLayer(items: readonly HeldOutSentence[], options: DocumentTrainOptions): DocLayerFile {
  const docs = byDocument(items);
  const perDoc = docs.map((d) => documentFeatures(d.map((it) => it.decoding)));
  const vocab = new Set<string>();
  for (const doc of perDoc) for (const sent of doc) for (const tok of sent) for (const f of tok) vocab.add(f);
  const features = [...vocab].sort();
  const rowOf = new Map(features.map((f, r) => [f, r]));
  const data: Prepared[] = [];
  const base: Float64Array[] = [];
  docs.forEach((d, k) => {
    d.forEach((it, j) => {
      // sentences without document features keep the sentence tagger's decision (see `redecide`)
      if (!perDoc[k][j].some((f) => f.length > 0)) return;
      const n = it.decoding.n;
      const rows: number[] = [];
      const rowStart = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        rowStart[i] = rows.length;
        for (const f of perDoc[k][j][i]) rows.push(rowOf.get(f)!);
      }
      rowStart[n] = rows.length;
      data.push({ n, rows: Int32Array.from(rows), rowStart, gold: it.gold });
      base.push(it.decoding.emissions);
    });
  });
  const w = crf(data, features.length, options.epochs, options.seed, options.l2, options.eta, undefined, base);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return { features, weights: Array.from(w.W, round), trans: Array.from(w.T, round), end: Array.from(w.End, round) };
}

/** Exact-span counts per type: [tp, fp, fn]. */
export type SpanCounts = Record<string, [number, number, number]>;

/** Counts of the held-out sentences' spans against their gold, after (or, with `layer` null, before) the document layer. */
export function countDocumentLayer(tagger: LinearTagger, layer: DocLayerFile | null, items: readonly HeldOutSentence[], into: SpanCounts): void {
  const dl = layer ? new DocumentLayer(tagger, layer) : null;
  for (const d of byDocument(items)) {
    const decodings = d.map((it) => ({ ...it.decoding, labels: Int32Array.from(it.decoding.labels), spans: [...it.decoding.spans] }));
    if (dl) dl.redecide(decodings);
    d.forEach((it, j) => {
      const pred = new Set(decodings[j].spans.map(([a, b, t]) => `${TYPES[t]}:${it.toks[2 * a]}:${it.toks[2 * b + 1]}`));
      const gold = new Set(it.sentence.entities.map((e) => `${e.type}:${e.start}:${e.end}`));
      for (const p of pred) into[p.slice(0, p.indexOf(':'))][gold.has(p) ? 0 : 1]++;
      for (const g of gold) if (!pred.has(g)) into[g.slice(0, g.indexOf(':'))][2]++;
    });
  }
}
