import { data as francData } from 'franc/data.js';

/**
 * franc's trigram distance over franc's own Latin-script models, computed for
 * a chosen set of languages at once.
 *
 * `francAll` re-scans the input with ~30 script regexes, builds an object per
 * call and looks every trigram up in every language; that costs ~0.3 ms for
 * 500 characters even with `only`. Here the models of the candidate
 * languages are merged into one `Map<trigram, ranks[]>` once, so one lookup per
 * distinct trigram serves all candidates. The arithmetic is franc's (same
 * cleaning, padding, counting and `|count - rank - 1|` / 300 per trigram), so
 * the distances equal `francAll`'s before its normalisation (checked in tests).
 */

export const MAX_DIFFERENCE = 300;

const LATIN: Readonly<Record<string, string>> = francData.Latin;

/** Every Latin-script language franc has a model for (ISO 639-3). */
export const LATIN_LANGUAGES: readonly string[] = Object.keys(LATIN);

export class TrigramScorer {
  readonly languages: readonly string[];
  /** Open-addressing table: trigram key -> row. */
  private readonly keys: Int32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  /** Rows in compressed sparse form: the (language, rank) pairs of row r are at rowStart[r]..rowStart[r+1]. */
  private readonly rowStart: Int32Array;
  private readonly entryLanguage: Int16Array;
  private readonly entryRank: Int16Array;
  /** Reusable counting table for the sample. */
  private counter = new TrigramCounter(4096);

  constructor(languages: readonly string[]) {
    const known = languages.filter((l) => l in LATIN);
    this.languages = known;
    const rowOf = new Map<number, number>();
    const entries: number[] = []; // row, language, rank triples
    known.forEach((lang, index) => {
      const model = LATIN[lang].split('|');
      for (let rank = 0; rank < model.length; rank++) {
        const key = trigramKey(model[rank]);
        let row = rowOf.get(key);
        if (row === undefined) rowOf.set(key, (row = rowOf.size));
        entries.push(row, index, rank);
      }
    });
    let size = 1024;
    while (size < rowOf.size * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.rows = new Int32Array(size);
    for (const [key, row] of rowOf) {
      let slot = hash(key) & this.mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.rows[slot] = row;
    }
    const count = entries.length / 3;
    this.rowStart = new Int32Array(rowOf.size + 1);
    for (let e = 0; e < count; e++) this.rowStart[entries[e * 3] + 1]++;
    for (let r = 0; r < rowOf.size; r++) this.rowStart[r + 1] += this.rowStart[r];
    const fill = this.rowStart.slice(0, rowOf.size);
    this.entryLanguage = new Int16Array(count);
    this.entryRank = new Int16Array(count);
    for (let e = 0; e < count; e++) {
      const at = fill[entries[e * 3]]++;
      this.entryLanguage[at] = entries[e * 3 + 1];
      this.entryRank[at] = entries[e * 3 + 2];
    }
  }

  private rowOf(key: number): number {
    let slot = hash(key) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.rows[slot];
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Raw franc distances of `sample` to each language (same order as
   * `languages`), written into `out`; returns the number of distinct trigrams.
   */
  distances(sample: string, out: Float64Array): number {
    const counter = this.counter.count(sample.toLowerCase());
    const n = this.languages.length;
    // Every distinct trigram costs MAX_DIFFERENCE unless the language has it; correct for those that do.
    out.fill(counter.used * MAX_DIFFERENCE, 0, n);
    for (let u = 0; u < counter.used; u++) {
      const slot = counter.slots[u];
      const row = this.rowOf(counter.keys[slot]);
      if (row < 0) continue;
      const count = counter.counts[slot];
      for (let e = this.rowStart[row], end = this.rowStart[row + 1]; e < end; e++) {
        const d = count - this.entryRank[e] - 1;
        out[this.entryLanguage[e]] += (d < 0 ? -d : d) - MAX_DIFFERENCE;
      }
    }
    return counter.used;
  }
}

function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 12;
}

/** Counts the trigram keys of a cleaned text in a reusable open-addressing table. */
class TrigramCounter {
  keys: Int32Array;
  counts: Int32Array;
  /** Slots in use, in first-seen order. */
  slots: Int32Array;
  used = 0;
  private mask: number;

  constructor(size: number) {
    this.keys = new Int32Array(size).fill(-1);
    this.counts = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /**
   * Counts the trigrams of `lowered` as franc cleans it (ASCII punctuation and
   * digits and whitespace runs become one space, trimmed, padded with a space
   * each side), without building the cleaned string.
   */
  count(lowered: string): this {
    // Reset the slots of the previous call; grow when the text could overflow the table.
    for (let u = 0; u < this.used; u++) this.keys[this.slots[u]] = -1;
    this.used = 0;
    if (lowered.length * 2 + 8 > this.keys.length) {
      let size = this.keys.length;
      while (size < lowered.length * 2 + 8) size *= 2;
      this.keys = new Int32Array(size).fill(-1);
      this.counts = new Int32Array(size);
      this.slots = new Int32Array(size);
      this.mask = size - 1;
    }
    let a = 0;
    let b = SPACE_ID;
    let emitted = 1;
    let pendingSpace = false;
    let any = false;
    for (let i = 0; i <= lowered.length; i++) {
      let id: number;
      if (i === lowered.length) id = SPACE_ID;
      else {
        const c = lowered.charCodeAt(i);
        if ((c >= 0x21 && c <= 0x40) || isSpace(c)) {
          if (any) pendingSpace = true;
          continue;
        }
        if (pendingSpace) {
          pendingSpace = false;
          if (emitted >= 2) this.add((a << 20) | (b << 10) | SPACE_ID);
          a = b;
          b = SPACE_ID;
          emitted++;
        }
        any = true;
        id = CHAR_IDS[c];
      }
      if (emitted >= 2) this.add((a << 20) | (b << 10) | id);
      a = b;
      b = id;
      emitted++;
    }
    return this;
  }

  private add(key: number): void {
    let slot = hash(key) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) {
        this.counts[slot]++;
        return;
      }
      if (k === -1) {
        this.keys[slot] = key;
        this.counts[slot] = 1;
        this.slots[this.used++] = slot;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** What `\s` matches in a JS regex. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Code units are mapped to small ids so a trigram is one small integer (30
 * bits, a V8 small integer: no allocation, fast hashing). Every character of
 * every model gets its own id; all other characters share OTHER, which is
 * harmless because no model trigram contains them (each such trigram costs
 * MAX_DIFFERENCE for every language alike).
 */
const CHAR_IDS = new Uint16Array(65536);
const OTHER = 1023;
let SPACE_ID = 0;
{
  let next = 1;
  for (const languages of Object.values(francData)) {
    for (const model of Object.values(languages)) {
      for (let i = 0; i < model.length; i++) {
        const c = model.charCodeAt(i);
        if (CHAR_IDS[c] === 0 && next < OTHER) CHAR_IDS[c] = next++;
      }
    }
  }
  for (let c = 0; c < 65536; c++) if (CHAR_IDS[c] === 0) CHAR_IDS[c] = OTHER;
  SPACE_ID = CHAR_IDS[32];
}

function trigramKey(gram: string): number {
  return (CHAR_IDS[gram.charCodeAt(0)] << 20) | (CHAR_IDS[gram.charCodeAt(1)] << 10) | CHAR_IDS[gram.charCodeAt(2)];
}

