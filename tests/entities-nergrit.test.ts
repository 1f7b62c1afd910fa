import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/analyze.js';
import { recordToDoc } from '../src/ingest/record.js';
import { devDataFile } from './helpers/shared-data.js';
import { sliceCodePoints } from '../src/offsets.js';

/** Regression floor on the NERGrit dev split (skipped when the shared data is absent). */
const DEV = devDataFile('ner-id-nergrit-dev.jsonl');

describe.skipIf(!existsSync(DEV))('entities on NERGrit dev', () => {
  it('keeps exact-span micro-F1 above the floor and every span slices to its text', async () => {
    const analyzer = await createAnalyzer();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lines = readFileSync(DEV, 'utf8').trim().split('\n');
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as { text: string; gold: { entities: { type: string; start: number; end: number }[] } };
      const out = analyzer.analyze(recordToDoc({ text: r.text }, { path: 'dev.jsonl', format: 'jsonl', record: i, sha256: '' }));
      const gold = new Set(r.gold.entities.map((e) => `${e.type}|${e.start}|${e.end}`));
      for (const e of out.entities) {
        expect(sliceCodePoints(out.text, e.start, e.end)).toBe(e.text);
        if (gold.delete(`${e.type}|${e.start}|${e.end}`)) tp++;
        else fp++;
      }
      fn += gold.size;
    });
    const p = tp / (tp + fp);
    const rec = tp / (tp + fn);
    const f1 = (2 * p * rec) / (p + rec);
    expect(f1).toBeGreaterThan(0.75);
  }, 120_000);
});
