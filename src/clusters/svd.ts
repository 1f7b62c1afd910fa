/**
 * Truncated SVD of a sparse matrix by randomized range finding with power iterations (Halko,
 * Martinsson & Tropp 2011). The big products (sparse × tall dense) run here over typed arrays;
 * the small l × l eigenproblems go to ml-matrix. Seeded: same matrix and seed, same numbers.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { mulberry32 } from '../random.js';
import type { SparseMatrix } from './cooccurrence.js';

/** Row-major dense matrix. */
interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

function dense(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A · X (A sparse rows × cols, X cols × l). */
function multiply(a: SparseMatrix, x: Dense): Dense {
  const l = x.cols;
  const out = dense(a.rows, l);
  for (let r = 0; r < a.rows; r++) {
    const o = r * l;
    for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++) {
      const v = a.values[p];
      const xo = a.colIndex[p] * l;
      for (let j = 0; j < l; j++) out.data[o + j] += v * x.data[xo + j];
    }
  }
  return out;
}

/** Aᵀ · Y (Y rows × l). */
function multiplyTransposed(a: SparseMatrix, y: Dense): Dense {
  const l = y.cols;
  const out = dense(a.cols, l);
  for (let r = 0; r < a.rows; r++) {
    const yo = r * l;
    for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++) {
      const v = a.values[p];
      const o = a.colIndex[p] * l;
      for (let j = 0; j < l; j++) out.data[o + j] += v * y.data[yo + j];
    }
  }
  return out;
}

/** Yᵀ · Y as an ml-matrix. */
function gram(y: Dense): Matrix {
  const l = y.cols;
  const g = new Float64Array(l * l);
  for (let r = 0; r < y.rows; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = y.data[o + i];
      if (yi === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j] += yi * y.data[o + j];
    }
  }
  const m = new Matrix(l, l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      m.set(i, j, g[i * l + j]);
      m.set(j, i, g[i * l + j]);
    }
  }
  return m;
}

/** Eigenpairs of a symmetric matrix, largest eigenvalue first. */
function eigenDescending(m: Matrix): { values: number[]; vectors: Matrix } {
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const vectors = new Matrix(m.rows, m.rows);
  for (let k = 0; k < order.length; k++) {
    for (let i = 0; i < m.rows; i++) vectors.set(i, k, evd.eigenvectorMatrix.get(i, order[k]));
  }
  return { values: order.map((i) => values[i]), vectors };
}

/** Y · W (W an l × k ml-matrix), optionally scaling column k by `scale[k]`. */
function times(y: Dense, w: Matrix, scale?: number[]): Dense {
  const l = y.cols;
  const k = w.columns;
  const wd = new Float64Array(l * k);
  for (let i = 0; i < l; i++) for (let j = 0; j < k; j++) wd[i * k + j] = w.get(i, j) * (scale ? scale[j] : 1);
  const out = dense(y.rows, k);
  for (let r = 0; r < y.rows; r++) {
    const o = r * l;
    const oo = r * k;
    for (let i = 0; i < l; i++) {
      const v = y.data[o + i];
      if (v === 0) continue;
      const wi = i * k;
      for (let j = 0; j < k; j++) out.data[oo + j] += v * wd[wi + j];
    }
  }
  return out;
}

/**
 * Orthonormal basis of Y's columns: Y W Λ^-1/2 from the eigenpairs of YᵀY. One pass keeps the
 * power iterations well scaled; the second (CholeskyQR2-style) makes the final basis accurate.
 */
function orthonormalize(y: Dense, passes: number): Dense {
  let q = y;
  for (let pass = 0; pass < passes; pass++) {
    const { values, vectors } = eigenDescending(gram(q));
    const floor = Math.max(values[0], 0) * 1e-12;
    q = times(q, vectors, values.map((v) => (v > floor ? 1 / Math.sqrt(v) : 0)));
  }
  return q;
}

export interface TruncatedSvd {
  /** Left singular vectors, rows × rank, row-major. */
  u: Float64Array;
  singular: number[];
  rank: number;
}

export function truncatedSvd(a: SparseMatrix, rank: number, options: { oversample?: number; powerIterations?: number; seed: number }): TruncatedSvd {
  const l = Math.min(rank + (options.oversample ?? 10), a.rows, a.cols);
  const k = Math.min(rank, l);
  const random = mulberry32(options.seed);
  const omega = dense(a.cols, l);
  // standard normal entries (Box-Muller)
  for (let i = 0; i < omega.data.length; i += 2) {
    const u1 = random() || 1e-12;
    const u2 = random();
    const radius = Math.sqrt(-2 * Math.log(u1));
    omega.data[i] = radius * Math.cos(2 * Math.PI * u2);
    if (i + 1 < omega.data.length) omega.data[i + 1] = radius * Math.sin(2 * Math.PI * u2);
  }
  const iterations = options.powerIterations ?? 3;
  let q = orthonormalize(multiply(a, omega), iterations === 0 ? 2 : 1);
  for (let it = 0; it < iterations; it++) {
    // Aᵀ Q is left as it is: its condition number is only σ1/σl, and orthonormalizing the wide
    // side (one row per context) would cost more than both products
    q = orthonormalize(multiply(a, multiplyTransposed(a, q)), it === iterations - 1 ? 2 : 1);
  }
  // B = Qᵀ A; B Bᵀ = Zᵀ Z with Z = Aᵀ Q; its eigenvectors rotate Q into U
  const z = multiplyTransposed(a, q);
  const { values, vectors } = eigenDescending(gram(z));
  const top = new Matrix(l, k);
  for (let i = 0; i < l; i++) for (let j = 0; j < k; j++) top.set(i, j, vectors.get(i, j));
  const u = times(q, top);
  return { u: u.data, singular: values.slice(0, k).map((v) => Math.sqrt(Math.max(v, 0))), rank: k };
}
