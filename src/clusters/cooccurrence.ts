/**
 * Word-context co-occurrence as a sparse matrix with positive pointwise mutual information
 * weights (Levy, Goldberg & Dagan 2015: context counts smoothed with exponent 0.75). Rows are the
 * vocabulary; columns are (offset, context word) pairs for offsets -2, -1, +1, +2, context words
 * being the most frequent types plus one "rare word" and one "segment boundary" context. Keeping
 * the side and distance apart is what makes the classes syntactic as well as topical, as the
 * class-bigram model behind Brown clusters is.
 */
import { BOUNDARY } from './corpus.js';

/** Compressed sparse rows. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float32Array;
}

export const OFFSETS = [-2, -1, 1, 2] as const;

export interface CooccurrenceOptions {
  /** Number of most frequent types used as context words. */
  contextWords: number;
  /** Context-distribution smoothing exponent. */
  alpha: number;
}

/**
 * `rowOf[type]`: vocabulary row of a type or -1; `contextOf[type]`: context word id (0 …
 * contextWords - 1) or -1 for a rare type.
 */
export function ppmiMatrix(stream: Int32Array, rowOf: Int32Array, contextOf: Int32Array, rows: number, options: CooccurrenceOptions): SparseMatrix {
  const nCtx = options.contextWords + 2;
  const RARE = options.contextWords;
  const EDGE = options.contextWords + 1;
  const n = stream.length;
  const blocks: Array<{ row: Int32Array; col: Int32Array; count: Float64Array }> = [];
  const codes = new Float64Array(n);
  for (const offset of OFFSETS) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const t = stream[i];
      if (t === BOUNDARY) continue;
      const r = rowOf[t];
      if (r < 0) continue;
      // the context at `offset`, or the segment edge when one lies in between
      let ctx = -1;
      const step = offset < 0 ? -1 : 1;
      for (let j = i + step, k = 0; ; j += step, k++) {
        if (j < 0 || j >= n || stream[j] === BOUNDARY) {
          ctx = EDGE;
          break;
        }
        if (k === Math.abs(offset) - 1) {
          const c = contextOf[stream[j]];
          ctx = c < 0 ? RARE : c;
          break;
        }
      }
      codes[m++] = r * nCtx + ctx;
    }
    const sorted = codes.subarray(0, m).sort();
    // run-length counts of the sorted (row, context) codes
    let distinct = 0;
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const row = new Int32Array(distinct);
    const col = new Int32Array(distinct);
    const count = new Float64Array(distinct);
    let d = -1;
    for (let i = 0; i < m; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) {
        d++;
        row[d] = Math.floor(sorted[i] / nCtx);
        col[d] = sorted[i] - row[d] * nCtx;
      }
      count[d]++;
    }
    blocks.push({ row, col, count });
  }
  const cols = nCtx * OFFSETS.length;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let total = 0;
  blocks.forEach((b, k) => {
    for (let i = 0; i < b.row.length; i++) {
      rowSum[b.row[i]] += b.count[i];
      colSum[k * nCtx + b.col[i]] += b.count[i];
      total += b.count[i];
    }
  });
  let smoothedTotal = 0;
  const colSmoothed = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    colSmoothed[c] = Math.pow(colSum[c], options.alpha);
    smoothedTotal += colSmoothed[c];
  }
  // assemble rows block after block (column ranges of the blocks are disjoint and increasing)
  const rowStart = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  const cursor = blocks.map(() => 0);
  for (let r = 0; r < rows; r++) {
    rowStart[r] = colIndex.length;
    blocks.forEach((b, k) => {
      let i = cursor[k];
      for (; i < b.row.length && b.row[i] === r; i++) {
        const c = k * nCtx + b.col[i];
        const pmi = Math.log((b.count[i] * smoothedTotal) / (rowSum[r] * colSmoothed[c]));
        if (pmi > 0) {
          colIndex.push(c);
          values.push(pmi);
        }
      }
      cursor[k] = i;
    });
  }
  rowStart[rows] = colIndex.length;
  return { rows, cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float32Array.from(values) };
}
