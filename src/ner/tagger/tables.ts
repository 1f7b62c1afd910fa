/**
 * The tagger's lookup tables, all open addressing over typed arrays (no Map
 * and no string per lookup in the tagging loop): feature keys to weight rows,
 * group keys to cached score vectors, and a word table keyed by the
 * characters of a text range.
 */
import { NL } from './model.js';

/** Group keys stay below 2^31: the vector caches keep them in an Int32Array. */
export const GROUP_LIMIT = 2 ** 31 - 1;

/**
 * Non-negative int32 keys -> non-negative int32 values, open addressing (faster than a Map for big
 * tables). Key and value share a slot (`slots[2i]`, `slots[2i + 1]`): a hit costs one cache miss.
 */
export class IntTable {
  private constructor(
    private readonly slots: Int32Array,
    private readonly mask: number,
  ) {}

  static from(map: Map<number, number>): IntTable {
    let cap = 16;
    while (cap < map.size * 2) cap *= 2;
    const slots = new Int32Array(2 * cap).fill(-1);
    const mask = cap - 1;
    for (const [k, v] of map) {
      let i = Math.imul(k, 0x9e3779b1) & mask;
      while (slots[2 * i] !== -1) i = (i + 1) & mask;
      slots[2 * i] = k;
      slots[2 * i + 1] = v;
    }
    return new IntTable(slots, mask);
  }

  /** The value, or -1. */
  get(key: number): number {
    const { slots, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const k = slots[2 * i];
      if (k === key) return slots[2 * i + 1];
      if (k === -1) return -1;
      i = (i + 1) & mask;
    }
  }
}

/**
 * Non-negative int32 keys -> a few int32 values (each -1 when absent), open addressing: the rows
 * of the templates that read the same key at different tokens (`lw@-1+lw@0`, `lw@0+lw@1`, ...),
 * found with one probe. A slot holds the key and its values side by side.
 */
export class RowsTable {
  private constructor(
    private readonly slots: Int32Array,
    private readonly mask: number,
    /** Values per key. */
    readonly width: number,
  ) {}

  /** One value per map (a key absent from a map gets -1 there). */
  static from(maps: ReadonlyArray<Map<number, number>>): RowsTable {
    const keys = new Set<number>();
    for (const map of maps) for (const k of map.keys()) keys.add(k);
    const width = maps.length;
    const stride = width + 1;
    let cap = 16;
    while (cap < keys.size * 2) cap *= 2;
    const slots = new Int32Array(stride * cap).fill(-1);
    const mask = cap - 1;
    for (const k of keys) {
      let i = Math.imul(k, 0x9e3779b1) & mask;
      while (slots[stride * i] !== -1) i = (i + 1) & mask;
      slots[stride * i] = k;
      for (let m = 0; m < width; m++) slots[stride * i + 1 + m] = maps[m].get(k) ?? -1;
    }
    return new RowsTable(slots, mask, width);
  }

  /** Writes the key's values to `out[at .. at + width)` (-1 for an absent key). */
  lookup(key: number, out: Int32Array, at: number): void {
    const { slots, mask, width } = this;
    const stride = width + 1;
    let i = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const k = slots[stride * i];
      if (k === key) {
        for (let m = 0; m < width; m++) out[at + m] = slots[stride * i + 1 + m];
        return;
      }
      if (k === -1) {
        for (let m = 0; m < width; m++) out[at + m] = -1;
        return;
      }
      i = (i + 1) & mask;
    }
  }
}

/**
 * Non-negative int32 keys -> 13-float vectors, open addressing; emptied when
 * 70% full, so memory stays bounded. A slot holds the key and its vector's
 * pool offset side by side, and the vectors are packed in the pool in the
 * order they came: the few thousand a text uses stay in the processor's cache
 * instead of being spread over the whole pool.
 */
export class VectorCache {
  /** `slots[2i]`: key or -1; `slots[2i + 1]`: its vector's pool offset. */
  private readonly slots: Int32Array;
  readonly pool: Float32Array;
  private readonly mask: number;
  private readonly capacity: number;
  private used = 0;

  constructor(bits: number) {
    this.slots = new Int32Array(2 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
    this.capacity = Math.floor((1 << bits) * 0.7);
    this.pool = new Float32Array(this.capacity * NL);
  }

  /** Pool offset of the key's vector, or -1. */
  find(key: number): number {
    const { slots, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) >>> 17 & mask;
    for (;;) {
      const k = slots[2 * i];
      if (k === key) return slots[2 * i + 1];
      if (k === -1) return -1;
      i = (i + 1) & mask;
    }
  }

  /** A zeroed vector for a key not in the cache; returns its pool offset. */
  insert(key: number): number {
    if (this.used >= this.capacity) {
      this.slots.fill(-1);
      this.used = 0;
    }
    const { slots, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) >>> 17 & mask;
    while (slots[2 * i] !== -1) i = (i + 1) & mask;
    const o = this.used++ * NL;
    slots[2 * i] = key;
    slots[2 * i + 1] = o;
    this.pool.fill(0, o, o + NL);
    return o;
  }
}

/** What the word table stores: anything with its word and `WordTable.hash`. */
export interface HashedWord {
  word: string;
  hash: number;
}

/**
 * Word entries by the characters of a text range, open addressing: a token is
 * looked up without building its string. Filled to 70% at most (`full`).
 */
export class WordTable<T extends HashedWord> {
  private readonly slots: (T | undefined)[];
  private readonly mask: number;
  private used = 0;

  constructor(bits: number) {
    this.slots = new Array(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
  }

  /**
   * FNV-1a over the UTF-16 units of text[s, e), as a signed int32: an unsigned one is a heap
   * number for half the words, and the entries' `hash` field then changed from small integer
   * to double after the first few words (a map deprecation, and the tagger's functions
   * recompiled).
   */
  static hash(text: string, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h;
  }

  get full(): boolean {
    return this.used >= (this.mask + 1) * 0.7;
  }

  find(text: string, s: number, e: number, hash: number): T | undefined {
    const len = e - s;
    let i = hash & this.mask;
    for (;;) {
      const entry = this.slots[i];
      if (entry === undefined) return undefined;
      if (entry.hash === hash && entry.word.length === len) {
        const w = entry.word;
        let k = 0;
        while (k < len && w.charCodeAt(k) === text.charCodeAt(s + k)) k++;
        if (k === len) return entry;
      }
      i = (i + 1) & this.mask;
    }
  }

  add(entry: T): void {
    let i = entry.hash & this.mask;
    while (this.slots[i] !== undefined) i = (i + 1) & this.mask;
    this.slots[i] = entry;
    this.used++;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.used = 0;
  }
}
