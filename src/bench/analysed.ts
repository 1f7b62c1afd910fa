/**
 * The bench corpus, analysed in-process: every article of a generated corpus as the
 * `DocumentRecord` that `warta run` would emit, in id order. Used where a realistic set of finished
 * articles is needed without a `warta run` (sink load rates, sink and report tests).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import { readArticles } from '../ingest/readers.js';
import type { DocumentRecord } from '../sinks/serialize.js';
import { generateCorpus, type CorpusOptions } from './corpus.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function analysedCorpus(options: CorpusOptions, analyzer?: Analyzer): Promise<DocumentRecord[]> {
  await generateCorpus(options);
  const analyse = analyzer ?? (await createAnalyzer());
  const records: DocumentRecord[] = [];
  for (const file of filesUnder(options.dir)) {
    const { docs, failures } = await readArticles(file, { root: options.dir });
    if (failures.length) throw new Error(`bench corpus: ${failures.map((f) => `${f.path}: ${f.error}`).join('; ')}`);
    for (const doc of docs) {
      // the file's modification date would anchor undated articles: keep records independent of when the corpus was written
      delete doc.meta.fileDate;
      records.push(analyse.analyze(doc));
    }
  }
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
