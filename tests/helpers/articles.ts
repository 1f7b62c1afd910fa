import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const corpora = new Map<string, Promise<DocumentRecord[]>>();

/**
 * A few hundred generated news articles (Indonesian and English, every input format), analysed;
 * once per test file. Each file generates into a folder of its own (test files run in parallel).
 */
export function corpusRecords(articles = 300, seed = 11): Promise<DocumentRecord[]> {
  const key = `${articles}/${seed}`;
  let records = corpora.get(key);
  if (!records) {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'warta-test-corpus-'));
    records = analysedCorpus({ articles, seed, dir: path.join(parent, 'corpus') }).finally(() => rmSync(parent, { recursive: true, force: true }));
    corpora.set(key, records);
  }
  return records;
}
