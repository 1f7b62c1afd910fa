import { BinaryReader, BinaryWriter } from '../binary.js';

/**
 * The article table: for every input file, the articles it produced — id, record index, line,
 * where the rendered article is stored (segment, offset, length), its content hash and, for
 * streamed exports, the hash of the record it came from. Kept in columns (typed arrays plus one
 * array of ids) rather than an object per article: a 300,000-record export costs about 90 bytes
 * per article on the main thread instead of ~300, and the table file (`.warta/articles.bin`) is
 * those columns' bytes, written and read without a loop over objects.
 *
 * File layout (little endian): "WAT2"; u32 segment count and the segment names; u32 input count
 * and per input its path and u32 article count; then, for all articles in input order, the
 * columns: i32 record (-1: none), u32 line (0: none), u32 segment (index into the names),
 * f64 offset, u32 length, u8 flags, 16-byte content hash, 16-byte record hash, u32 id byte
 * length, and the ids' UTF-8 bytes. Strings are u32 byte length + UTF-8.
 */
export const USES_FILE_DATE = 1;
export const HAS_RECORD_HASH = 2;

const MAGIC = 0x32544157; // "WAT2"

/** Segment file names, numbered once per run (articles refer to them by number). */
export class SegmentNames {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.numbers.set(name, n);
    }
    return n;
  }
}

/** One article as a worker reports it (hashes as hex). */
export interface NewArticle {
  id: string;
  record: number | null;
  line?: number;
  segment: number;
  offset: number;
  length: number;
  /** Content hash, 32 hex digits. */
  hash: string;
  /** Record hash (streamed exports): 16 bytes. */
  recordHash?: Uint8Array;
  usesFileDate: boolean;
}

export class ArticleColumns {
  count = 0;
  ids: string[] = [];
  records: Int32Array;
  lines: Uint32Array;
  segments: Uint32Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  flags: Uint8Array;
  hashes: Uint8Array;
  recordHashes: Uint8Array;

  constructor(capacity = 256) {
    this.records = new Int32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.segments = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.hashes = new Uint8Array(16 * capacity);
    this.recordHashes = new Uint8Array(16 * capacity);
  }

  private room(): number {
    if (this.count === this.records.length) {
      const grow = <T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(a: T, factor = 1): T => {
        const next = new (a.constructor as new (n: number) => T)(a.length * 2 + 16 * factor);
        next.set(a);
        return next;
      };
      this.records = grow(this.records);
      this.lines = grow(this.lines);
      this.segments = grow(this.segments);
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
      this.flags = grow(this.flags);
      this.hashes = grow(this.hashes, 16);
      this.recordHashes = grow(this.recordHashes, 16);
    }
    return this.count++;
  }

  add(a: NewArticle): number {
    const i = this.room();
    this.ids[i] = a.id;
    this.records[i] = a.record ?? -1;
    this.lines[i] = a.line ?? 0;
    this.segments[i] = a.segment;
    this.offsets[i] = a.offset;
    this.lengths[i] = a.length;
    this.flags[i] = (a.usesFileDate ? USES_FILE_DATE : 0) | (a.recordHash ? HAS_RECORD_HASH : 0);
    Buffer.from(this.hashes.buffer, this.hashes.byteOffset + 16 * i, 16).write(a.hash, 0, 16, 'hex');
    if (a.recordHash) this.recordHashes.set(a.recordHash.subarray(0, 16), 16 * i);
    return i;
  }

  /** Copy article `i` of `from` (an unchanged record kept from the last run), with its current line. */
  copy(from: ArticleColumns, i: number, line = from.lines[i]): number {
    const j = this.room();
    this.ids[j] = from.ids[i];
    this.records[j] = from.records[i];
    this.lines[j] = line;
    this.segments[j] = from.segments[i];
    this.offsets[j] = from.offsets[i];
    this.lengths[j] = from.lengths[i];
    this.flags[j] = from.flags[i];
    this.hashes.set(from.hashes.subarray(16 * i, 16 * i + 16), 16 * j);
    this.recordHashes.set(from.recordHashes.subarray(16 * i, 16 * i + 16), 16 * j);
    return j;
  }

  record(i: number): number | null {
    return this.records[i] < 0 ? null : this.records[i];
  }

  usesFileDate(i: number): boolean {
    return (this.flags[i] & USES_FILE_DATE) !== 0;
  }

  /** True when article `i` came from a record whose bytes hashed to `digest` (its first 16 bytes). */
  sameRecord(i: number, digest: Uint8Array): boolean {
    if ((this.flags[i] & HAS_RECORD_HASH) === 0) return false;
    for (let k = 0; k < 16; k++) if (this.recordHashes[16 * i + k] !== digest[k]) return false;
    return true;
  }

  /** Content hash of article `i`, 32 hex digits (what a sink compares). */
  hash(i: number): string {
    return Buffer.from(this.hashes.buffer, this.hashes.byteOffset + 16 * i, 16).toString('hex');
  }
}

/** An input's articles: a range of a column store (small files share one store, each export has its own). */
export interface ArticleRange {
  columns: ArticleColumns;
  start: number;
  count: number;
}

export type ArticleTable = Map<string, ArticleRange>;

/** True when an article of `range` resolved a relative date against its file's modification date. */
export function anyUsesFileDate(range: ArticleRange | null | undefined): boolean {
  if (!range) return false;
  for (let i = range.start; i < range.start + range.count; i++) if (range.columns.usesFileDate(i)) return true;
  return false;
}

/**
 * The table file's bytes, as a list of parts (mostly views of the column stores, so that a table
 * of 300,000 articles is written without being copied into one buffer first).
 */
export function encodeArticleTable(table: ArticleTable, names: SegmentNames): Buffer[] {
  // renumber the segments that are still used, so the file's name list is exactly those
  const used = new Map<number, number>();
  for (const { columns, start, count } of table.values()) {
    for (let i = start; i < start + count; i++) if (!used.has(columns.segments[i])) used.set(columns.segments[i], used.size);
  }
  const out = new BinaryWriter();
  out.u32(MAGIC);
  out.u32(used.size);
  for (const [segment] of used) out.string(names.names[segment]);
  out.u32(table.size);
  for (const [input, range] of table) {
    out.string(input);
    out.u32(range.count);
  }
  const column = (pick: (c: ArticleColumns, start: number, end: number) => ArrayBufferView) => {
    for (const { columns, start, count } of table.values()) if (count > 0) out.column(pick(columns, start, start + count));
  };
  column((c, a, b) => c.records.subarray(a, b));
  column((c, a, b) => c.lines.subarray(a, b));
  column((c, a, b) => Uint32Array.from(c.segments.subarray(a, b), (n) => used.get(n)!));
  // offsets may sit at any byte position in the file: the decoder copies them out
  column((c, a, b) => c.offsets.subarray(a, b));
  column((c, a, b) => c.lengths.subarray(a, b));
  column((c, a, b) => c.flags.subarray(a, b));
  column((c, a, b) => c.hashes.subarray(16 * a, 16 * b));
  column((c, a, b) => c.recordHashes.subarray(16 * a, 16 * b));
  column((c, a, b) => Uint32Array.from(c.ids.slice(a, b), (id) => Buffer.byteLength(id)));
  for (const { columns, start, count } of table.values()) if (count > 0) out.bytes(Buffer.from(columns.ids.slice(start, start + count).join('')));
  return out.parts;
}

/** Decode a table into one column store; segment numbers are those of `names`. */
export function decodeArticleTable(buffer: Buffer, names: SegmentNames): ArticleTable {
  const read = new BinaryReader(buffer, 'article table');
  if (read.u32() !== MAGIC) throw new Error('not an article table');
  const segmentNumbers: number[] = [];
  for (let n = read.u32(); n > 0; n--) segmentNumbers.push(names.numberOf(read.string()));
  const inputs: [string, number][] = [];
  let total = 0;
  for (let n = read.u32(); n > 0; n--) {
    const input = read.string();
    const count = read.u32();
    inputs.push([input, count]);
    total += count;
  }
  const take = (bytes: number) => read.take(bytes);
  const columns = new ArticleColumns(0);
  columns.records = new Int32Array(take(4 * total));
  columns.lines = new Uint32Array(take(4 * total));
  columns.segments = new Uint32Array(take(4 * total));
  for (let i = 0; i < total; i++) {
    if (columns.segments[i] >= segmentNumbers.length) throw new Error('article table names an unknown segment');
    columns.segments[i] = segmentNumbers[columns.segments[i]];
  }
  columns.offsets = new Float64Array(take(8 * total));
  columns.lengths = new Uint32Array(take(4 * total));
  columns.flags = new Uint8Array(take(total));
  columns.hashes = new Uint8Array(take(16 * total));
  columns.recordHashes = new Uint8Array(take(16 * total));
  const idLengths = new Uint32Array(take(4 * total));
  const at = read.at;
  const ids = buffer.toString('utf8', at);
  columns.ids = new Array(total);
  // ids are cut by their UTF-8 byte lengths: ASCII ids (the usual) are one character a byte
  let byte = 0;
  let char = 0;
  const ascii = Buffer.byteLength(ids) === ids.length;
  const idBytes = buffer.subarray(at);
  for (let i = 0; i < total; i++) {
    const n = idLengths[i];
    if (ascii) {
      columns.ids[i] = ids.slice(char, char + n);
      char += n;
    } else columns.ids[i] = idBytes.toString('utf8', byte, byte + n);
    byte += n;
  }
  if (at + byte !== buffer.length) throw new Error('article table has trailing bytes');
  columns.count = total;
  const table: ArticleTable = new Map();
  let start = 0;
  for (const [input, count] of inputs) {
    table.set(input, { columns, start, count });
    start += count;
  }
  return table;
}
