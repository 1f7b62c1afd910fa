import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import type { Doc } from '../doc.js';
import { parseArticles, type ReadFailure } from '../ingest/readers.js';
import { csvRecords, jsonRecord, messageOf, type RecordContext, type RecordOutcome } from '../ingest/record-parse.js';
import { fieldNames } from '../ingest/record.js';
import { recordPrefix } from '../ingest/stream-records.js';
import { validatePipelineConfig } from '../pipeline.js';
import { recordArticle } from '../sinks/article.js';
import type { CsvFile } from '../sinks/rows.js';
import { PROGRESS } from '../runner/task.js';
import type { FilesJob, JobPipeline, RecordsJob } from './jobs.js';

/**
 * A queue worker's analysis thread (piscina): a job's bytes in, its articles' `documents.jsonl`
 * lines out, through the analyser `warta run` uses (`src/analyze.ts`) and the same parsers
 * (`parseArticles` for whole files, `jsonRecord`/`csvRecords` for an export's records).
 */
export interface ThreadTask {
  job: FilesJob | RecordsJob;
  /** Articles (`unit:doc`) that crashed or hung on an earlier try: they fail with this reason, unanalysed. */
  skip: Record<string, string>;
  /** [unit, doc, started at (epoch ms)] of the article being analysed, for the time budget. */
  progress: SharedArrayBuffer;
  /** Only these units (files or records, by index in the job); all when absent. */
  only?: number[];
}

export interface ThreadResult {
  /** The pipeline cannot be set up here (e.g. a file it names is missing on this machine). */
  setupError?: string;
  /** Rendered as `warta run` renders them, with the sink hash both compute (`recordArticle`). */
  articles: { id: string; json: string; csv: Record<CsvFile, string>; hash: string }[];
  /** Inputs or records that cannot become articles (final: the same bytes fail the same way). */
  rejected: ReadFailure[];
  /** Articles whose analysis threw, crashed or hung: the job is retried, then fails naming them. */
  crashed: ReadFailure[];
}

/** One analyser per pipeline (a worker may serve jobs of several pipelines). */
const analyzers = new Map<string, Promise<Analyzer>>();

function analyzerFor(pipeline: JobPipeline): Promise<Analyzer> {
  let ready = analyzers.get(pipeline.key);
  if (!ready) {
    // relative paths the pipeline names resolve against the worker's working folder
    const file = path.resolve(path.basename(pipeline.file));
    ready = Promise.resolve().then(() => createAnalyzer(validatePipelineConfig(JSON.parse(pipeline.text), file)));
    ready.catch(() => {});
    analyzers.set(pipeline.key, ready);
  }
  return ready;
}

class Analysis {
  readonly result: ThreadResult = { articles: [], rejected: [], crashed: [] };
  private readonly progress: Float64Array;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly task: ThreadTask,
  ) {
    this.progress = new Float64Array(task.progress);
  }

  /** Nothing is being analysed any more (the time budget stops counting). */
  finish(): ThreadResult {
    this.progress[PROGRESS.startedAt] = 0;
    return this.result;
  }

  mark(unit: number, doc: number): void {
    this.progress[PROGRESS.unit] = unit;
    this.progress[PROGRESS.doc] = doc;
    this.progress[PROGRESS.startedAt] = Date.now();
  }

  /** A reason to skip this article (it crashed the thread or ran out of time before), if any. */
  skipped(unit: number, doc: number, failure: Omit<ReadFailure, 'error'>, where: string): boolean {
    const reason = this.task.skip[`${unit}:${doc}`];
    if (reason === undefined) return false;
    this.result.crashed.push({ ...failure, error: `${where}${reason}` });
    return true;
  }

  analyse(doc: Doc, unit: number, index: number, where: string): void {
    const failure = { path: doc.source.path, record: doc.source.record, ...(doc.meta.line !== undefined ? { line: doc.meta.line } : {}) };
    if (this.skipped(unit, index, failure, where)) return;
    this.mark(unit, index);
    try {
      const { id, json, csv, hash } = recordArticle(this.analyzer.analyze(doc));
      this.result.articles.push({ id, json, csv, hash });
    } catch (error) {
      this.result.crashed.push({ ...failure, error: `${where}analysis failed: ${messageOf(error)}` });
    }
  }
}

async function analyseFiles(job: FilesJob, analysis: Analysis, only: readonly number[]): Promise<void> {
  for (const u of only) {
    const { input, sha256, data } = job.files[u];
    if (analysis.skipped(u, -1, { path: input.displayPath, record: null }, '')) continue;
    analysis.mark(u, -1);
    const buffer = inflateRawSync(Buffer.from(data, 'base64'));
    const { docs, failures } = await parseArticles(
      { buffer, displayPath: input.displayPath, idPath: input.idPath, format: input.format, sha256, fileDate: input.fileDate },
      { fields: input.fields, maxFileBytes: input.maxFileBytes, referenceDate: input.referenceDate },
    );
    analysis.result.rejected.push(...failures);
    docs.forEach((doc, d) => analysis.analyse(doc, u, d, recordPrefix(input.format, doc.source.record, doc.meta.line)));
  }
}

function analyseRecords(job: RecordsJob, analysis: Analysis, only: readonly number[]): void {
  const { input } = job;
  const bytes = inflateRawSync(Buffer.from(job.data, 'base64'));
  const ctx: RecordContext = {
    displayPath: input.displayPath,
    idPath: input.idPath,
    format: input.format,
    sha256: job.sha256,
    anchors: { referenceDate: input.referenceDate, fileDate: input.fileDate },
    names: fieldNames(input.fields),
  };
  const records = only.map((u) => ({ index: job.units[u].index, line: job.units[u].line, bytes: bytes.subarray(job.units[u].start, job.units[u].end) }));
  const outcomes: RecordOutcome[] = job.csv ? csvRecords(records, job.csv.columns, job.csv.delimiter, ctx) : records.map((r) => jsonRecord(r, ctx));
  outcomes.forEach((outcome, i) => {
    if ('failure' in outcome) analysis.result.rejected.push({ path: input.displayPath, ...outcome.failure });
    else analysis.analyse(outcome.doc, only[i], 0, recordPrefix(input.format, records[i].index, records[i].line));
  });
}

export default async function analyseJob(task: ThreadTask): Promise<ThreadResult> {
  let analyzer: Analyzer;
  try {
    analyzer = await analyzerFor(task.job.pipeline);
  } catch (error) {
    return { setupError: `pipeline ${path.basename(task.job.pipeline.file)}: ${messageOf(error)}`, articles: [], rejected: [], crashed: [] };
  }
  const analysis = new Analysis(analyzer, task);
  const { job } = task;
  const only = task.only ?? Array.from({ length: job.kind === 'files' ? job.files.length : job.units.length }, (_, u) => u);
  if (job.kind === 'files') await analyseFiles(job, analysis, only);
  else analyseRecords(job, analysis, only);
  return analysis.finish();
}
