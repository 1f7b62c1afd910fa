import { createHash } from 'node:crypto';
import type { ReadFailure } from '../ingest/readers.js';
import type { ReportData } from '../report/aggregate.js';
import type { RecordDelimiter } from '../ingest/stream-csv.js';
import { streamRecords, type RecordStreamResult } from '../ingest/stream-file.js';
import type { RawRecord } from '../ingest/stream-records.js';
import { fieldNames } from '../ingest/record.js';
import { anyUsesFileDate, ArticleColumns, type ArticleRange, type SegmentNames } from './article-table.js';
import type { Dispatcher } from './dispatch.js';
import type { StoredFailure } from './state.js';
import type { InputContext, RecordsTask, RecordUnit, TaskResult } from './task.js';

/** A batch closes at this many records or bytes, whichever comes first. */
export const BATCH_RECORDS = 64;
export const BATCH_BYTES = 512 * 1024;

export interface FeedOptions {
  absolutePath: string;
  input: InputContext;
  maxRecordBytes: number;
  /** Where a UTF-16 export is transcoded before splitting. */
  tmpDir: string;
  /** What the last run stored for this file. */
  previous: {
    articles: ArticleRange | null;
    failures: StoredFailure[];
    fileDate?: string;
    /** Size and hash of the file then, and where it ended (JSONL): an append resumes there. */
    size: number;
    sha256: string;
    tail?: { records: number; line: number };
  } | null;
  dispatcher: Dispatcher;
  segments: SegmentNames;
  /** Called as records are read and finished (progress). */
  onProgress(bytesRead: number, recordsDone: number): void;
  /** The report's figures over a batch's articles (when the workers gather them). */
  onReport?(data: ReportData): void;
  /** An appended JSONL: its old records all stand (they are not read again); `sha256` is the file's new hash. */
  onResumed?(sha256: string): void;
}

export interface FeedResult {
  stream: RecordStreamResult;
  /** Its articles (in the order their batches finished). */
  articles: ArticleColumns;
  failures: StoredFailure[];
  analysed: number;
  /** Bytes of the records sent for analysis. */
  analysedBytes: number;
  reused: number;
  stageMs: Record<string, number>;
  setupError?: string;
}

/** The first 16 bytes of the record's sha256. */
function recordHash(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest().subarray(0, 16);
}

/**
 * Shared memory for batches, reused from batch to batch: the main thread copies records into it and
 * the worker reads them in place. A buffer allocated (and cloned into the worker) per batch made
 * both threads' malloc arenas fragment: the process grew by ~2 KB per record over long runs.
 */
class BatchBuffers {
  private readonly free: SharedArrayBuffer[] = [];
  /** A batch's records; one longer record gets a buffer of its own. */
  static readonly CAPACITY = BATCH_BYTES + 256 * 1024;

  acquire(bytes: number): SharedArrayBuffer {
    if (bytes > BatchBuffers.CAPACITY) return new SharedArrayBuffer(bytes);
    return this.free.pop() ?? new SharedArrayBuffer(BatchBuffers.CAPACITY);
  }

  release(buffer: SharedArrayBuffer): void {
    if (buffer.byteLength === BatchBuffers.CAPACITY) this.free.push(buffer);
  }
}

interface TakenBatch {
  buffer: SharedArrayBuffer;
  bytes: Uint8Array;
  units: RecordUnit[];
  hashes: Buffer[];
}

/** Records waiting to be sent, copied into a shared buffer. */
class Batch {
  private buffer: SharedArrayBuffer | null = null;
  private view: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private units: RecordUnit[] = [];
  private hashes: Buffer[] = [];
  bytes = 0;

  constructor(private readonly buffers: BatchBuffers) {}

  get size(): number {
    return this.units.length;
  }

  /** Whether a record of `length` bytes still fits in this batch's buffer. */
  fits(length: number): boolean {
    return this.buffer === null || this.bytes + length <= this.buffer.byteLength;
  }

  add(record: RawRecord, hash: Buffer): void {
    if (this.buffer === null) {
      this.buffer = this.buffers.acquire(record.bytes.length);
      this.view = new Uint8Array(this.buffer);
    }
    this.view.set(record.bytes, this.bytes);
    this.units.push({ index: record.index, line: record.line, start: this.bytes, end: this.bytes + record.bytes.length });
    this.hashes.push(hash);
    this.bytes += record.bytes.length;
  }

  get full(): boolean {
    return this.units.length >= BATCH_RECORDS || this.bytes >= BATCH_BYTES;
  }

  take(): TakenBatch {
    const taken = { buffer: this.buffer!, bytes: new Uint8Array(this.buffer!, 0, this.bytes), units: this.units, hashes: this.hashes };
    this.buffer = null;
    this.units = [];
    this.hashes = [];
    this.bytes = 0;
    return taken;
  }
}

/**
 * Read a JSONL/CSV export (or a big JSON array) record by record and send the records that need
 * analysis to the workers in batches, waiting whenever enough batches are in flight (so memory
 * stays flat and one file uses every core). A record whose bytes hash like last run's record at
 * the same index is not analysed again (unless its dates were anchored to the file date and that
 * changed), and an appended JSONL is read only from its old end, so it costs only its new records.
 * Resolves once the file is read; the results of its last batches arrive until
 * `dispatcher.drain()` resolves.
 */
export async function feedExport(options: FeedOptions): Promise<() => FeedResult> {
  const { input, previous, dispatcher } = options;
  const format = input.format as 'jsonl' | 'csv' | 'json';
  const articles = new ArticleColumns();
  const failures: StoredFailure[] = [];
  const stageMs: Record<string, number> = {};
  let analysed = 0;
  let analysedBytes = 0;
  let reused = 0;
  let done = 0;
  let bytesRead = 0;
  let setupError: string | undefined;
  let csv: { columns: string[]; delimiter: RecordDelimiter } | undefined;

  // the last run's article of each record index
  const old = previous?.articles ?? null;
  let maxRecord = -1;
  if (old) for (let i = old.start; i < old.start + old.count; i++) maxRecord = Math.max(maxRecord, old.columns.records[i]);
  const oldAt = new Int32Array(maxRecord + 1).fill(-1);
  if (old) for (let i = old.start; i < old.start + old.count; i++) if (old.columns.records[i] >= 0) oldAt[old.columns.records[i]] = i;
  const oldFailures = new Map<number, StoredFailure>();
  for (const f of previous?.failures ?? []) if (f.record !== null && f.hash) oldFailures.set(f.record, f);
  const fileDateSame = previous?.fileDate === input.fileDate;
  // An appended JSONL need not be read again up to its old end, unless a date there hangs on the
  // file date and that moved.
  let resumable = format === 'jsonl' && previous?.tail !== undefined && old !== null;
  if (resumable && !fileDateSame && anyUsesFileDate(old)) resumable = false;

  const buffers = new BatchBuffers();
  const finished = (batch: TakenBatch) => (result: TaskResult) => {
    buffers.release(batch.buffer);
    if (result.setupError !== undefined) {
      setupError ??= result.setupError;
      return;
    }
    for (const [stage, ms] of Object.entries(result.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    if (result.report) options.onReport?.(result.report);
    result.units.forEach((unit, u) => {
      const { index } = batch.units[u];
      for (const doc of unit.docs) {
        const { segment, offset, length } = doc.location;
        articles.add({ id: doc.id, record: doc.record, line: doc.line, segment: options.segments.numberOf(segment), offset, length, hash: doc.hash, recordHash: batch.hashes[u], usesFileDate: doc.usesFileDate });
        analysed++;
      }
      for (const failure of unit.failures) failures.push({ ...failure, hash: batch.hashes[u].toString('hex') });
    });
    done += batch.units.length;
    options.onProgress(bytesRead, reused + done);
  };

  const batch = new Batch(buffers);
  const send = (taken: TakenBatch) => {
    analysedBytes += taken.bytes.length;
    const task: RecordsTask = { kind: 'records', input, bytes: taken.bytes, units: taken.units, ...(csv ? { csv } : {}) };
    return dispatcher.submit(task, finished(taken));
  };
  const sendAll = async (...batches: (TakenBatch | null)[]) => {
    for (const taken of batches) if (taken) await send(taken);
  };

  const stream = await streamRecords(
    options.absolutePath,
    format,
    {
      maxRecordBytes: options.maxRecordBytes,
      names: fieldNames(input.fields),
      tmpDir: options.tmpDir,
      ...(resumable && previous?.tail ? { resume: { size: previous.size, sha256: previous.sha256, ...previous.tail } } : {}),
    },
    {
      header(columns, delimiter) {
        csv = { columns, delimiter };
      },
      record(record) {
        if (setupError !== undefined) return;
        const hash = recordHash(record.bytes);
        const at = record.index < oldAt.length ? oldAt[record.index] : -1;
        if (old && at >= 0 && old.columns.sameRecord(at, hash) && (fileDateSame || !old.columns.usesFileDate(at))) {
          articles.copy(old.columns, at, record.line);
          reused++;
          return;
        }
        const oldFailure = oldFailures.get(record.index);
        if (oldFailure && oldFailure.hash === hash.toString('hex') && oldFailure.line === record.line) {
          failures.push(oldFailure);
          return;
        }
        // copy the record before waiting for anything: its bytes are a view of the read window
        const before = batch.fits(record.bytes.length) ? null : batch.take();
        batch.add(record, hash);
        const after = batch.full ? batch.take() : null;
        if (before || after) return sendAll(before, after);
      },
      failure(failure) {
        failures.push({ path: input.displayPath, ...failure } satisfies ReadFailure);
      },
      resumed(sha256) {
        options.onResumed?.(sha256);
      },
      progress(bytes) {
        bytesRead = bytes;
        options.onProgress(bytesRead, reused + done);
      },
    },
  );
  if (batch.size > 0 && !stream.fileFailure) await send(batch.take());
  if (stream.resumed && old) {
    // the old file is the new one's prefix: its articles and failures stand as they are
    for (let i = old.start; i < old.start + old.count; i++) articles.copy(old.columns, i);
    reused += old.count;
    failures.push(...(previous?.failures ?? []));
  }
  return () => ({ stream, articles, failures, analysed, analysedBytes, reused, stageMs, ...(setupError !== undefined ? { setupError } : {}) });
}
