import type { RunSummary } from '../../src/summary.js';

/** A run.json as a run with two failures (one whose message holds markup) would write it. */
export function runSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    started_at: '2025-09-06T10:00:00.000Z',
    finished_at: '2025-09-06T10:00:23.100Z',
    elapsed_ms: 23_100,
    warta_version: '0.1.0',
    pipeline: { name: 'news', file: 'pipelines/news.json', stages: ['normalize', 'structure', 'language', 'sentences', 'entities', 'dates'] },
    output: 'output',
    concurrency: 2,
    counts: { files: 121, files_changed: 121, files_unchanged: 0, files_deleted: 0, seen: 303, processed: 301, unchanged: 0, failed: 2, written: 301 },
    failures: [
      { path: 'input/feeds/bad.jsonl', record: 3, line: 4, error: 'record 3: invalid JSON: Unexpected token < in "<script>alert(1)</script>" & more' },
      { path: 'input/empty.txt', record: null, error: 'empty file' },
    ],
    input_bytes: 1_023_456,
    docs_per_second: 13.0,
    mb_per_second: 0.04,
    stage_ms: { normalize: 120, structure: 1400, language: 1300, sentences: 500, entities: 5600, dates: 900 },
    outputs_rewritten: true,
    peak_rss_bytes: 314_572_800,
    ...overrides,
  };
}

/** The charts of report.html, in page order (their aria-labels). */
export const CHART_LABELS = [
  'Articles per month',
  'Articles per outlet',
  'Language mix',
  'Top people',
  'Top places',
  'Top organisations',
  'Stage timings (ms)',
];
