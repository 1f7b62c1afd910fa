import { Piscina } from 'piscina';
import { recordPrefix } from '../ingest/stream-records.js';
import { mergeReportData } from '../report/aggregate.js';
import { PROGRESS, type Task, type TaskResult, type UnitResult, type WorkerSetup } from './task.js';
import { articleProgress, boundedLimits, isOutOfMemory, largeLimits, watchArticles } from './thread-limits.js';

export interface DispatchOptions {
  concurrency: number;
  setup: WorkerSetup;
  /** Old-generation heap per worker (MB). */
  heapMb: number;
  /**
   * Old-generation heap (MB) of the one worker that gets an article a bounded worker ran out of
   * memory on (started on demand); 0 or less than `heapMb`: such an article fails alone.
   */
  largeHeapMb?: number;
  /** `max_article_seconds`: one article analysed longer than this fails with `timeout` and its worker is replaced. */
  articleSeconds: number;
  /** Tasks running or queued before `submit` waits (back-pressure on the readers). */
  maxInFlight: number;
}

/** Which pool a task runs in: the bounded workers, or the single roomy one for giant articles. */
type PoolKind = 'bounded' | 'large';

/**
 * Hands tasks to a pool of worker threads (piscina), a bounded number at a time, and makes sure
 * one article cannot stall or sink a run: a worker that spends longer than the time budget on
 * one article is terminated (piscina starts a fresh one), and a worker that crashes (e.g. out of
 * memory) loses only the article it was on. Workers report the article they are on through a
 * small shared buffer; the task's other articles are sent again, and the guilty one fails alone
 * with its file and record named.
 */
export class Dispatcher {
  private pool: Piscina | null = null;
  private largePool: Piscina | null = null;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;
  private workerGcMs = 0;

  constructor(private readonly options: DispatchOptions) {}

  /**
   * Started on the first task: a run with nothing to analyse never pays for worker start-up.
   * Tasks reach a worker as messages (`atomics: 'disabled'`): with piscina's default, a busy
   * worker runs task after task inside `Atomics.wait` loops without ever returning to its event
   * loop, so its V8 foreground tasks and garbage-collection entries (`gc_ms`) never ran. A message
   * per batch of records costs nothing measurable (the 9,970-record export, 2 workers, at load
   * average 6: 34.4 vs 35.0 and 33.7 vs 32.7 CPU-s with and without atomics).
   */
  private workers(kind: PoolKind = 'bounded'): Piscina {
    if (kind === 'large') {
      // One thread, only for articles a bounded worker could not hold: memory spikes once, for them.
      return (this.largePool ??= new Piscina({
        filename: new URL('./worker.js', import.meta.url).href,
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: 1000,
        workerData: this.options.setup,
        atomics: 'disabled',
        resourceLimits: largeLimits(this.options.largeHeapMb),
      }));
    }
    return (this.pool ??= new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: this.options.concurrency,
      maxThreads: this.options.concurrency,
      idleTimeout: 1000,
      workerData: this.options.setup,
      atomics: 'disabled',
      resourceLimits: boundedLimits(this.options.heapMb),
    }));
  }

  /** Start the workers now (their models load while the main thread reads the first records). */
  warmUp(): void {
    this.workers();
  }

  /** Garbage-collection pauses the workers reported so far (ms, summed over workers). */
  get gcMs(): number {
    return this.workerGcMs;
  }

  /** Tasks submitted and not finished yet. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Wait for room, then start the task; `done` receives its result, failed articles included. */
  async submit(task: Task, done: (result: TaskResult) => void): Promise<void> {
    while (this.inFlight >= this.options.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const run = this.runRecovering(task, 0)
      .then(done)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inFlight--;
        this.waiting.shift()?.();
        this.pending.delete(run);
      });
    this.pending.add(run);
  }

  /** Wait for every submitted task; rethrows the first error a `done` callback raised. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    if (this.failure) throw this.failure;
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
    await this.largePool?.destroy();
    this.pool = null;
    this.largePool = null;
  }

  private async runRecovering(task: Task, attempt: number, kind: PoolKind = 'bounded'): Promise<TaskResult> {
    const progress = articleProgress();
    const watch = watchArticles(progress, this.options.articleSeconds * 1000);
    try {
      const result = (await this.workers(kind).run({ ...task, progress: progress.buffer }, { signal: watch.signal })) as TaskResult;
      this.workerGcMs += result.gcMs ?? 0;
      return result;
    } catch (error) {
      const reason = watch.timedOut
        ? `timeout: analysis took longer than max_article_seconds (${this.options.articleSeconds} s); its worker was replaced`
        : `analysis crashed: ${error instanceof Error ? error.message : String(error)}`;
      const unit = progress[PROGRESS.unit];
      if (kind === 'bounded' && unit >= 0 && isOutOfMemory(error) && (this.options.largeHeapMb ?? 0) > this.options.heapMb) {
        return this.moveToLargeWorker(task, unit, attempt);
      }
      return this.recover(task, unit, progress[PROGRESS.doc], reason, attempt, kind);
    } finally {
      watch.stop();
    }
  }

  /**
   * A bounded worker ran out of memory on unit `unit` (a file or a record): that unit runs again
   * alone in the large worker, the task's other units in the bounded pool; results keep their order.
   */
  private async moveToLargeWorker(task: Task, unit: number, attempt: number): Promise<TaskResult> {
    const only = { ...task, units: [task.units[unit]] } as Task;
    const rest = { ...task, units: task.units.filter((_, u) => u !== unit) } as Task;
    const [big, others] = await Promise.all([
      this.runRecovering(only, attempt, 'large'),
      rest.units.length > 0 ? this.runRecovering(rest, attempt) : Promise.resolve<TaskResult>({ units: [], stageMs: {} }),
    ]);
    if (others.setupError !== undefined) return others;
    if (big.setupError !== undefined) return big;
    const units = [...others.units];
    units.splice(unit, 0, big.units[0]);
    const stageMs = { ...others.stageMs };
    for (const [stage, ms] of Object.entries(big.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    const report = others.report ?? big.report;
    if (report && others.report && big.report) mergeReportData(report, big.report);
    return { units, stageMs, ...(report ? { report } : {}) };
  }

  /** The article at (`unit`, `doc`) fails with `reason`; the task's other articles run again. */
  private async recover(task: Task, unit: number, doc: number, reason: string, attempt: number, kind: PoolKind): Promise<TaskResult> {
    if (unit < 0) {
      // lost before any article started (e.g. the worker died while loading): once more, then give up
      if (attempt === 0) return this.runRecovering(task, 1, kind);
      return { units: task.units.map((_, u) => unitFailure(task, u, reason)), stageMs: {} };
    }
    // a record, or a whole file (reading, parsing, an HTML page's extraction), is what failed
    if (task.kind === 'records' || doc < 0) {
      const rest = { ...task, units: task.units.filter((_, u) => u !== unit) } as Task;
      const results = rest.units.length > 0 ? await this.runRecovering(rest, 0, kind) : { units: [], stageMs: {} };
      if (results.setupError !== undefined) return results;
      const units = [...results.units];
      units.splice(unit, 0, unitFailure(task, unit, reason));
      return { units, stageMs: results.stageMs, ...(results.report ? { report: results.report } : {}) };
    }
    const units = task.units.map((u, i) => (i === unit ? { ...u, skip: { ...u.skip, [doc]: reason } } : u));
    return this.runRecovering({ ...task, units }, 0, kind);
  }
}

function unitFailure(task: Task, unit: number, reason: string): UnitResult {
  if (task.kind === 'records') {
    const { index, line } = task.units[unit];
    return { docs: [], failures: [{ path: task.input.displayPath, record: index, line, error: `${recordPrefix(task.input.format, index, line)}${reason}` }] };
  }
  return { unreadable: true, docs: [], failures: [{ path: task.units[unit].input.displayPath, record: null, error: reason }] };
}
