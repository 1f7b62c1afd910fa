import type { RunSummary } from '../summary.js';
import type { CsvFile } from './rows.js';
import type { DocumentRecord } from './serialize.js';

/**
 * One finished article as every sink receives it: the output-contract record plus its pre-rendered
 * rows. The file sink only concatenates `json` and `csv`; a database sink reads `record()`.
 */
export interface SinkArticle {
  id: string;
  /**
   * Identifies the article's content (a hash of its `documents.jsonl` line). A database sink that
   * already holds this id with this hash leaves the article untouched.
   */
  hash: string;
  /** The `documents.jsonl` line, without the newline. */
  json: string;
  /** The article's rows of each CSV file, rendered (CRLF-terminated). */
  csv: Record<CsvFile, string>;
  /** The parsed record (parsed on demand: the file sink never needs it). */
  record(): DocumentRecord;
}

/**
 * Where finished articles go: the output files, SQLite, PostgreSQL. `warta run` (and a queue
 * worker) writes through this contract only.
 *
 * A run calls `open` once before any analysis (a sink that cannot connect fails the run there,
 * exit 2), then applies its changes as batches `begin` → `write`/`delete` … → `commit`, then
 * `recordRun`, then `close`. Everything between `begin` and `commit` lands together or not at
 * all; a run killed at any point leaves the sink at its last committed batch, and the next run,
 * comparing `held()` with what the output should hold, converges.
 */
export interface Sink {
  /** For messages: the kind and target without credentials (`postgres://warta@127.0.0.1:5432/news`). */
  readonly name: string;
  /**
   * True when the sink rewrites everything on each change (the output files): the runner then
   * writes every article in id order in one batch. False for databases, which get only the
   * articles whose hash changed and the deletions.
   */
  readonly rewritesAll: boolean;
  /** Connect, create or migrate the schema. Throws `SinkConfigError` with a clear message when it cannot. */
  open(): Promise<void>;
  /** Article id → content hash of what the sink holds from earlier runs (empty for the file sink). */
  held(): Promise<Map<string, string>>;
  begin(): Promise<void>;
  /** Insert or replace the article with this id (upsert: writing an id twice leaves one copy). */
  write(article: SinkArticle): Promise<void>;
  /** Remove the article with this id and all its rows; no error when absent. */
  delete(id: string): Promise<void>;
  commit(): Promise<void>;
  /** Discard the open batch (on error). */
  rollback(): Promise<void>;
  /** Record one finished run (`run.json` for the files, a `runs` row for a database). */
  recordRun(summary: RunSummary): Promise<void>;
  close(): Promise<void>;
}

/** A sink that cannot be used as configured (bad URL, cannot connect, newer schema): exit 2, before analysis. */
export class SinkConfigError extends Error {
  override name = 'SinkConfigError';
}
