/**
 * Throwaway PostgreSQL databases for the benchmarks and the tests: one admin connection per
 * statement, and a database created fresh (dropped first if a killed run left it) and dropped
 * with its connections.
 */
import pg from 'pg';

/** Runs `work` on a new connection to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ScratchDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new database `name` on the server of `adminUrl`. */
export async function scratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  const dropSql = `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
  await withClient(adminUrl, async (c) => {
    await c.query(dropSql);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => withClient(adminUrl, (c) => c.query(dropSql)).then(() => {}) };
}
