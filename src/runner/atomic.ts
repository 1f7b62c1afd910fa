import { closeSync, createWriteStream, openSync, renameSync, rmSync, writeSync, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/** Write to a temporary sibling and rename, so readers only ever see whole files. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

export interface AtomicStream {
  write(chunk: string): Promise<void>;
  /** Flush and close the temporary file. */
  finish(): Promise<void>;
  /** Rename the finished file into place. */
  publish(): Promise<void>;
  abort(): Promise<void>;
}

/** A streamed file that appears under its name only on `commit`. */
export function openAtomicStream(file: string): AtomicStream {
  const tmp = `${file}.tmp-${process.pid}`;
  const stream: WriteStream = createWriteStream(tmp);
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  stream.on('error', (error) => {
    failure = error;
    wake?.();
  });
  return {
    write(chunk) {
      if (failure) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      // Wait for the buffer to drain; the permanent 'error' handler above records failures,
      // so no per-write listener is left behind.
      return new Promise((resolve, reject) => {
        wake = () => {
          wake = null;
          if (failure) reject(failure);
          else resolve();
        };
        stream.once('drain', () => wake?.());
      });
    },
    async finish() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (failure) throw failure;
    },
    async publish() {
      await rename(tmp, file);
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
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
