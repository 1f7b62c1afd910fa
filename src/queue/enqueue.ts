import { createHash } from 'node:crypto';
import { createReadStream, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import PQueue from 'p-queue';
import { DEFAULT_MAX_RECORD_BYTES, fileLimitFor, formatOf, sha256, streamsWhole, toPosix, type ReadFailure } from '../ingest/readers.js';
import type { RecordDelimiter } from '../ingest/stream-csv.js';
import { streamRecords } from '../ingest/stream-file.js';
import { fieldNames } from '../ingest/record.js';
import { loadPipelineConfig, type PipelineConfig } from '../pipeline.js';
import { discoverInputs, type InputFile } from '../runner/discover.js';
import { BATCH_BYTES, BATCH_RECORDS } from '../runner/feed.js';
import type { InputContext, RecordUnit } from '../runner/task.js';
import { checkQueueName, connectRedis } from './connection.js';
import { DEFAULT_ATTEMPTS, PREFIX, inputKey, jobId, ledgerKey, pipelineOf, type FilesJob, type JobData, type JobFile, type JobPipeline, type RecordsJob } from './jobs.js';

export interface EnqueueOptions {
  queue: string;
  name: string;
  inputs: string[];
  pipeline?: string;
  /** Enqueue every input again (new job ids), even those enqueued before. */
  full?: boolean;
  referenceDate?: string;
  /** Tries per job before it is failed (a crash or a sink error; not bad input). */
  attempts?: number;
}

export interface EnqueueSummary {
  files: number;
  /** Inputs enqueued before with the same content, pipeline and context: skipped. */
  unchanged: number;
  /** Inputs (files) put in new jobs. */
  enqueued: number;
  jobsAdded: number;
  /** Whole files and export records in the jobs added. */
  units: number;
  failures: ReadFailure[];
  elapsedMs: number;
}

const deflate = promisify(deflateRaw);
/** Small whole files share a job up to this many files or bytes (as `warta run` groups them). */
const GROUP_FILES = 16;
const GROUP_BYTES = 1 << 20;
/** Jobs sent to Redis in one `addBulk`. */
const BULK_JOBS = 32;
const BULK_BYTES = 16 << 20;
/** Whole files looked up in the ledger with one command. */
const LOOKUP_FILES = 512;
/** Files read and hashed at once. */
const READ_CONCURRENCY = 8;
/** No output folder to leave out of discovery (enqueue writes none). */
const NO_OUTPUT = path.join(path.sep, '\0');

interface PendingJob {
  id: string;
  data: JobData;
  bytes: number;
  units: number;
  /** Ledger entries to write once the job is in Redis (an export's last job carries its file's). */
  ledger: [key: string, value: string][];
}

/** Jobs on their way to Redis, a bulk at a time; an input is entered in the ledger only once its jobs are added. */
class JobWriter {
  private pending: PendingJob[] = [];
  private pendingBytes = 0;
  added = 0;
  units = 0;

  constructor(
    private readonly queue: Queue<JobData>,
    private readonly redis: Redis,
    private readonly name: string,
    private readonly attempts: number,
  ) {}

  async add(job: PendingJob): Promise<void> {
    this.pending.push(job);
    this.pendingBytes += job.bytes;
    if (this.pending.length >= BULK_JOBS || this.pendingBytes >= BULK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const jobs = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const ids = jobs.map((j) => j.id);
    // a job id Redis holds (an earlier, interrupted enqueue) is not counted as added
    const exists = await this.redis.pipeline(ids.map((id) => ['exists', `${PREFIX}:${this.name}:${id}`])).exec();
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: j.data.kind === 'records' ? j.data.input.displayPath : j.data.kind === 'files' ? j.data.files[0].input.displayPath : '',
        data: j.data,
        opts: { jobId: j.id, attempts: this.attempts, backoff: { type: 'exponential', delay: 1000 } },
      })),
    );
    jobs.forEach((j, i) => {
      if (exists?.[i]?.[1] === 0) {
        this.added++;
        this.units += j.units;
      }
    });
    const ledger = jobs.flatMap((j) => j.ledger);
    if (ledger.length > 0) await this.redis.hset(ledgerKey(this.name), Object.fromEntries(ledger));
  }
}

function contextOf(input: InputFile, info: Stats, config: PipelineConfig, referenceDate: string | undefined): InputContext {
  return {
    displayPath: toPosix(path.relative(process.cwd(), input.file) || input.file),
    idPath: toPosix(path.relative(input.root, input.file) || path.basename(input.file)),
    format: formatOf(input.file)!,
    fileDate: info.mtime.toISOString().slice(0, 10),
    ...(config.fields ? { fields: config.fields } : {}),
    ...(config.max_file_bytes !== undefined ? { maxFileBytes: config.max_file_bytes } : {}),
    ...(referenceDate ? { referenceDate } : {}),
  };
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const toBase64 = async (bytes: Uint8Array) => (await deflate(bytes, { level: 1 })).toString('base64');

/**
 * `warta enqueue`: find the inputs as `warta run` does and add jobs for those the queue has not
 * seen with this content and pipeline: small files in groups, big exports (JSONL, CSV, large JSON
 * arrays) as batches of records cut by the same streaming readers. Each job carries the bytes it
 * needs and the pipeline's text, so workers need no shared disk.
 */
export async function enqueue(options: EnqueueOptions): Promise<EnqueueSummary> {
  const t0 = performance.now();
  const name = checkQueueName(options.name);
  const config = loadPipelineConfig(options.pipeline);
  const pipeline = pipelineOf(config);
  const inputs = await discoverInputs(options.inputs, NO_OUTPUT);
  const redis = await connectRedis(options.queue);
  const queue = new Queue<JobData>(name, { connection: redis, prefix: PREFIX });
  const fresh = options.full ? `${Date.now()}-${process.pid}` : undefined;
  const writer = new JobWriter(queue, redis, name, options.attempts ?? DEFAULT_ATTEMPTS);
  const summary: EnqueueSummary = { files: inputs.length, unchanged: 0, enqueued: 0, jobsAdded: 0, units: 0, failures: [], elapsedMs: 0 };
  const fail = (displayPath: string, error: string) => summary.failures.push({ path: displayPath, record: null, error });
  try {
    const wholeFiles: { input: InputFile; info: Stats; context: InputContext }[] = [];
    const exports: typeof wholeFiles = [];
    for (const input of inputs) {
      const displayPath = toPosix(path.relative(process.cwd(), input.file) || input.file);
      let info: Stats;
      try {
        info = statSync(input.file);
      } catch (error) {
        fail(displayPath, `cannot read: ${(error as Error).message}`);
        continue;
      }
      const context = contextOf(input, info, config, options.referenceDate);
      const limit = fileLimitFor(context.format, config.max_file_bytes);
      if (info.size > limit) fail(displayPath, `file too large: ${info.size} bytes (limit ${limit}; set max_file_bytes in the pipeline)`);
      else (streamsWhole(context.format, info.size, config.max_file_bytes) ? exports : wholeFiles).push({ input, info, context });
    }
    await enqueueWholeFiles(wholeFiles, { pipeline, redis, name, writer, fresh, summary, fail });
    for (const item of exports) await enqueueExport(item.input.file, item.context, config, { pipeline, redis, name, writer, fresh, summary, fail });
    await writer.flush();
  } finally {
    await queue.close();
    redis.disconnect();
  }
  summary.jobsAdded = writer.added;
  summary.units = writer.units;
  summary.failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.record ?? -1) - (b.record ?? -1)));
  summary.elapsedMs = Math.round(performance.now() - t0);
  return summary;
}

interface EnqueueContext {
  pipeline: JobPipeline;
  redis: Redis;
  name: string;
  writer: JobWriter;
  fresh: string | undefined;
  summary: EnqueueSummary;
  fail(displayPath: string, error: string): void;
}

interface ReadFile {
  context: InputContext;
  bytes: Buffer;
  sha256: string;
  key: string;
}

/** Whole files: read and hashed a few at a time (p-queue), looked up in the ledger in chunks, the new ones grouped into jobs in input order. */
async function enqueueWholeFiles(items: { input: InputFile; context: InputContext }[], ctx: EnqueueContext): Promise<void> {
  const reader = new PQueue({ concurrency: READ_CONCURRENCY });
  const readOne = async (item: { input: InputFile; context: InputContext }): Promise<ReadFile | null> => {
    try {
      const bytes = await readFile(item.input.file);
      const hash = sha256(bytes);
      return { context: item.context, bytes, sha256: hash, key: inputKey(ctx.pipeline, item.context, hash) };
    } catch (error) {
      ctx.fail(item.context.displayPath, `cannot read: ${(error as Error).message}`);
      return null;
    }
  };
  // one chunk is read while the one before is looked up and sent: memory holds two chunks' files at most
  const schedule = (start: number) => items.slice(start, start + LOOKUP_FILES).map((item) => reader.add(() => readOne(item)));
  let group: ReadFile[] = [];
  let groupBytes = 0;
  const sendGroup = async () => {
    if (group.length === 0) return;
    const files = group;
    group = [];
    groupBytes = 0;
    const jobFiles: JobFile[] = [];
    for (const f of files) jobFiles.push({ input: f.context, sha256: f.sha256, data: await toBase64(f.bytes) });
    const id = jobId(files.map((f) => f.key), null, ctx.fresh);
    const data: FilesJob = { kind: 'files', pipeline: ctx.pipeline, files: jobFiles };
    const bytes = jobFiles.reduce((n, f) => n + f.data.length, 0);
    await ctx.writer.add({ id, data, bytes, units: files.length, ledger: files.map((f) => [f.key, JSON.stringify({ path: f.context.displayPath, job: id })]) });
  };
  let next = schedule(0);
  for (let start = 0; start < items.length; start += LOOKUP_FILES) {
    const current = next;
    next = schedule(start + LOOKUP_FILES);
    const chunk = (await Promise.all(current)).filter((r): r is ReadFile => r !== null);
    const known = ctx.fresh || chunk.length === 0 ? [] : await ctx.redis.hmget(ledgerKey(ctx.name), ...chunk.map((r) => r.key));
    for (let i = 0; i < chunk.length; i++) {
      if (known[i]) {
        ctx.summary.unchanged++;
        continue;
      }
      ctx.summary.enqueued++;
      group.push(chunk[i]);
      groupBytes += chunk[i].bytes.length;
      if (group.length >= GROUP_FILES || groupBytes >= GROUP_BYTES) await sendGroup();
    }
  }
  await sendGroup();
}

/** One export: hashed first (an unchanged one is skipped without being split), then cut into batches of records, one job each. */
async function enqueueExport(file: string, context: InputContext, config: PipelineConfig, ctx: EnqueueContext): Promise<void> {
  let fileSha: string;
  try {
    fileSha = await hashFile(file);
  } catch (error) {
    ctx.fail(context.displayPath, `cannot read: ${(error as Error).message}`);
    return;
  }
  const key = inputKey(ctx.pipeline, context, fileSha);
  if (!ctx.fresh && (await ctx.redis.hexists(ledgerKey(ctx.name), key))) {
    ctx.summary.unchanged++;
    return;
  }
  let csv: { columns: string[]; delimiter: RecordDelimiter } | undefined;
  let records: Buffer[] = [];
  let units: RecordUnit[] = [];
  let bytes = 0;
  let batch = 0;
  /** The latest job is held back: the file's ledger entry goes with its last job. */
  let held: PendingJob | null = null;
  const send = async () => {
    if (units.length === 0) return;
    const data: RecordsJob = { kind: 'records', pipeline: ctx.pipeline, input: context, sha256: fileSha, ...(csv ? { csv } : {}), units, data: await toBase64(Buffer.concat(records, bytes)) };
    const job: PendingJob = { id: jobId([key], batch++, ctx.fresh), data, bytes: data.data.length, units: units.length, ledger: [] };
    records = [];
    units = [];
    bytes = 0;
    if (held) await ctx.writer.add(held);
    held = job;
  };
  const stream = await streamRecords(
    file,
    context.format as 'jsonl' | 'csv' | 'json',
    { maxRecordBytes: config.max_record_bytes ?? DEFAULT_MAX_RECORD_BYTES, names: fieldNames(context.fields), tmpDir: os.tmpdir() },
    {
      header(columns, delimiter) {
        csv = { columns, delimiter };
      },
      record(record) {
        if (bytes + record.bytes.length > BATCH_BYTES && units.length > 0) {
          const copy = Buffer.from(record.bytes);
          return send().then(() => add(copy, record.index, record.line));
        }
        add(Buffer.from(record.bytes), record.index, record.line);
        if (units.length >= BATCH_RECORDS || bytes >= BATCH_BYTES) return send();
      },
      failure(failure) {
        ctx.summary.failures.push({ path: context.displayPath, ...failure });
      },
    },
  );
  function add(copy: Buffer, index: number, line: number) {
    records.push(copy);
    units.push({ index, line, start: bytes, end: bytes + copy.length });
    bytes += copy.length;
  }
  if (stream.fileFailure) {
    ctx.fail(context.displayPath, stream.fileFailure);
    return;
  }
  await send();
  // a file without a single record is not entered in the ledger: it is looked at again next time
  const last = held as PendingJob | null;
  if (!last) return;
  last.ledger.push([key, JSON.stringify({ path: context.displayPath, jobs: batch })]);
  await ctx.writer.add(last);
  ctx.summary.enqueued++;
}
