import { PerformanceObserver } from 'node:perf_hooks';

/**
 * Garbage-collection pauses of the current thread (ms), for `run.json`'s `gc_ms`: how much of a
 * thread's time goes to collecting rather than analysing. V8 delivers the entries after the fact,
 * once the thread's event loop turns, so a reading lacks the collections of the synchronous work
 * since then (a worker's task reports those of the tasks before it). Pauses are wall time: on a
 * busy machine they include time the thread waited for a core.
 */
export class GcClock {
  private total = 0;
  private taken = 0;
  private readonly observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) this.total += entry.duration;
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Pauses delivered so far. */
  get ms(): number {
    return this.total;
  }

  /** Pauses delivered since the previous call. */
  sinceLastTake(): number {
    const ms = this.total - this.taken;
    this.taken = this.total;
    return ms;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
