import { ByteWindow } from './byte-window.js';
import { recordTooLarge, type RecordSink } from './stream-records.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LF = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Find the elements of a top-level JSON array in a byte stream, without parsing them: strings
 * (with their escapes) and bracket depth are tracked, so an element ends at the comma or bracket
 * that closes it at depth zero. Each element is parsed by `JSON.parse` in a worker, so one
 * broken element fails alone (`record 7: invalid JSON: …`); an element longer than
 * `maxRecordBytes` is skipped without being held. Returns false when the stream is not an array
 * (nothing emitted). JSON is UTF-8 and none of the bytes looked at occurs inside a multi-byte
 * character, so the scan works on bytes.
 */
export async function splitJsonArray(window: ByteWindow, from: number, maxRecordBytes: number, sink: RecordSink): Promise<boolean> {
  window.seek(from);
  let pos = from;
  const byteAt = async (): Promise<number> => {
    while (pos >= window.limit) if (!(await window.fill())) return -1;
    return window.at(pos);
  };
  let line = 1;
  let b = await byteAt();
  while (b >= 0 && isSpace(b)) {
    if (b === LF) line++;
    pos++;
    b = await byteAt();
  }
  if (b !== 0x5b) return false;
  pos++;
  let index = 0;
  for (;;) {
    // the next element, or the array's end
    b = await byteAt();
    while (b >= 0 && isSpace(b)) {
      if (b === LF) line++;
      pos++;
      b = await byteAt();
    }
    if (b < 0) {
      if (index > 0) sink.failure({ record: index, error: `record ${index}: invalid JSON: the array is not closed` });
      return true;
    }
    if (b === 0x5d && index === 0) return true; // []
    const start = pos;
    const startLine = line;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let oversized = false;
    let end = -1;
    let last = false;
    scan: for (;;) {
      if (pos >= window.limit) {
        if (!oversized && pos - start > maxRecordBytes) oversized = true;
        window.release(oversized ? pos : start);
        if (!(await window.fill())) break;
      }
      const bytes = window.bytes;
      const base = window.base;
      for (let i = pos - base; i < window.end; i++) {
        const c = bytes[i];
        if (c === LF) line++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (depth === 0) {
            // the bracket closing the top-level array
            end = base + i;
            last = true;
            pos = end + 1;
            break scan;
          }
          depth--;
        } else if (c === COMMA && depth === 0) {
          end = base + i;
          pos = end + 1;
          break scan;
        }
      }
      pos = base + window.end;
    }
    if (end < 0) {
      sink.failure({ record: index, error: `record ${index}: invalid JSON: the array is not closed` });
      return true;
    }
    if (last && window.view(start, end).every(isSpace)) {
      if (index > 0) sink.failure({ record: index, error: `record ${index}: invalid JSON: a comma before the array's closing bracket` });
      return true;
    }
    if (oversized || end - start > maxRecordBytes) {
      const failure = recordTooLarge(index, startLine, end - start, maxRecordBytes, 'json');
      sink.failure({ record: index, error: failure.error });
      index++;
    } else {
      const pending = sink.record({ index: index++, line: startLine, bytes: window.view(start, end), end });
      if (pending) await pending;
    }
    window.release(pos);
    if (last) {
      for (b = await byteAt(); b >= 0; b = await byteAt()) {
        if (!isSpace(b)) {
          sink.failure({ record: null, error: `invalid JSON: text after the array's closing bracket (line ${line})` });
          break;
        }
        if (b === LF) line++;
        pos++;
      }
      return true;
    }
  }
}
