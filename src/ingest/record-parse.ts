import { parse as parseCsv } from 'csv-parse/sync';
import type { Doc, InputFormat, SourceInfo } from '../doc.js';
import { decodeUtf8, type DecodedText } from './decode.js';
import { recordToDoc, RecordError, toArticleRecord, type DocAnchors, type RecordField } from './record.js';
import type { RecordDelimiter } from './stream-csv.js';
import { recordPrefix, type RecordFailure } from './stream-records.js';

/**
 * Records found by the streaming readers, turned into Docs: one JSONL line, or a batch of CSV
 * records parsed by csv-parse against the file's header. Runs in workers (and in `parseArticles`
 * for small files, so both paths give the same Docs). Every failure names its line/record.
 */
export interface RecordContext {
  displayPath: string;
  idPath: string;
  format: InputFormat;
  /** The input file's hash (a placeholder while it is still being read: the writer patches it). */
  sha256: string;
  anchors: DocAnchors;
  names: Record<RecordField, string[]>;
}

export interface RecordBytes {
  index: number;
  line: number;
  bytes: Uint8Array;
}

export type RecordOutcome = { doc: Doc } | { failure: RecordFailure };

function source(ctx: RecordContext, record: number): SourceInfo {
  return { path: ctx.displayPath, format: ctx.format, record, sha256: ctx.sha256 };
}

function withWarning(doc: Doc, decoded: DecodedText): Doc {
  if (decoded.warning) doc.warnings.push({ stage: 'ingest', code: decoded.warning.code, message: decoded.warning.message });
  return doc;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One JSONL line (blank lines never get here), or one element of a streamed JSON array. */
export function jsonRecord(record: RecordBytes, ctx: RecordContext): RecordOutcome {
  const decoded = decodeUtf8(record.bytes);
  // JSON array elements carry no line in their Doc, as when the array is read whole
  const line = ctx.format === 'jsonl' ? record.line : undefined;
  try {
    let item: unknown;
    try {
      item = JSON.parse(decoded.text.trim());
    } catch (error) {
      throw new RecordError(`invalid JSON: ${messageOf(error)}`);
    }
    const doc = recordToDoc(toArticleRecord(item, ctx.names), source(ctx, record.index), ctx.anchors, line, ctx.idPath);
    return { doc: withWarning(doc, decoded) };
  } catch (error) {
    return { failure: { record: record.index, line: record.line, error: `${recordPrefix(ctx.format, record.index, record.line)}${messageOf(error)}` } };
  }
}

/** The header record's column names. */
export function csvHeader(bytes: Uint8Array, delimiter: RecordDelimiter): string[] {
  const rows = parseCsv(decodeUtf8(bytes).text, { record_delimiter: delimiter, relax_column_count: true }) as string[][];
  return rows[0] ?? [];
}

const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: false } as const;

/**
 * A batch of CSV records, parsed together (csv-parse's per-call cost is far above its per-byte
 * cost); when the batch does not parse, each record is parsed alone so only the bad ones fail.
 */
export function csvRecords(records: RecordBytes[], columns: string[], delimiter: RecordDelimiter, ctx: RecordContext): RecordOutcome[] {
  const decoded = records.map((r) => decodeUtf8(r.bytes));
  const options = { ...CSV_OPTIONS, columns, record_delimiter: delimiter };
  let rows: Record<string, string>[] | null = null;
  try {
    rows = parseCsv(decoded.map((d) => d.text).join(delimiter), options) as Record<string, string>[];
    if (rows.length !== records.length) rows = null;
  } catch {
    rows = null;
  }
  return records.map((record, i) => {
    const prefix = recordPrefix('csv', record.index, record.line);
    let row: Record<string, string> | undefined = rows?.[i];
    if (!row) {
      try {
        row = (parseCsv(decoded[i].text, options) as Record<string, string>[])[0];
      } catch (error) {
        return { failure: { record: record.index, line: record.line, error: `${prefix}invalid CSV: ${messageOf(error)}` } };
      }
    }
    try {
      const doc = recordToDoc(toArticleRecord(row ?? {}, ctx.names), source(ctx, record.index), ctx.anchors, record.line, ctx.idPath);
      return { doc: withWarning(doc, decoded[i]) };
    } catch (error) {
      return { failure: { record: record.index, line: record.line, error: `${prefix}${messageOf(error)}` } };
    }
  });
}

/** The message when a CSV header names no body column, or `null` when it does. */
export function missingBodyColumn(columns: string[], names: Record<RecordField, string[]>): string | null {
  if (names.text.some((n) => columns.includes(n))) return null;
  return `CSV has no body column (expected one of ${names.text.join(', ')}; found ${columns.join(', ')})`;
}
