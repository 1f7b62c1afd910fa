/**
 * Training for the BILOU tagger (the learners are in `learners.ts`): feature
 * extraction over labelled sentences, evaluation (exact type/start/end
 * match); pruning, quantisation and serialisation to `ModelFile`.
 */
import type { EntityType } from '../../doc.js';
import { DEFAULT_TEMPLATES, KIND_NAMES, NUM_KINDS, RESERVED } from './features.js';
import { LinearTagger, lexiconsFromFile, taggerFromModel, type LexiconFile, type ModelFile, type ModelLanguage, type TaggedSpan } from './index.js';
import { PhraseLists, type ListName } from './lists.js';
import { crf, perceptron, type Prepared, type Weights } from './learners.js';
import { FeatureSpace, LABELS, NL, TYPES, Vocab, spansToLabels } from './model.js';
import { tokenize } from './tokenize.js';

export interface GoldSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** One training or evaluation sentence; offsets are UTF-16 indices into `text`. */
export interface LabeledSentence {
  id?: string;
  text: string;
  entities: GoldSpan[];
}

export interface TrainOptions {
  language?: ModelLanguage;
  /** Lexicons stored in the model (names, cue words, capitalisation classes, clusters). */
  lexicons?: LexiconFile;
  /** Name lists behind the list-match atoms, stored in the model. */
  lists?: Partial<Record<ListName, string[]>>;
  epochs?: number;
  seed?: number;
  templates?: string[];
  /** Rows whose largest absolute averaged weight is below this are dropped. */
  prune?: number;
  /** Called after every epoch with the epoch number and the averaged model as a tagger. */
  onEpoch?: (epoch: number, tagger: LinearTagger) => void;
  /** Number of models trained with consecutive seeds and averaged (default 1). */
  ensemble?: number;
  /** Learner: averaged structured perceptron (default) or CRF trained by SGD with L2. */
  algorithm?: 'perceptron' | 'crf';
  /** CRF L2 strength per sentence (default 1e-4) and initial learning rate (default 0.1). */
  l2?: number;
  eta?: number;
}

/** Token-index spans of the gold entities; a token belongs to an entity when it starts inside it. */
export function goldTokenSpans(toks: number[], n: number, entities: GoldSpan[]): Array<[number, number, number]> {
  const spans: Array<[number, number, number]> = [];
  let lastEnd = -1;
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const e of sorted) {
    let a = -1;
    let b = -1;
    for (let i = 0; i < n; i++) {
      const s = toks[2 * i];
      const t = toks[2 * i + 1];
      if (t > e.start && s < e.end) {
        if (a < 0) a = i;
        b = i;
      }
    }
    if (a < 0 || a <= lastEnd) continue; // empty or overlapping (nested) entity
    spans.push([a, b, TYPES.indexOf(e.type)]);
    lastEnd = b;
  }
  return spans;
}

export function prepare(space: FeatureSpace, data: LabeledSentence[], grow: boolean): Prepared[] {
  const toks: number[] = [];
  const out: Prepared[] = [];
  let atoms = new Int32Array(256 * NUM_KINDS);
  const rowBuf: number[] = [];
  for (const s of data) {
    const n = tokenize(s.text, 0, s.text.length, toks);
    if (atoms.length < n * NUM_KINDS) atoms = new Int32Array(n * NUM_KINDS * 2);
    space.atoms(s.text, toks, n, atoms);
    rowBuf.length = 0;
    const rowStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      rowStart[i] = rowBuf.length;
      space.rows(atoms, n, i, rowBuf, grow);
    }
    rowStart[n] = rowBuf.length;
    out.push({ n, rows: Int32Array.from(rowBuf), rowStart, gold: spansToLabels(goldTokenSpans(toks, n, s.entities), n) });
  }
  return out;
}

export interface TrainResult {
  model: ModelFile;
  tagger: LinearTagger;
  rowsBeforePrune: number;
}

export const EMPTY_LEXICONS: LexiconFile = { first: [], last: [], parts: [], cues: {}, caseRatio: {} };

/** The feature space for a language, lexicons and lists (training side: atoms are added as seen). */
export function newFeatureSpace(options: TrainOptions): FeatureSpace {
  const language = options.language ?? 'id';
  const lists = options.lists && Object.keys(options.lists).length > 0 ? new PhraseLists(options.lists) : null;
  return new FeatureSpace(options.templates ?? DEFAULT_TEMPLATES, lexiconsFromFile(language, options.lexicons ?? EMPTY_LEXICONS), lists);
}

export function trainTagger(train: LabeledSentence[], options: TrainOptions = {}): TrainResult {
  const epochs = options.epochs ?? 10;
  const space = newFeatureSpace(options);
  // pass 1 collects atom vocabularies, pass 2 creates feature rows with frozen ids
  const toks: number[] = [];
  let atoms = new Int32Array(256 * NUM_KINDS);
  for (const s of train) {
    const n = tokenize(s.text, 0, s.text.length, toks);
    if (atoms.length < n * NUM_KINDS) atoms = new Int32Array(n * NUM_KINDS * 2);
    space.atoms(s.text, toks, n, atoms);
  }
  space.freeze();
  const data = prepare(space, train, true);
  const R = space.nRows;
  const runs = Math.max(1, options.ensemble ?? 1);
  let sum: Weights | null = null;
  for (let k = 0; k < runs; k++) {
    const onEpoch = k === 0 && options.onEpoch ? (e: number, avg: Weights) => options.onEpoch!(e, new LinearTagger(space, avg.W, avg.T, avg.End)) : undefined;
    const w =
      options.algorithm === 'crf'
        ? crf(data, R, epochs, (options.seed ?? 1) + k, options.l2 ?? 1e-4, options.eta ?? 0.1, onEpoch, null)
        : perceptron(data, R, epochs, (options.seed ?? 1) + k, onEpoch);
    if (!sum) sum = w;
    else {
      for (let i = 0; i < w.W.length; i++) sum.W[i] += w.W[i];
      for (let i = 0; i < w.T.length; i++) sum.T[i] += w.T[i];
      for (let i = 0; i < NL; i++) sum.End[i] += w.End[i];
    }
  }
  const avg = sum!;
  if (runs > 1) {
    for (let i = 0; i < avg.W.length; i++) avg.W[i] /= runs;
    for (let i = 0; i < avg.T.length; i++) avg.T[i] /= runs;
    for (let i = 0; i < NL; i++) avg.End[i] /= runs;
  }
  const model = serialize(space, avg.W, avg.T, avg.End, options.prune ?? 1e-3, options);
  return { model, tagger: taggerFromModel(model), rowsBeforePrune: R };
}

function encodeInt32(a: ArrayLike<number>): string {
  const buf = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) buf.writeInt32LE(a[i], i * 4);
  return buf.toString('base64');
}

function encodeInt16(a: ArrayLike<number>): string {
  const buf = Buffer.alloc(a.length * 2);
  for (let i = 0; i < a.length; i++) buf.writeInt16LE(a[i], i * 2);
  return buf.toString('base64');
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Prunes small rows, renumbers atoms to the ones still used, quantises weights. */
export function serialize(space: FeatureSpace, W: Float64Array, T: Float64Array, End: Float64Array, prune: number, options: TrainOptions = {}): ModelFile {
  let maxAbs = 0;
  for (let i = 0; i < W.length; i++) maxAbs = Math.max(maxAbs, Math.abs(W[i]));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  // keep rows with a weight above the pruning threshold (and above quantisation noise)
  const nt = space.templates.length;
  const kept: Array<Array<[number, number]>> = []; // per template: [key, row]
  for (let t = 0; t < nt; t++) {
    const list: Array<[number, number]> = [];
    for (const [key, r] of space.rowMaps[t]) {
      let m = 0;
      for (let y = 0; y < NL; y++) m = Math.max(m, Math.abs(W[r * NL + y]));
      if (m >= prune && m >= scale) list.push([key, r]);
    }
    list.sort((a, b) => a[0] - b[0]);
    kept.push(list);
  }
  // atoms still used, renumbered in first-use order of the sorted vocabulary
  const used: Array<Set<number>> = Array.from({ length: NUM_KINDS }, () => new Set<number>());
  for (let t = 0; t < nt; t++) {
    const parts = space.templates[t];
    for (const [key] of kept[t]) {
      const ids = space.decodeKey(t, key);
      for (let q = 0; q < parts.length; q++) if (ids[q] >= RESERVED) used[parts[q][0]].add(ids[q]);
    }
  }
  const remap: Array<Map<number, number>> = [];
  const vocab: Record<string, string[]> = {};
  for (let k = 0; k < NUM_KINDS; k++) {
    const strings = [...used[k]].map((id) => space.vocabs[k].string(id)).sort();
    const v = new Vocab(strings);
    if (v.list.length) vocab[KIND_NAMES[k]] = v.list;
    const m = new Map<number, number>();
    for (const id of used[k]) m.set(id, v.get(space.vocabs[k].string(id)));
    remap.push(m);
  }
  const features: string[] = [];
  const weights: number[] = [];
  for (let t = 0; t < nt; t++) {
    const parts = space.templates[t];
    const rows: Array<{ ids: number[]; r: number }> = kept[t].map(([key, r]) => ({
      ids: space.decodeKey(t, key).map((id, q) => (id < RESERVED ? id : remap[parts[q][0]].get(id)!)),
      r,
    }));
    // order rows by their new ids so the file is canonical
    rows.sort((a, b) => {
      for (let q = 0; q < a.ids.length; q++) if (a.ids[q] !== b.ids[q]) return a.ids[q] - b.ids[q];
      return 0;
    });
    const flat: number[] = [];
    for (const { ids, r } of rows) {
      if (parts.length === 0) flat.push(0);
      else flat.push(...ids);
      for (let y = 0; y < NL; y++) weights.push(Math.round(W[r * NL + y] / scale));
    }
    features.push(encodeInt32(flat));
  }
  return {
    format: 'warta-ner-tagger',
    version: 2,
    language: options.language ?? 'id',
    labels: LABELS,
    templates: space.templateSpecs,
    vocab,
    lexicons: options.lexicons ?? EMPTY_LEXICONS,
    lists: options.lists ?? {},
    features,
    weights: encodeInt16(weights),
    weightScale: scale,
    trans: Array.from(T, round),
    end: Array.from(End, round),
    calibration: { a: 1, b: 0 },
  };
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Exact (type, start, end) precision/recall/F1 per type and micro. */
export function evaluate(
  tagger: { tag(text: string, start: number, end: number): TaggedSpan[] },
  data: LabeledSentence[],
): { perType: Record<string, PRF>; micro: PRF; predictions: TaggedSpan[][] } {
  const counts: Record<string, [number, number, number]> = {};
  for (const t of TYPES) counts[t] = [0, 0, 0];
  const predictions: TaggedSpan[][] = [];
  for (const s of data) {
    const pred = tagger.tag(s.text, 0, s.text.length);
    predictions.push(pred);
    const gold = new Set(s.entities.map((e) => `${e.type}:${e.start}:${e.end}`));
    const seen = new Set<string>();
    for (const p of pred) {
      const k = `${p.type}:${p.start}:${p.end}`;
      if (gold.has(k) && !seen.has(k)) {
        counts[p.type][0]++;
        seen.add(k);
      } else counts[p.type][1]++;
    }
    for (const e of s.entities) if (!seen.has(`${e.type}:${e.start}:${e.end}`)) counts[e.type][2]++;
  }
  const perType: Record<string, PRF> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of TYPES) {
    perType[t] = prf(...counts[t]);
    tp += counts[t][0];
    fp += counts[t][1];
    fn += counts[t][2];
  }
  return { perType, micro: prf(tp, fp, fn), predictions };
}
