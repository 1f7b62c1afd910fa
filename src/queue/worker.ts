import os from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConfigError } from '../pipeline.js';
import { renderedArticle } from '../sinks/article.js';
import { createSink, parseSinkSpec } from '../sinks/open.js';
import { SinkConfigError, type Sink } from '../sinks/sink.js';
import { AnalysisPool } from './analysis-pool.js';
import { checkQueueName, connectRedis } from './connection.js';
import { PREFIX, describeJob, rejectedKey, type JobData, type JobResult } from './jobs.js';

export interface WorkerOptions {
  queue: string;
  name: string;
  sink: string;
  /** Analysis threads. */
  concurrency: number;
  /** Seconds a job's lock lasts without renewal: a worker silent this long (killed) loses its job to another. */
  lockSeconds?: number;
  /** Stop once no job is waiting, delayed or active (benchmarks, tests, batch jobs). */
  exitWhenEmpty?: boolean;
  log?: (line: string) => void;
}

export interface WorkerSummary {
  completed: number;
  failed: number;
  written: number;
  elapsedMs: number;
}

const DEFAULT_LOCK_SECONDS = 30;
/** A job a worker died on twice more is failed ("stalled more than allowable limit"). */
const MAX_STALLED = 2;

/** This worker as jobs name it: host and process id. */
export function workerName(): string {
  return `${os.hostname()}:${process.pid}`;
}

/**
 * Sink connections, one per job in progress: each job is one transaction on its own connection.
 * SQLite gets one connection (jobs take turns): its writers wait for the file's lock
 * synchronously, which would block this process's other jobs, among them the one holding it.
 */
class SinkPool {
  private readonly free: Sink[] = [];
  private readonly all: Sink[] = [];
  private readonly waiting: { resolve(sink: Sink): void; reject(error: unknown): void }[] = [];
  private readonly max: number;

  constructor(private readonly spec: string) {
    this.max = parseSinkSpec(spec).kind === 'sqlite' ? 1 : Infinity;
  }

  async take(): Promise<Sink> {
    const sink = this.free.pop();
    if (sink) return sink;
    if (this.all.length >= this.max) return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    const opened = createSink(this.spec);
    this.all.push(opened);
    try {
      await opened.open();
    } catch (error) {
      this.all.splice(this.all.indexOf(opened), 1);
      throw error;
    }
    return opened;
  }

  give(sink: Sink): void {
    const next = this.waiting.shift();
    if (next) next.resolve(sink);
    else this.free.push(sink);
  }

  /** A connection that failed mid-transaction is closed, not reused. */
  async discard(sink: Sink): Promise<void> {
    this.all.splice(this.all.indexOf(sink), 1);
    await sink.close().catch(() => {});
    const next = this.waiting.shift();
    if (next) this.take().then(next.resolve, next.reject);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.close().catch(() => {})));
  }
}

/**
 * `warta worker`: take jobs from the queue, analyse them in `concurrency` threads, write each
 * job's articles to the sink in one transaction and only then acknowledge it. A job whose
 * worker dies is taken over by another once its lock expires (BullMQ's stalled-job check); the
 * sink's upsert by article id keeps its articles single. Runs until SIGTERM/SIGINT (the jobs in
 * progress finish first; a second signal releases them at once) or, with `exitWhenEmpty`, until
 * the queue has nothing left to do.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const name = checkQueueName(options.name);
  let sinks: SinkPool;
  // one connection now: a sink that cannot be used stops the worker before it takes a job
  try {
    sinks = new SinkPool(options.sink);
    sinks.give(await sinks.take());
  } catch (error) {
    if (error instanceof SinkConfigError) throw new ConfigError(error.message);
    throw error;
  }
  let redis: Redis;
  try {
    redis = await connectRedis(options.queue);
  } catch (error) {
    await sinks.close();
    throw error;
  }
  const pool = new AnalysisPool(options.concurrency);
  const summary: WorkerSummary = { completed: 0, failed: 0, written: 0, elapsedMs: 0 };

  const processJob = async (job: Job<JobData, JobResult>): Promise<JobResult> => {
    const data = job.data;
    // committed by a worker that died before acknowledging it
    if (data.kind === 'committed') return { written: data.written, rejected: [] };
    const result = await pool.analyse(data);
    if (result.setupError !== undefined) throw new Error(result.setupError);
    const sink = await sinks.take();
    try {
      await sink.begin();
      for (const { id, json, csv, hash } of result.articles) await sink.write(renderedArticle(id, json, csv, hash));
      await sink.commit();
      sinks.give(sink);
    } catch (error) {
      await sink.rollback().catch(() => {});
      await sinks.discard(sink);
      throw error;
    }
    summary.written += result.articles.length;
    if (result.rejected.length > 0) await redis.hset(rejectedKey(name), job.id!, JSON.stringify(result.rejected));
    if (result.crashed.length > 0) {
      // the job's other articles are committed; this one is retried, then fails naming the articles
      throw new Error(result.crashed.map((c) => c.error.startsWith(c.path) ? c.error : `${c.path}: ${c.error}`).join('; '));
    }
    // the articles are in the sink: Redis need not keep their bytes
    await job.updateData({ kind: 'committed', written: result.articles.length });
    return { written: result.articles.length, rejected: result.rejected };
  };

  const lockMs = (options.lockSeconds ?? DEFAULT_LOCK_SECONDS) * 1000;
  const worker = new Worker<JobData, JobResult>(name, processJob, {
    connection: redis,
    prefix: PREFIX,
    // shown as a job's `processedBy`
    name: workerName(),
    // one job waits for a thread while another is written: the threads never idle on the sink
    concurrency: options.concurrency * 2,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: MAX_STALLED,
    autorun: false,
  });
  worker.on('completed', () => summary.completed++);
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) summary.failed++;
    log(`job ${job.id} (${describeJob(job.data)}) ${final ? 'failed' : `failed (attempt ${job.attemptsMade}, will retry)`}: ${error.message}`);
  });
  worker.on('error', (error) => log(`queue error: ${error.message}`));

  let stopping: Promise<void> | null = null;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (force: boolean) => {
    if (force || !stopping) stopping = worker.close(force).then(finish, finish);
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    log(signals === 1 ? `${signal}: finishing the jobs in progress (send again to release them now)` : `${signal}: releasing the jobs in progress`);
    stop(signals > 1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  let emptyTimer: NodeJS.Timeout | undefined;
  let counter: Queue | undefined;
  if (options.exitWhenEmpty) {
    counter = new Queue(name, { connection: redis, prefix: PREFIX });
    const check = async () => {
      const counts = await counter!.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) stop(false);
    };
    emptyTimer = setInterval(() => void check().catch(() => {}), 250);
  }

  try {
    void worker.run().catch((error: unknown) => {
      log(`worker stopped: ${(error as Error).message}`);
      stop(true);
    });
    await finished;
  } finally {
    clearInterval(emptyTimer);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await counter?.close().catch(() => {});
    await pool.destroy();
    await sinks.close();
    redis.disconnect();
  }
  summary.elapsedMs = Math.round(performance.now() - t0);
  return summary;
}
