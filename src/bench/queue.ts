/**
 * The job queue's costs and guarantees (`npm run bench:queue`):
 * 1. throughput: 2 worker processes (`warta worker --concurrency 1` each) drain the bench corpus
 *    into PostgreSQL, against one `warta run --concurrency 2 --sink postgres://…` (target: the
 *    workers reach ≥ 90% of the run's articles per second; enqueueing is timed on its own);
 * 2. kill trials: two workers, one SIGKILLed while it holds a job; every article must be in the
 *    database exactly once, no job failed (target: 5 of 5);
 * 3. re-enqueueing a big unchanged JSONL export (200,000 articles): 0 jobs added in < 20 s.
 *
 *   node dist/bench/queue.js [--articles N] [--kill-articles N] [--kill-trials N]
 *                            [--reenqueue-articles N] [--seed S] [--work DIR] [--only throughput|kill|reenqueue]
 *
 * Redis: `WARTA_BENCH_REDIS` (default redis://127.0.0.1:6379); PostgreSQL: `WARTA_BENCH_POSTGRES`
 * (default postgres://postgres@127.0.0.1:5432/postgres), scratch databases created and dropped.
 * Either unreachable: a one-line skip message, exit 0.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { runInfo } from '../eval/data.js';
import { renderTable } from '../eval/table.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { PREFIX, ledgerKey, rejectedKey } from '../queue/jobs.js';
import { argValue } from './args.js';
import { generateBigExport } from './big-export-corpus.js';
import { generateCorpus } from './corpus.js';
import { scratchDatabase, withClient, type ScratchDatabase } from './scratch-db.js';

const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
const REDIS_URL = process.env.WARTA_BENCH_REDIS || 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.WARTA_BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
export const THROUGHPUT_TARGET = 0.9;
export const REENQUEUE_TARGET_S = 20;

const log = (m: string) => process.stderr.write(`${m}\n`);

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

function start(args: string[], cwd: string): { pid: number; kill(signal: NodeJS.Signals): void; done: Promise<Child> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Child>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, wallMs: performance.now() - t0 })));
  return { pid: child.pid!, kill: (signal) => child.kill(signal), done };
}

async function wartaOk(args: string[], cwd: string): Promise<Child> {
  const result = await start(args, cwd).done;
  if (result.code !== 0) throw new Error(`warta ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-2000)}`);
  return result;
}

/** A scratch database for one case of the bench (`warta_bench_queue_<label>_<pid>`). */
function scratchDb(label: string): Promise<ScratchDatabase> {
  return scratchDatabase(POSTGRES_URL, `warta_bench_queue_${label}_${process.pid}`);
}

async function scratchQueue(label: string): Promise<{ name: string; queue: Queue; usedMemory(): Promise<number>; remove(): Promise<void> }> {
  const name = `warta-bench-${label}-${process.pid}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: redis, prefix: PREFIX });
  const remove = async () => {
    await queue.obliterate({ force: true });
    await redis.del(ledgerKey(name), rejectedKey(name));
  };
  await remove();
  return {
    name,
    queue,
    usedMemory: async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN),
    async remove() {
      await remove();
      await queue.close();
      redis.disconnect();
    },
  };
}

const count = async (url: string, table: string) => Number((await withClient(url, (c) => c.query(`SELECT COUNT(*) AS n FROM "${table}"`))).rows[0].n);

export interface ThroughputResult {
  articles: number;
  run_s: number;
  enqueue_s: number;
  workers_s: number;
  run_articles_per_s: number;
  workers_articles_per_s: number;
  /** Workers' articles per second over the run's (target ≥ 0.90). */
  ratio: number;
  /** The same with the enqueueing time added to the workers'. */
  ratio_with_enqueue: number;
  same_row_counts: boolean;
}

async function throughput(work: string, articles: number, seed: number): Promise<ThroughputResult> {
  const corpus = path.join(work, `corpus-s${seed}-n${articles}`);
  await generateCorpus({ articles, seed, dir: corpus }, log);
  const input = path.relative(work, corpus);
  const runDb = await scratchDb('run');
  const queueDb = await scratchDb('workers');
  const q = await scratchQueue('throughput');
  try {
    const out = path.join(work, 'out-queue-bench');
    rmSync(out, { recursive: true, force: true });
    log(`throughput: warta run --concurrency 2 --sink postgres:// on ${articles} articles`);
    const run = await wartaOk(['run', '-i', input, '-o', out, '-c', '2', '-q', '--no-report', '--sink', runDb.url], work);
    rmSync(out, { recursive: true, force: true });
    log(`  ${(run.wallMs / 1000).toFixed(1)} s; enqueue`);
    const enq = await wartaOk(['enqueue', '--queue', REDIS_URL, '--name', q.name, '-i', input, '-q'], work);
    log(`  ${(enq.wallMs / 1000).toFixed(1)} s; 2 workers, --concurrency 1 each`);
    const t0 = performance.now();
    const workerArgs = ['worker', '--queue', REDIS_URL, '--name', q.name, '--sink', queueDb.url, '--concurrency', '1', '--exit-when-empty', '-q'];
    const workers = await Promise.all([start(workerArgs, work).done, start(workerArgs, work).done]);
    const workersMs = performance.now() - t0;
    for (const w of workers) if (w.code !== 0) throw new Error(`worker exited ${w.code}: ${w.stderr.slice(-2000)}`);
    log(`  ${(workersMs / 1000).toFixed(1)} s`);
    let same = true;
    for (const table of ['articles', 'sentences', 'entity_mentions', 'dates', 'entities']) same &&= (await count(runDb.url, table)) === (await count(queueDb.url, table));
    const written = await count(queueDb.url, 'articles');
    return {
      articles: written,
      run_s: round(run.wallMs / 1000),
      enqueue_s: round(enq.wallMs / 1000),
      workers_s: round(workersMs / 1000),
      run_articles_per_s: round(written / (run.wallMs / 1000)),
      workers_articles_per_s: round(written / (workersMs / 1000)),
      ratio: round(run.wallMs / workersMs, 3),
      ratio_with_enqueue: round(run.wallMs / (workersMs + enq.wallMs), 3),
      same_row_counts: same,
    };
  } finally {
    await q.remove();
    await runDb.drop();
    await queueDb.drop();
  }
}

export interface KillTrial {
  trial: number;
  expected: number;
  present: number;
  lost: number;
  /** Rows beyond those of the expected articles (sentences, mentions, dates). */
  duplicated_rows: number;
  failed_jobs: number;
  killed_job_retried: boolean;
  passed: boolean;
}

async function killTrials(work: string, articles: number, seed: number, trials: number): Promise<KillTrial[]> {
  const corpus = path.join(work, `corpus-s${seed + 1}-n${articles}`);
  await generateCorpus({ articles, seed: seed + 1, dir: corpus }, log);
  const input = path.relative(work, corpus);
  const out = path.join(work, 'out-queue-kill');
  rmSync(out, { recursive: true, force: true });
  await wartaOk(['run', '-i', input, '-o', out, '-c', '2', '-q', '--no-report'], work);
  const expected = readFileSync(path.join(out, 'documents.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; sentences: unknown[]; entities: unknown[]; dates: unknown[] });
  rmSync(out, { recursive: true, force: true });
  const expectedIds = new Set(expected.map((r) => r.id));
  const expectedRows = expected.reduce((n, r) => n + r.sentences.length + r.entities.length + r.dates.length, 0);
  const results: KillTrial[] = [];
  for (let trial = 1; trial <= trials; trial++) {
    const db = await scratchDb(`kill${trial}`);
    const q = await scratchQueue(`kill${trial}`);
    try {
      await wartaOk(['enqueue', '--queue', REDIS_URL, '--name', q.name, '-i', input, '-q'], work);
      const args = ['worker', '--queue', REDIS_URL, '--name', q.name, '--sink', db.url, '--concurrency', '1', '--lock-seconds', '2', '--exit-when-empty', '-q'];
      const victim = start(args, work);
      const survivor = start(args, work);
      const victimName = `${os.hostname()}:${victim.pid}`;
      let held: string | undefined;
      const deadline = Date.now() + 600_000;
      // kill once some jobs are committed, while the victim holds one (later in each trial)
      const after = trial;
      while (Date.now() < deadline) {
        const { completed } = await q.queue.getJobCounts('completed');
        if (completed >= after) {
          held = (await q.queue.getActive()).find((job) => job.processedBy === victimName)?.id;
          if (held) break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      victim.kill('SIGKILL');
      await victim.done;
      const end = await survivor.done;
      if (end.code !== 0) log(`  trial ${trial}: survivor exited ${end.code}: ${end.stderr.slice(-500)}`);
      const ids = (await withClient(db.url, (c) => c.query<{ article_id: string }>('SELECT "article_id" FROM "articles"'))).rows.map((r) => r.article_id);
      const present = ids.filter((id) => expectedIds.has(id)).length;
      let rows = 0;
      for (const table of ['sentences', 'entity_mentions', 'dates']) rows += await count(db.url, table);
      const { failed } = await q.queue.getJobCounts('failed');
      const job = held ? await q.queue.getJob(held) : undefined;
      const retried = job !== undefined && job.stalledCounter >= 1 && (await job.isCompleted());
      const result: KillTrial = {
        trial,
        expected: expectedIds.size,
        present,
        lost: expectedIds.size - present,
        duplicated_rows: rows - expectedRows + (ids.length - present),
        failed_jobs: failed,
        killed_job_retried: retried,
        passed: present === expectedIds.size && ids.length === present && rows === expectedRows && failed === 0 && retried,
      };
      log(`  kill trial ${trial}: ${result.passed ? 'passed' : 'FAILED'} (${present}/${expectedIds.size} articles, ${result.duplicated_rows} extra rows, killed job ${held ?? 'none'})`);
      results.push(result);
    } finally {
      await q.remove();
      await db.drop();
    }
  }
  return results;
}

export interface ReenqueueResult {
  articles: number;
  file_mb: number;
  first_s: number;
  first_jobs: number;
  /** Redis memory the enqueued jobs take (used_memory after the first enqueue minus before). */
  redis_mb: number;
  again_s: number;
  again_jobs: number;
}

async function reenqueue(work: string, articles: number, seed: number): Promise<ReenqueueResult> {
  const big = await generateBigExport(path.join(work, 'big-export'), articles, seed, log);
  const q = await scratchQueue('reenqueue');
  const jobsOf = (stdout: string) => Number(/(\d+) jobs? added/.exec(stdout)?.[1] ?? NaN);
  try {
    const dir = path.dirname(big.file);
    const input = path.basename(big.file);
    log(`re-enqueue: ${articles} articles, ${(big.bytes / 1e6).toFixed(0)} MB: first enqueue`);
    const before = await q.usedMemory();
    const first = await wartaOk(['enqueue', '--queue', REDIS_URL, '--name', q.name, '-i', input], dir);
    const redisBytes = (await q.usedMemory()) - before;
    log(`  ${(first.wallMs / 1000).toFixed(1)} s: ${first.stdout.trim()}`);
    const again = await wartaOk(['enqueue', '--queue', REDIS_URL, '--name', q.name, '-i', input], dir);
    log(`  again ${(again.wallMs / 1000).toFixed(1)} s: ${again.stdout.trim()}`);
    return {
      articles,
      file_mb: round(big.bytes / 1e6),
      first_s: round(first.wallMs / 1000),
      first_jobs: jobsOf(first.stdout),
      redis_mb: round(redisBytes / 1e6),
      again_s: round(again.wallMs / 1000),
      again_jobs: jobsOf(again.stdout),
    };
  } finally {
    await q.remove();
  }
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function reachable(): Promise<string | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${REDIS_URL} unavailable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
  try {
    await withClient(POSTGRES_URL, (c) => c.query('SELECT 1'));
  } catch (error) {
    return `PostgreSQL unavailable (${(error as Error).message})`;
  }
  return null;
}

export interface QueueBench {
  /** Why the bench did not run (Redis or PostgreSQL unreachable). */
  skipped?: string;
  results: Record<string, unknown>;
  /** The printed table. */
  table: string;
}

/** The queue bench with the command line's options (`npm run bench` runs it after the sinks' unless `--no-queue`). */
export async function benchQueue(work: string): Promise<QueueBench> {
  const why = await reachable();
  if (why) return { skipped: why, results: {}, table: `bench:queue skipped: ${why}` };
  mkdirSync(work, { recursive: true });
  const seed = Number(argValue('--seed') ?? 20250906);
  const only = argValue('--only');
  const results: Record<string, unknown> = { ...runInfo(os.availableParallelism()), load_average_start: os.loadavg() };
  const rows: string[][] = [];
  if (!only || only === 'throughput') {
    const t = await throughput(work, Number(argValue('--articles') ?? 20_000), seed);
    results.throughput = t;
    rows.push([`2 workers vs warta run -c 2, into PostgreSQL (${t.articles} articles)`, `${t.workers_articles_per_s} vs ${t.run_articles_per_s} articles/s: ${t.ratio.toFixed(2)} (with enqueue ${t.ratio_with_enqueue.toFixed(2)}); row counts ${t.same_row_counts ? 'equal' : 'DIFFER'}`, `>= ${THROUGHPUT_TARGET}`, t.ratio >= THROUGHPUT_TARGET && t.same_row_counts ? 'met' : 'MISSED']);
  }
  if (!only || only === 'kill') {
    const trials = await killTrials(work, Number(argValue('--kill-articles') ?? 600), seed, Number(argValue('--kill-trials') ?? 5));
    results.kill_trials = trials;
    const passed = trials.filter((t) => t.passed).length;
    rows.push([`SIGKILL one of 2 workers mid-job (${trials[0]?.expected ?? 0} articles)`, `${passed} of ${trials.length} trials: no article lost or duplicated`, `${trials.length} of ${trials.length}`, passed === trials.length ? 'met' : 'MISSED']);
  }
  if (!only || only === 'reenqueue') {
    const r = await reenqueue(work, Number(argValue('--reenqueue-articles') ?? 200_000), seed);
    results.reenqueue = r;
    rows.push([`re-enqueue ${r.articles} unchanged articles (${r.file_mb} MB JSONL)`, `${r.again_jobs} jobs added in ${r.again_s} s (first enqueue: ${r.first_jobs} jobs in ${r.first_s} s, ${r.redis_mb} MB in Redis)`, `0 jobs, < ${REENQUEUE_TARGET_S} s`, r.again_jobs === 0 && r.again_s < REENQUEUE_TARGET_S ? 'met' : 'MISSED']);
  }
  results.load_average_end = os.loadavg();
  return { results, table: renderTable([{ header: 'queue bench' }, { header: 'measured' }, { header: 'target' }, { header: '' }], rows) };
}

async function main(): Promise<void> {
  const bench = await benchQueue(path.resolve(argValue('--work') ?? path.join(os.tmpdir(), 'warta-bench')));
  console.log(bench.table);
  if (bench.skipped) return;
  const file = path.join(PACKAGE_ROOT, 'bench', 'results', 'queue.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(bench.results, null, 1) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), file) || file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
