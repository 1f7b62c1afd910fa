import { LanguageDetector } from '../detect.js';
import { IdMsFeatures } from '../idms-features.js';
import { IdMsModel, MODEL_FORMAT, type Calibration, type IdBias, type IdMsModelMeta } from '../idms-model.js';

export const NO_BIAS: IdBias = { short: 0, medium: 0, long: 0 };
import { trainLogistic, type LogisticModel, type LogisticOptions } from './logistic.js';
import { bandOf, type Sample } from './samples.js';

/**
 * Cross-validation of the Indonesian/Malay model, split so that nothing of a
 * test article (or of a test outlet) was seen in training: k folds by article,
 * and leave-one-outlet-out (every outlet with enough articles is held out in
 * turn, the small ones together), which shows whether the model learned the
 * language or an outlet's house style. Each test sample is scored by the
 * fold's model alone (`model`) and by the whole detector with that model
 * (`detector`: any of the candidate languages, `und` included, may come out).
 */

export interface Tally {
  n: number;
  correct: number;
}

/** Counts by gold language, band and answer. */
export interface FoldResult {
  name: string;
  /** Samples per language in the held-out part. */
  articles: number;
  model: Record<string, Tally>;
  detector: Record<string, Tally>;
  /** gold -> answer -> count (detector). */
  confusion: Record<string, Record<string, number>>;
}

export interface Plan {
  name: string;
  test: (sample: Sample) => boolean;
}

/** A stable fold number for an article id (FNV-1a), so folds do not depend on sample order. */
export function articleFold(article: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < article.length; i++) h = Math.imul(h ^ article.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

export function articlePlans(k: number): Plan[] {
  return Array.from({ length: k }, (_, f) => ({ name: `article fold ${f + 1}/${k}`, test: (s: Sample) => articleFold(s.article, k) === f }));
}

/**
 * One plan per outlet with at least `minArticles` articles; the rest of each
 * language's outlets make one pooled group.
 */
export function outletPlans(samples: readonly Sample[], minArticles: number): Plan[] {
  const articles = new Map<string, Set<string>>();
  const langOf = new Map<string, string>();
  for (const s of samples) {
    const key = `${s.lang}\t${s.outlet}`;
    if (!articles.has(key)) articles.set(key, new Set());
    articles.get(key)!.add(s.article);
    langOf.set(key, s.lang);
  }
  const big = [...articles].filter(([, a]) => a.size >= minArticles).map(([k]) => k).sort();
  const bigSet = new Set(big);
  const plans: Plan[] = big.map((key) => {
    const [lang, outlet] = key.split('\t');
    return { name: `${lang} ${outlet}`, test: (s: Sample) => s.lang === lang && s.outlet === outlet };
  });
  for (const lang of ['id', 'ms']) {
    const small = [...articles.keys()].filter((k) => langOf.get(k) === lang && !bigSet.has(k));
    if (small.length === 0) continue;
    const set = new Set(small);
    plans.push({ name: `${lang} other outlets (${small.length})`, test: (s: Sample) => set.has(`${s.lang}\t${s.outlet}`) });
  }
  return plans;
}

export interface Weighting {
  /** Weight of a sample so that both languages weigh the same within each kind. */
  weight(sample: Sample): number;
}

export function balancedWeights(samples: readonly Sample[]): Weighting {
  const count = new Map<string, number>();
  const kindTotal = new Map<string, number>();
  for (const s of samples) {
    count.set(`${s.lang}${s.kind}`, (count.get(`${s.lang}${s.kind}`) ?? 0) + 1);
    kindTotal.set(s.kind, (kindTotal.get(s.kind) ?? 0) + 1);
  }
  return { weight: (s) => kindTotal.get(s.kind)! / 2 / count.get(`${s.lang}${s.kind}`)! };
}

export function trainOn(samples: readonly Sample[], bits: number, options: LogisticOptions): LogisticModel {
  const weighting = balancedWeights(samples);
  const features = new IdMsFeatures(bits);
  return trainLogistic(
    features,
    samples.map((s) => ({ text: s.masked, y: s.lang === 'ms' ? 1 : 0, weight: weighting.weight(s) })),
    options,
  );
}

/**
 * Calibration (Platt scaling extended by the lexicon): a, lexicon, b minimising the
 * weighted log-loss of sigmoid(a * score + lexicon * lexical + b), by Newton's method.
 */
export function fitCalibration(
  scores: ArrayLike<number>,
  lexical: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
): { a: number; lexicon: number; b: number } {
  const theta = [1, 0, 0];
  for (let iter = 0; iter < 50; iter++) {
    const g = [0, 0, 0];
    const h = [
      [1e-9, 0, 0],
      [0, 1e-9, 0],
      [0, 0, 1e-9],
    ];
    for (let i = 0; i < scores.length; i++) {
      const x = [scores[i], lexical[i], 1];
      const z = theta[0] * x[0] + theta[1] * x[1] + theta[2];
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const w = weights[i];
      for (let r = 0; r < 3; r++) {
        g[r] += (p - labels[i]) * w * x[r];
        for (let c = 0; c < 3; c++) h[r][c] += p * (1 - p) * w * x[r] * x[c];
      }
    }
    const step = solve3(h, g);
    if (step === null) break;
    for (let r = 0; r < 3; r++) theta[r] -= step[r];
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { a: round6(theta[0]), lexicon: round6(theta[1]), b: round6(theta[2]) };
}

/** Solves the 3x3 system h x = g by Gaussian elimination; null when singular. */
function solve3(h: number[][], g: number[]): number[] | null {
  const m = h.map((row, i) => [...row, g[i]]);
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-12) return null;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let v = m[r][3];
    for (let k = r + 1; k < 3; k++) v -= m[r][k] * x[k];
    x[r] = v / m[r][r];
  }
  return x;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A model in memory (float weights) with the given calibration, for the detector. */
export function inMemoryModel(model: LogisticModel, bits: number, calibration: Calibration, maxChars: number, idBias: IdBias = NO_BIAS): IdMsModel {
  const meta: IdMsModelMeta = {
    format: MODEL_FORMAT,
    bits,
    scale: 1,
    bias: model.bias,
    calibration,
    idBias,
    maxChars,
    weightsSha256: '',
    trainedOn: 'cross-validation fold',
    licence: '',
    training: {},
  };
  return new IdMsModel(meta, model.weights);
}

/** Out-of-fold accuracy per gold language/band (`id/short`, `ms/short`, …) at one Indonesian bias. */
export interface BiasPoint {
  bias: number;
  accuracy: Record<string, number>;
}

/**
 * What calling an Indonesian text Malay costs against calling a Malay text Indonesian: the
 * ratio of the error budgets of the targets (Indonesian at least 99% right, Malay 95%).
 * Indonesian is also the language this pipeline reads most, and the cross-validated
 * Indonesian is news: registers it lacks (encyclopedic, translated) sit nearer Malay.
 */
export const INDONESIAN_ERROR_COST = 5;

/**
 * Per band, among the biases at which the model calls Indonesian Malay no more often than the
 * word lists alone did (Indonesian loses nothing), the one with the least expected cost
 * (INDONESIAN_ERROR_COST per Indonesian error, 1 per Malay error); the smallest such on ties.
 */
export function chooseBias(sweep: readonly BiasPoint[], wordLists: Record<string, number>, cost = INDONESIAN_ERROR_COST): IdBias {
  const pick = (band: string) => {
    let best: { bias: number; loss: number } | null = null;
    for (const { bias, accuracy } of sweep) {
      const id = accuracy[`id/${band}`] ?? 0;
      if (id < (wordLists[`id/${band}`] ?? 0)) continue;
      const loss = cost * (1 - id) + (1 - (accuracy[`ms/${band}`] ?? 0));
      if (best === null || loss < best.loss - 1e-9) best = { bias, loss };
    }
    return best?.bias ?? sweep[sweep.length - 1].bias;
  };
  return { short: pick('short'), medium: pick('medium'), long: pick('long') };
}

function tally(into: Record<string, Tally>, key: string, ok: boolean): void {
  const t = (into[key] ??= { n: 0, correct: 0 });
  t.n++;
  if (ok) t.correct++;
}

/** Malay-minus-Indonesian lexicon evidence of `text` (the detector's word lists). */
export function lexicalEvidence(detector: LanguageDetector, text: string): number {
  const evidence = detector.newEvidence();
  detector.addText(evidence, text);
  return evidence.scores[detector.codes.indexOf('ms')] - evidence.scores[detector.codes.indexOf('id')];
}

/**
 * Scores held-out samples with the fold's model (calibrated, with the lexicon and
 * outlet evidence, at the detector's Indonesian bias) and with the whole detector.
 */
export function scoreFold(name: string, test: readonly Sample[], model: IdMsModel, detector: LanguageDetector): FoldResult {
  const result: FoldResult = { name, articles: new Set(test.map((s) => s.article)).size, model: {}, detector: {}, confusion: {} };
  for (const s of test) {
    const band = bandOf(s.text);
    const modelOk = model.logOdds(s.text, lexicalEvidence(detector, s.text)) - detector.idMsBias(s.text.length) > 0 === (s.lang === 'ms');
    const answer = detector.detect(s.text).language;
    for (const key of [s.lang, `${s.lang}/${band}`, `${s.lang}/${s.kind}`]) {
      tally(result.model, key, modelOk);
      tally(result.detector, key, answer === s.lang);
    }
    const row = (result.confusion[`${s.lang}/${band}`] ??= {});
    row[answer] = (row[answer] ?? 0) + 1;
  }
  return result;
}

/** Sums of several folds' tallies. */
export function mergeFolds(name: string, folds: readonly FoldResult[]): FoldResult {
  const out: FoldResult = { name, articles: 0, model: {}, detector: {}, confusion: {} };
  for (const f of folds) {
    out.articles += f.articles;
    for (const part of ['model', 'detector'] as const) {
      for (const [k, t] of Object.entries(f[part])) {
        const into = (out[part][k] ??= { n: 0, correct: 0 });
        into.n += t.n;
        into.correct += t.correct;
      }
    }
    for (const [gold, row] of Object.entries(f.confusion)) {
      const into = (out.confusion[gold] ??= {});
      for (const [answer, n] of Object.entries(row)) into[answer] = (into[answer] ?? 0) + n;
    }
  }
  return out;
}

export type { LogisticOptions };
