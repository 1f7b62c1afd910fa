/**
 * One big Indonesian JSONL export for the "one big JSONL export" bench case: the same seeded
 * articles as the multi-file corpus (`corpus.ts`), one per line, as a scraper's `berita.jsonl`.
 * Written as it is generated (memory flat in the file's size); an existing file with the same
 * seed and size is reused. `appendRecords` grows a file the way a scraper does.
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ArticleFactory, loadGazetteer, rng, toRecord, CORPUS_VERSION } from './corpus.js';

export interface BigExportInfo {
  file: string;
  records: number;
  bytes: number;
}

/** JSONL lines of `count` seeded Indonesian articles, starting at article `from` of the sequence. */
export async function* exportLines(seed: number, count: number, from = 0): AsyncGenerator<string> {
  const factory = new ArticleFactory(rng(seed), await loadGazetteer());
  for (let i = 0; i < from + count; i++) {
    // every article draws from the one random stream, so skipping still has to generate
    const article = factory.make(i, 'id', factory.targetBytes());
    if (i >= from) yield JSON.stringify(toRecord(article)) + '\n';
  }
}

async function writeLines(file: string, lines: AsyncGenerator<string>, flags: 'w' | 'a'): Promise<number> {
  const fd = openSync(file, flags);
  let pending = '';
  let written = 0;
  try {
    for await (const line of lines) {
      pending += line;
      if (pending.length >= 1 << 20) {
        written += writeSync(fd, pending);
        pending = '';
      }
    }
    if (pending) written += writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Generate (or reuse) `DIR/berita-s<seed>-n<records>.jsonl`. */
export async function generateBigExport(dir: string, records: number, seed: number, log: (m: string) => void = () => {}): Promise<BigExportInfo> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `berita-v${CORPUS_VERSION}-s${seed}-n${records}.jsonl`);
  const done = `${file}.done`;
  if (existsSync(file) && existsSync(done) && readFileSync(done, 'utf8') === String(statSync(file).size)) {
    log(`reusing ${file}`);
    return { file, records, bytes: statSync(file).size };
  }
  rmSync(done, { force: true });
  const t0 = performance.now();
  const tmp = `${file}.tmp`;
  const bytes = await writeLines(tmp, exportLines(seed, records), 'w');
  renameSync(tmp, file);
  appendFileSync(done, String(bytes));
  log(`  generated ${records} records, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { file, records, bytes };
}

/** Append the next `count` articles of the same seeded sequence to a file holding the first `existing`. */
export async function appendRecords(file: string, seed: number, existing: number, count: number): Promise<number> {
  return writeLines(file, exportLines(seed, count, existing), 'a');
}
