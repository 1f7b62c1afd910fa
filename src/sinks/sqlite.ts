import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseSink, type DatabaseSinkOptions, type Driver } from './database.js';
import type { Row, Value } from './record-rows.js';
import { quote, type ColumnType } from './schema.js';

type Statement = Database.Statement<unknown[]>;

function sqliteValue(value: Value | undefined, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * better-sqlite3 (synchronous, in-process). WAL journal: dashboards reading the file never block a
 * run, and a killed run leaves the last committed batch (the WAL is replayed on the next open).
 */
class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  private db: Database.Database | undefined;
  private readonly inserts = new Map<string, Statement>();

  constructor(private readonly file: string) {}

  private get conn(): Database.Database {
    if (!this.db) throw new Error('sqlite: not open');
    return this.db;
  }

  async connect(): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const db = new Database(this.file);
    try {
      // the first statement reads the header: a file that is not a database fails here
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
  }

  async exec(sql: string, params?: unknown[]): Promise<void> {
    if (params) this.conn.prepare(sql).run(params);
    else this.conn.exec(sql);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.conn.prepare(sql).all(params) as T[];
  }

  inIds(column: string): string {
    return `${column} IN (SELECT "value" FROM json_each(?))`;
  }

  idsParam(ids: readonly string[]): unknown {
    return JSON.stringify(ids);
  }

  async insertRows(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void> {
    const key = `${table}\0${columns.join(',')}`;
    let statement = this.inserts.get(key);
    if (!statement) {
      statement = this.conn.prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ) as Statement;
      this.inserts.set(key, statement);
    }
    const plain = !types.includes('boolean');
    for (const row of rows) statement.run(plain ? row : row.map((v, i) => sqliteValue(v, types[i])));
  }

  async fillTemp(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void> {
    this.conn.exec(`DELETE FROM ${quote(table)}`);
    await this.insertRows(table, columns, types, rows);
  }

  async tableExists(table: string): Promise<boolean> {
    return this.conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  }

  async begin(): Promise<void> {
    this.conn.exec('BEGIN IMMEDIATE');
  }

  async lockSchema(): Promise<void> {
    // BEGIN IMMEDIATE already holds the database's write lock
  }

  async lockEntityTotals(): Promise<void> {
    // the write lock again: one writer at a time
  }

  async commit(): Promise<void> {
    this.conn.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db?.inTransaction) this.db.exec('ROLLBACK');
  }

  async close(): Promise<void> {
    this.inserts.clear();
    this.db?.close();
    this.db = undefined;
  }
}

/** The embedded sink: one SQLite file (`sqlite:PATH.db`), created with its folder when missing. */
export class SqliteSink extends DatabaseSink {
  constructor(
    readonly file: string,
    options: DatabaseSinkOptions & { displayPath?: string } = {},
  ) {
    super(`sqlite:${options.displayPath ?? file}`, new SqliteDriver(path.resolve(file)), options);
  }
}
