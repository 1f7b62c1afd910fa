import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../src/analyze.js';
import { analysedCorpus } from '../../src/bench/analysed.js';
import { recordToDoc } from '../../src/ingest/record.js';
import type { DocumentRecord } from '../../src/sinks/serialize.js';
import { ROOT } from './cli.js';

export const EXAMPLE_PATH = 'input/seputaran-kim-xi.txt';

/** The example article as `warta run` analyses it (id `seputaran-kim-xi`). */
export async function exampleRecord(): Promise<DocumentRecord> {
  const text = readFileSync(path.join(ROOT, EXAMPLE_PATH), 'utf8');
  const doc = recordToDoc({ text }, { path: EXAMPLE_PATH, format: 'txt', record: null, sha256: '' }, {}, undefined, 'seputaran-kim-xi.txt');
  return (await createAnalyzer()).analyze(doc);
}

/** A few hundred generated news articles (Indonesian and English, every input format), analysed. */
export function corpusRecords(articles = 300, seed = 11): Promise<DocumentRecord[]> {
  const dir = path.join(os.tmpdir(), `warta-test-corpus-${articles}-${seed}`);
  return analysedCorpus({ articles, seed, dir });
}
