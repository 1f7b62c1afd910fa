import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/bench/corpus.js';
import { recordArticle } from '../src/sinks/article.js';
import { DATA_FILES, FileSink } from '../src/sinks/files.js';
import { CSV_FILES, type CsvFile } from '../src/sinks/rows.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { CLI, readJsonl, tempDir, warta } from './helpers/cli.js';
import { consistencyProblems, csvFromDb, postgresTestDb, sqliteTestDb, type TestDb } from './helpers/sink-db.js';
import { describeWithService, postgresService } from './helpers/services.js';

/**
 * `warta run --sink`: the databases receive exactly the rows of the output files, follow changed
 * and deleted inputs, survive kill -9 in the middle of a sync, and a sink that cannot be used stops
 * the run before anything is analysed.
 */

let corpus: string;

beforeAll(async () => {
  corpus = tempDir('warta-sinkrun-corpus-');
  // every input format, Indonesian and English, 4 records per export file
  await generateCorpus({ articles: 90, seed: 23, dir: corpus, recordsPerFile: 4 });
  rmSync(path.join(corpus, 'manifest.json'), { force: true });
}, 120_000);

/** A fresh copy of the corpus (tests change and delete inputs). */
function inputCopy(): string {
  const dir = tempDir('warta-sinkrun-input-');
  cpSync(corpus, dir, { recursive: true });
  return dir;
}

function run(input: string, output: string, ...extra: string[]) {
  const result = warta(['run', '-i', input, '-o', output, '--concurrency', '2', ...extra]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`warta run exited ${result.status}: ${result.stderr}`);
  return { ...result, summary: JSON.parse(readFileSync(path.join(output, 'run.json'), 'utf8')) };
}

/** A CSV's rows as a sorted list (databases order ids by their own collation). */
function rowsOf(csv: string): string[] {
  return (parse(csv, { relax_column_count: false }) as string[][]).map((r) => JSON.stringify(r)).sort();
}

/** The output files' rows, without headers. */
function fileRows(output: string, file: CsvFile): string[] {
  const text = readFileSync(path.join(output, `${file}.csv`), 'utf8');
  return rowsOf(text.slice(text.indexOf('\r\n') + 2));
}

async function expectSameRows(db: TestDb, output: string): Promise<void> {
  for (const file of CSV_FILES) expect(rowsOf(await csvFromDb(db, file)), file).toEqual(fileRows(output, file));
  expect(await consistencyProblems(db)).toEqual([]);
  // the stored hash is the one a queue worker computes from the same record
  const records = readJsonl<DocumentRecord>(path.join(output, 'documents.jsonl'));
  const held = await db.query<{ article_id: string; hash: string }>('SELECT "article_id", "hash" FROM "articles"');
  expect(new Map(held.map((r) => [r.article_id, r.hash]))).toEqual(new Map(records.map((r) => [r.id, recordArticle(r).hash])));
}

function sinkTests(open: () => Promise<TestDb>) {
  let db: TestDb;
  afterAll(async () => db?.cleanup());

  it('holds the rows of the output files, follows a changed and a deleted input, and leaves the rest untouched', async () => {
    db = await open();
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-out-');
    const first = run(input, output, '--sink', db.spec);
    expect(first.summary.counts.written).toBeGreaterThan(80);
    expect(first.summary.sinks).toEqual([{ name: expect.any(String), written: first.summary.counts.written, deleted: 0, unchanged: 0 }]);
    expect(first.stdout).toMatch(/written, 0 deleted, 0 unchanged/);
    await expectSameRows(db, output);

    // idempotent: a second run changes nothing
    const again = run(input, output, '--sink', db.spec);
    expect(again.summary.sinks[0]).toMatchObject({ written: 0, deleted: 0, unchanged: first.summary.counts.written });

    // one text file changed, one deleted
    const txt = readdirSync(input, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.txt')).sort();
    const changed = path.join(input, txt[0]);
    writeFileSync(changed, readFileSync(changed, 'utf8').replace(/\n/, '\nGubernur Ridwan Kamil meninjau lokasi di Bandung.\n'));
    const removedFile = txt[1];
    const removedIds = readJsonl<DocumentRecord>(path.join(output, 'documents.jsonl')).filter((r) => r.source.path.endsWith(removedFile)).map((r) => r.id);
    expect(removedIds).toHaveLength(1);
    rmSync(path.join(input, removedFile));
    const third = run(input, output, '--sink', db.spec);
    expect(third.summary.sinks[0]).toMatchObject({ written: 1, deleted: 1, unchanged: first.summary.counts.written - 2 });
    await expectSameRows(db, output);
    const gone = await db.query(`SELECT "article_id" FROM "entity_mentions" WHERE "article_id" = '${removedIds[0].replace(/'/g, "''")}'`);
    expect(gone).toEqual([]);
    // one row per run
    expect((await db.query('SELECT * FROM "runs"')).length).toBe(3);
  }, 180_000);

  it('converges after kill -9 in the middle of bringing the database up to date (5 trials)', async () => {
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-kill-');
    run(input, output); // analysis done once: the trials only sync
    let killedTrials = 0;
    for (const delayMs of [0, 2, 5, 12, 30]) {
      const scratch = await open();
      try {
        // small transactions, so the kill lands between and inside batches
        if ((await runAndKill(['run', '-i', input, '-o', output, '--sink', scratch.spec], delayMs)) === 'SIGKILL') killedTrials++;
        expect(await consistencyProblems(scratch)).toEqual([]);
        const after = run(input, output, '--sink', scratch.spec);
        expect(after.status).toBe(0);
        await expectSameRows(scratch, output);
      } finally {
        await scratch.cleanup();
      }
    }
    // a fast machine may finish a sync before the kill arrives; most trials must be real kills
    expect(killedTrials).toBeGreaterThanOrEqual(3);
  }, 300_000);
}

/** Start `warta run`, kill it with SIGKILL `delayMs` after it starts bringing a sink up to date. */
function runAndKill(args: string[], delayMs: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', WARTA_SINK_BATCH: '3' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      if (/up to date/.test(line)) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe('warta run --sink sqlite:', () => sinkTests(sqliteTestDb));

describeWithService(await postgresService(), 'warta run --sink postgres://', () => sinkTests(postgresTestDb));

describe('sink configuration', () => {
  it('a database that cannot be reached stops the run before analysis (exit 2), without its password', () => {
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-bad-');
    const result = warta(['run', '-i', input, '-o', output, '--sink', 'postgres://warta:s3cret@127.0.0.1:1/news']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/postgres:\/\/warta:\*\*\*@127\.0\.0\.1:1\/news: cannot open/);
    expect(result.stderr + result.stdout).not.toMatch(/s3cret/);
    expect(readdirSync(output)).toEqual([]);
    const bad = warta(['run', '-i', input, '-o', output, '--sink', 'mysql://x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/mysql:\/\/x/);
  });

  it('takes sinks from the pipeline file; adding one does not re-analyse anything', async () => {
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-pipe-');
    const db = await sqliteTestDb();
    try {
      const pipeline = JSON.parse(readFileSync(path.join(CLI, '..', '..', 'pipelines', 'news.json'), 'utf8'));
      const file = path.join(tempDir('warta-sinkrun-pipeline-'), 'news.json');
      writeFileSync(file, JSON.stringify(pipeline));
      const first = run(input, output, '-p', file);
      expect(first.summary.sinks).toBeUndefined();
      writeFileSync(file, JSON.stringify({ ...pipeline, sinks: [db.spec] }));
      const second = run(input, output, '-p', file);
      expect(second.summary.counts.processed).toBe(0);
      expect(second.summary.sinks[0].written).toBe(first.summary.counts.written);
      await expectSameRows(db, output);
      // a relative SQLite path in the pipeline file is relative to the file's folder
      writeFileSync(file, JSON.stringify({ ...pipeline, sinks: ['sqlite:nearby.db'] }));
      expect(run(input, output, '-p', file).summary.sinks[0].written).toBe(first.summary.counts.written);
      expect(existsSync(path.join(path.dirname(file), 'nearby.db'))).toBe(true);
      writeFileSync(file, JSON.stringify({ ...pipeline, sinks: 'sqlite:x.db' }));
      const invalid = warta(['run', '-i', input, '-o', output, '-p', file]);
      expect(invalid.status).toBe(2);
      expect(invalid.stderr).toMatch(/sinks/);
    } finally {
      await db.cleanup();
    }
  }, 180_000);

  it('writes report.html on every run unless --no-report', () => {
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-report-');
    run(input, output);
    const html = readFileSync(path.join(output, 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/articles? analysed in this run/);
    rmSync(path.join(output, 'report.html'));
    run(input, output, '--no-report');
    expect(existsSync(path.join(output, 'report.html'))).toBe(false);
  }, 120_000);
});

describe('the output folder as a sink', () => {
  it('articles written one by one through the Sink contract give the bytes warta run writes', async () => {
    const input = inputCopy();
    const output = tempDir('warta-sinkrun-files-');
    run(input, output);
    const records = readJsonl<DocumentRecord>(path.join(output, 'documents.jsonl'));
    const again = tempDir('warta-sinkrun-files2-');
    const sink = new FileSink(again);
    await sink.open();
    expect(await sink.held()).toEqual(new Map());
    await sink.begin();
    for (const record of records) await sink.write(recordArticle(record));
    await expect(sink.write(recordArticle(records[0]))).rejects.toThrow(/written twice/);
    // nothing appears before the commit
    expect(readdirSync(again).filter((f) => !f.includes('.tmp-'))).toEqual([]);
    await sink.commit();
    for (const file of DATA_FILES) expect(readFileSync(path.join(again, file)), file).toEqual(readFileSync(path.join(output, file)));
    // a rolled-back batch leaves the committed files
    await sink.begin();
    await sink.write(recordArticle(records[0]));
    await sink.rollback();
    expect(readFileSync(path.join(again, 'documents.jsonl'))).toEqual(readFileSync(path.join(output, 'documents.jsonl')));
    expect(readdirSync(again).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await sink.close();
  }, 120_000);
});
