import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_URL } from './services.js';

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = POSTGRES_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh database on the test server, so that parallel test files never share one. */
export async function createTestDatabase(prefix = 'warta_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** Run one query on a database and return its rows (dates and numbers as the server prints them). */
export async function pgQuery<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  return admin(async (c) => {
    c.setTypeParser(1082, (v: string) => v); // date
    c.setTypeParser(20, (v: string) => Number(v)); // bigint (counts)
    c.setTypeParser(1700, (v: string) => Number(v)); // numeric
    return (await c.query(sql)).rows as T[];
  }, url);
}
