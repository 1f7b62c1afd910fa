import { existsSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { describe, it } from 'vitest';

/**
 * Real servers in tests (PostgreSQL, Chromium, later Redis): a test file probes its service once,
 * then declares its suite with `describeWithService`. A missing service skips the suite with a
 * one-line message; under `WARTA_REQUIRE_SERVICES=1` (CI) it fails instead.
 */
export const REQUIRE_SERVICES = process.env.WARTA_REQUIRE_SERVICES === '1';

export interface Service {
  name: string;
  available: boolean;
  /** Why it is unavailable. */
  reason?: string;
}

/** Run `probe`; a throw or a timeout means the service is unavailable. */
export async function probeService(name: string, probe: () => Promise<void>, timeoutMs = 5000): Promise<Service> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, available: true };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { name, available: false, reason: e.message || e.code || String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function describeWithService(service: Service, title: string, body: () => void): void {
  if (service.available) {
    describe(title, body);
  } else if (REQUIRE_SERVICES) {
    describe(title, () => {
      it(`needs ${service.name}`, () => {
        throw new Error(`${service.name} is unavailable (${service.reason}), and WARTA_REQUIRE_SERVICES=1 requires it`);
      });
    });
  } else {
    console.log(`skipping "${title}": ${service.name} unavailable (${service.reason}); set WARTA_REQUIRE_SERVICES=1 to fail instead`);
    describe.skip(title, body);
  }
}

/** The server the PostgreSQL tests use; each test creates and drops its own database on it. */
export const POSTGRES_URL = process.env.WARTA_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';

export function postgresService(url = POSTGRES_URL): Promise<Service> {
  return probeService('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 4000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
  });
}

export const CHROMIUM_PATH = process.env.WARTA_TEST_CHROMIUM || '/usr/bin/chromium';

export function chromiumService(executable = CHROMIUM_PATH): Promise<Service> {
  return probeService('Chromium', async () => {
    if (!existsSync(executable)) throw new Error(`${executable} not found`);
  });
}

/** A TCP server (Redis and the like) accepting connections at host:port. */
export function tcpService(name: string, host: string, port: number): Promise<Service> {
  return probeService(name, () => {
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', (error) => {
        socket.destroy();
        reject(error);
      });
    });
  });
}
