import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../summary.js';
import { AtomicFile, writeFileAtomic, type OutputFile } from './atomic.js';
import { fragmentParts } from './fragment.js';
import { OutputLayout } from './output-layout.js';
import { CSV_FILES, csvHeader } from './rows.js';
import type { Sink, SinkArticle } from './sink.js';

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

/** Byte offsets (+1; 0: none) of the input file's sha256 in a fragment's JSON line and articles row: header fields 7 and 8 (`src/sinks/fragment.ts`). */
const SHA_JSON_FIELD = 28;
const SHA_CSV_FIELD = 32;

/** Where a rewrite resumes: files already holding the first `from` articles (a `PrefixCopy`'s temporary files, or the last output's own files cut back), laid out as in `layout`. */
export interface WriteResume {
  files: OutputFile[];
  from: number;
  layout: OutputLayout;
}

/**
 * Copy every article's rendered parts, in order, into the five data files. Fragments are read as
 * bytes into one large buffer and their parts written from there with `writev`: no decoding, no
 * intermediate copy. New files appear only when all five are complete (temp file + rename), so a
 * killed run leaves the previous outputs; files resumed in place (`resume` from `InPlaceUpdate`)
 * are guarded by its journal instead. Returns where each article landed (the next rewrite keeps
 * unchanged runs of articles from these files with it).
 */
export async function writeDataFiles(outputDir: string, articles: StoredArticles, resume?: WriteResume): Promise<OutputLayout> {
  const files = resume?.files ?? openDataFiles(outputDir);
  const layout = OutputLayout.empty(articles.size);
  try {
    const from = resume?.from ?? 0;
    if (resume) {
      // the first articles are the old files' own, at the same offsets
      for (let f = 0; f < 5; f++) layout.starts[f].set(resume.layout.starts[f].subarray(0, from + 1));
      layout.shaJson.set(resume.layout.shaJson.subarray(0, from));
      layout.shaCsv.set(resume.layout.shaCsv.subarray(0, from));
    }
    const position = files.map((file) => file.position);
    let buffer = Buffer.allocUnsafe(READ_BUFFER);
    let used = 0;
    const pending: Buffer[][] = files.map(() => []);
    const flush = async () => {
      files.forEach((file, i) => file.writev(pending[i]));
      for (const parts of pending) parts.length = 0;
      used = 0;
      // let the files' background flushes complete (their callbacks need the event loop)
      await new Promise((resolve) => setImmediate(resolve));
    };
    const parts = new Int32Array(10);
    for (let k = from; k < articles.size; k++) {
      const length = articles.length(k);
      if (used + length > buffer.length) {
        await flush();
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
      }
      articles.readInto(k, buffer, used);
      fragmentParts(buffer, used, parts);
      const shaJson = buffer.readUInt32LE(used + SHA_JSON_FIELD);
      const shaCsv = buffer.readUInt32LE(used + SHA_CSV_FIELD);
      layout.shaJson[k] = shaJson > 0 ? position[0] + shaJson - 1 : -1;
      layout.shaCsv[k] = shaCsv > 0 ? position[1] + shaCsv - 1 : -1;
      for (let f = 0; f < 5; f++) layout.starts[f][k] = position[f];
      pending[0].push(buffer.subarray(parts[0], parts[1]), NEWLINE);
      position[0] += parts[1] - parts[0] + 1;
      for (let f = 1; f < 5; f++) {
        if (parts[2 * f + 1] > parts[2 * f]) pending[f].push(buffer.subarray(parts[2 * f], parts[2 * f + 1]));
        position[f] += parts[2 * f + 1] - parts[2 * f];
      }
      used += length;
    }
    await flush();
    for (let f = 0; f < 5; f++) layout.starts[f][articles.size] = position[f];
    for (const file of files) await file.settled();
    for (const file of files) file.finish();
    for (const file of files) file.publish();
    return layout;
  } catch (error) {
    for (const file of files) file.abort();
    throw error;
  }
}

/** The five data files, opened as temporary siblings, CSV headers written. */
function openDataFiles(outputDir: string): AtomicFile[] {
  const files = DATA_FILES.map((f) => new AtomicFile(path.join(outputDir, f)));
  CSV_FILES.forEach((file, i) => files[i + 1].write(Buffer.from(csvHeader(file))));
  return files;
}

/**
 * The output folder as a sink: `documents.jsonl`, the four CSV files and `run.json`. It rewrites
 * everything on each change (`rewritesAll`): one batch holds every article in output order, and
 * the files appear only on commit (temporary siblings, then rename), so a killed run leaves the
 * previous outputs. `warta run` copies its stored fragments through `writeStored` without decoding
 * them; `write` takes articles one by one (a queue worker, tests).
 */
export class FileSink implements Sink {
  readonly rewritesAll = true;
  readonly name: string;
  private files: AtomicFile[] | null = null;
  private readonly ids = new Set<string>();

  constructor(readonly outputDir: string) {
    this.name = `files:${outputDir}`;
  }

  async open(): Promise<void> {
    mkdirSync(this.outputDir, { recursive: true });
  }

  /** The files are rewritten whole: nothing is held between runs. */
  async held(): Promise<Map<string, string>> {
    return new Map();
  }

  async begin(): Promise<void> {
    if (this.files) throw new Error(`${this.name}: begin inside a batch`);
    this.files = openDataFiles(this.outputDir);
    this.ids.clear();
  }

  async write(article: SinkArticle): Promise<void> {
    const files = this.batch('write');
    // a batch is the whole output: an id written twice would be two articles
    if (this.ids.has(article.id)) throw new Error(`${this.name}: article ${JSON.stringify(article.id)} written twice in one batch`);
    this.ids.add(article.id);
    files[0].write(Buffer.from(article.json + '\n'));
    CSV_FILES.forEach((file, i) => {
      if (article.csv[file]) files[i + 1].write(Buffer.from(article.csv[file]));
    });
  }

  /** Articles left out of a batch are gone from the rewritten files. */
  async delete(_id: string): Promise<void> {
    this.batch('delete');
  }

  async commit(): Promise<void> {
    const files = this.batch('commit');
    this.files = null;
    try {
      for (const file of files) file.finish();
    } catch (error) {
      for (const file of files) file.abort();
      throw error;
    }
    for (const file of files) file.publish();
  }

  async rollback(): Promise<void> {
    for (const file of this.files ?? []) file.abort();
    this.files = null;
  }

  /** The fast path of `warta run`: every article, as stored fragments, in one batch (optionally after a copied prefix). */
  async writeStored(articles: StoredArticles, resume?: WriteResume): Promise<OutputLayout> {
    if (this.files) throw new Error(`${this.name}: writeStored inside a batch`);
    return writeDataFiles(this.outputDir, articles, resume);
  }

  async recordRun(summary: RunSummary): Promise<void> {
    await writeFileAtomic(path.join(this.outputDir, 'run.json'), JSON.stringify(summary, null, 2) + '\n');
  }

  async close(): Promise<void> {
    await this.rollback();
  }

  private batch(what: string): AtomicFile[] {
    if (!this.files) throw new Error(`${this.name}: ${what} outside a batch`);
    return this.files;
  }
}
