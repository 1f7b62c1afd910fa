import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { GcClock } from '../src/runner/gc-clock.js';
import { measureNode } from '../src/bench/measure.js';

/** Enough short-lived garbage for several young-generation collections. */
function churn(): number {
  let kept = 0;
  for (let i = 0; i < 300_000; i++) {
    const words = `Gubernur ${i} meninjau proyek jalan tol di Bandung`.split(' ');
    kept += words.length;
  }
  return kept;
}

describe("a run's garbage-collection time", () => {
  it('adds up the pauses of this thread, once V8 has delivered them, and takes them once', async () => {
    const gc = new GcClock();
    try {
      expect(churn()).toBe(2_400_000);
      // the entries arrive after the synchronous work, when the event loop turns
      for (let i = 0; i < 20 && gc.ms === 0; i++) await tick();
      expect(gc.ms).toBeGreaterThan(0);
      const first = gc.sinceLastTake();
      expect(first).toBe(gc.ms);
      expect(gc.sinceLastTake()).toBe(0);
    } finally {
      gc.stop();
    }
  });

  it('stops counting once stopped', async () => {
    const gc = new GcClock();
    gc.stop();
    churn();
    await tick();
    await tick();
    expect(gc.ms).toBe(0);
  });
});

describe("the bench's CPU split of a child process", () => {
  it.skipIf(process.platform !== 'linux')('tells the main thread from a busy worker thread', async () => {
    // a fixed amount of work (not of wall time: the machine may be busy)
    const spin = `const { Worker } = require('node:worker_threads');
      new Worker('let x = 0; for (let i = 0; i < 6e8; i++) x = (x + i) | 0; if (x === 1) console.log(x);', { eval: true });`;
    const m = await measureNode(['-e', spin], process.cwd(), 50);
    expect(m.exitCode).toBe(0);
    expect(m.threadCpu).not.toBeNull();
    const [busiest, ...rest] = m.threadCpu!.othersS;
    expect(busiest).toBeGreaterThan(0.2);
    expect(m.threadCpu!.mainS).toBeLessThan(busiest);
    for (const s of rest) expect(s).toBeLessThanOrEqual(busiest);
  }, 30_000);
});
