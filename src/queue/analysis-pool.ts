import { Piscina } from 'piscina';
import { messageOf } from '../ingest/record-parse.js';
import { DEFAULT_MAX_ARTICLE_SECONDS } from '../pipeline.js';
import { PROGRESS } from '../runner/task.js';
import { articleProgress, boundedLimits, isOutOfMemory, LARGE_HEAP_MB, largeLimits, watchArticles, WORKER_HEAP_MB } from '../runner/thread-limits.js';
import type { ThreadResult, ThreadTask } from './analyse-thread.js';
import type { FilesJob, RecordsJob } from './jobs.js';

const THREAD_FILE = new URL('./analyse-thread.js', import.meta.url).href;

const EMPTY: ThreadResult = { articles: [], rejected: [], crashed: [] };

/**
 * The analysis threads of a queue worker. As `warta run`'s dispatcher: an article that takes
 * longer than its pipeline's `max_article_seconds` has its thread terminated (piscina starts a
 * fresh one) and a thread that crashes loses only the article it was on; the job's other
 * articles are analysed again and the guilty one is reported as crashed, so the job is retried
 * and finally fails naming it, while the rest of its articles are written. An input (file or
 * record) that a bounded thread runs out of memory on runs again alone in one roomy thread.
 */
export class AnalysisPool {
  private readonly pool: Piscina;
  private largePool: Piscina | null = null;
  private readonly budgets = new Map<string, number>();

  constructor(threads: number) {
    this.pool = new Piscina({
      filename: THREAD_FILE,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      resourceLimits: boundedLimits(),
    });
  }

  /** The pipeline's time budget per article (seconds); an unreadable pipeline fails in the thread, with its message. */
  private budgetOf(job: FilesJob | RecordsJob): number {
    let seconds = this.budgets.get(job.pipeline.key);
    if (seconds === undefined) {
      try {
        seconds = (JSON.parse(job.pipeline.text) as { max_article_seconds?: number }).max_article_seconds ?? DEFAULT_MAX_ARTICLE_SECONDS;
      } catch {
        seconds = DEFAULT_MAX_ARTICLE_SECONDS;
      }
      this.budgets.set(job.pipeline.key, seconds);
    }
    return seconds;
  }

  /** Started on demand: memory spikes only for the articles that need it. */
  private roomy(): Piscina {
    return (this.largePool ??= new Piscina({
      filename: THREAD_FILE,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 1000,
      resourceLimits: largeLimits(),
    }));
  }

  analyse(job: FilesJob | RecordsJob): Promise<ThreadResult> {
    return this.analyseUnits(job, undefined, false);
  }

  /** The job's units `only` (all when undefined), in the roomy thread or the bounded ones. */
  private async analyseUnits(job: FilesJob | RecordsJob, only: number[] | undefined, large: boolean, skipped: Record<string, string> = {}): Promise<ThreadResult> {
    const skip = { ...skipped };
    let lostBeforeStart = 0;
    for (;;) {
      const progress = articleProgress();
      const budgetMs = this.budgetOf(job) * 1000;
      const watch = watchArticles(progress, budgetMs);
      try {
        const task: ThreadTask = { job, skip, progress: progress.buffer as SharedArrayBuffer, ...(only ? { only } : {}) };
        return (await (large ? this.roomy() : this.pool).run(task, { signal: watch.signal })) as ThreadResult;
      } catch (error) {
        const unit = progress[PROGRESS.unit];
        const doc = progress[PROGRESS.doc];
        if (!large && unit >= 0 && isOutOfMemory(error) && LARGE_HEAP_MB > WORKER_HEAP_MB) {
          const units = only ?? Array.from({ length: job.kind === 'files' ? job.files.length : job.units.length }, (_, u) => u);
          const rest = units.filter((u) => u !== unit);
          const [big, others] = await Promise.all([this.analyseUnits(job, [unit], true, skip), rest.length > 0 ? this.analyseUnits(job, rest, false, skip) : EMPTY]);
          return merge(others, big);
        }
        const reason = watch.timedOut
          ? `timeout: analysis took longer than max_article_seconds (${budgetMs / 1000} s); its thread was replaced`
          : `analysis crashed: ${messageOf(error)}`;
        // lost before any article started (the thread died loading): once more, then the job fails
        if (unit < 0) {
          if (++lostBeforeStart > 1) throw new Error(reason);
          continue;
        }
        skip[`${unit}:${doc}`] = reason;
      } finally {
        watch.stop();
      }
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
    await this.largePool?.destroy();
  }
}

function merge(a: ThreadResult, b: ThreadResult): ThreadResult {
  if (a.setupError !== undefined) return a;
  if (b.setupError !== undefined) return b;
  return { articles: [...a.articles, ...b.articles], rejected: [...a.rejected, ...b.rejected], crashed: [...a.crashed, ...b.crashed] };
}
