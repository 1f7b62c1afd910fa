import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RecordDelimiter } from '../ingest/stream-csv.js';
import type { PipelineConfig } from '../pipeline.js';
import type { InputContext, RecordUnit } from '../runner/task.js';
import { VERSION } from '../version.js';

/** Tries per job before BullMQ fails it. */
export const DEFAULT_ATTEMPTS = 3;

/**
 * What travels through the queue. A job carries its articles' bytes (deflated, base64) and the
 * pipeline file's text, so a worker needs no disk shared with the enqueuer: only Redis (jobs)
 * and the sink (results). Two kinds, as `warta run` cuts its work:
 * - `files`: a group of small whole files (.txt, .json, .html), each with its bytes and sha256;
 * - `records`: a batch of records of one big export (JSONL, CSV, large JSON array), cut by the
 *   same streaming readers as `warta run`, with the export's sha256 (the articles' `source.sha256`).
 */

/** The pipeline a job is analysed with: its file's text travels with every job. */
export interface JobPipeline {
  /** `pipelineKey` of the text (workers cache one analyser per key). */
  key: string;
  /** File name the pipeline had on the enqueuing machine (messages; relative paths it names resolve in the worker's folder). */
  file: string;
  text: string;
}

export interface JobFile {
  input: InputContext;
  sha256: string;
  /** The file's bytes, deflated, base64. */
  data: string;
}

export interface FilesJob {
  kind: 'files';
  pipeline: JobPipeline;
  files: JobFile[];
}

export interface RecordsJob {
  kind: 'records';
  pipeline: JobPipeline;
  input: InputContext;
  /** sha256 of the whole export. */
  sha256: string;
  csv?: { columns: string[]; delimiter: RecordDelimiter };
  /** Byte ranges of the records in `data` once inflated. */
  units: RecordUnit[];
  data: string;
}

/** A job whose articles are committed: its payload is dropped (Redis keeps only this). */
export interface CommittedJob {
  kind: 'committed';
  written: number;
}

export type JobData = FilesJob | RecordsJob | CommittedJob;

/** A job's outcome (its BullMQ return value). */
export interface JobResult {
  written: number;
  /** Inputs or records that cannot become articles (bad JSON, no text): final, not retried. */
  rejected: { path: string; record: number | null; line?: number; error: string }[];
}

/** BullMQ's key prefix; the enqueue ledger and rejected records live under it too. */
export const PREFIX = 'bull';
export const DEFAULT_QUEUE_NAME = 'warta';

/** Redis hash: input key (pipeline, context, content) → job id, written once the job is added. */
export const ledgerKey = (queue: string) => `${PREFIX}:${queue}:warta:inputs`;
/** Redis hash: job id → JSON of the records it rejected (`JobResult.rejected`). */
export const rejectedKey = (queue: string) => `${PREFIX}:${queue}:warta:rejected`;

function sha(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Identifies what analysis a pipeline file gives: warta's version and the file's bytes. */
export function pipelineOf(config: PipelineConfig): JobPipeline {
  const text = readFileSync(config.file, 'utf8');
  return { key: sha([VERSION, text]).slice(0, 32), file: config.file, text };
}

/**
 * Identifies one input as the queue sees it: the pipeline, everything of its context that shows
 * in its articles (paths, format, dates, field mapping) and its content. Equal keys: equal
 * articles, so the input is not enqueued again.
 */
export function inputKey(pipeline: JobPipeline, input: InputContext, sha256: string): string {
  return sha([pipeline.key, input.displayPath, input.idPath, input.format, input.fileDate ?? '', input.referenceDate ?? '', JSON.stringify(input.fields ?? null), String(input.maxFileBytes ?? ''), sha256]);
}

/**
 * A job's id, from the keys of what it holds (and a batch number for an export's batches). BullMQ
 * ignores a job added under an id it holds, so an interrupted enqueue, run again, adds nothing
 * twice. `fresh` (enqueue --full) makes new ids for the same content.
 */
export function jobId(keys: readonly string[], batch: number | null, fresh?: string): string {
  return sha([...keys, batch === null ? '' : String(batch), fresh ?? '']).slice(0, 40);
}

/** The inputs a job holds, for job names and messages. */
export function describeJob(data: JobData): string {
  if (data.kind === 'records') return `${data.input.displayPath} records ${data.units[0]?.index ?? 0}-${data.units.at(-1)?.index ?? 0}`;
  if (data.kind === 'files') return data.files.length === 1 ? data.files[0].input.displayPath : `${data.files[0].input.displayPath} and ${data.files.length - 1} more`;
  return 'committed';
}
