/**
 * Load rates of the database sinks: the bench corpus's analysed articles loaded into SQLite and
 * PostgreSQL through the `Sink` contract (`syncSink`, 500 articles a transaction), as a fresh load,
 * a load where every article changed (delete + insert of every row), and a re-sync with nothing
 * changed. Articles are analysed once, in-process, then repeated under new ids up to `--sink-articles`
 * so that loading, not analysis, is measured; the timed part includes parsing each article's JSON
 * line, as the runner's database sinks do.
 *
 *   node dist/bench/sinks.js [--sink-articles N] [--sink-analysed N] [--seed S] [--work DIR]
 *
 * PostgreSQL: `WARTA_BENCH_POSTGRES` (default postgres://postgres@127.0.0.1:5432/postgres); a
 * scratch database is created and dropped. Unreachable: a one-line skip message.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInfo } from '../eval/data.js';
import { renderMarkdown, renderTable, type Column } from '../eval/table.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { recordArticle, renderedArticle } from '../sinks/article.js';
import { maskSpec } from '../sinks/open.js';
import { PostgresSink } from '../sinks/postgres.js';
import type { DocumentRecord } from '../sinks/serialize.js';
import type { Sink, SinkArticle } from '../sinks/sink.js';
import { SqliteSink } from '../sinks/sqlite.js';
import { syncSink } from '../sinks/sync.js';
import { analysedCorpus } from './analysed.js';
import { scratchDatabase, withClient } from './scratch-db.js';

export const SINK_TARGET_MENTIONS_PER_S = 20_000;

export interface SinkBenchOptions {
  /** Articles loaded (the analysed ones repeated under new ids). */
  articles: number;
  /** Articles analysed from the bench corpus. */
  analysed: number;
  seed: number;
  work: string;
  postgresUrl: string;
  batchSize?: number;
  log?: (m: string) => void;
}

export interface LoadMeasurement {
  sink: 'sqlite' | 'postgres';
  phase: 'fresh load' | 'all changed' | 'unchanged re-sync';
  articles: number;
  rows: number;
  mentions: number;
  ms: number;
  /** CPU time of this process (warta's side of the load: JSON parsing, rows, SQLite itself). */
  cpuMs: number;
  /** CPU time of the PostgreSQL backend serving the sink, when it runs on this machine (/proc). */
  serverCpuMs?: number;
}

export interface SinkBenchResult {
  articles: number;
  rows: number;
  mentions: number;
  measurements: LoadMeasurement[];
  skipped: string[];
}

function rowCounts(record: DocumentRecord): { rows: number; mentions: number } {
  return { rows: 1 + record.sentences.length + record.entities.length + record.dates.length, mentions: record.entities.length };
}

/** `n` articles: the analysed ones, then copies under ids `<id>~<k>`; `variant` changes every hash. */
function articlesFor(records: DocumentRecord[], n: number, variant: string): SinkArticle[] {
  const out: SinkArticle[] = [];
  for (let i = 0; i < n; i++) {
    const base = records[i % records.length];
    const copy = Math.floor(i / records.length);
    const record: DocumentRecord = { ...base, id: copy === 0 ? base.id : `${base.id}~${copy}`, title: variant ? `${base.title ?? ''}${variant}` : base.title };
    // the record is parsed again from its JSON line when written, as the runner's sinks do
    const { json, csv, hash } = recordArticle(record);
    out.push(renderedArticle(record.id, json, csv, hash));
  }
  return out;
}

/** CPU milliseconds (user + system) of a local process, from /proc; undefined when not readable. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function timed(work: () => Promise<unknown>, serverPid?: number): Promise<{ ms: number; cpuMs: number; serverCpuMs?: number }> {
  const server0 = processCpuMs(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = processCpuMs(serverPid);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(server0 !== undefined && server1 !== undefined ? { serverCpuMs: server1 - server0 } : {}),
  };
}

async function measureSink(
  kind: LoadMeasurement['sink'],
  sink: Sink,
  sets: { fresh: SinkArticle[]; changed: SinkArticle[] },
  totals: { rows: number; mentions: number },
  batchSize: number,
  log: (m: string) => void,
  serverPid?: () => Promise<number | undefined>,
): Promise<LoadMeasurement[]> {
  const out: LoadMeasurement[] = [];
  await sink.open();
  const pid = await serverPid?.();
  try {
    const phases: [LoadMeasurement['phase'], SinkArticle[]][] = [
      ['fresh load', sets.fresh],
      ['all changed', sets.changed],
      ['unchanged re-sync', sets.changed],
    ];
    for (const [phase, articles] of phases) {
      let result: Awaited<ReturnType<typeof syncSink>> | undefined;
      const t = await timed(async () => {
        result = await syncSink(sink, articles, { batchSize });
      }, pid);
      const changed = result!.written + result!.deleted;
      const share = changed / articles.length;
      out.push({ sink: kind, phase, articles: changed, rows: Math.round(totals.rows * share), mentions: Math.round(totals.mentions * share), ...t });
      log(`  ${kind}, ${phase}: ${changed} articles written in ${(t.ms / 1000).toFixed(1)} s`);
    }
  } finally {
    await sink.close();
  }
  return out;
}

async function postgresReachable(url: string): Promise<string | null> {
  try {
    await withClient(url, (c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    const e = error as Error & { code?: string };
    return e.message || e.code || String(error);
  }
}

export async function benchSinks(options: SinkBenchOptions): Promise<SinkBenchResult> {
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 500;
  log(`sinks: analysing ${options.analysed} bench articles, loading ${options.articles}`);
  const corpusDir = path.join(options.work, `corpus-s${options.seed}-n${options.analysed}`);
  const records = await analysedCorpus({ articles: options.analysed, seed: options.seed, dir: corpusDir });
  const fresh = articlesFor(records, options.articles, '');
  const changed = articlesFor(records, options.articles, ' (updated)');
  const totals = { rows: 0, mentions: 0 };
  for (let i = 0; i < options.articles; i++) {
    const c = rowCounts(records[i % records.length]);
    totals.rows += c.rows;
    totals.mentions += c.mentions;
  }
  const result: SinkBenchResult = { articles: options.articles, ...totals, measurements: [], skipped: [] };

  const dbFile = path.join(options.work, `sink-bench-${process.pid}.db`);
  mkdirSync(options.work, { recursive: true });
  try {
    result.measurements.push(...(await measureSink('sqlite', new SqliteSink(dbFile), { fresh, changed }, totals, batchSize, log)));
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  }

  const unreachable = await postgresReachable(options.postgresUrl);
  if (unreachable) {
    const message = `PostgreSQL load rate skipped: ${maskSpec(options.postgresUrl)} unreachable (${unreachable})`;
    log(message);
    result.skipped.push(message);
    return result;
  }
  const db = await scratchDatabase(options.postgresUrl, `warta_bench_${process.pid}`);
  try {
    const sink = new PostgresSink(db.url, maskSpec(db.url), [new URL(db.url).password]);
    const backendPid = async () => {
      const { rows } = await withClient(options.postgresUrl, (c) =>
        c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'warta'`, [db.name]),
      );
      return rows.length === 1 ? rows[0].pid : undefined;
    };
    result.measurements.push(...(await measureSink('postgres', sink, { fresh, changed }, totals, batchSize, log, backendPid)));
  } finally {
    await db.drop();
  }
  return result;
}

const COLUMNS: Column[] = [
  { header: 'sink load' },
  { header: 'articles', right: true },
  { header: 'rows', right: true },
  { header: 'mentions', right: true },
  { header: 'wall s', right: true },
  { header: 'articles/s', right: true },
  { header: 'rows/s', right: true },
  { header: 'mentions/s', right: true },
  { header: 'CPU s warta+server', right: true },
  { header: 'mentions/CPU-s', right: true },
  { header: 'target' },
  { header: 'met' },
];

/** The table rows (`--markdown` renders the same rows as markdown). */
export function sinkBenchRows(result: SinkBenchResult): string[][] {
  return result.measurements.map((m) => {
    const s = m.ms / 1000;
    const rate = (n: number) => (m.articles === 0 ? '' : Math.round(n / s).toLocaleString('en-US'));
    const judged = m.sink === 'postgres' && m.phase !== 'unchanged re-sync';
    const mentionsPerS = m.mentions / s;
    return [
      `${m.sink}, ${m.phase}`,
      m.articles.toLocaleString('en-US'),
      m.rows.toLocaleString('en-US'),
      m.mentions.toLocaleString('en-US'),
      s.toFixed(2),
      rate(m.articles),
      rate(m.rows),
      rate(m.mentions),
      `${(m.cpuMs / 1000).toFixed(2)}${m.serverCpuMs !== undefined ? ` + ${(m.serverCpuMs / 1000).toFixed(2)}` : ''}`,
      m.articles === 0 ? '' : Math.round(m.mentions / ((m.cpuMs + (m.serverCpuMs ?? 0)) / 1000)).toLocaleString('en-US'),
      judged ? `>= ${SINK_TARGET_MENTIONS_PER_S.toLocaleString('en-US')} mentions/s` : '',
      judged ? (mentionsPerS >= SINK_TARGET_MENTIONS_PER_S ? 'yes' : 'NO') : '',
    ];
  });
}

export function printSinkBench(result: SinkBenchResult, markdown = false): void {
  console.log(
    `sink load rates: ${result.articles.toLocaleString('en-US')} articles, ${result.rows.toLocaleString('en-US')} rows ` +
      `(${result.mentions.toLocaleString('en-US')} entity mentions), syncSink in transactions of 500 articles`,
  );
  console.log(renderTable(COLUMNS, sinkBenchRows(result)));
  for (const s of result.skipped) console.log(s);
  if (markdown) console.log('\n' + renderMarkdown(COLUMNS, sinkBenchRows(result)));
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function sinkBenchOptionsFromArgv(work: string, log: (m: string) => void): SinkBenchOptions {
  return {
    articles: Math.max(100, Number(argValue('--sink-articles') ?? 10_000)),
    analysed: Math.max(50, Number(argValue('--sink-analysed') ?? 1000)),
    seed: Number(argValue('--seed') ?? 20250906),
    work,
    postgresUrl: process.env.WARTA_BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres',
    log,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const work = path.resolve(argValue('--work') ?? path.join(os.tmpdir(), 'warta-bench'));
  benchSinks(sinkBenchOptionsFromArgv(work, log))
    .then((result) => {
      printSinkBench(result, process.argv.includes('--markdown'));
      const file = path.join(PACKAGE_ROOT, 'bench', 'results', 'sinks.json');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...runInfo(os.availableParallelism?.() ?? os.cpus().length), load_average: os.loadavg(), ...result }, null, 1) + '\n');
      console.log(`results written to ${path.relative(process.cwd(), file) || file}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
