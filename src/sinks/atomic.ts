import { closeSync, openSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** Write to a temporary sibling and rename, so readers only ever see whole files. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

/**
 * A file written synchronously through a temporary sibling. Small writes are copied into a 1 MB
 * buffer written with one system call (the output writer copies a few small parts per article),
 * so callers may reuse what they passed as soon as `write` returns. Appears under its name only
 * on `publish`.
 */
export class AtomicFile {
  private readonly tmp: string;
  private fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(private readonly file: string) {
    this.tmp = `${file}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
  }

  write(part: Uint8Array): void {
    if (this.used + part.length > this.buffer.length) this.flush();
    if (part.length > this.buffer.length) writeAll(this.fd, part);
    else {
      this.buffer.set(part, this.used);
      this.used += part.length;
    }
  }

  flush(): void {
    if (this.used > 0) writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** Write many parts with as few system calls as possible (no copy into the buffer). */
  writev(parts: Uint8Array[]): void {
    this.flush();
    for (let i = 0; i < parts.length; i += 1024) {
      let batch = parts.slice(i, i + 1024);
      let remaining = batch.reduce((n, p) => n + p.length, 0);
      while (remaining > 0) {
        const written = writevSync(this.fd, batch);
        remaining -= written;
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

  finish(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  publish(): void {
    renameSync(this.tmp, this.file);
  }

  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}
