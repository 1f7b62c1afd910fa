import { closeSync, fdatasync, ftruncateSync, openSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** Write to a temporary sibling and rename, so readers only ever see whole files. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

/**
 * Bytes written between two background flushes of a big file. On ext4, renaming a file over an
 * existing one first pushes the new file's unwritten pages to the disk (`auto_da_alloc`) and the
 * rename waits for that: for the gigabytes of a big export's outputs, seconds spent after
 * everything else is done. Flushing in the background while the file is still being written
 * lets the disk work while the writer (and the workers) go on.
 */
const WRITEBACK_BYTES = 128 << 20;

/**
 * A data file written synchronously with positional writes. Small writes are copied into a 1 MB
 * buffer written with one system call (the output writer copies a few small parts per article),
 * so callers may reuse what they passed as soon as `write` returns. The file can be cut back with
 * `truncate`. `AtomicFile` writes a temporary sibling that appears under its name on `publish`;
 * `InPlaceFile` writes the file itself.
 */
export abstract class OutputFile {
  protected fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Bytes in the file, buffered ones included: where the next write lands. */
  private at = 0;
  private sinceWriteback = 0;
  private writingBack: Promise<void> | null = null;

  /** Open `target` (created anew, or, with `keep`, an existing file cut back to its first `keep` bytes and written on after them). */
  protected constructor(target: string, keep?: number) {
    this.fd = openSync(target, keep === undefined ? 'w' : 'r+');
    if (keep !== undefined) {
      ftruncateSync(this.fd, keep);
      this.at = keep;
    }
  }

  /** Make the written bytes visible under the file's name (once `finish` closed it). */
  abstract publish(): void;
  /** Give up: close, and remove what only this writer made. */
  abstract abort(): void;

  get position(): number {
    return this.at;
  }

  write(part: Uint8Array): void {
    if (this.used + part.length > this.buffer.length) this.flush();
    if (part.length > this.buffer.length) this.writeAt(part);
    else {
      this.buffer.set(part, this.used);
      this.used += part.length;
      this.at += part.length;
    }
  }

  flush(): void {
    if (this.used === 0) return;
    this.writeAllAt(this.buffer.subarray(0, this.used), this.at - this.used);
    this.used = 0;
  }

  /** Write many parts with as few system calls as possible (no copy into the buffer). */
  writev(parts: Uint8Array[]): void {
    this.flush();
    for (let i = 0; i < parts.length; i += 1024) {
      let batch = parts.slice(i, i + 1024);
      let remaining = batch.reduce((n, p) => n + p.length, 0);
      while (remaining > 0) {
        const written = writevSync(this.fd, batch, this.at);
        remaining -= written;
        this.at += written;
        this.grew(written);
        if (remaining === 0) break;
        // a short write: go on from where it stopped
        let skip = written;
        const rest: Uint8Array[] = [];
        for (const part of batch) {
          if (skip >= part.length) skip -= part.length;
          else {
            rest.push(part.subarray(skip));
            skip = 0;
          }
        }
        batch = rest;
      }
    }
  }

  /** Cut the file back to its first `length` bytes; the next write lands there. */
  truncate(length: number): void {
    this.flush();
    ftruncateSync(this.fd, length);
    this.at = length;
  }

  /** Resolves when no background flush is running (call before `finish`, which closes the file). */
  async settled(): Promise<void> {
    while (this.writingBack) await this.writingBack;
  }

  finish(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Close without a final flush (an aborted writer). */
  protected close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private writeAt(bytes: Uint8Array): void {
    this.writeAllAt(bytes, this.at);
    this.at += bytes.length;
  }

  private writeAllAt(bytes: Uint8Array, position: number): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
    this.grew(bytes.length);
  }

  /** Start a background flush every WRITEBACK_BYTES (one at a time; its end is seen by the event loop). */
  private grew(bytes: number): void {
    this.sinceWriteback += bytes;
    if (this.sinceWriteback < WRITEBACK_BYTES || this.writingBack || this.fd < 0) return;
    this.sinceWriteback = 0;
    const fd = this.fd;
    // an error here (a full disk) shows again in the writes or the rename that follow
    this.writingBack = new Promise<void>((resolve) => fdatasync(fd, () => resolve())).then(() => {
      this.writingBack = null;
    });
  }
}

/** An `OutputFile` written through a temporary sibling and renamed: readers only ever see whole files. */
export class AtomicFile extends OutputFile {
  private readonly tmp: string;

  /** `keep`: the temporary sibling exists already (filled by a copy); keep its first `keep` bytes and write on after them. */
  constructor(
    private readonly file: string,
    keep?: number,
  ) {
    super(AtomicFile.temporaryOf(file), keep);
    this.tmp = AtomicFile.temporaryOf(file);
  }

  /** The temporary sibling's path. */
  static temporaryOf(file: string): string {
    return `${file}.tmp-${process.pid}`;
  }

  publish(): void {
    renameSync(this.tmp, this.file);
  }

  abort(): void {
    this.close();
    rmSync(this.tmp, { force: true });
  }
}
