/**
 * Wall time of a run's phases (`run.json`'s `phase_ms`), so that a slow re-run shows where its
 * time went (reading the state, the inputs, waiting for the workers, writing the outputs …)
 * without a profiler. A phase may be entered several times; its times add up.
 */
export class PhaseClock {
  private readonly ms: Record<string, number> = {};
  private current: string | null = null;
  private since = 0;

  /** End the current phase (if any) and start `name`. */
  enter(name: string): void {
    const now = performance.now();
    if (this.current !== null) this.ms[this.current] = (this.ms[this.current] ?? 0) + (now - this.since);
    this.current = name;
    this.since = now;
  }

  /** The phases so far (the current one up to now), in milliseconds, rounded. */
  snapshot(): Record<string, number> {
    const ms = { ...this.ms };
    if (this.current !== null) ms[this.current] = (ms[this.current] ?? 0) + (performance.now() - this.since);
    return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)]));
  }
}
