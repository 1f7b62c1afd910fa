import type { RunSummary } from '../summary.js';
import { VERSION } from '../version.js';
import { ARTICLE_TABLES, articleRows, type ArticleRows, type Row, type Value } from './record-rows.js';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  SCHEMA_VERSION_TABLE,
  columnTypes,
  columnsOf,
  quote,
  APPLY_ENTITY_DELTA_SQL,
  TEMP_TABLES,
  schemaVersionTableSql,
  stepSql,
  tempTableSql,
  type ColumnType,
  type Dialect,
  type TableName,
} from './schema.js';
import { EntityDelta, type RemovedMention } from './entity-delta.js';
import { SinkConfigError, type Sink, type SinkArticle } from './sink.js';

/**
 * What a database sink needs from its database library: the SQLite and PostgreSQL sinks differ only
 * here; batching, migrations, deletes and the `entities` recomputation are shared (`DatabaseSink`).
 */
export interface Driver {
  readonly dialect: Dialect;
  /** Open the connection or file. Its errors become a `SinkConfigError`. */
  connect(): Promise<void>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A condition true when `column` is one of the ids given as the statement's only parameter,
   * written so that the database looks the ids up in the column's index (PostgreSQL plans a join
   * with a temporary table as a scan of the whole table until the table is large).
   */
  inIds(column: string): string;
  /** The parameter that `inIds` reads. */
  idsParam(ids: readonly string[]): unknown;
  /** Append rows to a table (typed by `types`), as fast as the database allows. */
  insertRows(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void>;
  /** Replace the content of one of the `TEMP_TABLES`. */
  fillTemp(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void>;
  tableExists(table: string): Promise<boolean>;
  /** Start a write transaction (SQLite: take the write lock now, not at the first write). */
  begin(): Promise<void>;
  /** Inside a transaction: keep concurrent warta processes from migrating the same database at once. */
  lockSchema(): Promise<void>;
  /**
   * Inside a transaction, before the entity totals are updated: concurrent writers (queue workers)
   * update them one at a time, so each sees the others' committed mentions (and none deadlocks).
   */
  lockEntityTotals(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseSinkOptions {
  /** Migrate only up to this version (tests build older databases with it). Default: the current one. */
  schemaVersion?: number;
  /** Rows buffered before they are sent to the database within the open batch. */
  flushRows?: number;
}

const [CANONICAL_DELTA, ENTITY_DELTA] = TEMP_TABLES;
const tempColumns = (t: typeof CANONICAL_DELTA) => ({ columns: t.columns.map((c) => c.name), types: t.columns.map((c) => c.type) });

const RUN_COLUMNS = columnsOf('runs').filter((c) => c !== 'run_id');
const RUN_TYPES = columnTypes('runs').filter((t) => t !== 'serial');

function runRow(s: RunSummary): Row {
  const values: Record<string, Value> = {
    started_at: s.started_at,
    finished_at: s.finished_at,
    elapsed_ms: s.elapsed_ms,
    warta_version: s.warta_version,
    pipeline: s.pipeline.name,
    pipeline_file: s.pipeline.file,
    pipeline_stages: JSON.stringify(s.pipeline.stages),
    output: s.output,
    concurrency: s.concurrency,
    ...s.counts,
    failures: JSON.stringify(s.failures),
    input_bytes: s.input_bytes,
    docs_per_second: s.docs_per_second,
    mb_per_second: s.mb_per_second,
    stage_ms: JSON.stringify(s.stage_ms),
    outputs_rewritten: s.outputs_rewritten,
    peak_rss_bytes: s.peak_rss_bytes,
    summary: JSON.stringify(s),
  };
  return RUN_COLUMNS.map((c) => values[c] ?? null);
}

/**
 * A `Sink` over a SQL database. Writes and deletes of a batch are buffered (latest operation per
 * article id wins) and sent in bulk every `flushRows` rows: delete every row of the touched ids,
 * insert the new rows; at commit, the count changes of every touched entity are applied to
 * `entities` and `entity_canonicals`; all in the batch's one transaction.
 */
export class DatabaseSink implements Sink {
  readonly rewritesAll = false;
  private inBatch = false;
  private pending = new Map<string, ArticleRows | null>();
  private pendingRows = 0;
  private inflight: Promise<void> = Promise.resolve();
  private readonly entityDelta = new EntityDelta();
  private readonly flushRows: number;
  private readonly targetVersion: number;

  constructor(
    readonly name: string,
    private readonly driver: Driver,
    options: DatabaseSinkOptions = {},
  ) {
    this.flushRows = options.flushRows ?? 10_000;
    this.targetVersion = options.schemaVersion ?? SCHEMA_VERSION;
  }

  async open(): Promise<void> {
    try {
      await this.driver.connect();
    } catch (error) {
      throw new SinkConfigError(`${this.name}: cannot open: ${(error as Error).message}`);
    }
    try {
      await this.migrate();
      for (const table of TEMP_TABLES) await this.driver.exec(tempTableSql(table, this.driver.dialect));
    } catch (error) {
      await this.driver.close();
      throw error;
    }
  }

  /** The version the database is at (0 for an empty one). */
  async schemaVersion(): Promise<number> {
    if (!(await this.driver.tableExists(SCHEMA_VERSION_TABLE))) return 0;
    const [row] = await this.driver.query<{ v: number | string | null }>(`SELECT MAX("version") AS "v" FROM ${quote(SCHEMA_VERSION_TABLE)}`);
    return Number(row?.v ?? 0);
  }

  private async migrate(): Promise<void> {
    const d = this.driver;
    try {
      await d.begin();
      await d.lockSchema();
    } catch (error) {
      throw new SinkConfigError(`${this.name}: cannot open: ${(error as Error).message}`);
    }
    try {
      let current = await this.schemaVersion();
      if (current === 0 && (await d.tableExists('articles'))) {
        throw new SinkConfigError(`${this.name}: holds an "articles" table but no ${SCHEMA_VERSION_TABLE} table: not a warta database`);
      }
      if (current > SCHEMA_VERSION) {
        throw new SinkConfigError(
          `${this.name}: the database schema is version ${current}, newer than this warta (${VERSION}, schema ${SCHEMA_VERSION}): upgrade warta`,
        );
      }
      await d.exec(schemaVersionTableSql(d.dialect));
      for (const migration of MIGRATIONS) {
        if (migration.version <= current || migration.version > this.targetVersion) continue;
        for (const step of migration.steps) for (const sql of stepSql(step, d.dialect)) await d.exec(sql);
        await d.insertRows(SCHEMA_VERSION_TABLE, ['version', 'description', 'applied_at', 'warta_version'], ['integer', 'text', 'timestamp', 'text'], [
          [migration.version, migration.description, new Date().toISOString(), VERSION],
        ]);
        current = migration.version;
      }
      await d.commit();
    } catch (error) {
      await d.rollback().catch(() => {});
      if (error instanceof SinkConfigError) throw error;
      throw new SinkConfigError(`${this.name}: cannot migrate the schema: ${(error as Error).message}`);
    }
  }

  async held(): Promise<Map<string, string>> {
    const rows = await this.driver.query<{ article_id: string; hash: string }>('SELECT "article_id", "hash" FROM "articles"');
    return new Map(rows.map((r) => [r.article_id, r.hash]));
  }

  async begin(): Promise<void> {
    if (this.inBatch) throw new Error(`${this.name}: begin() inside an open batch`);
    await this.driver.begin();
    this.inBatch = true;
  }

  async write(article: SinkArticle): Promise<void> {
    this.assertBatch('write');
    const rows = articleRows(article.record(), article.hash);
    this.pending.set(article.id, rows);
    this.pendingRows += 1 + rows.sentences.length + rows.entity_mentions.length + rows.dates.length;
    if (this.pendingRows >= this.flushRows) await this.startFlush();
  }

  async delete(id: string): Promise<void> {
    this.assertBatch('delete');
    this.pending.set(id, null);
    if (++this.pendingRows >= this.flushRows) await this.startFlush();
  }

  async commit(): Promise<void> {
    this.assertBatch('commit');
    await this.startFlush();
    await this.inflight;
    if (this.entityDelta.size > 0) {
      const { canonicals, entities } = this.entityDelta.rows();
      await this.fillTemp(CANONICAL_DELTA, canonicals);
      await this.fillTemp(ENTITY_DELTA, entities);
      await this.driver.lockEntityTotals();
      for (const sql of APPLY_ENTITY_DELTA_SQL) await this.driver.exec(sql);
    }
    await this.driver.commit();
    this.reset();
  }

  async rollback(): Promise<void> {
    if (!this.inBatch) return;
    // a flush still sending statements would otherwise run them after the ROLLBACK, outside the batch
    await this.inflight.catch(() => {});
    this.reset();
    await this.driver.rollback();
  }

  async recordRun(summary: RunSummary): Promise<void> {
    await this.driver.insertRows('runs', RUN_COLUMNS, RUN_TYPES, [runRow(summary)]);
  }

  async close(): Promise<void> {
    try {
      if (this.inBatch) await this.rollback();
    } finally {
      await this.driver.close();
    }
  }

  private assertBatch(what: string): void {
    if (!this.inBatch) throw new Error(`${this.name}: ${what}() outside a batch (call begin() first)`);
  }

  private reset(): void {
    this.inBatch = false;
    this.pending = new Map();
    this.pendingRows = 0;
    this.entityDelta.clear();
    this.inflight = Promise.resolve();
  }

  /**
   * Hand the buffered operations to the database without waiting for it: the caller goes on
   * preparing the next articles while the server works (one flush in flight at most; the next one
   * waits for it, and its error surfaces at the next write, delete or commit).
   */
  private async startFlush(): Promise<void> {
    await this.inflight;
    if (this.pending.size === 0) return;
    const ops = this.pending;
    this.pending = new Map();
    this.pendingRows = 0;
    const flush = this.flush(ops);
    flush.catch(() => {}); // observed through `inflight`
    this.inflight = flush;
  }

  private fillTemp(table: (typeof TEMP_TABLES)[number], rows: Row[]): Promise<void> {
    const { columns, types } = tempColumns(table);
    return this.driver.fillTemp(table.name, columns, types, rows);
  }

  /** Send the buffered operations: delete every row of the touched ids, then insert the written articles' rows. */
  private async flush(ops: Map<string, ArticleRows | null>): Promise<void> {
    const d = this.driver;
    const touched = d.inIds('"article_id"');
    const held = await d.query<{ article_id: string }>(`SELECT "article_id" FROM "articles" WHERE ${touched}`, [d.idsParam([...ops.keys()])]);
    if (held.length > 0) {
      // only the ids the database holds have rows to count out and delete (none in a first load)
      const ids = [d.idsParam(held.map((r) => r.article_id))];
      // the deleted mentions come back to be counted out of the entity tables (no second scan)
      const removed = await d.query<RemovedMention>(
        `DELETE FROM "entity_mentions" WHERE ${touched} RETURNING "article_id", "entity_id", "canonical", "type"`,
        ids,
      );
      this.entityDelta.remove(removed);
      for (const table of ARTICLE_TABLES) {
        if (table !== 'entity_mentions') await d.exec(`DELETE FROM ${quote(table)} WHERE ${touched}`, ids);
      }
    }
    const written = [...ops.values()].filter((r): r is ArticleRows => r !== null);
    for (const table of ARTICLE_TABLES) {
      const rows = written.flatMap((r) => r[table]);
      if (rows.length) await d.insertRows(table, columnsOf(table as TableName), columnTypes(table as TableName), rows);
    }
    for (const r of written) this.entityDelta.add(r.entity_mentions);
  }
}
