import { randomBytes } from 'node:crypto';
import { scratchDatabase, withClient, type ScratchDatabase } from '../../src/bench/scratch-db.js';
import { POSTGRES_URL } from './services.js';

export type TestDatabase = ScratchDatabase;

/** A fresh database on the test server, so that parallel test files never share one. */
export async function createTestDatabase(prefix = 'warta_test'): Promise<TestDatabase> {
  return scratchDatabase(POSTGRES_URL, `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`);
}

/** Run one query on a database and return its rows (dates and numbers as the server prints them). */
export async function pgQuery<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  return withClient(url, async (c) => {
    c.setTypeParser(1082, (v: string) => v); // date
    c.setTypeParser(20, (v: string) => Number(v)); // bigint (counts)
    c.setTypeParser(1700, (v: string) => Number(v)); // numeric
    return (await c.query(sql)).rows as T[];
  });
}
