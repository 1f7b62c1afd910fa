import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Doc, InputFormat, SourceInfo } from '../doc.js';
import type { FieldMapping } from '../pipeline.js';
import { decodeText } from './decode.js';
import { fieldNames, recordToDoc, toArticleRecord, type ArticleRecord, type DocAnchors } from './record.js';
import { csvRecords, jsonRecord, messageOf, type RecordBytes, type RecordContext, type RecordOutcome } from './record-parse.js';
import type { RecordDelimiter } from './stream-csv.js';
import { streamRecords } from './stream-file.js';
import { STREAMED_FORMATS } from './stream-records.js';

const HTML_READER: string = './html.js';

/** Largest whole-file input (`.txt`, `.json`, `.html`) by default; streamed formats have no file limit unless one is set. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Largest single record of a streamed export (a JSONL line, a CSV record) by default. */
export const DEFAULT_MAX_RECORD_BYTES = 10 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.html': 'html',
  '.htm': 'html',
};

export function formatOf(file: string): InputFormat | null {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

export interface ReadOptions {
  /** Folder ids are derived relative to (the input root the file was found under). */
  root: string;
  fields?: FieldMapping;
  /** `max_file_bytes`: applies to whole-file formats (default 10 MB), and to streamed ones only when set. */
  maxFileBytes?: number;
  /** `max_record_bytes` (default 10 MB): one JSONL line or CSV record. */
  maxRecordBytes?: number;
  referenceDate?: string;
}

/** The file size limit for a format: whole-file formats default to 10 MB, streamed ones to none. */
export function fileLimitFor(format: InputFormat, maxFileBytes: number | undefined): number {
  return maxFileBytes ?? (STREAMED_FORMATS.has(format) ? Infinity : DEFAULT_MAX_FILE_BYTES);
}

/**
 * Whether a file is read record by record: JSONL and CSV always; a `.json` file when it is over
 * the default whole-file limit and no `max_file_bytes` is set (it must then be an array).
 */
export function streamsWhole(format: InputFormat, size: number, maxFileBytes: number | undefined): boolean {
  return STREAMED_FORMATS.has(format) || (format === 'json' && maxFileBytes === undefined && size > DEFAULT_MAX_FILE_BYTES);
}

/** One input file or record that could not become an article. */
export interface ReadFailure {
  path: string;
  record: number | null;
  line?: number;
  error: string;
}

/** `path:line: error` or `path record N: error`: how every command prints a failed input. */
export function describeFailure(f: ReadFailure): string {
  const where = f.line !== undefined ? `:${f.line}` : f.record !== null ? ` record ${f.record}` : '';
  return `${f.path}${where}: ${f.error}`;
}

export interface ReadResult {
  docs: Doc[];
  failures: ReadFailure[];
}

export interface FileInput {
  buffer: Buffer;
  /** Path relative to the working directory, POSIX separators (`source.path`). */
  displayPath: string;
  /** Path relative to the input root, POSIX separators (what ids derive from). */
  idPath: string;
  format: InputFormat;
  sha256: string;
  /** File modification date, YYYY-MM-DD. */
  fileDate?: string;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** Read one file from disk and turn it into Docs; every failure names file and line/record. */
export async function readArticles(file: string, options: ReadOptions): Promise<ReadResult> {
  const displayPath = toPosix(path.relative(process.cwd(), file) || file);
  const format = formatOf(file);
  if (!format) return { docs: [], failures: [{ path: displayPath, record: null, error: `unsupported file type ${JSON.stringify(path.extname(file))}` }] };
  const idPath = toPosix(path.relative(options.root, file) || path.basename(file));
  let mtime: Date;
  try {
    const info = await stat(file);
    const limit = fileLimitFor(format, options.maxFileBytes);
    if (info.size > limit && !streamsWhole(format, info.size, options.maxFileBytes)) {
      return { docs: [], failures: [{ path: displayPath, record: null, error: `file too large: ${info.size} bytes (limit ${limit})` }] };
    }
    mtime = info.mtime;
    if (streamsWhole(format, info.size, options.maxFileBytes)) {
      return await readStreamed(file, { displayPath, idPath, format, sha256: '', fileDate: mtime.toISOString().slice(0, 10) }, options);
    }
    const buffer = await readFile(file);
    return await parseArticles({ buffer, displayPath, idPath, format, sha256: sha256(buffer), fileDate: mtime.toISOString().slice(0, 10) }, options);
  } catch (error) {
    return { docs: [], failures: [{ path: displayPath, record: null, error: `cannot read: ${(error as Error).message}` }] };
  }
}

/** The format-specific half of reading: bytes in, Docs and failures out. Runs in workers. */
export async function parseArticles(input: FileInput, options: Omit<ReadOptions, 'root'>): Promise<ReadResult> {
  const fail = (error: string, record: number | null = null, line?: number): ReadFailure => ({
    path: input.displayPath,
    record,
    ...(line !== undefined ? { line } : {}),
    error,
  });
  const maxBytes = fileLimitFor(input.format, options.maxFileBytes);
  if (input.buffer.length > maxBytes) return { docs: [], failures: [fail(`file too large: ${input.buffer.length} bytes (limit ${maxBytes})`)] };
  if (input.buffer.length === 0) return { docs: [], failures: [fail('empty file')] };
  if (looksBinary(input.buffer)) return { docs: [], failures: [fail('binary file (NUL bytes or no text), not a news article')] };

  const anchors: DocAnchors = { referenceDate: options.referenceDate, fileDate: input.fileDate };
  const source = (record: number | null): SourceInfo => ({ path: input.displayPath, format: input.format, record, sha256: input.sha256 });
  const names = fieldNames(options.fields);
  const docs: Doc[] = [];
  const failures: ReadFailure[] = [];

  if (input.format === 'html') {
    // Loaded on demand: the DOM and Readability cost start-up time that text-only runs never need.
    const { readHtml } = (await import(HTML_READER)) as { readHtml: (buffer: Buffer, idPath: string) => ArticleRecord };
    try {
      const record = readHtml(input.buffer, input.idPath);
      docs.push(recordToDoc(record, source(null), anchors, undefined, input.idPath));
    } catch (error) {
      failures.push(fail(messageOf(error)));
    }
    return { docs, failures };
  }

  if (input.format === 'jsonl' || input.format === 'csv') {
    const { buffer, ...meta } = input;
    return readStreamed(buffer, meta, options);
  }

  const decoded = decodeText(input.buffer);
  const addDoc = (doc: Doc) => {
    if (decoded.warning) doc.warnings.push({ stage: 'ingest', code: decoded.warning.code, message: decoded.warning.message });
    docs.push(doc);
  };
  const text = decoded.text;

  if (input.format === 'txt') {
    if (text.trim() === '') return { docs, failures: [fail('empty file (only whitespace)')] };
    addDoc(recordToDoc({ text }, source(null), anchors, undefined, input.idPath));
    return { docs, failures };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { docs, failures: [fail(`invalid JSON: ${messageOf(error)}`)] };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const multi = Array.isArray(parsed);
  items.forEach((item, i) => {
    const record = multi ? i : null;
    try {
      addDoc(recordToDoc(toArticleRecord(item, names), source(record), anchors, undefined, input.idPath));
    } catch (error) {
      failures.push(fail(multi ? `record ${i}: ${messageOf(error)}` : messageOf(error), record));
    }
  });
  return { docs, failures };
}

/**
 * JSONL and CSV through the streaming readers and the per-record parsers the runner's workers use,
 * so `readArticles` gives exactly the Docs and failures `warta run` does.
 */
async function readStreamed(input: string | Uint8Array, meta: Omit<FileInput, 'buffer'>, options: Omit<ReadOptions, 'root'>): Promise<ReadResult> {
  const names = fieldNames(options.fields);
  const records: RecordBytes[] = [];
  const failures: ReadFailure[] = [];
  let header: { columns: string[]; delimiter: RecordDelimiter } | null = null;
  const format = meta.format as 'jsonl' | 'csv' | 'json';
  const result = await streamRecords(input, format, { maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, names }, {
    header: (columns, delimiter) => {
      header = { columns, delimiter };
    },
    record: (r) => {
      records.push({ index: r.index, line: r.line, bytes: Buffer.from(r.bytes) });
    },
    failure: (f) => failures.push({ path: meta.displayPath, ...f }),
  });
  if (result.fileFailure) return { docs: [], failures: [{ path: meta.displayPath, record: null, error: result.fileFailure }] };
  const ctx: RecordContext = {
    displayPath: meta.displayPath,
    idPath: meta.idPath,
    format,
    sha256: meta.sha256 || result.sha256,
    anchors: { referenceDate: options.referenceDate, fileDate: meta.fileDate },
    names,
  };
  const h = header as { columns: string[]; delimiter: RecordDelimiter } | null;
  const outcomes: RecordOutcome[] = format !== 'csv' ? records.map((r) => jsonRecord(r, ctx)) : h ? csvRecords(records, h.columns, h.delimiter, ctx) : [];
  const docs: Doc[] = [];
  for (const outcome of outcomes) {
    if ('doc' in outcome) docs.push(outcome.doc);
    else failures.push({ path: meta.displayPath, ...outcome.failure });
  }
  failures.sort((a, b) => (a.record ?? -1) - (b.record ?? -1));
  return { docs, failures };
}

/** NUL bytes in the first 8 KB mean binary, unless it is UTF-16 (which has a BOM). */
function looksBinary(buffer: Buffer): boolean {
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) return false;
  const end = Math.min(buffer.length, 8192);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}
