import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { recordArticle } from '../src/sinks/article.js';
import { createSink } from '../src/sinks/open.js';
import { articleRows } from '../src/sinks/record-rows.js';
import { CSV_FILES } from '../src/sinks/rows.js';
import { SCHEMA_VERSION, entitiesFromMentionsSql, quote, schemaAt, type Dialect } from '../src/sinks/schema.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { SinkConfigError } from '../src/sinks/sink.js';
import { syncSink } from '../src/sinks/sync.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';
import { tempDir } from './helpers/cli.js';
import { runSummary } from './helpers/report.js';
import { consistencyProblems, csvFromDb, csvOf, postgresTestDb, sqliteTestDb, type TestDb } from './helpers/sink-db.js';
import { describeWithService, postgresService, POSTGRES_URL } from './helpers/services.js';

let example: DocumentRecord;
let corpus: DocumentRecord[];
beforeAll(async () => {
  example = await exampleRecord();
  corpus = await corpusRecords(300);
});

/** The records with a few changed: some entities dropped, the title edited (a new hash). */
function edited(records: DocumentRecord[], ids: Set<string>, tag: string): DocumentRecord[] {
  return records.map((r) =>
    ids.has(r.id) ? { ...r, title: `${r.title ?? ''} ${tag}`, entities: r.entities.filter((_, i) => i % 2 === 0) } : r,
  );
}

async function load(spec: string, records: DocumentRecord[], batchSize = 64): Promise<Awaited<ReturnType<typeof syncSink>>> {
  const sink = createSink(spec, { flushRows: 2000 });
  await sink.open();
  try {
    return await syncSink(sink, records.map(recordArticle), { batchSize });
  } finally {
    await sink.close();
  }
}

async function expectHolds(db: TestDb, records: DocumentRecord[]): Promise<void> {
  for (const file of CSV_FILES) {
    const expected = csvOf(records, file);
    const actual = await csvFromDb(db, file);
    expect((parse(actual) as unknown[]).length, `${file} rows`).toBe((parse(expected) as unknown[]).length);
    expect(actual, file).toBe(expected);
  }
  expect(await consistencyProblems(db)).toEqual([]);
}

/** Everything a dashboard sees, as one comparable value. */
async function dump(db: TestDb): Promise<string> {
  const parts: string[] = [];
  for (const file of CSV_FILES) parts.push(await csvFromDb(db, file));
  parts.push(JSON.stringify(await db.query('SELECT * FROM "entities" ORDER BY "entity_id"')));
  parts.push(JSON.stringify(await db.query('SELECT * FROM "entity_canonicals" ORDER BY "entity_id", "canonical"')));
  parts.push(JSON.stringify(await db.query('SELECT "article_id", "hash", "published_date" FROM "articles" ORDER BY "article_id"')));
  return parts.join('\n');
}

const SUMMARY = runSummary();

type Open = () => Promise<TestDb>;

function sinkSuite(dialect: Dialect, openDb: Open): void {
  let db: TestDb;
  afterEach(async () => {
    await db?.cleanup();
  });

  it('holds exactly the CSV rows of the example article, with its entities summed up', async () => {
    db = await openDb();
    expect(await load(db.spec, [example])).toEqual({ written: 1, deleted: 0, unchanged: 0, batches: 1 });
    await expectHolds(db, [example]);
    const kim = example.entities.filter((e) => e.entity_id === 'PERSON:kim-jong-un');
    const [row] = await db.query(`SELECT * FROM "entities" WHERE "entity_id" = 'PERSON:kim-jong-un'`);
    expect(row).toEqual({
      entity_id: 'PERSON:kim-jong-un',
      type: 'PERSON',
      canonical: 'Kim Jong Un',
      article_count: 1,
      mention_count: kim.length,
      first_published_at: '2025-09-06',
      last_published_at: '2025-09-06',
    });
    const [{ n }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "entities"');
    expect(Number(n)).toBe(new Set(example.entities.map((e) => e.entity_id)).size);
  });

  it('holds exactly the CSV rows of a few hundred generated articles; held() gives each id its hash', async () => {
    db = await openDb();
    const records = [example, ...corpus];
    const result = await load(db.spec, records);
    expect(result).toMatchObject({ written: records.length, deleted: 0, unchanged: 0 });
    await expectHolds(db, records);
    const sink = createSink(db.spec);
    await sink.open();
    const held = await sink.held();
    await sink.close();
    expect(held).toEqual(new Map(records.map((r) => [r.id, recordArticle(r).hash])));
  });

  it('replaces changed articles, deletes removed ones and leaves the others untouched', async () => {
    db = await openDb();
    await load(db.spec, corpus);
    const version = dialect === 'postgres' ? '"xmin"::text' : '"rowid"';
    const before = new Map(
      (await db.query<{ article_id: string; v: string }>(`SELECT "article_id", ${version} AS v FROM "articles"`)).map((r) => [r.article_id, String(r.v)]),
    );
    const changed = new Set(corpus.filter((_, i) => i % 37 === 5).map((r) => r.id));
    const removed = new Set(corpus.filter((_, i) => i % 41 === 7).map((r) => r.id));
    const target = edited(corpus, changed, '(corrected)').filter((r) => !removed.has(r.id));
    const result = await load(db.spec, target);
    expect(result).toMatchObject({ written: changed.size, deleted: removed.size, unchanged: corpus.length - changed.size - removed.size });
    await expectHolds(db, target);
    const after = await db.query<{ article_id: string; v: string }>(`SELECT "article_id", ${version} AS v FROM "articles"`);
    for (const { article_id, v } of after) {
      if (changed.has(article_id)) expect(String(v), article_id).not.toBe(before.get(article_id));
      else expect(String(v), `${article_id} untouched`).toBe(before.get(article_id));
    }
    for (const id of removed) {
      for (const table of ['articles', 'sentences', 'entity_mentions', 'dates']) {
        const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)} WHERE "article_id" = '${id}'`);
        expect(Number(n), `${table} ${id}`).toBe(0);
      }
    }
  });

  it('is idempotent: the same batch twice, or the same run twice, gives the same database', async () => {
    db = await openDb();
    const records = corpus.slice(0, 80);
    await load(db.spec, records);
    const once = await dump(db);
    const sink = createSink(db.spec);
    await sink.open();
    await sink.begin();
    for (const r of records) await sink.write(recordArticle(r));
    for (const r of records.slice(0, 10)) await sink.write(recordArticle(r));
    await sink.commit();
    await sink.close();
    expect(await dump(db)).toBe(once);
    expect(await load(db.spec, records)).toEqual({ written: 0, deleted: 0, unchanged: records.length, batches: 0 });
    expect(await dump(db)).toBe(once);
  });

  it('applies the last operation on an id within a batch, and rollback() discards the batch', async () => {
    db = await openDb();
    const [a, b, c] = corpus;
    await load(db.spec, [a, b]);
    const sink = createSink(db.spec, { flushRows: 1 });
    await sink.open();
    await sink.begin();
    await sink.write(recordArticle(c));
    await sink.delete(c.id);
    await sink.delete(a.id);
    await sink.write(recordArticle(a));
    await sink.delete('no-such-article');
    await sink.commit();
    await expectHolds(db, [a, b]);
    await sink.begin();
    await sink.delete(a.id);
    await sink.write(recordArticle(c));
    await sink.rollback();
    await sink.close();
    await expectHolds(db, [a, b]);
    const closed = createSink(db.spec);
    await expect(closed.write(recordArticle(a))).rejects.toThrow(/outside a batch/);
  });

  it('stores text with tabs, backslashes, line breaks, quotes, formulas and emoji as written', async () => {
    db = await openDb();
    const title = 'Kim\tJong\\Un\nbertemu\r\n"Xi" \'Jinping\' =SUM(A1) 🇮🇩 end\\';
    const canonical = 'Kim\tJong\nUn\\';
    const entities = example.entities.map((e) => (e.entity_id === 'PERSON:kim-jong-un' ? { ...e, canonical } : e));
    const record = { ...example, title, author: 'NUL\u0000here', entities };
    await load(db.spec, [record]);
    const [row] = await db.query<{ title: string; author: string }>('SELECT "title", "author" FROM "articles"');
    expect(row.title).toBe(title);
    // PostgreSQL text cannot hold U+0000: it is stored as U+FFFD
    expect(row.author).toBe(dialect === 'postgres' ? 'NUL\uFFFDhere' : 'NUL\u0000here');
    const [entity] = await db.query<{ canonical: string }>(`SELECT "canonical" FROM "entities" WHERE "entity_id" = 'PERSON:kim-jong-un'`);
    expect(entity.canonical).toBe(canonical);
    expect(await csvFromDb(db, 'entities')).toBe(csvOf([record], 'entities'));
  });

  it('records a run as one row of the runs table', async () => {
    db = await openDb();
    const sink = createSink(db.spec);
    await sink.open();
    await sink.recordRun(SUMMARY);
    await sink.recordRun({ ...SUMMARY, started_at: '2025-09-07T10:00:00.000Z', failures: [] });
    await sink.close();
    const rows = await db.query<Record<string, unknown>>('SELECT * FROM "runs" ORDER BY "run_id"');
    expect(rows).toHaveLength(2);
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(rows[0]).toMatchObject({ files: 121, processed: 301, failed: 2, written: 301, concurrency: 2, pipeline: 'news', warta_version: '0.1.0' });
    expect(Number(rows[0].peak_rss_bytes)).toBe(314572800);
    expect(json(rows[0].failures)).toEqual(SUMMARY.failures);
    expect(json(rows[0].stage_ms)).toEqual(SUMMARY.stage_ms);
    expect(json(rows[0].summary)).toEqual(SUMMARY);
    expect(Boolean(rows[0].outputs_rewritten)).toBe(true);
    expect(new Date(rows[1].started_at as string).toISOString()).toBe('2025-09-07T10:00:00.000Z');
  });

  it('upgrades a version 1 database to the current schema, filling the new columns from the articles', async () => {
    db = await openDb();
    const records = [example, ...corpus.slice(0, 60)];
    const old = createSink(db.spec, { schemaVersion: 1 });
    await old.open();
    await old.close();
    await insertV1(db, records);
    expect(await db.query('SELECT "version" FROM "schema_version" ORDER BY "version"')).toEqual([{ version: 1 }]);

    await load(db.spec, records); // opens (migrates), then finds nothing to change
    const versions = await db.query<{ version: number; warta_version: string }>('SELECT "version", "warta_version" FROM "schema_version" ORDER BY "version"');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(SCHEMA_VERSION).toBe(2);
    const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "entity_mentions" WHERE "source_name" = 'SEPUTARAN.COM'`);
    expect(Number(n)).toBe(example.entities.length);
    await expectHolds(db, records);

    const fresh = await openDb();
    try {
      await load(fresh.spec, records);
      expect(await dump(db)).toBe(await dump(fresh));
    } finally {
      await fresh.cleanup();
    }
  });

  it('refuses a database written by a newer warta, and a database that is not warta', async () => {
    db = await openDb();
    await load(db.spec, [example]);
    await exec(db, `INSERT INTO "schema_version" ("version", "description", "applied_at", "warta_version") VALUES (${SCHEMA_VERSION + 1}, 'future', '2030-01-01T00:00:00Z', '9.0.0')`);
    const sink = createSink(db.spec);
    await expect(sink.open()).rejects.toThrow(SinkConfigError);
    await expect(createSink(db.spec).open()).rejects.toThrow(`the database schema is version ${SCHEMA_VERSION + 1}, newer than this warta`);
    await db.cleanup();

    db = await openDb();
    await exec(db, 'CREATE TABLE "articles" ("id" TEXT)');
    await expect(createSink(db.spec).open()).rejects.toThrow(/holds an "articles" table but no schema_version table: not a warta database/);
  });
}

/** Rows as warta wrote them at schema version 1 (before mention and date rows carried source_name). */
async function insertV1(db: TestDb, records: DocumentRecord[]): Promise<void> {
  const v1 = schemaAt(1);
  const statements: string[] = [];
  const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  for (const record of records) {
    const rows = articleRows(record, recordArticle(record).hash);
    for (const table of ['articles', 'sentences', 'entity_mentions', 'dates'] as const) {
      const columns = v1.tables.get(table)!.columns.map((c) => c.name);
      for (const row of rows[table]) {
        statements.push(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${row.slice(0, columns.length).map(literal).join(', ')})`);
      }
    }
  }
  statements.push(`INSERT INTO "entities" ${entitiesFromMentionsSql(db.dialect)}`);
  statements.push('INSERT INTO "entity_canonicals" SELECT "entity_id", "canonical", COUNT(*) FROM "entity_mentions" GROUP BY "entity_id", "canonical"');
  await exec(db, statements.join(';\n'));
}

async function exec(db: TestDb, sql: string): Promise<void> {
  if (db.dialect === 'sqlite') {
    const conn = new Database(db.spec.slice('sqlite:'.length));
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
  } else {
    const client = new pg.Client({ connectionString: db.spec });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

describeWithService({ name: 'SQLite', available: true }, 'SQLite sink', () => {
  sinkSuite('sqlite', sqliteTestDb);

  it('fails to open with a SinkConfigError on a file that is not a database, or a folder', async () => {
    const dir = tempDir('warta-sqlite-bad-');
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    await expect(createSink(`sqlite:${file}`).open()).rejects.toThrow(/^sqlite:.*notes\.db: cannot open: file is not a database/);
    mkdirSync(path.join(dir, 'folder.db'));
    await expect(createSink(`sqlite:${path.join(dir, 'folder.db')}`).open()).rejects.toThrow(SinkConfigError);
  });
});

const postgres = await postgresService();
describeWithService(postgres, 'PostgreSQL sink', () => {
  sinkSuite('postgres', postgresTestDb);

  it('fails to open with a SinkConfigError that names the server but never the password', async () => {
    const server = new URL(POSTGRES_URL);
    const unreachable = `postgres://warta:hunter2@127.0.0.1:1/news`;
    const error1 = await createSink(unreachable).open().catch((e: unknown) => e);
    expect(error1).toBeInstanceOf(SinkConfigError);
    expect((error1 as Error).message).toMatch(/^postgres:\/\/warta:\*\*\*@127\.0\.0\.1:1\/news: cannot open: .*ECONNREFUSED/);
    expect((error1 as Error).message).not.toContain('hunter2');

    const missing = `postgres://${server.username || 'postgres'}:hunter2@${server.host}/warta_no_such_database`;
    const error2 = await createSink(missing).open().catch((e: unknown) => e);
    expect(error2).toBeInstanceOf(SinkConfigError);
    expect((error2 as Error).message).toMatch(/cannot open: database "warta_no_such_database" does not exist/);
    expect((error2 as Error).message).not.toContain('hunter2');
  });

  it('loads the same rows as SQLite, entity for entity', async () => {
    const records = [example, ...corpus];
    const a = await sqliteTestDb();
    const b = await postgresTestDb();
    try {
      await load(a.spec, records, 100);
      await load(b.spec, records, 100);
      expect(await dump(b)).toBe(await dump(a));
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });
});
