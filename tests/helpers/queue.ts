import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ledgerKey, rejectedKey, PREFIX } from '../../src/queue/jobs.js';
import { CLI, ROOT } from './cli.js';
import { tcpService, type Service } from './services.js';

/** The Redis the queue tests use; each test uses a queue name of its own. */
export const REDIS_URL = process.env.WARTA_TEST_REDIS || 'redis://127.0.0.1:6379';

export function redisService(url = REDIS_URL): Promise<Service> {
  const { hostname, port } = new URL(url);
  return tcpService('Redis', hostname, Number(port || 6379));
}

export function uniqueQueueName(prefix = 'warta-test'): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A BullMQ handle on a test queue (counts, jobs) and its removal with every key warta added. */
export async function testQueue(name: string): Promise<{ queue: Queue; redis: Redis; remove(): Promise<void> }> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: redis, prefix: PREFIX });
  return {
    queue,
    redis,
    async remove() {
      await queue.obliterate({ force: true }).catch(() => {});
      await redis.del(ledgerKey(name), rejectedKey(name));
      await queue.close();
      redis.disconnect();
    },
  };
}

export interface Spawned {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built CLI as a child process (a worker that keeps running), with options for node itself and environment variables. */
export function spawnWarta(args: string[], cwd: string = ROOT, nodeArgs: string[] = [], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { cwd, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const spawned: Spawned = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on('data', (d: Buffer) => (spawned.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (spawned.stderr += d.toString()));
  return spawned;
}

export async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 120_000, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
