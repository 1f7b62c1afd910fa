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
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    write(chunk) {
      if (failure) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        stream.once('drain', resolve);
        stream.once('error', reject);
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
