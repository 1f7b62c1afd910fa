import type { FragmentLocation } from './store.js';

/**
 * The article table (`.warta/articles.bin`): for every input file, the articles it produced —
 * id, record index, where the rendered article is stored, its content hash and (for streamed
 * exports) the hash of the record it came from. Binary and written only when something changed:
 * for a 300,000-record export the JSON equivalent is ~35 MB that every run would parse and
 * re-serialise; this is about a third of that and decodes in tens of milliseconds.
 *
 * Layout (little endian): "WAT1", u32 segment count, segment names; u32 input count; per input:
 * its path, u32 article count, then per article: i32 record (-1: none), u32 line (0: none),
 * u32 segment index, u64 offset (two u32), u32 length, u8 flags (1: uses the file date, 2: has a record
 * hash), 16-byte content hash, [16-byte record hash], id. Strings are u32 byte length + UTF-8.
 */
export interface ArticleEntry {
  id: string;
  record: number | null;
  line?: number;
  location: FragmentLocation;
  /** Content hash of the rendered article, 32 hex digits. */
  hash: string;
  /** Hash of the input record's bytes (streamed exports), 32 hex digits. */
  recordHash?: string;
  /** Resolved relative dates against the file's modification date. */
  usesFileDate: boolean;
}

const MAGIC = 0x31544157; // "WAT1"
const USES_FILE_DATE = 1;
const HAS_RECORD_HASH = 2;

class Writer {
  buffer = Buffer.allocUnsafe(1 << 16);
  at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  u8(v: number): void {
    this.room(1);
    this.buffer[this.at++] = v;
  }

  u32(v: number): void {
    this.room(4);
    this.at = this.buffer.writeUInt32LE(v, this.at);
  }

  i32(v: number): void {
    this.room(4);
    this.at = this.buffer.writeInt32LE(v, this.at);
  }

  /** An offset below 2^53 as two u32 (faster than a double in Node 20). */
  u53(v: number): void {
    this.u32(v % 0x100000000);
    this.u32(Math.floor(v / 0x100000000));
  }

  hex16(hex: string): void {
    this.room(16);
    this.at += this.buffer.write(hex, this.at, 16, 'hex');
  }

  string(s: string): void {
    const n = Buffer.byteLength(s);
    this.u32(n);
    this.room(n);
    this.at += this.buffer.write(s, this.at, n, 'utf8');
  }
}

export function encodeArticleTable(tables: Map<string, ArticleEntry[]>): Buffer {
  const segments = new Map<string, number>();
  for (const entries of tables.values()) for (const e of entries) if (!segments.has(e.location.segment)) segments.set(e.location.segment, segments.size);
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(segments.size);
  for (const name of segments.keys()) w.string(name);
  w.u32(tables.size);
  for (const [input, entries] of tables) {
    w.string(input);
    w.u32(entries.length);
    for (const e of entries) {
      w.i32(e.record ?? -1);
      w.u32(e.line ?? 0);
      w.u32(segments.get(e.location.segment)!);
      w.u53(e.location.offset);
      w.u32(e.location.length);
      w.u8((e.usesFileDate ? USES_FILE_DATE : 0) | (e.recordHash ? HAS_RECORD_HASH : 0));
      w.hex16(e.hash);
      if (e.recordHash) w.hex16(e.recordHash);
      w.string(e.id);
    }
  }
  return w.buffer.subarray(0, w.at);
}

export function decodeArticleTable(buffer: Buffer): Map<string, ArticleEntry[]> {
  let at = 0;
  const u32 = () => ((at += 4), buffer.readUInt32LE(at - 4));
  const string = () => {
    const n = u32();
    return buffer.toString('utf8', at, (at += n));
  };
  const hex16 = () => buffer.toString('hex', at, (at += 16));
  if (u32() !== MAGIC) throw new Error('not an article table');
  const segments: string[] = [];
  for (let n = u32(); n > 0; n--) segments.push(string());
  const tables = new Map<string, ArticleEntry[]>();
  for (let inputs = u32(); inputs > 0; inputs--) {
    const input = string();
    const count = u32();
    const entries: ArticleEntry[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const record = buffer.readInt32LE(at);
      const line = buffer.readUInt32LE(at + 4);
      const segment = segments[buffer.readUInt32LE(at + 8)];
      const offset = buffer.readUInt32LE(at + 12) + buffer.readUInt32LE(at + 16) * 0x100000000;
      const length = buffer.readUInt32LE(at + 20);
      const flags = buffer[at + 24];
      at += 25;
      const hash = hex16();
      const recordHash = flags & HAS_RECORD_HASH ? hex16() : undefined;
      const entry: ArticleEntry = {
        id: string(),
        record: record < 0 ? null : record,
        location: { segment, offset, length },
        hash,
        usesFileDate: (flags & USES_FILE_DATE) !== 0,
      };
      if (line > 0) entry.line = line;
      if (recordHash) entry.recordHash = recordHash;
      entries[i] = entry;
    }
    tables.set(input, entries);
  }
  if (at !== buffer.length) throw new Error('article table has trailing bytes');
  return tables;
}
