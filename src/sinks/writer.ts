import path from 'node:path';
import { AtomicFile } from '../runner/atomic.js';
import type { FragmentBytes } from '../runner/store.js';
import { CSV_FILES, csvHeader, type CsvFile } from './rows.js';

export const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'] as const;

const NEWLINE = Buffer.from('\n');

/**
 * Copy every article's rendered parts, in the given (id-sorted) order, into the five data files.
 * Parts are bytes read back from the fragment store and are never decoded. Each file appears only
 * when all five are complete (temp file + rename), so a killed run leaves the previous outputs.
 * A fragment handed out by `articles` may be overwritten once the next one is requested.
 */
export function writeDataFiles(outputDir: string, articles: Iterable<FragmentBytes>): void {
  const documents = new AtomicFile(path.join(outputDir, 'documents.jsonl'));
  const csv = {} as Record<CsvFile, AtomicFile>;
  const all = [documents];
  try {
    for (const file of CSV_FILES) {
      csv[file] = new AtomicFile(path.join(outputDir, `${file}.csv`));
      all.push(csv[file]);
      csv[file].write(Buffer.from(csvHeader(file)));
    }
    for (const fragment of articles) {
      documents.write(fragment.json);
      documents.write(NEWLINE);
      for (const file of CSV_FILES) csv[file].write(fragment.csv[file]);
    }
    for (const file of all) file.finish();
    for (const file of all) file.publish();
  } catch (error) {
    for (const file of all) file.abort();
    throw error;
  }
}
