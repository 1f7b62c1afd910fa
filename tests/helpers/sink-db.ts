import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, CSV_OPTIONS, csvRows, type CsvFile } from '../../src/sinks/rows.js';
import { entitiesFromMentionsSql, quote, type Dialect } from '../../src/sinks/schema.js';
import type { DocumentRecord } from '../../src/sinks/serialize.js';
import { tempDir } from './cli.js';
import { createTestDatabase, pgQuery } from './postgres.js';

/** A scratch database of either kind, its sink spec, and a way to read it back. */
export interface TestDb {
  dialect: Dialect;
  spec: string;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  cleanup(): Promise<void>;
}

export function sqliteQuery<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export async function sqliteTestDb(): Promise<TestDb> {
  const dir = tempDir('warta-sqlite-');
  const file = path.join(dir, 'news.db');
  return {
    dialect: 'sqlite',
    spec: `sqlite:${file}`,
    query: async <T>(sql: string) => sqliteQuery<T>(file, sql),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresTestDb(): Promise<TestDb> {
  const db = await createTestDatabase();
  return { dialect: 'postgres', spec: db.url, query: <T>(sql: string) => pgQuery<T>(db.url, sql), cleanup: () => db.drop() };
}

/** Which table holds a CSV file's rows, and the column that orders them within an article. */
export const TABLE_OF: Record<CsvFile, { table: string; order: string }> = {
  articles: { table: 'articles', order: '"article_id"' },
  sentences: { table: 'sentences', order: '"index"' },
  entities: { table: 'entity_mentions', order: '"ordinal"' },
  dates: { table: 'dates', order: '"ordinal"' },
};

/** A table's CSV columns read back and rendered as the CSV file renders them (without the header). */
export async function csvFromDb(db: TestDb, file: CsvFile): Promise<string> {
  const { table, order } = TABLE_OF[file];
  const columns = CSV_COLUMNS[file].map(quote).join(', ');
  const rows = await db.query(`SELECT ${columns} FROM ${quote(table)} ORDER BY "article_id", ${order}`);
  const cells = rows.map((r) => CSV_COLUMNS[file].map((c) => r[c] as string | number | null));
  return cells.length ? stringify(cells, CSV_OPTIONS) : '';
}

/** The CSV files' rows (without headers) of these records, in output order. */
export function csvOf(records: readonly DocumentRecord[], file: CsvFile): string {
  return [...records]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => csvRows(r)[file])
    .join('');
}

const canon = (rows: Record<string, unknown>[]) =>
  rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k] === null ? null : String(r[k])]))).sort();

/**
 * Everything that must hold in a consistent database, as a list of violations (empty when
 * consistent): no row without its article, per-article counts matching the rows, mention and date
 * rows carrying their article's context, and `entities` / `entity_canonicals` equal to a
 * recomputation from `entity_mentions`.
 */
export async function consistencyProblems(db: TestDb): Promise<string[]> {
  const problems: string[] = [];
  for (const table of ['sentences', 'entity_mentions', 'dates']) {
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${quote(table)} WHERE "article_id" NOT IN (SELECT "article_id" FROM "articles")`,
    );
    if (Number(n) > 0) problems.push(`${n} ${table} rows without their article`);
  }
  const counted = await db.query<{ article_id: string }>(`SELECT a."article_id" FROM "articles" a
    WHERE a."sentences" <> (SELECT COUNT(*) FROM "sentences" s WHERE s."article_id" = a."article_id")
       OR a."entities" <> (SELECT COUNT(*) FROM "entity_mentions" m WHERE m."article_id" = a."article_id")
       OR a."dates" <> (SELECT COUNT(*) FROM "dates" d WHERE d."article_id" = a."article_id")`);
  if (counted.length) problems.push(`row counts differ from the article's counts: ${counted.map((r) => r.article_id).join(', ')}`);
  for (const table of ['entity_mentions', 'dates']) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)} t JOIN "articles" a ON a."article_id" = t."article_id"
      WHERE t."published_at" IS DISTINCT FROM a."published_at" OR t."published_date" IS DISTINCT FROM a."published_date"
         OR t."language" IS DISTINCT FROM a."language" OR t."source_name" IS DISTINCT FROM a."source_name"`);
    if (Number(n) > 0) problems.push(`${n} ${table} rows whose article context differs from the article`);
  }
  const entities = canon(await db.query('SELECT * FROM "entities"'));
  const recomputed = canon(await db.query(entitiesFromMentionsSql(db.dialect)));
  if (JSON.stringify(entities) !== JSON.stringify(recomputed)) {
    const missing = recomputed.filter((r) => !entities.includes(r)).slice(0, 3);
    const extra = entities.filter((r) => !recomputed.includes(r)).slice(0, 3);
    problems.push(`entities differs from a recomputation: missing ${missing.join(' ')}; extra ${extra.join(' ')}`);
  }
  const canonicals = canon(await db.query('SELECT * FROM "entity_canonicals"'));
  const recount = canon(
    await db.query('SELECT "entity_id", "canonical", COUNT(*) AS "mention_count" FROM "entity_mentions" GROUP BY "entity_id", "canonical"'),
  );
  if (JSON.stringify(canonicals) !== JSON.stringify(recount)) problems.push('entity_canonicals differs from a recount');
  return problems;
}
