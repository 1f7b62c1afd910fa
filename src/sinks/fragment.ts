import { createHash } from 'node:crypto';
import { CSV_FILES, type CsvFile } from './rows.js';

/**
 * A rendered article as bytes: its `documents.jsonl` line and its rows of the four CSV files, the
 * form in which workers hand finished articles over and the runner keeps them between runs
 * (`src/runner/store.ts`). The file sink copies the parts into the output files without decoding
 * them; the content hash ignores the input file's sha256, so that a record's hash survives an
 * append to its file (a sink combines the two: `sinkArticleHash`).
 *
 * Fragment bytes: a 36-byte header of nine u32 (LE): the UTF-8 byte lengths of the id, the JSON
 * line and the four CSV parts, the record index + 1 (0: none), and the byte offsets + 1 (0: none)
 * of the input file's sha256 inside the JSON line and inside the articles row; then the six parts.
 */
/** An article rendered by a worker: its id, record index, JSON line and CSV rows. */
export interface Fragment {
  id: string;
  record: number | null;
  json: string;
  csv: Record<CsvFile, string>;
}

/** Placeholder for the input file's sha256 while the file is still being read (the writer patches it). */
export const PENDING_SHA256 = '0'.repeat(64);
const PENDING_BYTES = Buffer.from(PENDING_SHA256, 'latin1');

const SHA_KEY = Buffer.from('"sha256":"');
export const FRAGMENT_HEADER_BYTES = 36;
const HEADER = FRAGMENT_HEADER_BYTES;

/** Byte offset of the 5th cell (source_sha256) of a CSV row in `bytes[from, to)`, RFC 4180 quoting aware; -1 if none. */
function fifthCell(bytes: Buffer, from: number, to: number): number {
  let cell = 0;
  let quoted = false;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (quoted) {
      if (c === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else quoted = false;
      }
    } else if (c === 0x22) quoted = true;
    else if (c === 0x2c && ++cell === 4) return i + 1;
  }
  return -1;
}

/**
 * The fragments a worker renders during one task, encoded straight into one growing buffer (one
 * UTF-8 encoding per part, no intermediate strings), written to its segment with one call.
 */
export class FragmentBuffer {
  private bytes = Buffer.allocUnsafe(1 << 20);
  used = 0;

  /**
   * Append a fragment; returns its byte range in this buffer and a content hash of the article
   * with the input file's sha256 blanked (so that a record's hash survives an append to its file;
   * a sink combines it with the file's hash).
   */
  add(fragment: Fragment, fileSha: string): { start: number; length: number; hash: string } {
    const parts = [fragment.id, fragment.json, fragment.csv.articles, fragment.csv.sentences, fragment.csv.entities, fragment.csv.dates];
    let room = HEADER;
    for (const part of parts) room += part.length * 3;
    if (this.used + room > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + room));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    const b = this.bytes;
    const start = this.used;
    let at = start + HEADER;
    const ends: number[] = [];
    for (const part of parts) {
      at += b.write(part, at, 'utf8');
      ends.push(at);
    }
    const [idEnd, jsonEnd, articlesEnd] = ends;
    const key = b.indexOf(SHA_KEY, idEnd);
    const shaJson = key >= 0 && key + SHA_KEY.length + 64 <= jsonEnd && b.toString('latin1', key + SHA_KEY.length, key + SHA_KEY.length + 64) === fileSha ? key + SHA_KEY.length : -1;
    const cell = fifthCell(b, jsonEnd, articlesEnd);
    const shaCsv = cell >= 0 && cell + 64 <= articlesEnd && b.toString('latin1', cell, cell + 64) === fileSha ? cell : -1;
    const hash = createHash('sha256');
    let from = start + HEADER;
    for (const sha of [shaJson, shaCsv]) {
      if (sha < 0) continue;
      hash.update(b.subarray(from, sha));
      hash.update(PENDING_BYTES);
      from = sha + 64;
    }
    hash.update(b.subarray(from, at));
    const header = [idEnd - start - HEADER, jsonEnd - idEnd, articlesEnd - jsonEnd, ends[3] - articlesEnd, ends[4] - ends[3], ends[5] - ends[4]];
    header.push(fragment.record === null ? 0 : fragment.record + 1, shaJson < 0 ? 0 : shaJson - idEnd + 1, shaCsv < 0 ? 0 : shaCsv - jsonEnd + 1);
    header.forEach((v, i) => b.writeUInt32LE(v, start + 4 * i));
    this.used = at;
    return { start, length: at - start, hash: hash.digest('hex').slice(0, 32) };
  }

  /** The encoded fragments (valid until the next `add` or `clear`). */
  get contents(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }
}

/** One fragment as bytes (tests, and callers that render a single article). */
export function encodeFragment(fragment: Fragment, fileSha: string): { bytes: Buffer; hash: string } {
  const buffer = new FragmentBuffer();
  const { hash } = buffer.add(fragment, fileSha);
  return { bytes: Buffer.from(buffer.contents), hash };
}

/** A fragment read back: every part a view into the bytes read. */
export interface FragmentBytes {
  id: string;
  record: number | null;
  json: Buffer;
  csv: Record<CsvFile, Buffer>;
  /** Byte offset of the file's sha256 in `json` / in `csv.articles` (-1: none). */
  shaJson: number;
  shaCsv: number;
}

export function decodeFragment(bytes: Buffer): FragmentBytes {
  const field = (i: number) => bytes.readUInt32LE(4 * i);
  let at = HEADER;
  const take = (length: number) => bytes.subarray(at, (at += length));
  const id = take(field(0)).toString('utf8');
  const json = take(field(1));
  const csv = Object.fromEntries(CSV_FILES.map((file, i) => [file, take(field(i + 2))])) as Record<CsvFile, Buffer>;
  if (at !== bytes.length) throw new Error(`fragment store: a fragment of ${bytes.length} bytes holds ${at}`);
  const record = field(6);
  return { id, record: record === 0 ? null : record - 1, json, csv, shaJson: field(7) - 1, shaCsv: field(8) - 1 };
}

/**
 * Where a fragment's parts lie in `bytes` (the fragment starting at `at`): `into` receives start
 * and end of the JSON line, then of the articles, sentences, entities and dates rows.
 */
export function fragmentParts(bytes: Buffer, at: number, into: Int32Array): void {
  let p = at + HEADER + bytes.readUInt32LE(at);
  for (let i = 0; i < 5; i++) {
    into[2 * i] = p;
    p += bytes.readUInt32LE(at + 4 * (i + 1));
    into[2 * i + 1] = p;
  }
}

/** Write the input file's sha256 into the fragment at `at` of `bytes`, where its JSON line and articles row hold it. */
export function patchFileShaAt(bytes: Buffer, at: number, sha256: string): void {
  const jsonStart = at + HEADER + bytes.readUInt32LE(at);
  const shaJson = bytes.readUInt32LE(at + 28);
  const shaCsv = bytes.readUInt32LE(at + 32);
  if (shaJson > 0) bytes.write(sha256, jsonStart + shaJson - 1, 64, 'latin1');
  if (shaCsv > 0) bytes.write(sha256, jsonStart + bytes.readUInt32LE(at + 4) + shaCsv - 1, 64, 'latin1');
}

/** Write the input file's current sha256 into a fragment read back (its parts are views: patched in place). */
export function patchFileSha(fragment: FragmentBytes, sha256: string): void {
  if (fragment.shaJson >= 0) fragment.json.write(sha256, fragment.shaJson, 64, 'latin1');
  if (fragment.shaCsv >= 0) fragment.csv.articles.write(sha256, fragment.shaCsv, 64, 'latin1');
}

/** Decode a fragment to strings (tests, sinks that need text). */
export function fragmentText(fragment: FragmentBytes): Fragment {
  return {
    id: fragment.id,
    record: fragment.record,
    json: fragment.json.toString('utf8'),
    csv: Object.fromEntries(CSV_FILES.map((f) => [f, fragment.csv[f].toString('utf8')])) as Fragment['csv'],
  };
}
