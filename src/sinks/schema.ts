/**
 * The dashboard schema shared by the SQLite and PostgreSQL sinks, written once as an ordered list of
 * migrations over dialect-neutral table, column and index definitions. Both databases render their
 * DDL from the same steps, and the current tables (the columns every insert uses) are the result of
 * applying all steps, so the two databases and the insert code cannot drift apart.
 *
 * Migrations are history: a released step is never edited. A change to the schema is a new
 * migration at the end of the list; a newer warta applies the missing steps to an older database,
 * and refuses a database whose version is newer than the last step it knows.
 */

/** Logical column types, rendered per dialect by `columnType`. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'real' | 'date' | 'timestamp' | 'json' | 'boolean' | 'serial';

export interface Column {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  /**
   * Compare by bytes (`COLLATE "C"` in PostgreSQL; SQLite always does): ISO timestamps and names
   * whose order decides a value (first/last publication, the canonical name's tie-break) must sort
   * the same in both databases whatever the server's locale; ids, for the same order and for
   * cheaper index upkeep.
   */
  bytewise?: boolean;
}

export interface TableDef {
  name: string;
  columns: Column[];
  /** Empty for a table keyed by a `serial` column (the serial column is its key). */
  primaryKey: string[];
}

export interface IndexDef {
  name: string;
  table: string;
  columns: string[];
}

export type MigrationStep =
  | { op: 'createTable'; table: TableDef }
  | { op: 'addColumn'; table: string; column: Column }
  | { op: 'createIndex'; index: IndexDef }
  /** A data change in SQL that both dialects run unchanged (quote identifiers with double quotes). */
  | { op: 'sql'; sql: string };

export interface Migration {
  version: number;
  description: string;
  steps: MigrationStep[];
}

export type Dialect = 'sqlite' | 'postgres';

const col = (name: string, type: ColumnType, notNull = false): Column => (notNull ? { name, type, notNull } : { name, type });
const bytewise = (c: Column): Column => ({ ...c, bytewise: true });
const index = (table: string, ...columns: string[]): MigrationStep => ({
  op: 'createIndex',
  index: { name: `${table}_by_${columns.join('_')}`, table, columns },
});

/** Every mention and date row carries the article's publication date and language: time series need no join. */
const ARTICLE_CONTEXT_V1 = [bytewise(col('published_at', 'text')), col('published_date', 'date'), col('language', 'text')];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'initial schema: articles, sentences, entity_mentions, dates, entities, runs',
    steps: [
      {
        op: 'createTable',
        table: {
          name: 'articles',
          columns: [
            bytewise(col('article_id', 'text', true)),
            col('source_path', 'text'),
            col('source_format', 'text'),
            col('source_record', 'integer'),
            col('source_sha256', 'text'),
            col('url', 'text'),
            col('title', 'text'),
            bytewise(col('published_at', 'text')),
            col('source_name', 'text'),
            col('dateline', 'text'),
            col('author', 'text'),
            col('language', 'text'),
            col('language_confidence', 'real'),
            col('characters', 'integer'),
            col('sentences', 'integer'),
            col('entities', 'integer'),
            col('dates', 'integer'),
            col('warnings', 'text'),
            col('published_date', 'date'),
            col('hash', 'text', true),
          ],
          primaryKey: ['article_id'],
        },
      },
      {
        op: 'createTable',
        table: {
          name: 'sentences',
          columns: [
            bytewise(col('article_id', 'text', true)),
            col('index', 'integer', true),
            col('start', 'integer'),
            col('end', 'integer'),
            col('section', 'text'),
            col('text', 'text'),
          ],
          primaryKey: ['article_id', 'index'],
        },
      },
      {
        op: 'createTable',
        table: {
          name: 'entity_mentions',
          columns: [
            bytewise(col('article_id', 'text', true)),
            col('type', 'text'),
            col('text', 'text'),
            col('canonical', 'text'),
            bytewise(col('entity_id', 'text', true)),
            col('start', 'integer'),
            col('end', 'integer'),
            col('sentence', 'integer'),
            col('section', 'text'),
            col('ordinal', 'integer', true),
            ...ARTICLE_CONTEXT_V1,
          ],
          primaryKey: ['article_id', 'ordinal'],
        },
      },
      {
        op: 'createTable',
        table: {
          name: 'dates',
          columns: [
            bytewise(col('article_id', 'text', true)),
            col('text', 'text'),
            col('start', 'integer'),
            col('end', 'integer'),
            col('sentence', 'integer'),
            col('section', 'text'),
            col('value', 'text'),
            col('granularity', 'text'),
            col('resolution', 'text'),
            col('end_value', 'text'),
            col('time', 'text'),
            col('timezone', 'text'),
            col('ordinal', 'integer', true),
            ...ARTICLE_CONTEXT_V1,
          ],
          primaryKey: ['article_id', 'ordinal'],
        },
      },
      {
        op: 'createTable',
        table: {
          name: 'entities',
          columns: [
            bytewise(col('entity_id', 'text', true)),
            col('type', 'text'),
            col('canonical', 'text'),
            col('article_count', 'integer', true),
            col('mention_count', 'integer', true),
            bytewise(col('first_published_at', 'text')),
            bytewise(col('last_published_at', 'text')),
          ],
          primaryKey: ['entity_id'],
        },
      },
      {
        // how often each entity is written each way: the canonical name is the most frequent
        op: 'createTable',
        table: {
          name: 'entity_canonicals',
          columns: [bytewise(col('entity_id', 'text', true)), bytewise(col('canonical', 'text', true)), col('mention_count', 'integer', true)],
          primaryKey: ['entity_id', 'canonical'],
        },
      },
      {
        op: 'createTable',
        table: {
          name: 'runs',
          columns: [
            col('run_id', 'serial', true),
            col('started_at', 'timestamp'),
            col('finished_at', 'timestamp'),
            col('elapsed_ms', 'bigint'),
            col('warta_version', 'text'),
            col('pipeline', 'text'),
            col('pipeline_file', 'text'),
            col('pipeline_stages', 'json'),
            col('output', 'text'),
            col('concurrency', 'integer'),
            col('files', 'integer'),
            col('files_changed', 'integer'),
            col('files_unchanged', 'integer'),
            col('files_deleted', 'integer'),
            col('seen', 'integer'),
            col('processed', 'integer'),
            col('unchanged', 'integer'),
            col('failed', 'integer'),
            col('written', 'integer'),
            col('failures', 'json'),
            col('input_bytes', 'bigint'),
            col('docs_per_second', 'real'),
            col('mb_per_second', 'real'),
            col('stage_ms', 'json'),
            col('outputs_rewritten', 'boolean'),
            col('peak_rss_bytes', 'bigint'),
            // the whole run.json, so fields added to it later are kept before they get a column
            col('summary', 'json'),
          ],
          primaryKey: [],
        },
      },
      index('articles', 'published_date'),
      index('articles', 'source_name', 'published_date'),
      // also answers MIN/MAX(published_at) of one entity with two index probes
      index('entity_mentions', 'entity_id', 'published_at'),
      index('entity_mentions', 'type', 'published_date'),
      index('dates', 'published_date'),
      index('entities', 'type', 'article_count'),
      index('runs', 'started_at'),
    ],
  },
  {
    version: 2,
    description: 'source_name on entity_mentions and dates (mentions per outlet without a join)',
    steps: [
      { op: 'addColumn', table: 'entity_mentions', column: col('source_name', 'text') },
      { op: 'addColumn', table: 'dates', column: col('source_name', 'text') },
      {
        op: 'sql',
        sql: 'UPDATE "entity_mentions" SET "source_name" = (SELECT a."source_name" FROM "articles" a WHERE a."article_id" = "entity_mentions"."article_id")',
      },
      {
        op: 'sql',
        sql: 'UPDATE "dates" SET "source_name" = (SELECT a."source_name" FROM "articles" a WHERE a."article_id" = "dates"."article_id")',
      },
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export type TableName = 'articles' | 'sentences' | 'entity_mentions' | 'dates' | 'entities' | 'entity_canonicals' | 'runs';

export interface Schema {
  version: number;
  tables: Map<string, TableDef>;
  indexes: IndexDef[];
}

/** The tables and indexes a database holds after the migrations up to `version`. */
export function schemaAt(version: number): Schema {
  const tables = new Map<string, TableDef>();
  const indexes: IndexDef[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version > version) break;
    for (const step of migration.steps) {
      if (step.op === 'createTable') tables.set(step.table.name, { ...step.table, columns: [...step.table.columns] });
      else if (step.op === 'addColumn') tables.get(step.table)!.columns.push(step.column);
      else if (step.op === 'createIndex') indexes.push(step.index);
    }
  }
  return { version, tables, indexes };
}

export const CURRENT_SCHEMA = schemaAt(SCHEMA_VERSION);

/** Column names of a current table, in insert order. */
export function columnsOf(table: TableName): string[] {
  return CURRENT_SCHEMA.tables.get(table)!.columns.map((c) => c.name);
}

export function columnTypes(table: TableName): ColumnType[] {
  return CURRENT_SCHEMA.tables.get(table)!.columns.map((c) => c.type);
}

/** Identifiers are always quoted: the CSV column names include SQL keywords (`index`, `end`). */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function columnType(type: ColumnType, dialect: Dialect): string {
  if (dialect === 'sqlite') {
    return { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', real: 'REAL', date: 'TEXT', timestamp: 'TEXT', json: 'TEXT', boolean: 'INTEGER', serial: 'INTEGER PRIMARY KEY' }[type];
  }
  return {
    text: 'TEXT',
    integer: 'INTEGER',
    bigint: 'BIGINT',
    real: 'DOUBLE PRECISION',
    date: 'DATE',
    timestamp: 'TIMESTAMPTZ',
    json: 'JSONB',
    boolean: 'BOOLEAN',
    serial: 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY',
  }[type];
}

function columnDdl(c: Column, dialect: Dialect): string {
  const collate = c.bytewise && dialect === 'postgres' ? ' COLLATE "C"' : '';
  const notNull = c.notNull && c.type !== 'serial' ? ' NOT NULL' : '';
  return `${quote(c.name)} ${columnType(c.type, dialect)}${collate}${notNull}`;
}

/** The SQL statements of one migration step in one dialect. */
export function stepSql(step: MigrationStep, dialect: Dialect): string[] {
  switch (step.op) {
    case 'createTable': {
      const parts = step.table.columns.map((c) => columnDdl(c, dialect));
      if (step.table.primaryKey.length) parts.push(`PRIMARY KEY (${step.table.primaryKey.map(quote).join(', ')})`);
      return [`CREATE TABLE ${quote(step.table.name)} (\n  ${parts.join(',\n  ')}\n)`];
    }
    case 'addColumn':
      return [`ALTER TABLE ${quote(step.table)} ADD COLUMN ${columnDdl(step.column, dialect)}`];
    case 'createIndex':
      return [`CREATE INDEX ${quote(step.index.name)} ON ${quote(step.index.table)} (${step.index.columns.map(quote).join(', ')})`];
    case 'sql':
      return [step.sql];
  }
}

export const SCHEMA_VERSION_TABLE = 'schema_version';

export function schemaVersionTableSql(dialect: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS ${quote(SCHEMA_VERSION_TABLE)} (
  "version" INTEGER PRIMARY KEY,
  "description" TEXT NOT NULL,
  "applied_at" ${columnType('timestamp', dialect)} NOT NULL,
  "warta_version" TEXT NOT NULL
)`;
}

/**
 * Working tables of a database sink's connection (never visible to other sessions): the changes of
 * entity counts a batch makes.
 */
export const TEMP_TABLES: readonly TableDef[] = [
  {
    name: 'warta_canonical_delta',
    columns: [bytewise(col('entity_id', 'text', true)), bytewise(col('canonical', 'text', true)), col('mentions', 'integer', true)],
    primaryKey: ['entity_id', 'canonical'],
  },
  {
    name: 'warta_entity_delta',
    columns: [bytewise(col('entity_id', 'text', true)), col('type', 'text'), col('mentions', 'integer', true), col('articles', 'integer', true)],
    primaryKey: ['entity_id'],
  },
];

export function tempTableSql(table: TableDef, dialect: Dialect): string {
  const [create] = stepSql({ op: 'createTable', table }, dialect);
  return create.replace(/^CREATE TABLE/, 'CREATE TEMP TABLE IF NOT EXISTS');
}

/**
 * Apply a batch's entity count changes (`warta_canonical_delta`, `warta_entity_delta`: added minus
 * removed mentions and articles per entity) to `entity_canonicals` and `entities`, then refresh
 * the touched entities' canonical name (most frequent, ties by byte order) and first and last
 * publication (two index probes each). Exact under any mix of inserts and deletes, at a cost that
 * grows with the batch, not with the table.
 */
export const APPLY_ENTITY_DELTA_SQL: readonly string[] = [
  `INSERT INTO "entity_canonicals" ("entity_id", "canonical", "mention_count")
SELECT "entity_id", "canonical", "mentions" FROM "warta_canonical_delta" WHERE true
ON CONFLICT ("entity_id", "canonical") DO UPDATE SET "mention_count" = "entity_canonicals"."mention_count" + excluded."mention_count"`,
  `DELETE FROM "entity_canonicals" WHERE "mention_count" <= 0
AND "entity_id" IN (SELECT "entity_id" FROM "warta_canonical_delta")`,
  `INSERT INTO "entities" ("entity_id", "type", "article_count", "mention_count")
SELECT "entity_id", "type", "articles", "mentions" FROM "warta_entity_delta" WHERE true
ON CONFLICT ("entity_id") DO UPDATE SET
  "article_count" = "entities"."article_count" + excluded."article_count",
  "mention_count" = "entities"."mention_count" + excluded."mention_count"`,
  `DELETE FROM "entities" WHERE "mention_count" <= 0 AND "entity_id" IN (SELECT "entity_id" FROM "warta_entity_delta")`,
  `UPDATE "entities" SET
  "canonical" = (SELECT c."canonical" FROM "entity_canonicals" c WHERE c."entity_id" = "entities"."entity_id"
                 ORDER BY c."mention_count" DESC, c."canonical" LIMIT 1),
  "first_published_at" = (SELECT MIN(m."published_at") FROM "entity_mentions" m WHERE m."entity_id" = "entities"."entity_id"),
  "last_published_at" = (SELECT MAX(m."published_at") FROM "entity_mentions" m WHERE m."entity_id" = "entities"."entity_id")
WHERE "entity_id" IN (SELECT "entity_id" FROM "warta_entity_delta")`,
];

/**
 * The `entities` table recomputed from `entity_mentions` from scratch, as a query with its
 * columns: what the incremental upkeep must always equal (tests, `warta` consistency checks).
 */
export function entitiesFromMentionsSql(dialect: Dialect): string {
  const bytes = dialect === 'postgres' ? ' COLLATE "C"' : '';
  return `SELECT s."entity_id", s."type", c."canonical", s."article_count", s."mention_count",
       s."first_published_at", s."last_published_at"
FROM (
  SELECT "entity_id", MIN("type") AS "type", COUNT(DISTINCT "article_id") AS "article_count", COUNT(*) AS "mention_count",
         MIN("published_at") AS "first_published_at", MAX("published_at") AS "last_published_at"
  FROM "entity_mentions" GROUP BY "entity_id"
) s
JOIN (
  SELECT "entity_id", "canonical", ROW_NUMBER() OVER (PARTITION BY "entity_id" ORDER BY COUNT(*) DESC, "canonical"${bytes}) AS "rank"
  FROM "entity_mentions" GROUP BY "entity_id", "canonical"
) c ON c."entity_id" = s."entity_id" AND c."rank" = 1`;
}
