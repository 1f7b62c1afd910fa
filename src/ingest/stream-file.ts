import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ByteWindow, bufferSource, fileSource, type ByteSource } from './byte-window.js';
import { csvHeader, missingBodyColumn } from './record-parse.js';
import type { RecordField } from './record.js';
import { splitCsv, type RecordDelimiter } from './stream-csv.js';
import { splitJsonArray } from './stream-json.js';
import { splitJsonl } from './stream-jsonl.js';
import { sniffEncoding, type RawRecord, type RecordFailure } from './stream-records.js';

export interface RecordStreamOptions {
  maxRecordBytes: number;
  names: Record<RecordField, string[]>;
  /** Where a UTF-16 file is transcoded to UTF-8 before splitting (default: the system's temp folder). */
  tmpDir?: string;
  /**
   * JSONL: what the last run read. When the file's first `size` bytes still hash to `sha256` (the
   * file was appended to), those records are not read again: splitting resumes at `size`.
   */
  resume?: { size: number; sha256: string; records: number; line: number };
}

export interface RecordStreamSink {
  /** CSV: the header's columns and the record delimiter, before the first record. */
  header?(columns: string[], delimiter: RecordDelimiter): void;
  /** Copy `record.bytes` before awaiting; a returned promise holds the reader back. */
  record(record: RawRecord): void | Promise<void>;
  failure(failure: RecordFailure): void;
  /** Bytes of the file read so far (progress). */
  progress?(bytes: number): void;
  /**
   * `options.resume` applies (the file was appended to): its old records will not be read, and
   * this is the whole file's new sha256 (known before the new records are split).
   */
  resumed?(sha256: string): void;
}

export interface RecordStreamResult {
  /** Records found (indexes used), including failed ones. */
  records: number;
  /** sha256 of the file's bytes. */
  sha256: string;
  bytes: number;
  /** The whole file failed (empty, binary, unreadable, bad CSV header, no rows): nothing else was emitted. */
  fileFailure?: string;
  /** `options.resume` applied: records before it were not read (they are unchanged). */
  resumed?: boolean;
  /** JSONL ending with a line break: where an append would start (records so far, next line). */
  tail?: { records: number; line: number };
}

const HEAD_BYTES = 8192;

/**
 * Stream a JSONL or CSV file (or buffer) record by record: memory stays at a read chunk plus the
 * longest record, whatever the file's size. A byte-order mark is honoured (UTF-16 is transcoded to
 * UTF-8 first, into a temporary file); the file's sha256 is computed on the way.
 */
export async function streamRecords(
  input: string | Uint8Array,
  format: 'jsonl' | 'csv' | 'json',
  options: RecordStreamOptions,
  sink: RecordStreamSink,
): Promise<RecordStreamResult> {
  let hash = createHash('sha256');
  let handle: FileHandle | null = null;
  let transcoded: string | null = null;
  try {
    let source: ByteSource;
    let size: number;
    if (typeof input === 'string') {
      handle = await open(input, 'r');
      size = (await handle.stat()).size;
      source = fileSource(handle);
    } else {
      size = input.length;
      source = bufferSource(input);
    }
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const headBytes = await source.read(head, 0, head.length, 0);
    const fail = (fileFailure: string): RecordStreamResult => ({ records: 0, sha256: '', bytes: size, fileFailure });
    if (headBytes === 0) return fail('empty file');
    const { encoding, bom } = sniffEncoding(head);
    if (encoding === 'utf-8' && head.subarray(0, headBytes).includes(0)) return fail('binary file (NUL bytes or no text), not a news article');

    let from = bom;
    let window: ByteWindow;
    if (encoding === 'utf-8') {
      window = new ByteWindow(source, (chunk) => {
        hash.update(chunk);
        sink.progress?.(window.consumed + chunk.length);
      });
    } else {
      transcoded = path.join(options.tmpDir ?? os.tmpdir(), `warta-utf8-${process.pid}-${Date.now()}.tmp`);
      await transcodeUtf16(source, encoding, transcoded, hash);
      handle && (await handle.close());
      handle = await open(transcoded, 'r');
      window = new ByteWindow(fileSource(handle));
      from = 0;
    }

    let records: number;
    let fileFailure: string | undefined;
    let resumed = false;
    let tail: RecordStreamResult['tail'];
    if (format === 'jsonl') {
      let start = { records: 0, line: 1 };
      const resume = options.resume;
      if (resume && encoding === 'utf-8' && bom === 0 && size > resume.size && (await endsWithLineBreak(source, resume.size))) {
        // hash the old length once: if it is the old file, read on from there
        const prefix = createHash('sha256');
        await hashRange(source, resume.size, prefix);
        if (prefix.copy().digest('hex') === resume.sha256) {
          // the appended part is hashed now too (it is read again to be split, from the page
          // cache): the file's new hash is known before its first new record is analysed
          await hashRange(source, size, prefix, resume.size);
          hash = prefix;
          window.consumed = size;
          sink.resumed?.(prefix.copy().digest('hex'));
          from = resume.size;
          start = { records: resume.records, line: resume.line };
          resumed = true;
        }
      }
      const end = await splitJsonl(window, from, options.maxRecordBytes, sink, start);
      records = end.records;
      if (encoding === 'utf-8' && (await endsWithLineBreak(source, size))) tail = end;
    } else if (format === 'json') {
      records = 0;
      const counting = { record: (r: RawRecord) => ((records = r.index + 1), sink.record(r)), failure: (f: RecordFailure) => {
        if (f.record !== null) records = Math.max(records, f.record + 1);
        sink.failure(f);
      } };
      if (!(await splitJsonArray(window, from, options.maxRecordBytes, counting))) {
        fileFailure = 'not a JSON array: a .json file over the file size limit is read record by record, and only when it holds an array of articles';
      }
    } else {
      let sawHeader = false;
      records = await splitCsv(window, from, options.maxRecordBytes, {
        header(bytes, _line, delimiter) {
          sawHeader = true;
          let columns: string[];
          try {
            columns = csvHeader(bytes, delimiter);
          } catch (error) {
            fileFailure = `invalid CSV header: ${(error as Error).message}`;
            return false;
          }
          fileFailure = missingBodyColumn(columns, options.names) ?? undefined;
          if (fileFailure) return false;
          sink.header?.(columns, delimiter);
          return true;
        },
        record: (record) => sink.record(record),
        failure: (failure) => {
          if (failure.record === null) fileFailure = failure.error;
          else sink.failure(failure);
        },
      });
      if (!fileFailure && (!sawHeader || records === 0)) fileFailure = 'CSV has a header but no rows';
    }
    // the hash must cover bytes the splitter never needed (nothing, unless it stopped early)
    while (encoding === 'utf-8' && (await window.fill()));
    return { records, sha256: hash.digest('hex'), bytes: size, ...(fileFailure ? { fileFailure } : {}), ...(resumed ? { resumed } : {}), ...(tail ? { tail } : {}) };
  } catch (error) {
    return { records: 0, sha256: '', bytes: 0, fileFailure: `cannot read: ${(error as Error).message}` };
  } finally {
    await handle?.close();
    if (transcoded) await rm(transcoded, { force: true });
  }
}

async function endsWithLineBreak(source: ByteSource, size: number): Promise<boolean> {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  return (await source.read(last, 0, 1, size - 1)) === 1 && last[0] === 0x0a;
}

/** Feed bytes [from, to) of the source to `hash`. */
async function hashRange(source: ByteSource, to: number, hash: ReturnType<typeof createHash>, from = 0): Promise<void> {
  const chunk = Buffer.allocUnsafe(4 << 20);
  for (let position = from; position < to; ) {
    const n = await source.read(chunk, 0, Math.min(chunk.length, to - position), position);
    if (n === 0) throw new Error('file shrank while it was read');
    hash.update(chunk.subarray(0, n));
    position += n;
  }
}

/** UTF-16 to a UTF-8 file, chunk by chunk (the decoder keeps a surrogate pair split across chunks). */
async function transcodeUtf16(source: ByteSource, encoding: 'utf-16le' | 'utf-16be', target: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const out = await open(target, 'w');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; ; ) {
      const n = await source.read(chunk, 0, chunk.length, position);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      position += n;
      await out.write(Buffer.from(decoder.decode(chunk.subarray(0, n), { stream: true }), 'utf8'));
    }
    await out.write(Buffer.from(decoder.decode(), 'utf8'));
  } finally {
    await out.close();
  }
}
