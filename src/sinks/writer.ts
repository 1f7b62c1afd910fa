import path from 'node:path';
import { openAtomicStream, type AtomicStream } from '../runner/atomic.js';
import type { Fragment } from '../runner/task.js';
import { CSV_FILES, csvHeader, type CsvFile } from './rows.js';

export const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'] as const;

/**
 * Stream every article's fragment, in the given (id-sorted) order, into the
 * five data files. Each file appears only when complete (temp file + rename).
 * Fragments are read a few at a time ahead of the writer to hide disk latency.
 */
export async function writeDataFiles(
  outputDir: string,
  keys: string[],
  load: (key: string) => Promise<Fragment>,
  readAhead = 32,
): Promise<void> {
  const documents = openAtomicStream(path.join(outputDir, 'documents.jsonl'));
  const csv = Object.fromEntries(CSV_FILES.map((f) => [f, openAtomicStream(path.join(outputDir, `${f}.csv`))])) as Record<
    CsvFile,
    AtomicStream
  >;
  const all = [documents, ...Object.values(csv)];
  try {
    for (const file of CSV_FILES) await csv[file].write(csvHeader(file));
    for (let i = 0; i < keys.length; i += readAhead) {
      const batch = await Promise.all(keys.slice(i, i + readAhead).map(load));
      let json = '';
      const parts: Record<CsvFile, string> = { articles: '', sentences: '', entities: '', dates: '' };
      for (const fragment of batch) {
        json += fragment.json + '\n';
        for (const file of CSV_FILES) parts[file] += fragment.csv[file];
      }
      await documents.write(json);
      for (const file of CSV_FILES) if (parts[file]) await csv[file].write(parts[file]);
    }
    // Finish every file before renaming any, so the five files change together (as far as a filesystem allows).
    for (const stream of all) await stream.finish();
    for (const stream of all) await stream.publish();
  } catch (error) {
    await Promise.all(all.map((s) => s.abort()));
    throw error;
  }
}
