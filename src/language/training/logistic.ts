import { mulberry32 } from '../../random.js';
import { NAME_CAP, WORD_CAP, WORD_MARK, type IdMsFeatures } from '../idms-features.js';

/**
 * Binary logistic regression over hashed features, trained by AdaGrad SGD
 * with L2 regularisation on the features a sample touches. Deterministic:
 * samples are visited in a seeded order and the arithmetic is sequential, so
 * the same data and options give the same weights bit for bit.
 */

export interface LogisticOptions {
  epochs: number;
  /** AdaGrad base learning rate. */
  eta: number;
  /** L2 penalty per touched feature and update. */
  l2: number;
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 6, eta: 0.1, l2: 1e-6, seed: 7 };

export interface Labeled {
  /** Text the features are taken from. */
  text: string;
  /** 1 for the positive class (Malay), 0 for the negative (Indonesian). */
  y: 0 | 1;
  /** Sample weight (class and band balance). */
  weight: number;
}

export interface LogisticModel {
  weights: Float32Array;
  bias: number;
}

function clampName(w: number): number {
  return w > NAME_CAP ? NAME_CAP : w < -NAME_CAP ? -NAME_CAP : w;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function trainLogistic(features: IdMsFeatures, data: readonly Labeled[], options: LogisticOptions = DEFAULT_LOGISTIC): LogisticModel {
  const weights = new Float32Array(features.size);
  const squares = new Float32Array(features.size);
  let bias = 0;
  let biasSquares = 0;
  const random = mulberry32(options.seed);
  const order = Int32Array.from(data, (_, i) => i);
  let buffer: Int32Array = new Int32Array(4096);
  const eps = 1e-8;
  /** Start and end of each capped word group of the current sample. */
  const capped: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let k = 0; k < order.length; k++) {
      const sample = data[order[k]];
      const got = features.indices(sample.text, buffer);
      buffer = got.out;
      const n = got.count;
      // Forward: names and words count within their caps; a capped group gets no gradient
      // (moving its weights would not move its capped contribution).
      let z = bias;
      let groupStart = -1;
      let groupSum = 0;
      capped.length = 0;
      for (let f = 0; f <= n; f++) {
        const idx = f < n ? buffer[f] : WORD_MARK;
        if (idx === WORD_MARK) {
          if (groupStart >= 0) {
            if (groupSum > WORD_CAP || groupSum < -WORD_CAP) {
              z += groupSum > 0 ? WORD_CAP : -WORD_CAP;
              capped.push(groupStart, f);
            } else z += groupSum;
          }
          groupStart = f + 1;
          groupSum = 0;
        } else if (idx >= 0) groupSum += weights[idx];
        else {
          // A name: its own cap, outside any word group.
          z += clampName(weights[~idx]);
        }
      }
      const g = (sigmoid(z) - sample.y) * sample.weight;
      if (g === 0) continue;
      let c = 0;
      for (let f = 0; f < n; f++) {
        if (c < capped.length && f === capped[c]) {
          f = capped[c + 1] - 1;
          c += 2;
          continue;
        }
        let idx = buffer[f];
        if (idx === WORD_MARK) continue;
        if (idx < 0) {
          // A name beyond the cap does not move its (capped) contribution: no gradient from it.
          idx = ~idx;
          const w = weights[idx];
          if (w >= NAME_CAP || w <= -NAME_CAP) continue;
        }
        const grad = g + options.l2 * weights[idx];
        squares[idx] += grad * grad;
        weights[idx] -= (options.eta * grad) / Math.sqrt(squares[idx] + eps);
      }
      biasSquares += g * g;
      bias -= (options.eta * g) / Math.sqrt(biasSquares + eps);
    }
  }
  return { weights, bias };
}

/** The model's log-odds for each text (positive: Malay). */
export function scoreAll(features: IdMsFeatures, model: LogisticModel, texts: readonly string[]): Float64Array {
  return Float64Array.from(texts, (t) => model.bias + features.sum(t, model.weights));
}
