import { ByteWindow } from './byte-window.js';
import { recordTooLarge, type RawRecord, type RecordSink } from './stream-records.js';

const NL = 0x0a;

/**
 * Split a JSONL/NDJSON byte stream into records, one per non-blank line, without decoding the
 * file: a line break is byte 0x0A, which never occurs inside a UTF-8 sequence. Record indexes
 * count non-blank lines; `line` is the 1-based line number. A line longer than `maxRecordBytes`
 * is skipped without being held and fails alone. The window must start after any byte-order mark.
 * Returns the records found (indexes used) and the line the next record would start on.
 */
export async function splitJsonl(
  window: ByteWindow,
  from: number,
  maxRecordBytes: number,
  sink: RecordSink,
  /** Where `from` is in the file's records and lines (reading on after a known prefix). */
  start = { records: 0, line: 1 },
): Promise<{ records: number; line: number }> {
  let index = start.records;
  let line = start.line;
  let lineStart = from;
  let scan = from;
  let oversized = false;
  const emit = async (to: number) => {
    if (oversized || to - lineStart > maxRecordBytes) {
      sink.failure(recordTooLarge(index++, line, to - lineStart, maxRecordBytes, 'jsonl'));
      return;
    }
    const bytes = window.view(lineStart, to);
    if (isBlank(bytes)) return;
    const pending = sink.record({ index: index++, line, bytes, end: to });
    if (pending) await pending;
  };
  window.seek(from);
  for (;;) {
    let nl = -1;
    if (scan < window.limit) {
      const i = window.bytes.indexOf(NL, scan - window.base);
      // bytes past `end` are stale: a match there is no match
      if (i >= 0 && i < window.end) nl = window.base + i;
    }
    if (nl < 0) {
      if (!oversized && window.limit - lineStart > maxRecordBytes) oversized = true;
      // an oversized line is counted, not kept
      window.release(oversized ? window.limit : lineStart);
      scan = window.limit;
      if (await window.fill()) continue;
      // the last line may lack its line break
      if (window.limit > lineStart) await emit(window.limit);
      return { records: index, line };
    }
    await emit(nl);
    oversized = false;
    line++;
    lineStart = scan = nl + 1;
    window.release(lineStart);
  }
}

const decoder = new TextDecoder('utf-8');

/**
 * Blank as `String.prototype.trim` sees it (JSONL readers skip such lines without using a record
 * index). ASCII whitespace is decided on the bytes; only a line starting with non-ASCII bytes
 * (NBSP, an ideographic space, a stray BOM) is decoded to ask `trim`.
 */
export function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0b || b === 0x0c) continue;
    if (b < 0x80) return false;
    return decoder.decode(bytes.subarray(i)).trim() === '';
  }
  return true;
}
