import path from 'node:path';
import type { DatabaseSinkOptions } from './database.js';
import { PostgresSink } from './postgres.js';
import { SinkConfigError, type Sink } from './sink.js';
import { SqliteSink } from './sqlite.js';

/**
 * Sink specs as `--sink` and a pipeline's `sinks` give them: `sqlite:PATH` (a file, relative to the
 * working folder) or `postgres://USER@HOST:PORT/DB` (also `postgresql://`; query parameters such as
 * `sslmode` go to node-postgres). A password is accepted in the URL but never shown: every message
 * names the sink by its masked form.
 */
export type SinkSpec =
  | { kind: 'sqlite'; name: string; file: string; displayPath: string }
  | { kind: 'postgres'; name: string; url: string; secrets: string[] };

const USAGE = 'use sqlite:PATH.db or postgres://USER@HOST:PORT/DB';
const SECRET_PARAMS = /([?&](?:ssl)?password=)[^&#]*/gi;

/** The spec with any password replaced by `***` (also for specs that do not parse). */
export function maskSpec(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^]*@/i, '$1***@').replace(SECRET_PARAMS, '$1***');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseSinkSpec(spec: string, cwd = process.cwd()): SinkSpec {
  const shown = maskSpec(spec);
  if (spec.trim() === '') throw new SinkConfigError(`empty sink: ${USAGE}`);
  if (/^sqlite:/i.test(spec)) {
    const file = spec.slice('sqlite:'.length);
    if (file.startsWith('//')) throw new SinkConfigError(`sink ${JSON.stringify(shown)}: write sqlite:PATH (sqlite:out/news.db, sqlite:/var/lib/warta/news.db), without "//"`);
    if (file === '') throw new SinkConfigError(`sink ${JSON.stringify(shown)}: no file: ${USAGE}`);
    return { kind: 'sqlite', name: `sqlite:${file}`, file: path.resolve(cwd, file), displayPath: file };
  }
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new SinkConfigError(`sink ${JSON.stringify(shown)}: not a valid URL: ${USAGE}`);
    }
    const database = decode(url.pathname.replace(/^\//, ''));
    if (database === '' || database.includes('/')) throw new SinkConfigError(`sink ${JSON.stringify(shown)}: names no database: ${USAGE}`);
    if (url.port !== '' && !/^\d+$/.test(url.port)) throw new SinkConfigError(`sink ${JSON.stringify(shown)}: bad port: ${USAGE}`);
    const secrets = [url.password, decode(url.password), ...[...spec.matchAll(SECRET_PARAMS)].map((m) => m[0].slice(m[1].length))]
      .filter((s) => s.length > 0)
      .flatMap((s) => [s, decode(s)]);
    return { kind: 'postgres', name: shown, url: spec, secrets: [...new Set(secrets)] };
  }
  throw new SinkConfigError(`unknown sink ${JSON.stringify(shown)}: ${USAGE}`);
}

/** A sink for a spec, not yet opened (`open()` connects, and fails with a `SinkConfigError`). */
export function createSink(spec: string | SinkSpec, options: DatabaseSinkOptions = {}): Sink {
  const parsed = typeof spec === 'string' ? parseSinkSpec(spec) : spec;
  if (parsed.kind === 'sqlite') return new SqliteSink(parsed.file, { ...options, displayPath: parsed.displayPath });
  return new PostgresSink(parsed.url, parsed.name, parsed.secrets, options);
}

/** Create and open every sink of a run, before any analysis; on a failure the ones already open are closed. */
export async function openSinks(specs: readonly string[], options: DatabaseSinkOptions = {}): Promise<Sink[]> {
  const sinks = specs.map((spec) => createSink(spec, options));
  const opened: Sink[] = [];
  try {
    for (const sink of sinks) {
      await sink.open();
      opened.push(sink);
    }
  } catch (error) {
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    throw error;
  }
  return opened;
}
