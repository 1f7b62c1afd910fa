/**
 * Averaged structured perceptron training for the BILOU tagger, evaluation
 * (exact type/start/end match), pruning and serialisation to `ModelFile`.
 * Deterministic: sentence order per epoch comes from a seeded PRNG.
 */
import type { EntityType } from '../../doc.js';
import { KIND_NAMES, K_CUE, K_NM, NUM_KINDS, RESERVED } from './features.js';
import { LinearTagger, taggerFromModel, type ModelFile, type TaggedSpan } from './index.js';
import { rootWords } from './lexicon.js';
import { ALLOWED, ALLOWED_END, FeatureSpace, LABELS, NL, TYPES, Vocab, spansToLabels, viterbi } from './model.js';
import { tokenize } from './tokenize.js';
import { DEFAULT_TEMPLATES } from './features.js';
import { mulberry32 } from '../../random.js';

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
  epochs?: number;
  seed?: number;
  templates?: string[];
  /** Rows whose largest absolute averaged weight is below this are dropped. */
  prune?: number;
  /** Called after every epoch with the epoch number and the averaged model as a tagger. */
  onEpoch?: (epoch: number, tagger: LinearTagger) => void;
  /** Given names and surnames for the `nm` atoms (lower case); stored in the model. */
  names?: { first: string[]; last: string[] };
  /** Cue-word classes (lower-case word -> letters) for the `cue` atoms; stored in the model. */
  cues?: Record<string, string>;
  /** Number of models trained with consecutive seeds and averaged (default 1). */
  ensemble?: number;
  /** Learner: averaged structured perceptron (default) or CRF trained by SGD with L2. */
  algorithm?: 'perceptron' | 'crf';
  /** CRF L2 strength per sentence (default 1e-4) and initial learning rate (default 0.1). */
  l2?: number;
  eta?: number;
}

interface Prepared {
  n: number;
  rows: Int32Array;
  rowStart: Int32Array;
  gold: Int32Array;
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

function prepare(space: FeatureSpace, data: LabeledSentence[], grow: boolean): Prepared[] {
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

export function trainTagger(train: LabeledSentence[], options: TrainOptions = {}): TrainResult {
  const epochs = options.epochs ?? 10;
  const templates = options.templates ?? DEFAULT_TEMPLATES;
  const names = {
    first: [...new Set(options.names?.first ?? [])].sort(),
    last: [...new Set(options.names?.last ?? [])].sort(),
  };
  const cues = Object.fromEntries(Object.entries(options.cues ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const space = new FeatureSpace(templates, {
    roots: rootWords(),
    first: new Set(names.first),
    last: new Set(names.last),
    cues: new Map(Object.entries(cues)),
  });
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
        ? crf(data, R, epochs, (options.seed ?? 1) + k, options.l2 ?? 1e-4, options.eta ?? 0.1, onEpoch)
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
  const model = serialize(space, avg.W, avg.T, avg.End, options.prune ?? 1e-3);
  if (space.templates.some((t) => t.some(([k]) => k === K_NM))) model.names = names;
  if (space.templates.some((t) => t.some(([k]) => k === K_CUE))) model.cues = cues;
  return { model, tagger: taggerFromModel(model), rowsBeforePrune: R };
}

interface Weights {
  W: Float64Array;
  T: Float64Array;
  End: Float64Array;
}

/** Averaged structured perceptron over prepared sentences; returns the averaged weights. */
function perceptron(data: Prepared[], R: number, epochs: number, seed: number, onEpoch?: (epoch: number, avg: Weights) => void): Weights {
  const W = new Float64Array(R * NL);
  const U = new Float64Array(R * NL);
  const T = new Float64Array((NL + 1) * NL);
  const TU = new Float64Array((NL + 1) * NL);
  const EndW = new Float64Array(NL);
  const EndU = new Float64Array(NL);
  let maxN = 1;
  for (const d of data) maxN = Math.max(maxN, d.n);
  const E = new Float64Array(maxN * NL);
  const delta = new Float64Array(maxN * NL);
  const bp = new Int32Array(maxN * NL);
  const pred = new Int32Array(maxN);
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  let c = 1;

  const averaged = (): Weights => {
    const aw = new Float64Array(W.length);
    for (let i = 0; i < W.length; i++) aw[i] = W[i] - U[i] / c;
    const at = new Float64Array(T.length);
    for (let i = 0; i < T.length; i++) at[i] = T[i] - TU[i] / c;
    const ae = new Float64Array(NL);
    for (let i = 0; i < NL; i++) ae[i] = EndW[i] - EndU[i] / c;
    return { W: aw, T: at, End: ae };
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, rand);
    for (const idx of order) {
      const d = data[idx];
      const n = d.n;
      if (n === 0) continue;
      E.fill(0, 0, n * NL);
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let q = d.rowStart[i]; q < d.rowStart[i + 1]; q++) {
          const w = d.rows[q] * NL;
          for (let y = 0; y < NL; y++) E[b + y] += W[w + y];
        }
      }
      viterbi(E, n, T, EndW, pred, delta, bp);
      const g = d.gold;
      for (let i = 0; i < n; i++) {
        const gy = g[i];
        const py = pred[i];
        if (gy !== py) {
          for (let q = d.rowStart[i]; q < d.rowStart[i + 1]; q++) {
            const w = d.rows[q] * NL;
            W[w + gy] += 1;
            U[w + gy] += c;
            W[w + py] -= 1;
            U[w + py] -= c;
          }
        }
        const gp = i === 0 ? NL : g[i - 1];
        const pp = i === 0 ? NL : pred[i - 1];
        if (gp !== pp || gy !== py) {
          T[gp * NL + gy] += 1;
          TU[gp * NL + gy] += c;
          T[pp * NL + py] -= 1;
          TU[pp * NL + py] -= c;
        }
      }
      if (g[n - 1] !== pred[n - 1]) {
        EndW[g[n - 1]] += 1;
        EndU[g[n - 1]] += c;
        EndW[pred[n - 1]] -= 1;
        EndU[pred[n - 1]] -= c;
      }
      c++;
    }
    if (onEpoch) onEpoch(epoch, averaged());
  }
  return averaged();
}

/**
 * Linear-chain CRF (same features and BILOU constraints) trained by SGD on
 * the log-likelihood with L2 regularisation (lazy scaling) and a decaying
 * learning rate; returns the final weights.
 */
function crf(data: Prepared[], R: number, epochs: number, seed: number, l2: number, eta0: number, onEpoch?: (epoch: number, w: Weights) => void): Weights {
  const V = new Float64Array(R * NL); // W = scale * V
  let scale = 1;
  const T = new Float64Array((NL + 1) * NL);
  const End = new Float64Array(NL);
  let maxN = 1;
  for (const d of data) maxN = Math.max(maxN, d.n);
  const E = new Float64Array(maxN * NL);
  const A = new Float64Array(maxN * NL);
  const B = new Float64Array(maxN * NL);
  const G = new Float64Array(maxN * NL); // gradient wrt emissions
  const GT = new Float64Array((NL + 1) * NL);
  const GE = new Float64Array(NL);
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  let t = 0;
  const NEG_INF = -Infinity;
  const lse = (a: number, b: number) => (a === NEG_INF ? b : b === NEG_INF ? a : a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));
  let avg: Weights | null = null;
  let nAvg = 0;
  const snapshot = (): Weights => {
    const W = new Float64Array(V.length);
    for (let i = 0; i < V.length; i++) W[i] = V[i] * scale;
    return { W, T: Float64Array.from(T), End: Float64Array.from(End) };
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, rand);
    for (const idx of order) {
      const d = data[idx];
      const n = d.n;
      if (n === 0) continue;
      const eta = eta0 / (1 + eta0 * l2 * t);
      t++;
      E.fill(0, 0, n * NL);
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let q = d.rowStart[i]; q < d.rowStart[i + 1]; q++) {
          const w = d.rows[q] * NL;
          for (let y = 0; y < NL; y++) E[b + y] += V[w + y];
        }
        for (let y = 0; y < NL; y++) E[b + y] *= scale;
      }
      // forward
      for (let y = 0; y < NL; y++) A[y] = ALLOWED[NL * NL + y] ? T[NL * NL + y] + E[y] : NEG_INF;
      for (let i = 1; i < n; i++) {
        const b = i * NL;
        for (let y = 0; y < NL; y++) {
          let acc = NEG_INF;
          for (let p = 0; p < NL; p++) if (ALLOWED[p * NL + y]) acc = lse(acc, A[b - NL + p] + T[p * NL + y]);
          A[b + y] = acc + E[b + y];
        }
      }
      let logZ = NEG_INF;
      const lb = (n - 1) * NL;
      for (let y = 0; y < NL; y++) if (ALLOWED_END[y]) logZ = lse(logZ, A[lb + y] + End[y]);
      // backward
      for (let y = 0; y < NL; y++) B[lb + y] = ALLOWED_END[y] ? End[y] : NEG_INF;
      for (let i = n - 2; i >= 0; i--) {
        const b = i * NL;
        for (let p = 0; p < NL; p++) {
          let acc = NEG_INF;
          for (let y = 0; y < NL; y++) if (ALLOWED[p * NL + y]) acc = lse(acc, T[p * NL + y] + E[b + NL + y] + B[b + NL + y]);
          B[b + p] = acc;
        }
      }
      // gradients (expected - observed)
      GT.fill(0);
      GE.fill(0);
      const g = d.gold;
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let y = 0; y < NL; y++) G[b + y] = Math.exp(A[b + y] + B[b + y] - logZ);
        G[b + g[i]] -= 1;
        if (i === 0) {
          for (let y = 0; y < NL; y++) if (ALLOWED[NL * NL + y]) GT[NL * NL + y] += Math.exp(T[NL * NL + y] + E[y] + B[y] - logZ);
          GT[NL * NL + g[0]] -= 1;
        } else {
          for (let p = 0; p < NL; p++) {
            const ap = A[b - NL + p];
            if (ap === NEG_INF) continue;
            for (let y = 0; y < NL; y++) {
              if (!ALLOWED[p * NL + y]) continue;
              GT[p * NL + y] += Math.exp(ap + T[p * NL + y] + E[b + y] + B[b + y] - logZ);
            }
          }
          GT[g[i - 1] * NL + g[i]] -= 1;
        }
      }
      for (let y = 0; y < NL; y++) if (ALLOWED_END[y]) GE[y] += Math.exp(A[lb + y] + End[y] - logZ);
      GE[g[n - 1]] -= 1;
      // L2 decay by scaling, then the sparse step
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let i = 0; i < V.length; i++) V[i] *= scale;
        scale = 1;
      }
      const step = eta / scale;
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let q = d.rowStart[i]; q < d.rowStart[i + 1]; q++) {
          const w = d.rows[q] * NL;
          for (let y = 0; y < NL; y++) V[w + y] -= step * G[b + y];
        }
      }
      for (let k = 0; k < T.length; k++) T[k] -= eta * (GT[k] + l2 * T[k]);
      for (let y = 0; y < NL; y++) End[y] -= eta * (GE[y] + l2 * End[y]);
    }
    // average the end-of-epoch weights over the second half of training
    if (epoch > epochs >> 1) {
      const snap = snapshot();
      if (!avg) avg = snap;
      else {
        for (let i = 0; i < snap.W.length; i++) avg.W[i] += snap.W[i];
        for (let i = 0; i < snap.T.length; i++) avg.T[i] += snap.T[i];
        for (let i = 0; i < NL; i++) avg.End[i] += snap.End[i];
      }
      nAvg++;
    }
    if (onEpoch) onEpoch(epoch, avg ? divided(avg, nAvg) : snapshot());
  }
  return avg ? divided(avg, nAvg) : snapshot();
}

function divided(w: Weights, k: number): Weights {
  return { W: w.W.map((x) => x / k), T: w.T.map((x) => x / k), End: w.End.map((x) => x / k) };
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
export function serialize(space: FeatureSpace, W: Float64Array, T: Float64Array, End: Float64Array, prune: number): ModelFile {
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
    version: 1,
    labels: LABELS,
    templates: space.templateSpecs,
    vocab,
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

/** Fisher–Yates shuffle in place with a seeded generator (the training order of each epoch). */
function shuffle(order: number[], rand: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
}
