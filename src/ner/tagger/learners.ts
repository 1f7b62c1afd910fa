/**
 * The two learners of the BILOU tagger over prepared sentences (feature rows
 * per token, gold labels): a linear-chain CRF trained by SGD (default) and an
 * averaged structured perceptron. Deterministic: the sentence order of each
 * epoch comes from a seeded PRNG.
 */
import { mulberry32 } from '../../random.js';
import { ALLOWED, ALLOWED_END, NL, viterbi } from './model.js';

export interface Prepared {
  n: number;
  rows: Int32Array;
  rowStart: Int32Array;
  gold: Int32Array;
}

export interface Weights {
  W: Float64Array;
  T: Float64Array;
  End: Float64Array;
}

/** Averaged structured perceptron over prepared sentences; returns the averaged weights. */
export function perceptron(data: Prepared[], R: number, epochs: number, seed: number, onEpoch?: (epoch: number, avg: Weights) => void): Weights {
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
      viterbi(E, n, T, EndW, pred, delta);
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
 * learning rate; the weights are averaged over the epochs of the second half.
 * Forward-backward runs in scaled probability space (one exp per label and
 * token). `base`, when given, holds fixed emission scores per sentence added
 * to the learned ones (the document layer learns on top of the sentence model).
 */
export function crf(
  data: Prepared[],
  R: number,
  epochs: number,
  seed: number,
  l2: number,
  eta0: number,
  onEpoch: ((epoch: number, w: Weights) => void) | undefined,
  base: (Float64Array | null)[] | null,
): Weights {
  const V = new Float64Array(R * NL); // W = scale * V
  let scale = 1;
  const T = new Float64Array((NL + 1) * NL);
  const End = new Float64Array(NL);
  let maxN = 1;
  for (const d of data) maxN = Math.max(maxN, d.n);
  const E = new Float64Array(maxN * NL);
  const A = new Float64Array(maxN * NL); // scaled forward
  const B = new Float64Array(maxN * NL); // scaled backward
  const C = new Float64Array(maxN); // scaling factors
  const G = new Float64Array(maxN * NL); // gradient wrt emissions
  const GT = new Float64Array((NL + 1) * NL);
  const GE = new Float64Array(NL);
  const expT = new Float64Array((NL + 1) * NL);
  const expEnd = new Float64Array(NL);
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  let t = 0;
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
      const off = base ? base[idx] : null;
      for (let k = 0; k < expT.length; k++) expT[k] = ALLOWED[k] ? Math.exp(T[k]) : 0;
      for (let y = 0; y < NL; y++) expEnd[y] = ALLOWED_END[y] ? Math.exp(End[y]) : 0;
      // emissions, then exp(E - max) per token (the max cancels in the normalisation)
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let y = 0; y < NL; y++) E[b + y] = 0;
        for (let q = d.rowStart[i]; q < d.rowStart[i + 1]; q++) {
          const w = d.rows[q] * NL;
          for (let y = 0; y < NL; y++) E[b + y] += V[w + y];
        }
        let mx = -Infinity;
        for (let y = 0; y < NL; y++) {
          E[b + y] = E[b + y] * scale + (off ? off[b + y] : 0);
          if (E[b + y] > mx) mx = E[b + y];
        }
        for (let y = 0; y < NL; y++) E[b + y] = Math.exp(E[b + y] - mx);
      }
      // forward (scaled); a sentence whose probabilities underflow is skipped
      let z = 0;
      for (let y = 0; y < NL; y++) z += A[y] = expT[NL * NL + y] * E[y];
      C[0] = z;
      for (let y = 0; y < NL; y++) A[y] /= z;
      for (let i = 1; i < n; i++) {
        const b = i * NL;
        const pb = b - NL;
        z = 0;
        for (let y = 0; y < NL; y++) {
          let acc = 0;
          for (let p = 0; p < NL; p++) acc += A[pb + p] * expT[p * NL + y];
          z += A[b + y] = acc * E[b + y];
        }
        C[i] = z;
        for (let y = 0; y < NL; y++) A[b + y] /= z;
      }
      const lb = (n - 1) * NL;
      let zEnd = 0;
      for (let y = 0; y < NL; y++) zEnd += A[lb + y] * expEnd[y];
      if (!(zEnd > 0) || !Number.isFinite(zEnd)) continue;
      // backward (scaled by the same factors)
      for (let y = 0; y < NL; y++) B[lb + y] = expEnd[y] / zEnd;
      for (let i = n - 2; i >= 0; i--) {
        const b = i * NL;
        const nb = b + NL;
        const c = C[i + 1];
        for (let p = 0; p < NL; p++) {
          let acc = 0;
          for (let y = 0; y < NL; y++) acc += expT[p * NL + y] * E[nb + y] * B[nb + y];
          B[b + p] = acc / c;
        }
      }
      // gradients (expected - observed)
      GT.fill(0);
      GE.fill(0);
      const g = d.gold;
      for (let i = 0; i < n; i++) {
        const b = i * NL;
        for (let y = 0; y < NL; y++) G[b + y] = A[b + y] * B[b + y];
        G[b + g[i]] -= 1;
        if (i === 0) {
          for (let y = 0; y < NL; y++) GT[NL * NL + y] += G[y] + (y === g[0] ? 1 : 0);
          GT[NL * NL + g[0]] -= 1;
        } else {
          const pb = b - NL;
          const c = C[i];
          for (let p = 0; p < NL; p++) {
            const ap = A[pb + p];
            if (ap === 0) continue;
            for (let y = 0; y < NL; y++) {
              const et = expT[p * NL + y];
              if (et === 0) continue;
              GT[p * NL + y] += (ap * et * E[b + y] * B[b + y]) / c;
            }
          }
          GT[g[i - 1] * NL + g[i]] -= 1;
        }
      }
      for (let y = 0; y < NL; y++) GE[y] += (A[lb + y] * expEnd[y]) / zEnd;
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
      for (let k = 0; k < T.length; k++) if (ALLOWED[k]) T[k] -= eta * (GT[k] + l2 * T[k]);
      for (let y = 0; y < NL; y++) if (ALLOWED_END[y]) End[y] -= eta * (GE[y] + l2 * End[y]);
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

/** Fisher–Yates shuffle in place with a seeded generator (the training order of each epoch). */
function shuffle(order: number[], rand: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
}
