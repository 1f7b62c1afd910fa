import type { ReadFailure } from './ingest/readers.js';

/**
 * What one `warta run` did: the `run.json` contract (README, "run.json"). It lives below the runner
 * so that sinks (which record runs) and the runner share it without sinks importing the runner.
 */
export interface RunSummary {
  started_at: string;
  finished_at: string;
  elapsed_ms: number;
  warta_version: string;
  pipeline: { name: string; file: string; stages: string[] };
  output: string;
  concurrency: number;
  counts: {
    files: number;
    files_changed: number;
    files_unchanged: number;
    files_deleted: number;
    seen: number;
    processed: number;
    unchanged: number;
    failed: number;
    written: number;
  };
  failures: ReadFailure[];
  input_bytes: number;
  docs_per_second: number;
  mb_per_second: number;
  stage_ms: Record<string, number>;
  /** Wall milliseconds per phase of the run (`src/runner/phases.ts`): where a slow run spent its time. */
  phase_ms?: Record<string, number>;
  outputs_rewritten: boolean;
  peak_rss_bytes: number;
  /** Garbage-collection pauses (ms): of the analysis workers (summed) and of the main thread. */
  gc_ms?: { workers: number; main: number };
  /**
   * Present when the run has database sinks: what each received (articles written or replaced,
   * deleted, left untouched) or the error that stopped it (the sink keeps its committed batches
   * and the next run converges).
   */
  sinks?: { name: string; written: number; deleted: number; unchanged: number; error?: string }[];
}
