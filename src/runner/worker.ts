import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { threadId, workerData } from 'node:worker_threads';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import type { Doc } from '../doc.js';
import { parseArticles, sha256 } from '../ingest/readers.js';
import { csvRecords, jsonRecord, messageOf, type RecordContext, type RecordOutcome } from '../ingest/record-parse.js';
import { fieldNames } from '../ingest/record.js';
import { recordPrefix } from '../ingest/stream-records.js';
import { ReportAggregator } from '../report/aggregate.js';
import { csvRows } from '../sinks/rows.js';
import { FragmentBuffer, PENDING_SHA256 } from '../sinks/fragment.js';
import { GcClock } from './gc-clock.js';
import { SegmentWriter } from './store.js';
import { PROGRESS, type FilesTask, type RecordsTask, type StoredDoc, type Task, type TaskResult, type UnitResult, type WorkerSetup } from './task.js';

/**
 * A worker thread: analyse a task's articles (whole files, or a batch of records cut from a big
 * export), render each article's output and append it to this worker's segment file. The
 * analyser (every stage's setup: gazetteers, models) starts loading when the thread starts, while
 * the main thread is still reading the first records.
 */
const setup = workerData as WorkerSetup;
const analyzerReady: Promise<Analyzer> = createAnalyzer(setup.pipelineFile, setup.overrides);
// a failed setup is reported with the first task; never as an unhandled rejection
analyzerReady.catch(() => {});
const segments = new SegmentWriter(setup.segmentDir, `${setup.runTag}-${threadId}`);
/** A task's rendered articles, reused from task to task (a worker runs one task at a time). */
const fragments = new FragmentBuffer();
/** This thread's collection pauses, reported with each task's result. */
const gc = new GcClock();

/**
 * Files are read into one reusable buffer per worker: a fresh Buffer per file is off-heap memory
 * that a lazily collecting worker lets pile up. Safe because a worker runs one task at a time and
 * the readers decode the bytes into strings before the next file is read.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

function readIntoScratch(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, scratch, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return scratch.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Analyses docs, marking progress for the main thread's per-article time budget. */
class Analysis {
  readonly stageMs: Record<string, number> = {};
  /** The report's figures, gathered here while the record is at hand (the main thread would have to parse it back). */
  readonly report = setup.report ? new ReportAggregator() : null;
  private readonly stored: { unit: UnitResult; doc: Omit<StoredDoc, 'location'>; start: number; length: number }[] = [];
  private readonly progress: Float64Array | null;

  constructor(
    private readonly analyzer: Analyzer,
    progress: SharedArrayBuffer | undefined,
  ) {
    this.progress = progress ? new Float64Array(progress) : null;
    fragments.clear();
  }

  /** Mark the article being worked on (doc -1: the file itself is being read and parsed). */
  mark(unitIndex: number, docIndex: number): void {
    if (!this.progress) return;
    this.progress[PROGRESS.unit] = unitIndex;
    this.progress[PROGRESS.doc] = docIndex;
    this.progress[PROGRESS.startedAt] = Date.now();
  }

  /** Analyse and render one doc; its fragment is written with the task's others in `flush`. */
  analyse(doc: Doc, unit: UnitResult, unitIndex: number, docIndex: number, fileSha: string, where: string): void {
    this.mark(unitIndex, docIndex);
    try {
      const record = this.analyzer.analyze(doc, this.stageMs);
      const { start, length, hash } = fragments.add({ id: record.id, record: record.source.record, json: JSON.stringify(record), csv: csvRows(record) }, fileSha);
      this.report?.add(record);
      this.stored.push({
        start,
        length,
        unit,
        doc: {
          id: record.id,
          record: record.source.record,
          ...(doc.meta.line !== undefined ? { line: doc.meta.line } : {}),
          hash,
          usesFileDate: record.warnings.some((w) => w.code === 'anchor-file-date'),
        },
      });
    } catch (error) {
      unit.failures.push({
        path: doc.source.path,
        record: doc.source.record,
        ...(doc.meta.line !== undefined ? { line: doc.meta.line } : {}),
        error: `${where}analysis failed: ${messageOf(error)}`,
      });
    }
  }

  /** Append the task's fragments to the segment in one write and fill in their locations. */
  flush(): void {
    if (this.progress) this.progress[PROGRESS.startedAt] = 0;
    if (this.stored.length > 0) {
      const { segment, offset } = segments.append(fragments.contents);
      for (const { unit, doc, start, length } of this.stored) unit.docs.push({ ...doc, location: { segment, offset: offset + start, length } });
    }
    fragments.clear();
  }
}

async function analyseFiles(task: FilesTask, analysis: Analysis): Promise<UnitResult[]> {
  const results: UnitResult[] = [];
  for (let u = 0; u < task.units.length; u++) {
    const { input, absolutePath, previousSha256, skip } = task.units[u];
    analysis.mark(u, -1);
    let buffer: Buffer;
    try {
      buffer = readIntoScratch(absolutePath);
    } catch (error) {
      results.push({ unreadable: true, docs: [], failures: [{ path: input.displayPath, record: null, error: `cannot read: ${messageOf(error)}` }] });
      continue;
    }
    const hash = sha256(buffer);
    if (hash === previousSha256) {
      results.push({ unchanged: true, sha256: hash, bytes: buffer.length, docs: [], failures: [] });
      continue;
    }
    const { docs, failures } = await parseArticles(
      { buffer, displayPath: input.displayPath, idPath: input.idPath, format: input.format, sha256: hash, fileDate: input.fileDate },
      { fields: input.fields, maxFileBytes: input.maxFileBytes, referenceDate: input.referenceDate },
    );
    const unit: UnitResult = { sha256: hash, bytes: buffer.length, docs: [], failures };
    docs.forEach((doc, d) => {
      const where = recordPrefix(input.format, doc.source.record, doc.meta.line);
      const skipped = skip?.[d];
      if (skipped !== undefined) failures.push({ path: input.displayPath, record: doc.source.record, error: `${where}${skipped}` });
      else analysis.analyse(doc, unit, u, d, hash, where);
    });
    results.push(unit);
  }
  return results;
}

function analyseRecords(task: RecordsTask, analysis: Analysis): UnitResult[] {
  const { input } = task;
  const ctx: RecordContext = {
    displayPath: input.displayPath,
    idPath: input.idPath,
    format: input.format,
    sha256: PENDING_SHA256,
    anchors: { referenceDate: input.referenceDate, fileDate: input.fileDate },
    names: fieldNames(input.fields),
  };
  const records = task.units.map((u) => ({ index: u.index, line: u.line, bytes: task.bytes.subarray(u.start, u.end) }));
  const outcomes: RecordOutcome[] = task.csv ? csvRecords(records, task.csv.columns, task.csv.delimiter, ctx) : records.map((r) => jsonRecord(r, ctx));
  return outcomes.map((outcome, u) => {
    const unit: UnitResult = { docs: [], failures: [] };
    if ('failure' in outcome) unit.failures.push({ path: input.displayPath, ...outcome.failure });
    else analysis.analyse(outcome.doc, unit, u, 0, PENDING_SHA256, recordPrefix(input.format, records[u].index, records[u].line));
    return unit;
  });
}

export default async function analyseTask(task: Task): Promise<TaskResult> {
  let analyzer: Analyzer;
  try {
    analyzer = await analyzerReady;
  } catch (error) {
    return { setupError: messageOf(error), units: [], stageMs: {} };
  }
  const analysis = new Analysis(analyzer, task.progress);
  const units = task.kind === 'files' ? await analyseFiles(task, analysis) : analyseRecords(task, analysis);
  analysis.flush();
  return { units, stageMs: analysis.stageMs, gcMs: gc.sinceLastTake(), ...(analysis.report ? { report: analysis.report.data } : {}) };
}
