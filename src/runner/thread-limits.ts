import { PROGRESS } from './task.js';

/**
 * What keeps one article from stalling or sinking the threads that analyse it, shared by
 * `warta run`'s dispatcher and a queue worker's analysis pool: heap bounds, the out-of-memory
 * test, and the per-article time budget read from the progress a thread reports.
 */

/** Old-generation heap per analysis thread (MB); `WARTA_WORKER_HEAP_MB` overrides it. */
export const WORKER_HEAP_MB = Number(process.env.WARTA_WORKER_HEAP_MB) || 256;

/**
 * Old-generation heap of the single roomy thread started for an article a bounded thread ran out
 * of memory on (a 10 MB article needs about 768 MB); `WARTA_LARGE_HEAP_MB` overrides it, 0 disables it.
 */
export const LARGE_HEAP_MB = process.env.WARTA_LARGE_HEAP_MB !== undefined ? Number(process.env.WARTA_LARGE_HEAP_MB) : 2048;

/**
 * Young generation per analysis thread (MB); `WARTA_WORKER_YOUNG_MB` overrides it. A trade of
 * memory for CPU: on the 9,970-record export, 32 MB cut the workers' scavenges 4× and the run's
 * CPU by ~1 CPU-s of 28 (1 worker) and 33 (2 workers) in four alternating pairs each, for
 * 30-90 MB more peak RSS, which the 300,000-record export (476 MB of a 500 MB budget with 8)
 * cannot spare.
 */
export const WORKER_YOUNG_MB = Number(process.env.WARTA_WORKER_YOUNG_MB) || 8;

/**
 * Resource limits of a bounded thread. V8 sizes a thread's heap from the machine's memory and
 * collects lazily: workers sat on 150-300 MB of garbage each, while their live data (models,
 * gazetteers, one batch) is far smaller. An 8 MB young generation (V8 takes 32 MB) keeps ~33 MB
 * less per worker.
 */
export function boundedLimits(heapMb = WORKER_HEAP_MB, youngMb = WORKER_YOUNG_MB) {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngMb };
}

export function largeLimits(heapMb = LARGE_HEAP_MB) {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 };
}

/** V8's heap limit in a worker thread (piscina passes the worker's error on). */
export function isOutOfMemory(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit|heap out of memory/i.test(e?.message ?? '');
}

/** A fresh progress buffer a thread writes the article it is on into (`PROGRESS` layout). */
export function articleProgress(): Float64Array {
  const progress = new Float64Array(new SharedArrayBuffer(PROGRESS.length * 8));
  progress[PROGRESS.unit] = -1;
  progress[PROGRESS.doc] = -1;
  return progress;
}

const WATCH_MS = 100;

export interface ArticleWatch {
  /** Aborts the thread's task once one article has run longer than the budget. */
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  stop(): void;
}

/** Watch the article a thread reports in `progress`; past `budgetMs` on one article, abort its task. */
export function watchArticles(progress: Float64Array, budgetMs: number): ArticleWatch {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setInterval(() => {
    const started = progress[PROGRESS.startedAt];
    if (started > 0 && Date.now() - started > budgetMs && !timedOut) {
      timedOut = true;
      controller.abort();
    }
  }, WATCH_MS);
  timer.unref();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    stop: () => clearInterval(timer),
  };
}
