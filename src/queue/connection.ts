import { Redis } from 'ioredis';
import { ConfigError } from '../pipeline.js';
import { maskSpec } from '../sinks/open.js';

/**
 * A Redis connection from `--queue redis://[USER:PASSWORD@]HOST:PORT[/DB]` (also `rediss://`),
 * checked before any work: a queue that cannot be reached is a usage error (exit 2), named
 * without its password.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const shown = maskSpec(url);
  if (!/^rediss?:\/\//i.test(url)) throw new ConfigError(`--queue ${JSON.stringify(shown)}: use redis://HOST:6379`);
  // BullMQ's workers block on Redis: they need commands that wait for a reconnect, not fail
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 5000, retryStrategy: (times) => Math.min(times * 200, 2000) });
  redis.on('error', () => {}); // reported by the failing command; ioredis reconnects on its own
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError(`queue ${shown}: cannot connect: ${(error as Error).message}`);
  }
  return redis;
}

/** BullMQ queue names end up in Redis keys: keep them to a plain alphabet. */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) throw new ConfigError(`--name ${JSON.stringify(name)}: use letters, digits, "_", "." and "-"`);
  return name;
}
