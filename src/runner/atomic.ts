import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/** Write to a temporary sibling and rename, so readers only ever see whole files. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
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
