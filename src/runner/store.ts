import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writevSync } from 'node:fs';
import path from 'node:path';
import { CSV_FILES, type CsvFile } from '../sinks/rows.js';
import type { Fragment } from './task.js';

/**
 * Finished articles kept between runs (`.warta/segments/`), so an incremental run re-analyses only
 * changed inputs and records and still writes complete, sorted outputs without holding them in
 * memory. Each worker appends the fragments it renders to its own segment file (one write per
 * task, no file per article: 300,000 small files cost more to write and read back than the
 * analysis of a small export). A fragment is located by segment name, byte offset and length;
 * the runner reads fragments back with one positional read each, as bytes, and copies their parts
 * into the output files without decoding them.
 *
 * Fragment bytes: a header line `id-bytes record json articles sentences entities dates sha-json
 * sha-csv` (UTF-8 byte lengths; the last two are the byte offsets of the input file's sha256
 * inside the JSON line and the articles row, -1 when absent), then the id and the five parts.
 */
export interface FragmentLocation {
  segment: string;
  offset: number;
  length: number;
}

/** Placeholder for the input file's sha256 while the file is still being read (the writer patches it). */
export const PENDING_SHA256 = '0'.repeat(64);

const SHA_KEY = '"sha256":"';
/** Segments are closed at this size, so that a segment whose articles are all replaced is deleted whole. */
const SEGMENT_BYTES = 256 * 1024 * 1024;

/** Offset of the 5th cell (source_sha256) of a CSV row, RFC 4180 quoting aware. */
function fifthCell(row: string): number {
  let cell = 0;
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row.charCodeAt(i);
    if (quoted) {
      if (c === 0x22) {
        if (row.charCodeAt(i + 1) === 0x22) i++;
        else quoted = false;
      }
    } else if (c === 0x22) quoted = true;
    else if (c === 0x2c && ++cell === 4) return i + 1;
  }
  return -1;
}

/**
 * The fragment as bytes, and a content hash of it with the input file's sha256 blanked (so that a
 * record's hash survives an append to its file; a sink combines it with the file's hash).
 */
export function encodeFragment(fragment: Fragment, fileSha: string): { bytes: Buffer; hash: string } {
  const { json } = fragment;
  const { articles } = fragment.csv;
  const jsonAt = json.indexOf(SHA_KEY) + SHA_KEY.length;
  const hasJsonSha = jsonAt >= SHA_KEY.length && json.slice(jsonAt, jsonAt + 64) === fileSha;
  const csvAt = fifthCell(articles);
  const hasCsvSha = csvAt >= 0 && articles.slice(csvAt, csvAt + 64) === fileSha;
  const hash = createHash('sha256').update(fragment.id).update('\0');
  hash.update(hasJsonSha ? json.slice(0, jsonAt) + PENDING_SHA256 + json.slice(jsonAt + 64) : json);
  hash.update(hasCsvSha ? articles.slice(0, csvAt) + PENDING_SHA256 + articles.slice(csvAt + 64) : articles);
  for (const file of CSV_FILES) if (file !== 'articles') hash.update(fragment.csv[file]);
  const parts = [fragment.id, json, ...CSV_FILES.map((f) => fragment.csv[f])];
  const lengths = parts.map((p) => Buffer.byteLength(p));
  const shaJson = hasJsonSha ? Buffer.byteLength(json.slice(0, jsonAt)) : -1;
  const shaCsv = hasCsvSha ? Buffer.byteLength(articles.slice(0, csvAt)) : -1;
  const header = `${lengths[0]} ${fragment.record ?? -1} ${lengths.slice(1).join(' ')} ${shaJson} ${shaCsv}\n`;
  return { bytes: Buffer.from(header + parts.join('')), hash: hash.digest('hex').slice(0, 32) };
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
  const newline = bytes.indexOf(0x0a);
  const [idLength, record, ...rest] = bytes.toString('latin1', 0, newline).split(' ').map(Number);
  const lengths = rest.slice(0, 5);
  const [shaJson, shaCsv] = rest.slice(5);
  let at = newline + 1;
  const take = (length: number) => bytes.subarray(at, (at += length));
  const id = take(idLength).toString('utf8');
  const json = take(lengths[0]);
  const csv = Object.fromEntries(CSV_FILES.map((file, i) => [file, take(lengths[i + 1])])) as Record<CsvFile, Buffer>;
  return { id, record: record < 0 ? null : record, json, csv, shaJson, shaCsv };
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

/**
 * A worker's appending writer. Segment names carry the run and the worker thread, so workers
 * (and a worker that replaced a terminated one) never share a file.
 */
export class SegmentWriter {
  private fd = -1;
  private name = '';
  private size = 0;
  private serial = 0;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  /** Append fragments with one write; returns where each landed. */
  append(fragments: Buffer[]): FragmentLocation[] {
    if (fragments.length === 0) return [];
    if (this.fd < 0 || this.size > SEGMENT_BYTES) this.rotate();
    const locations = fragments.map((bytes) => {
      const location = { segment: this.name, offset: this.size, length: bytes.length };
      this.size += bytes.length;
      return location;
    });
    // writev takes at most IOV_MAX (1024) buffers per call
    for (let i = 0; i < fragments.length; i += 1024) {
      const slice = fragments.slice(i, i + 1024);
      let remaining = slice.reduce((a, b) => a + b.length, 0);
      let written = writevSync(this.fd, slice);
      // short writes are rare (a full disk raises instead), but would corrupt the offsets: finish them
      while (written < remaining) {
        let skip = written;
        const rest: Buffer[] = [];
        for (const b of slice) {
          if (skip >= b.length) skip -= b.length;
          else {
            rest.push(b.subarray(skip));
            skip = 0;
          }
        }
        remaining -= written;
        written = writevSync(this.fd, rest);
      }
    }
    return locations;
  }

  private rotate(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.name = `${this.prefix}-${this.serial++}.seg`;
    mkdirSync(this.dir, { recursive: true });
    this.fd = openSync(path.join(this.dir, this.name), 'a');
    this.size = 0;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Reads fragments back on the main thread; keeps a few segment files open. */
export class SegmentReader {
  private readonly open = new Map<string, number>();
  private scratch = Buffer.allocUnsafe(1 << 20);

  constructor(private readonly dir: string) {}

  /** The fragment at `location`; its parts are views into a buffer reused by the next read. */
  read(location: FragmentLocation): FragmentBytes {
    let fd = this.open.get(location.segment);
    if (fd === undefined) {
      if (this.open.size >= 64) {
        const [oldest, oldFd] = this.open.entries().next().value as [string, number];
        closeSync(oldFd);
        this.open.delete(oldest);
      }
      fd = openSync(path.join(this.dir, location.segment), 'r');
      this.open.set(location.segment, fd);
    }
    if (this.scratch.length < location.length) this.scratch = Buffer.allocUnsafe(Math.max(location.length, this.scratch.length * 2));
    let read = 0;
    while (read < location.length) {
      const n = readSync(fd, this.scratch, read, location.length - read, location.offset + read);
      if (n === 0) throw new Error(`fragment store: ${location.segment} ends before byte ${location.offset + location.length}`);
      read += n;
    }
    return decodeFragment(this.scratch.subarray(0, location.length));
  }

  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}

/** Delete every segment file not in `keep` (replaced articles, and leftovers of a killed run). */
export function removeSegmentsExcept(dir: string, keep: ReadonlySet<string>): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!keep.has(name)) {
      rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
