import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Doc, InputFormat, SourceInfo } from '../doc.js';
import type { FieldMapping } from '../pipeline.js';
import { decodeText } from './decode.js';
import { fieldNames, recordToDoc, RecordError, toArticleRecord, type ArticleRecord, type DocAnchors } from './record.js';

const HTML_READER: string = './html.js';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

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
  maxBytes?: number;
  referenceDate?: string;
}

/** One input file or record that could not become an article. */
export interface ReadFailure {
  path: string;
  record: number | null;
  line?: number;
  error: string;
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
  let buffer: Buffer;
  let mtime: Date;
  try {
    const info = await stat(file);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (info.size > maxBytes) {
      return { docs: [], failures: [{ path: displayPath, record: null, error: `file too large: ${info.size} bytes (limit ${maxBytes})` }] };
    }
    buffer = await readFile(file);
    mtime = info.mtime;
  } catch (error) {
    return { docs: [], failures: [{ path: displayPath, record: null, error: `cannot read: ${(error as Error).message}` }] };
  }
  return parseArticles(
    {
      buffer,
      displayPath,
      idPath: toPosix(path.relative(options.root, file) || path.basename(file)),
      format,
      sha256: sha256(buffer),
      fileDate: mtime.toISOString().slice(0, 10),
    },
    options,
  );
}

/** The format-specific half of reading: bytes in, Docs and failures out. Runs in workers. */
export async function parseArticles(input: FileInput, options: Omit<ReadOptions, 'root'>): Promise<ReadResult> {
  const fail = (error: string, record: number | null = null, line?: number): ReadFailure => ({
    path: input.displayPath,
    record,
    ...(line !== undefined ? { line } : {}),
    error,
  });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
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

  const decoded = decodeText(input.buffer);
  const addDoc = (doc: Doc) => {
    if (decoded.warning) doc.warnings.push({ stage: 'ingest', code: decoded.warning.code, message: decoded.warning.message });
    docs.push(doc);
  };
  const text = decoded.text;

  switch (input.format) {
    case 'txt': {
      if (text.trim() === '') return { docs, failures: [fail('empty file (only whitespace)')] };
      addDoc(recordToDoc({ text }, source(null), anchors, undefined, input.idPath));
      break;
    }
    case 'json': {
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
      break;
    }
    case 'jsonl': {
      let record = 0;
      let lineNo = 0;
      for (const rawLine of text.split('\n')) {
        lineNo++;
        const line = rawLine.trim();
        if (line === '') continue;
        const index = record++;
        try {
          let item: unknown;
          try {
            item = JSON.parse(line);
          } catch (error) {
            throw new RecordError(`invalid JSON: ${messageOf(error)}`);
          }
          addDoc(recordToDoc(toArticleRecord(item, names), source(index), anchors, lineNo, input.idPath));
        } catch (error) {
          failures.push(fail(`line ${lineNo}: ${messageOf(error)}`, index, lineNo));
        }
      }
      break;
    }
    case 'csv': {
      let rows: Record<string, string>[];
      try {
        rows = parseCsv(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true, info: false });
      } catch (error) {
        return { docs, failures: [fail(`invalid CSV: ${messageOf(error)}`)] };
      }
      if (rows.length === 0) return { docs, failures: [fail('CSV has a header but no rows')] };
      const header = Object.keys(rows[0]);
      if (!names.text.some((n) => header.includes(n))) {
        return { docs, failures: [fail(`CSV has no body column (expected one of ${names.text.join(', ')}; found ${header.join(', ')})`)] };
      }
      rows.forEach((row, i) => {
        const lineNo = i + 2; // header is line 1; a quoted newline shifts this, the record index stays exact
        try {
          addDoc(recordToDoc(toArticleRecord(row, names), source(i), anchors, lineNo, input.idPath));
        } catch (error) {
          failures.push(fail(`record ${i} (line ~${lineNo}): ${messageOf(error)}`, i, lineNo));
        }
      });
      break;
    }
  }
  return { docs, failures };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** NUL bytes in the first 8 KB mean binary, unless it is UTF-16 (which has a BOM). */
function looksBinary(buffer: Buffer): boolean {
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) return false;
  const end = Math.min(buffer.length, 8192);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}
