import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../lang/data.js';
import { IdMsFeatures } from './idms-features.js';
import { MAX_OUTLET_EVIDENCE, OutletNames } from './outlets.js';

/**
 * The learned Indonesian-vs-Malay model (`npm run train:langid`): logistic
 * regression over the hashed features of `idms-features.ts`, stored as
 * `models/langid-id-ms.json` (metadata, calibration) and
 * `models/langid-id-ms.bin` (gzipped little-endian Int16 weights, one per
 * feature slot, times `scale`). `logOdds(text, lexical)` is the calibrated
 * log-odds that the text is Malay rather than Indonesian, from the model's
 * score and the hand-made word lists' evidence; outlet names add their capped
 * evidence on top.
 */

export const MODEL_BASENAME = 'langid-id-ms';
export const MODEL_FORMAT = 1;

/** Log-odds of Malay = a * raw score + lexicon * (Malay minus Indonesian word-list evidence) + b. */
export interface Calibration {
  a: number;
  lexicon: number;
  b: number;
}

/** Length bands (code units of the text read): short under 60, medium under 200, long from 200. */
export type Band = 'short' | 'medium' | 'long';
export type IdBias = Record<Band, number>;

export function bandOfLength(length: number): Band {
  return length < 60 ? 'short' : length < 200 ? 'medium' : 'long';
}

export interface IdMsModelMeta {
  format: number;
  /** Feature table size, as a power of two. */
  bits: number;
  /** Weight of one Int16 unit. */
  scale: number;
  /** Raw intercept. */
  bias: number;
  /** Fitted on cross-validated scores (Platt scaling with the word lists' evidence as a second input). */
  calibration: Calibration;
  /**
   * Default log-odds in favour of Indonesian (the detector's `idMsBias`) per length band of the
   * text read: of the biases at which cross-validated Indonesian samples of that band are called
   * Malay no more often than by the hand-made word lists alone, the one with the least cost
   * (`chooseBias` in training/crossval.ts).
   */
  idBias: IdBias;
  /** At most this many characters of a text are read (evidence is saturated long before). */
  maxChars: number;
  /** sha256 of the .bin file. */
  weightsSha256: string;
  trainedOn: string;
  licence: string;
  training: Record<string, unknown>;
}

export class IdMsModel {
  readonly meta: IdMsModelMeta;
  private readonly weights: Float32Array;
  private readonly features: IdMsFeatures;
  private readonly outlets: OutletNames;

  constructor(meta: IdMsModelMeta, weights: Float32Array, outlets = new OutletNames()) {
    if (meta.format !== MODEL_FORMAT) throw new Error(`${MODEL_BASENAME}: model format ${meta.format}, this version reads ${MODEL_FORMAT} (run npm run train:langid)`);
    if (weights.length !== 2 ** meta.bits) throw new Error(`${MODEL_BASENAME}: ${weights.length} weights for ${meta.bits} feature bits`);
    this.meta = meta;
    this.weights = weights;
    this.features = new IdMsFeatures(meta.bits);
    this.outlets = outlets;
  }

  /** Reads `<dir>/langid-id-ms.{json,bin}`; null when the model is not there. */
  static load(dir = path.join(PACKAGE_ROOT, 'models')): IdMsModel | null {
    const metaFile = path.join(dir, `${MODEL_BASENAME}.json`);
    const binFile = path.join(dir, `${MODEL_BASENAME}.bin`);
    if (!existsSync(metaFile) || !existsSync(binFile)) return null;
    let meta: IdMsModelMeta;
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8')) as IdMsModelMeta;
    } catch (error) {
      throw new Error(`${metaFile}: malformed JSON (${(error as Error).message})`);
    }
    return new IdMsModel(meta, decodeWeights(readFileSync(binFile), meta, binFile));
  }

  /** Raw score of `text` (before calibration, without outlet evidence). */
  score(text: string): number {
    return this.meta.bias + this.features.sum(text, this.weights, this.meta.maxChars);
  }

  /**
   * Calibrated log-odds that `text` is Malay rather than Indonesian, given the
   * word lists' Malay-minus-Indonesian evidence `lexical` (see lexicon.ts).
   */
  logOdds(text: string, lexical = 0): number {
    const { a, lexicon, b } = this.meta.calibration;
    const scan = this.features.scan(text, this.weights, this.outlets, this.meta.maxChars);
    const outlets = Math.min(scan.outletsMs, MAX_OUTLET_EVIDENCE) - Math.min(scan.outletsId, MAX_OUTLET_EVIDENCE);
    return a * (this.meta.bias + scan.sum) + lexicon * lexical + b + outlets;
  }
}

/** Int16 weights (little-endian, gzipped) to floats. */
export function decodeWeights(file: Buffer, meta: IdMsModelMeta, name = MODEL_BASENAME): Float32Array {
  let raw: Buffer;
  try {
    raw = gunzipSync(file);
  } catch (error) {
    throw new Error(`${name}: unreadable weights (${(error as Error).message}); run npm run train:langid`);
  }
  const n = 2 ** meta.bits;
  if (raw.length !== n * 2) throw new Error(`${name}: ${raw.length} bytes of weights, expected ${n * 2} for ${meta.bits} feature bits`);
  const out = new Float32Array(n);
  if (os.endianness() === 'LE' && raw.byteOffset % 2 === 0) {
    const units = new Int16Array(raw.buffer, raw.byteOffset, n);
    for (let i = 0; i < n; i++) out[i] = units[i] * meta.scale;
  } else for (let i = 0; i < n; i++) out[i] = raw.readInt16LE(i * 2) * meta.scale;
  return out;
}

/** Floats to Int16 units of `scale` (the largest weight maps to ±32767). */
export function encodeWeights(weights: Float32Array): { bytes: Buffer; scale: number } {
  let max = 0;
  for (const w of weights) if (Math.abs(w) > max) max = Math.abs(w);
  const scale = max > 0 ? max / 32767 : 1;
  const raw = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) raw.writeInt16LE(Math.round(weights[i] / scale), i * 2);
  return { bytes: raw, scale };
}
