import type { InputFormat } from '../doc.js';

/**
 * What the streaming readers hand out: one record's bytes, found without decoding or parsing
 * the file. Parsing happens per record (in a worker), so one bad record fails alone.
 */
export interface RawRecord {
  /** Record index in the file (what ids and `source.record` use). */
  index: number;
  /** 1-based line the record starts on. */
  line: number;
  /** The record's bytes: a view valid only until the sink's call returns or first awaits. */
  bytes: Buffer;
  /** Absolute file offset just past the record (progress). */
  end: number;
}

export interface RecordFailure {
  record: number | null;
  line?: number;
  error: string;
}

export interface RecordSink {
  /** Copy `record.bytes` before awaiting anything; a returned promise holds the reader back (back-pressure). */
  record(record: RawRecord): void | Promise<void>;
  failure(failure: RecordFailure): void;
}

/** Formats read record by record from a stream instead of as one buffer. */
export const STREAMED_FORMATS: ReadonlySet<InputFormat> = new Set(['jsonl', 'csv']);

/** The location prefix of a record's messages: `line 12: ` (JSONL), `record 3 (line 5): ` (CSV), `record 3: ` (JSON array). */
export function recordPrefix(format: InputFormat, record: number | null, line: number | undefined): string {
  if (record === null) return '';
  if (format === 'jsonl' && line !== undefined) return `line ${line}: `;
  if (format === 'csv' && line !== undefined) return `record ${record} (line ${line}): `;
  return `record ${record}: `;
}

export function recordTooLarge(record: number, line: number, bytes: number, limit: number, format: InputFormat): RecordFailure {
  return {
    record,
    line,
    error: `${recordPrefix(format, record, line)}record too large: ${bytes} bytes (limit ${limit}; set max_record_bytes in the pipeline)`,
  };
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces (UTF-8 without one) and the mark's length. */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  return { encoding: 'utf-8', bom: 0 };
}
