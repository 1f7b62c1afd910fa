import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// the built dispatcher: its worker thread runs dist/runner/worker.js (npm test builds first)
import { Dispatcher } from '../dist/runner/dispatch.js';
import type { RecordsTask, TaskResult } from '../src/runner/task.js';
import { tempDir } from './helpers/cli.js';

function batch(first: number, size: number): RecordsTask {
  const lines = Array.from({ length: size }, (_, i) => JSON.stringify({ id: `r-${first + i}`, text: `Berita nomor ${first + i} dari Bandung. Warga menyambut gembira.` }));
  const bytes = Buffer.from(lines.join(''));
  let at = 0;
  const units = lines.map((line, i) => ({ index: first + i, line: first + i + 1, start: at, end: (at += Buffer.byteLength(line)) }));
  return { kind: 'records', input: { displayPath: 'feed.jsonl', idPath: 'feed.jsonl', format: 'jsonl' }, bytes: new Uint8Array(bytes), units };
}

describe('dispatcher back-pressure', () => {
  it('never has more than maxInFlight batches out, and every batch comes back with its articles', async () => {
    const work = tempDir();
    const pipelineFile = path.join(work, 'light.json');
    writeFileSync(pipelineFile, JSON.stringify({ stages: [{ stage: 'normalize' }, { stage: 'sentences' }] }));
    const dispatcher = new Dispatcher({
      concurrency: 2,
      setup: { pipelineFile, overrides: {}, segmentDir: path.join(work, 'segments'), runTag: 'test' },
      heapMb: 128,
      articleSeconds: 30,
      maxInFlight: 3,
    });
    let outstanding = 0;
    let most = 0;
    const results: TaskResult[] = [];
    try {
      for (let b = 0; b < 12; b++) {
        // submit resolves once the batch is started: only then may the reader go on
        await dispatcher.submit(batch(10 * b, 10), (result) => {
          outstanding--;
          results.push(result);
        });
        outstanding++;
        most = Math.max(most, outstanding);
      }
      await dispatcher.drain();
    } finally {
      await dispatcher.destroy();
    }
    expect(most).toBeLessThanOrEqual(3);
    expect(outstanding).toBe(0);
    expect(results).toHaveLength(12);
    const ids = results.flatMap((r) => r.units.flatMap((u) => u.docs.map((d) => d.id))).sort();
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(results.every((r) => r.units.every((u) => u.failures.length === 0))).toBe(true);
  }, 60_000);
});
