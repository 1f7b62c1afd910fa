import path from 'node:path';
import { AtomicFile } from './atomic.js';
import { fragmentParts } from './fragment.js';
import { CSV_FILES, csvHeader } from './rows.js';

export const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'] as const;

/** Rendered articles in output order, as stored fragments (see `src/runner/store.ts`). */
export interface StoredArticles {
  readonly size: number;
  /** Byte length of article `k`'s fragment. */
  length(k: number): number;
  /** Read article `k`'s fragment into `target` at `at`. */
  readInto(k: number, target: Buffer, at: number): void;
}

const NEWLINE = Buffer.from('\n');
const READ_BUFFER = 16 << 20;

/**
 * Copy every article's rendered parts, in order, into the five data files. Fragments are read as
 * bytes into one large buffer and their parts written from there with `writev`: no decoding, no
 * intermediate copy. Each file appears only when all five are complete (temp file + rename), so a
 * killed run leaves the previous outputs.
 */
export function writeDataFiles(outputDir: string, articles: StoredArticles): void {
  const files = [path.join(outputDir, 'documents.jsonl'), ...CSV_FILES.map((f) => path.join(outputDir, `${f}.csv`))].map((f) => new AtomicFile(f));
  try {
    CSV_FILES.forEach((file, i) => files[i + 1].write(Buffer.from(csvHeader(file))));
    let buffer = Buffer.allocUnsafe(READ_BUFFER);
    let used = 0;
    const pending: Buffer[][] = files.map(() => []);
    const flush = () => {
      files.forEach((file, i) => file.writev(pending[i]));
      for (const parts of pending) parts.length = 0;
      used = 0;
    };
    const parts = new Int32Array(10);
    for (let k = 0; k < articles.size; k++) {
      const length = articles.length(k);
      if (used + length > buffer.length) {
        flush();
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
      }
      articles.readInto(k, buffer, used);
      fragmentParts(buffer, used, parts);
      pending[0].push(buffer.subarray(parts[0], parts[1]), NEWLINE);
      for (let f = 1; f < 5; f++) if (parts[2 * f + 1] > parts[2 * f]) pending[f].push(buffer.subarray(parts[2 * f], parts[2 * f + 1]));
      used += length;
    }
    flush();
    for (const file of files) file.finish();
    for (const file of files) file.publish();
  } catch (error) {
    for (const file of files) file.abort();
    throw error;
  }
}
