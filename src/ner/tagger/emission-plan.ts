/**
 * How a model's feature templates are looked up per token (`LinearTagger`'s
 * emission loop): templates over one word are summed once per distinct word
 * (per offset), templates over small vocabularies are grouped behind vector
 * caches, word-pair templates read their row tables (twin pairs with one
 * probe). Made once per tagger from its feature space.
 */
import { NUM_KINDS, TYPE_KINDS } from './features.js';
import { NL, type FeatureSpace } from './model.js';
import { GROUP_LIMIT, IntTable, PairTable, VectorCache } from './tables.js';

/**
 * Templates that read one token string at one offset are summed once per
 * distinct word into a vector per offset (`wordVectors`); the others are
 * looked up per token.
 */
export interface EmissionPlan<Entry> {
  offsets: Int32Array;
  /** For each single template: index into offsets. */
  singles: Array<[t: number, j: number]>;
  /** Per single template (same order): its key -> row table (every new word looks up all of them); null: keys past int32, use the Map. */
  singleRows: Array<IntTable | null>;
  multis: Int32Array;
  /** Parts of the multi templates, flattened: atom index relative to the token (offset * NUM_KINDS + kind), vocabulary size, start per template. */
  mStart: Int32Array;
  mAt: Int32Array;
  mSize: Float64Array;
  /** Per multi template: a dense key -> row table when its key space is small, else null (use `hashed`). */
  dense: Array<Int32Array | null>;
  /**
   * Pairs of multi templates over the same kinds, the second one token to the right of the
   * first (`lw@-1+lw@0`, `lw@0+lw@1`): the second's key at token i is the first's at i + 1,
   * so one probe per token position finds both rows (`twinRows`, before the token loop).
   */
  twins: Array<{ first: number; second: number; table: PairTable; rows: Int32Array }>;
  /** Per multi template: index into `twins` and which of the pair (0 first, 1 second), or -1. */
  twinOf: Int32Array;
  /** Per multi template without a dense table or twin: an open-addressing key -> row table (null: use the Map). */
  hashed: Array<IntTable | null>;
  bos: Float32Array;
  eos: Float32Array;
  /** Sentinel word entries before and after the sentence (their vectors are `bos`/`eos`). */
  bosEntry: Entry;
  eosEntry: Entry;
  atomKinds: Int32Array;
  /**
   * Multi templates over small vocabularies (shapes, case classes, cues,
   * gazetteer tags) are grouped; each group caches the summed vector per
   * combination of its atoms, so a token costs one lookup per group.
   */
  groups: Array<{ templates: number[]; at: Int32Array; stride: Int32Array; cache: VectorCache }>;
}

/** Place values of a mixed-radix number whose digits have these sizes (the last digit's is 1); their products stay below GROUP_LIMIT. */
function mixedRadixStrides(sizes: readonly number[]): Int32Array {
  const stride = new Int32Array(sizes.length);
  let place = 1;
  for (let j = sizes.length - 1; j >= 0; j--) {
    stride[j] = place;
    place *= sizes[j];
  }
  if (place > GROUP_LIMIT) throw new Error(`group key space ${place} past ${GROUP_LIMIT}`);
  return stride;
}

/** How many keys a template's mixed-radix key can take (the product of its parts' vocabulary sizes). */
function keySpaceOf(space: FeatureSpace, t: number): number {
  return space.templates[t].reduce((size, [k]) => size * space.vocabs[k].size, 1);
}

/**
 * Pairs [q1, q2] of multi templates (indices into `multis`) whose parts have the same kinds and
 * q2's offsets are q1's plus one, both keyed below 2^31 and without a dense table. Candidates are
 * taken leftmost first, so a chain of four word pairs (`lw@-2+lw@-1` … `lw@1+lw@2`) makes two
 * twins, not one twin and two templates probed alone.
 */
function twinTemplates(space: FeatureSpace, multis: readonly number[], dense: ReadonlyArray<Int32Array | null>): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const taken = new Set<number>();
  const leftmostFirst = multis.map((_, q) => q).sort((x, y) => space.templates[multis[x]][0][1] - space.templates[multis[y]][0][1] || x - y);
  for (const q1 of leftmostFirst) {
    if (taken.has(q1) || dense[q1] !== null || keySpaceOf(space, multis[q1]) >= 2 ** 31) continue;
    const a = space.templates[multis[q1]];
    for (let q2 = 0; q2 < multis.length; q2++) {
      if (q2 === q1 || taken.has(q2) || dense[q2] !== null) continue;
      const b = space.templates[multis[q2]];
      if (b.length === a.length && b.every(([k, o], j) => k === a[j][0] && o === a[j][1] + 1)) {
        pairs.push([q1, q2]);
        taken.add(q1).add(q2);
        break;
      }
    }
  }
  return pairs;
}

/** The lookup plan of a feature space (`bos`/`eos` vectors zeroed and the sentinel entries unset: the tagger fills them). */
export function buildEmissionPlan<Entry>(space: FeatureSpace, groupCacheBits: number): EmissionPlan<Entry> {
  const offs: number[] = [];
  const singles: Array<[number, number]> = [];
  const multis: number[] = [];
  type Group = { templates: number[]; parts: Array<[number, number]>; product: number };
  const groups: Group[] = [];
  const SMALL = 4096;
  for (let t = 0; t < space.templates.length; t++) {
    const o = space.singleOffset(t);
    if (o === null) {
      const parts = space.templates[t];
      if (parts.every(([k]) => space.vocabs[k].size <= SMALL)) {
        let g = groups[groups.length - 1];
        const fresh = (grp: Group | undefined) => parts.filter(([k, off]) => !grp || !grp.parts.some(([k2, o2]) => k2 === k && o2 === off));
        let extra = fresh(g).reduce((acc, [k]) => acc * space.vocabs[k].size, 1);
        if (!g || g.product * extra > GROUP_LIMIT) {
          g = { templates: [], parts: [], product: 1 };
          groups.push(g);
          extra = fresh(g).reduce((acc, [k]) => acc * space.vocabs[k].size, 1);
        }
        for (const p of fresh(g)) g.parts.push([p[0], p[1]]);
        g.product *= extra;
        g.templates.push(t);
        continue;
      }
      multis.push(t);
      continue;
    }
    let j = offs.indexOf(o);
    if (j < 0) j = offs.push(o) - 1;
    singles.push([t, j]);
  }
  const dense = multis.map((t) => {
    const size = keySpaceOf(space, t);
    if (size > 1 << 20) return null;
    const table = new Int32Array(size).fill(-1);
    for (const [key, r] of space.rowMaps[t]) table[key] = r;
    return table;
  });
  const mStart: number[] = [0];
  const mKind: number[] = [];
  const mOff: number[] = [];
  const mSize: number[] = [];
  for (const t of multis) {
    for (const [k, o] of space.templates[t]) {
      mKind.push(k);
      mOff.push(o);
      mSize.push(space.vocabs[k].size);
    }
    mStart.push(mKind.length);
  }
  const twins = twinTemplates(space, multis, dense).map(([q1, q2]) => ({
    first: q1,
    second: q2,
    table: PairTable.from(space.rowMaps[multis[q1]], space.rowMaps[multis[q2]]),
    rows: new Int32Array(0),
  }));
  const twinOf = new Int32Array(multis.length).fill(-1);
  twins.forEach((tw, k) => {
    twinOf[tw.first] = 2 * k;
    twinOf[tw.second] = 2 * k + 1;
  });
  const plan = {
    twins,
    twinOf,
    groups: groups.map((g) => ({
      templates: g.templates,
      at: Int32Array.from(g.parts.map(([k, o]) => o * NUM_KINDS + k)),
      stride: mixedRadixStrides(g.parts.map(([k]) => space.vocabs[k].size)),
      cache: new VectorCache(groupCacheBits),
    })),
    mStart: Int32Array.from(mStart),
    mAt: Int32Array.from(mKind.map((k, j) => mOff[j] * NUM_KINDS + k)),
    mSize: Float64Array.from(mSize),
    offsets: Int32Array.from(offs),
    singles,
    singleRows: singles.map(([t]) => (keySpaceOf(space, t) < 2 ** 31 ? IntTable.from(space.rowMaps[t]) : null)),
    multis: Int32Array.from(multis),
    dense,
    // a twin template's rows are read from its pair table only
    hashed: multis.map((t, q) => (dense[q] === null && twinOf[q] < 0 && keySpaceOf(space, t) < 2 ** 31 ? IntTable.from(space.rowMaps[t]) : null)),
    bos: new Float32Array(offs.length * NL),
    eos: new Float32Array(offs.length * NL),
    bosEntry: undefined as unknown as Entry,
    eosEntry: undefined as unknown as Entry,
    // type-level kinds the per-token templates read (single-word templates use the word vectors)
    atomKinds: Int32Array.from(
      [...new Set([...groups.flatMap((g) => g.parts.map(([k]) => k)), ...multis.flatMap((t) => space.templates[t].map(([k]) => k))])].filter((k) => k < TYPE_KINDS).sort((x, y) => x - y),
    ),
  };
  return plan;
}
