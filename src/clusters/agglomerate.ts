/**
 * Hierarchical clustering of word vectors into Brown-style bit-string paths, with the windowed
 * agglomeration of Brown et al. (1992) as Liang (2005) runs it and Stratos et al. (2014) apply to
 * spectral word vectors: the `window` most frequent words start as clusters; each further word (in
 * frequency order) joins as a cluster of its own and the closest two clusters (Ward's minimum
 * variance criterion) merge, so there are always `window` clusters. When the vocabulary is used
 * up, the remaining clusters merge down to one; that last binary tree gives the paths (`0` for
 * the branch holding the more frequent word, `1` for the other), so the leaves are the `window`
 * clusters and every path prefix is a coarser class. Deterministic: ties go to the lower slot.
 */

export interface ClusterTree {
  /** Bit-string path per word (row order of the input). */
  paths: string[];
  /** Leaf cluster number per word. */
  leafOf: Int32Array;
  leaves: number;
}

/**
 * `vectors`: `rows` × `dims`, row-major, rows in descending frequency. Each row is one word of
 * weight 1.
 */
export function agglomerate(vectors: Float64Array, rows: number, dims: number, window: number): ClusterTree {
  const m = Math.min(window, rows);
  const slots = m + 1;
  const centroid = new Float64Array(slots * dims);
  const size = new Float64Array(slots);
  const rep = new Int32Array(slots).fill(-1); // representative (most frequent) word of the slot's cluster
  const node = new Int32Array(slots); // tree node of the slot's cluster in the final phase
  const dist = new Float64Array(slots * slots);
  const nn = new Int32Array(slots).fill(-1);
  const nnDist = new Float64Array(slots).fill(Infinity);
  const owner = new Int32Array(rows); // union-find over words
  for (let i = 0; i < rows; i++) owner[i] = i;
  const find = (i: number): number => {
    while (owner[i] !== i) {
      owner[i] = owner[owner[i]];
      i = owner[i];
    }
    return i;
  };

  const ward = (a: number, b: number): number => {
    const na = size[a];
    const nb = size[b];
    let d = 0;
    const oa = a * dims;
    const ob = b * dims;
    for (let j = 0; j < dims; j++) {
      const diff = centroid[oa + j] - centroid[ob + j];
      d += diff * diff;
    }
    return ((na * nb) / (na + nb)) * d;
  };
  const rescan = (a: number): void => {
    let best = -1;
    let bestD = Infinity;
    const o = a * slots;
    for (let k = 0; k < slots; k++) {
      if (k === a || rep[k] < 0) continue;
      if (dist[o + k] < bestD) {
        bestD = dist[o + k];
        best = k;
      }
    }
    nn[a] = best;
    nnDist[a] = bestD;
  };
  const place = (slot: number, word: number): void => {
    centroid.set(vectors.subarray(word * dims, (word + 1) * dims), slot * dims);
    size[slot] = 1;
    rep[slot] = word;
  };
  const connect = (f: number): void => {
    for (let k = 0; k < slots; k++) {
      if (k === f || rep[k] < 0) continue;
      const d = ward(f, k);
      dist[f * slots + k] = d;
      dist[k * slots + f] = d;
      if (d < nnDist[k]) {
        nnDist[k] = d;
        nn[k] = f;
      }
    }
    rescan(f);
  };
  /** Merges the closest pair; returns [kept slot, freed slot]. */
  const mergeClosest = (): [number, number] => {
    let a = -1;
    for (let k = 0; k < slots; k++) if (rep[k] >= 0 && nn[k] >= 0 && (a < 0 || nnDist[k] < nnDist[a])) a = k;
    const b = nn[a];
    const keep = Math.min(a, b);
    const drop = Math.max(a, b);
    const nk = size[keep];
    const nd = size[drop];
    const dkd = dist[keep * slots + drop];
    // Lance-Williams update of Ward distances to the merged cluster
    for (let k = 0; k < slots; k++) {
      if (k === keep || k === drop || rep[k] < 0) continue;
      const n = size[k];
      const d = ((n + nk) * dist[k * slots + keep] + (n + nd) * dist[k * slots + drop] - n * dkd) / (n + nk + nd);
      dist[k * slots + keep] = d;
      dist[keep * slots + k] = d;
    }
    const wk = nk / (nk + nd);
    for (let j = 0; j < dims; j++) centroid[keep * dims + j] = wk * centroid[keep * dims + j] + (1 - wk) * centroid[drop * dims + j];
    size[keep] = nk + nd;
    const rk = rep[keep];
    const rd = rep[drop];
    owner[Math.max(rk, rd)] = Math.min(rk, rd);
    rep[keep] = Math.min(rk, rd);
    rep[drop] = -1;
    nn[drop] = -1;
    nnDist[drop] = Infinity;
    for (let k = 0; k < slots; k++) {
      if (rep[k] < 0) continue;
      if (k === keep || nn[k] === keep || nn[k] === drop) rescan(k);
      else if (dist[k * slots + keep] < nnDist[k]) {
        nnDist[k] = dist[k * slots + keep];
        nn[k] = keep;
      }
    }
    return [keep, drop];
  };

  // phase 1: a window of m clusters sweeps the vocabulary
  for (let w = 0; w < m; w++) {
    place(w, w);
    connect(w);
  }
  let free = m;
  for (let w = m; w < rows; w++) {
    place(free, w);
    connect(free);
    free = mergeClosest()[1];
  }

  // phase 2: the m leaf clusters merge into one binary tree
  const leafOf = new Int32Array(rows);
  const leafOfRep = new Map<number, number>();
  let leaves = 0;
  for (let k = 0; k < slots; k++) {
    if (rep[k] < 0) continue;
    leafOfRep.set(rep[k], leaves);
    node[k] = leaves++;
  }
  for (let i = 0; i < rows; i++) leafOf[i] = leafOfRep.get(find(i))!;
  const left: number[] = [];
  const right: number[] = [];
  let live = leaves;
  while (live > 1) {
    const before = Int32Array.from(rep);
    const [keep, drop] = mergeClosest();
    // the branch with the more frequent word first
    const keepFirst = before[keep] < before[drop];
    left.push(keepFirst ? node[keep] : node[drop]);
    right.push(keepFirst ? node[drop] : node[keep]);
    node[keep] = leaves + left.length - 1;
    live--;
  }
  // paths of the leaves: walk down from the root
  const leafPath = new Array<string>(leaves).fill('');
  const stack: Array<[number, string]> = [[leaves + left.length - 1, '']];
  if (left.length === 0) stack.length = 0;
  while (stack.length > 0) {
    const [id, p] = stack.pop()!;
    if (id < leaves) {
      leafPath[id] = p;
      continue;
    }
    const internal = id - leaves;
    stack.push([left[internal], p + '0'], [right[internal], p + '1']);
  }
  const paths = new Array<string>(rows);
  for (let i = 0; i < rows; i++) paths[i] = leafPath[leafOf[i]];
  return { paths, leafOf, leaves };
}
