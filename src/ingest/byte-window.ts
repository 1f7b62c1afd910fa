import type { FileHandle } from 'node:fs/promises';

/**
 * Where a streaming reader gets its bytes: positional reads, so a reader can go back to a byte
 * offset (the CSV reader does, to recover from a quote that is never closed) without holding the
 * file. A file handle in `warta run`; a buffer for small files and tests.
 */
export interface ByteSource {
  /** Read up to `length` bytes at absolute `position` into `target[offset..]`; 0 at the end. */
  read(target: Uint8Array, offset: number, length: number, position: number): Promise<number>;
}

export function fileSource(handle: FileHandle): ByteSource {
  return {
    async read(target, offset, length, position) {
      const { bytesRead } = await handle.read(target, offset, length, position);
      return bytesRead;
    },
  };
}

export function bufferSource(buffer: Uint8Array): ByteSource {
  return {
    async read(target, offset, length, position) {
      const n = Math.max(0, Math.min(length, buffer.length - position));
      target.set(buffer.subarray(position, position + n), offset);
      return n;
    },
  };
}

const CHUNK = 1 << 20;

/**
 * A sliding window over a byte source: `bytes[0..end)` holds the file from absolute offset
 * `base`. Readers keep absolute offsets and `release` what they have handed out; `fill` appends
 * the next chunk, first moving the unreleased tail to the front, so memory stays at a chunk plus
 * the longest record kept.
 */
export class ByteWindow {
  bytes: Buffer = Buffer.allocUnsafe(CHUNK);
  /** Absolute file offset of `bytes[0]`. */
  base = 0;
  /** Bytes before this index are released. */
  private start = 0;
  end = 0;
  eof = false;
  /** Bytes read from the source so far, each counted once (re-reads after `seek` excluded). */
  consumed = 0;

  constructor(
    private readonly source: ByteSource,
    /** Sees every byte of the source once, in order (the whole-file hash). */
    private readonly onBytes?: (chunk: Uint8Array) => void,
  ) {}

  /** Absolute offset one past the last byte held. */
  get limit(): number {
    return this.base + this.end;
  }

  /** The bytes from absolute `from` to `to` (a view, valid until the next `fill`). */
  view(from: number, to: number): Buffer {
    return this.bytes.subarray(from - this.base, to - this.base);
  }

  /** Byte at absolute offset `at` (which must be held). */
  at(at: number): number {
    return this.bytes[at - this.base];
  }

  /** Everything before absolute `offset` has been handed out and may be dropped. */
  release(offset: number): void {
    this.start = Math.max(this.start, Math.min(offset - this.base, this.end));
  }

  /** Read the next chunk. False at the end of the source. */
  async fill(): Promise<boolean> {
    if (this.eof) return false;
    if (this.start > 0) {
      this.bytes.copy(this.bytes, 0, this.start, this.end);
      this.base += this.start;
      this.end -= this.start;
      this.start = 0;
    }
    if (this.bytes.length - this.end < CHUNK / 2) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.end + CHUNK));
      this.bytes.copy(grown, 0, 0, this.end);
      this.bytes = grown;
    }
    const position = this.base + this.end;
    const n = await this.source.read(this.bytes, this.end, this.bytes.length - this.end, position);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    if (position + n > this.consumed) {
      this.onBytes?.(this.bytes.subarray(this.end + Math.max(0, this.consumed - position), this.end + n));
      this.consumed = position + n;
    }
    this.end += n;
    return true;
  }

  /** Continue at absolute `offset`: kept bytes are reused, anything earlier is read again. */
  seek(offset: number): void {
    if (offset >= this.base && offset <= this.base + this.end) {
      this.start = offset - this.base;
      return;
    }
    this.base = offset;
    this.start = 0;
    this.end = 0;
    this.eof = false;
  }
}
