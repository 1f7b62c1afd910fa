/**
 * How a model's feature templates are looked up per token (`LinearTagger`'s
 * emission loop): templates over one word are summed once per distinct word
 * (per offset), templates over small vocabularies are grouped behind vector
 * caches, word-pair templates read their row tables (the templates that read
 * the same pair of words at different tokens with one probe per word pair).
 * Made once per tagger from its feature space.
 */
import { NUM_KINDS, TYPE_KINDS } from './features.js';
import { NL, type FeatureSpace } from './model.js';
import { GROUP_LIMIT, IntTable, RowsTable, VectorCache } from './tables.js';

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
  /** Templates that read the same parts at different tokens (see `PairFamily`). */
  families: PairFamily[];
  /** Per multi template: index into `families`, or -1. */
  familyOf: Int32Array;
  /** Per multi template in a family: where token 0's row for it is in the family's `rows` (token i's: that + i * width). */
  familySlot: Int32Array;
  /** Per multi template without a dense table or family: an open-addressing key -> row table (null: use the Map). */
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
 * Multi templates over the same kinds at the same distances from each other, shifted
 * (`lw@-2+lw@-1` … `lw@1+lw@2`: one word pair read at four places): the key member k reads at
 * token i is the family's key at position i + shift[k], so one probe per position finds every
 * member's row (`familyRows`, before the token loop).
 */
export interface PairFamily {
  /** Multi template indices (into `multis`), left to right. */
  members: number[];
  /** Per member: the offset of its first part. */
  shift: Int32Array;
  minShift: number;
  maxShift: number;
  /** The family's parts relative to a position (offset from the first part * NUM_KINDS + kind) and their vocabulary sizes. */
  at: Int32Array;
  size: Float64Array;
  table: RowsTable;
  /** Per position p from minShift on: the members' rows at `(p - minShift) * members.length + k` (-1 none). */
  rows: Int32Array;
}

/** The parts of a template as kinds and offsets relative to its first part, as a string. */
function shapeOf(space: FeatureSpace, t: number): string {
  const parts = space.templates[t];
  return parts.map(([k, o]) => `${k}@${o - parts[0][1]}`).join('+');
}

/**
 * Families of two or more multi templates of the same shape (see `PairFamily`), keyed below 2^31
 * and without a dense table; members ordered by shift.
 */
function pairFamilies(space: FeatureSpace, multis: readonly number[], dense: ReadonlyArray<Int32Array | null>): PairFamily[] {
  const byShape = new Map<string, number[]>();
  multis.forEach((t, q) => {
    if (dense[q] !== null || keySpaceOf(space, t) >= 2 ** 31) return;
    const shape = shapeOf(space, t);
    const members = byShape.get(shape);
    if (members) members.push(q);
    else byShape.set(shape, [q]);
  });
  const families: PairFamily[] = [];
  for (const members of byShape.values()) {
    if (members.length < 2) continue;
    const firstOffset = (q: number) => space.templates[multis[q]][0][1];
    members.sort((x, y) => firstOffset(x) - firstOffset(y) || x - y);
    const shift = Int32Array.from(members.map(firstOffset));
    const parts = space.templates[multis[members[0]]];
    families.push({
      members,
      shift,
      minShift: shift[0],
      maxShift: shift[shift.length - 1],
      at: Int32Array.from(parts.map(([k, o]) => (o - parts[0][1]) * NUM_KINDS + k)),
      size: Float64Array.from(parts.map(([k]) => space.vocabs[k].size)),
      table: RowsTable.from(members.map((q) => space.rowMaps[multis[q]])),
      rows: new Int32Array(0),
    });
  }
  return families;
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
  const families = pairFamilies(space, multis, dense);
  const familyOf = new Int32Array(multis.length).fill(-1);
  const familySlot = new Int32Array(multis.length).fill(-1);
  families.forEach((family, f) => {
    family.members.forEach((q, k) => {
      familyOf[q] = f;
      familySlot[q] = (family.shift[k] - family.minShift) * family.members.length + k;
    });
  });
  const plan = {
    families,
    familyOf,
    familySlot,
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
    // a family member's rows are read from its family's table only
    hashed: multis.map((t, q) => (dense[q] === null && familyOf[q] < 0 && keySpaceOf(space, t) < 2 ** 31 ? IntTable.from(space.rowMaps[t]) : null)),
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
