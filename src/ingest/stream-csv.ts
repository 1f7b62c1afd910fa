import { ByteWindow } from './byte-window.js';
import { recordPrefix, recordTooLarge, type RecordSink } from './stream-records.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the field's end, or the first half of `""`. */
  QuoteInQuoted,
}

export type RecordDelimiter = '\n' | '\r\n' | '\r';

export interface CsvSink extends RecordSink {
  /** The header record (a view); return false to stop reading (e.g. no body column). */
  header(bytes: Buffer, line: number, delimiter: RecordDelimiter): boolean;
}

/**
 * Find the records of an RFC 4180 CSV byte stream without parsing their fields: quotes are
 * tracked so a quoted field may hold commas and line breaks, and the record delimiter is the
 * first line break outside quotes (CRLF, LF or CR, as csv-parse discovers it). Fields are parsed
 * per batch of records by csv-parse (in a worker); this pass only decides where records end, so
 * that a broken record fails alone:
 *
 * - a quote inside an unquoted field, or text after a closing quote on the same line, breaks only
 *   its record (which ends at the next record delimiter);
 * - a quote that is never closed, or closed and followed by text lines later, would swallow the
 *   records after it: the broken record is cut at the first line break after its opening quote,
 *   and reading resumes on the next line.
 *
 * Empty lines are skipped (they use no record index). A record longer than `maxRecordBytes` is
 * not held: it fails alone as too large.
 */
export async function splitCsv(window: ByteWindow, from: number, maxRecordBytes: number, sink: CsvSink): Promise<number> {
  let delimiter: RecordDelimiter | null = null;
  let index = 0;
  let sawHeader = false;
  let line = 1;
  let recordStart = from;
  let recordLine = 1;
  let state = State.FieldStart;
  let broken: string | null = null;
  let oversized = false;
  let quoteLine = 0;
  /** Absolute offset of the first line break inside the current quoted field (-1: none yet). */
  let breakAfterQuote = -1;
  let breakLength = 1;

  const startRecord = (at: number) => {
    recordStart = at;
    recordLine = line;
    state = State.FieldStart;
    broken = null;
    oversized = false;
    breakAfterQuote = -1;
  };

  /** The record `[recordStart, end)` is complete; false stops reading. */
  const finish = async (end: number): Promise<boolean> => {
    if (end === recordStart) return true; // an empty line
    if (end - recordStart > maxRecordBytes) oversized = true;
    if (!sawHeader) {
      sawHeader = true;
      const problem = oversized ? `longer than ${maxRecordBytes} bytes` : broken;
      if (problem !== null) {
        sink.failure({ record: null, line: recordLine, error: `invalid CSV header (line ${recordLine}): ${problem}` });
        return false;
      }
      return sink.header(window.view(recordStart, end), recordLine, delimiter ?? '\n');
    }
    const record = index++;
    if (oversized) sink.failure(recordTooLarge(record, recordLine, end - recordStart, maxRecordBytes, 'csv'));
    else if (broken !== null) sink.failure({ record, line: recordLine, error: `${recordPrefix('csv', record, recordLine)}invalid CSV: ${broken}` });
    else {
      const pending = sink.record({ index: record, line: recordLine, bytes: window.view(recordStart, end), end });
      if (pending) await pending;
    }
    return true;
  };

  /**
   * A quoted field that spans lines and does not close properly would swallow the records after
   * it: its record ends at the first line break inside the field, and reading resumes after it.
   */
  const resync = async (): Promise<boolean> => {
    broken = `the quote opened on line ${quoteLine} is not closed properly`;
    oversized = false;
    const cut = breakAfterQuote;
    line = quoteLine + 1;
    if (!(await finish(cut))) return false;
    startRecord(cut + breakLength);
    window.seek(recordStart);
    return true;
  };

  window.seek(from);
  let pos = from;
  for (;;) {
    if (pos >= window.limit) {
      window.release(oversized ? pos : recordStart);
      if (await window.fill()) continue;
      if (state === State.Quoted) {
        if (breakAfterQuote >= 0) {
          if (!(await resync())) return index;
          pos = recordStart;
          continue;
        }
        broken ??= `the quote opened on line ${quoteLine} is never closed`;
      }
      await finish(pos);
      return index;
    }
    const bytes = window.bytes;
    const base = window.base;
    const end = window.end;
    let i = pos - base;
    let mustResync = false;
    for (; i < end; i++) {
      const b = bytes[i];
      // a CR may start a CRLF: look at the next byte before deciding
      if (b === CR && i + 1 === end && !window.eof) break;
      if (state === State.Quoted) {
        if (b === LF || (b === CR && delimiter === '\r')) line++;
        if (b === QUOTE) state = State.QuoteInQuoted;
        else if ((b === LF || b === CR) && breakAfterQuote < 0) {
          breakAfterQuote = base + i;
          breakLength = b === CR && bytes[i + 1] === LF && i + 1 < end ? 2 : 1;
        }
        continue;
      }
      if (state === State.QuoteInQuoted && b === QUOTE) {
        state = State.Quoted; // "" inside a quoted field
        continue;
      }
      if (b === COMMA) {
        state = State.FieldStart;
        continue;
      }
      if (b === CR || b === LF) {
        const crlf = b === CR && i + 1 < end && bytes[i + 1] === LF;
        delimiter ??= b === LF ? '\n' : crlf ? '\r\n' : '\r';
        const length = delimiter === '\r\n' ? (crlf ? 2 : 0) : b === delimiter.charCodeAt(0) ? 1 : 0;
        if (length > 0) {
          line++;
          if (!(await finish(base + i))) return index;
          i += length - 1;
          startRecord(base + i + 1);
          continue;
        }
        // a line break that is not the record delimiter is field content for csv-parse
        if (b === LF) line++;
      }
      if (state === State.QuoteInQuoted) {
        if (breakAfterQuote >= 0) {
          mustResync = true;
          break;
        }
        broken ??= `text after a closing quote on line ${line}`;
        state = State.Unquoted;
        continue;
      }
      if (state === State.FieldStart) {
        if (b === QUOTE) {
          state = State.Quoted;
          quoteLine = line;
          breakAfterQuote = -1;
        } else state = State.Unquoted;
        continue;
      }
      if (b === QUOTE) broken ??= `a quote inside an unquoted field on line ${line}`;
    }
    if (mustResync) {
      if (!(await resync())) return index;
      pos = recordStart;
      continue;
    }
    pos = base + i;
    if (!oversized && pos - recordStart > maxRecordBytes) oversized = true;
    if (i < end) {
      // stopped at a CR to see the byte after it
      window.release(oversized ? pos : recordStart);
      await window.fill();
    }
  }
}
