import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DatabaseSink, type DatabaseSinkOptions, type Driver } from './database.js';
import type { Row, Value } from './record-rows.js';
import { quote, type ColumnType } from './schema.js';

/** Characters COPY's text format escapes; and U+0000, which PostgreSQL text (and jsonb) cannot hold: it becomes U+FFFD, as invalid UTF-8 does on input. */
const COPY_SPECIAL = /[\\\t\n\r\u0000]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r\u0000]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\uFFFD' };

/** One value in COPY's text format (tab-separated, `\N` for null, backslash escapes). */
function copyValue(value: Value | undefined, type: ColumnType): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean' || type === 'boolean') return value ? 't' : 'f';
  // most values need no escape: test once, replace only then
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]) : value;
}

/** COPY input in chunks of about 256 KB (one string per row would cost a stream write each). */
function* copyChunks(rows: readonly Row[], types: readonly ColumnType[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) chunk += '\t';
      chunk += copyValue(row[i], types[i]);
    }
    chunk += '\n';
    if (chunk.length >= 1 << 18) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Messages must never carry the password, whatever the library puts in them. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

/** node-postgres with one connection; bulk inserts through COPY FROM STDIN. */
class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  private client: pg.Client | undefined;
  /** An error the connection reported between queries (server gone); thrown at the next call. */
  private broken: Error | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly secrets: readonly string[],
  ) {}

  private get conn(): pg.Client {
    if (this.broken) throw this.broken;
    if (!this.client) throw new Error('postgres: not connected');
    return this.client;
  }

  private clean(error: unknown): Error {
    const e = error instanceof Error ? error : new Error(String(error));
    e.message = scrub(e.message, this.secrets);
    return e;
  }

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 10_000, application_name: 'warta' });
    client.on('error', (error) => {
      this.broken = this.clean(error);
    });
    try {
      await client.connect();
      await client.query(`SET client_min_messages = warning`);
    } catch (error) {
      await client.end().catch(() => {});
      const e = this.clean(error);
      const code = (error as { code?: string }).code;
      if (!e.message && code) e.message = code;
      throw e;
    }
    this.client = client;
  }

  async exec(sql: string, params?: unknown[]): Promise<void> {
    try {
      await this.conn.query(sql, params);
    } catch (error) {
      throw this.clean(error);
    }
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    try {
      return (await this.conn.query(sql, params)).rows as T[];
    } catch (error) {
      throw this.clean(error);
    }
  }

  inIds(column: string): string {
    return `${column} = ANY($1::text[])`;
  }

  idsParam(ids: readonly string[]): unknown {
    return ids;
  }

  async insertRows(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const stream = this.conn.query(copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN`));
    try {
      await pipeline(Readable.from(copyChunks(rows, types)), stream);
    } catch (error) {
      throw this.clean(error);
    }
  }

  async fillTemp(table: string, columns: readonly string[], types: readonly ColumnType[], rows: readonly Row[]): Promise<void> {
    await this.exec(`TRUNCATE ${quote(table)}`);
    await this.insertRows(table, columns, types, rows);
    // statistics, so that joins with the temporary table are planned for its real size
    await this.exec(`ANALYZE ${quote(table)}`);
  }

  async tableExists(table: string): Promise<boolean> {
    const { rows } = await this.conn.query('SELECT to_regclass($1) IS NOT NULL AS "exists"', [quote(table)]);
    return rows[0].exists === true;
  }

  async begin(): Promise<void> {
    await this.exec('BEGIN');
  }

  async lockSchema(): Promise<void> {
    // a transaction-scoped advisory lock: two runs opening one database migrate one after the other
    await this.exec(`SELECT pg_advisory_xact_lock(hashtext('warta schema'))`);
  }

  async lockEntityTotals(): Promise<void> {
    // held to the commit: the totals' recomputation from entity_mentions then sees every earlier commit
    await this.exec(`SELECT pg_advisory_xact_lock(hashtext('warta entity totals'))`);
  }

  async commit(): Promise<void> {
    await this.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.client && !this.broken) await this.exec('ROLLBACK');
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }
}

/** The server sink: `postgres://USER@HOST:PORT/DB` (the password from PGPASSWORD or ~/.pgpass, or in the URL). */
export class PostgresSink extends DatabaseSink {
  /**
   * @param url the connection string as given (passed to node-postgres unchanged)
   * @param name the same without credentials, for messages
   * @param secrets strings that must never appear in a message (the password, raw and decoded)
   */
  constructor(url: string, name: string, secrets: readonly string[], options: DatabaseSinkOptions = {}) {
    super(name, new PostgresDriver(url, secrets), options);
  }
}
