import { existsSync, statSync, type Stats } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_RECORD_BYTES, fileLimitFor, formatOf, streamsWhole, toPosix, type ReadFailure } from '../ingest/readers.js';
import { STREAMED_FORMATS } from '../ingest/stream-records.js';
import { ConfigError, DEFAULT_MAX_ARTICLE_SECONDS, loadPipelineConfig, type StageOverrides } from '../pipeline.js';
import { DATA_FILES, FileSink } from '../sinks/files.js';
import { clearInPlaceJournal, InPlaceUpdate, type InPlaceStep } from '../sinks/in-place.js';
import { PrefixCopy } from '../sinks/prefix-copy.js';
import { openSinks } from '../sinks/open.js';
import type { Sink } from '../sinks/sink.js';
import { syncSink } from '../sinks/sync.js';
import { createReportBuilder } from '../report/index.js';
import type { RunSummary } from '../summary.js';
import { VERSION } from '../version.js';
import { anyUsesFileDate, ArticleColumns, SegmentNames, type ArticleRange, type ArticleTable } from './article-table.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import { discoverInputs } from './discover.js';
import { fingerprintOf } from './fingerprint.js';
import { Dispatcher } from './dispatch.js';
import { LARGE_HEAP_MB, WORKER_HEAP_MB } from './thread-limits.js';
import { feedExport, type FeedResult } from './feed.js';
import { acquireLock } from './lock.js';
import { GcClock } from './gc-clock.js';
import { PhaseClock } from './phases.js';
import { loadOutputIndex, saveOutputIndex } from './output-index.js';
import { LiveArticles } from './outputs.js';
import { rewriteOutputs, type EarlyCopy, type Rewritten } from './rewrite.js';
import type { Reporter } from './progress.js';
import { emptyState, loadArticles, loadState, saveArticles, saveState, segmentsReferenced, type InputState, type RunState, type StoredFailure } from './state.js';
import { removeSegmentsExcept, SegmentReader } from './store.js';
import type { FilesTask, FileUnit, InputContext, UnitResult } from './task.js';

export type { RunSummary } from '../summary.js';

export interface RunOptions {
  inputs: string[];
  outputDir: string;
  pipeline?: string;
  concurrency?: number;
  full?: boolean;
  referenceDate?: string;
  gazetteers?: string[];
  /** Database sinks (`sqlite:PATH`, `postgres://…`), besides those of the pipeline file. */
  sinks?: string[];
  /** Write `report.html` (default true). */
  report?: boolean;
  /**
   * Replace the data files whole (temporary files renamed over them) even when the last output
   * could be updated where it lies: readers never see a file mid-update, at the cost of copying it.
   */
  atomicOutputs?: boolean;
  reporter: Reporter;
  /** Awaited after each step of an in-place update of the outputs (crash tests stop the process there). */
  onInPlaceStep?: (step: InPlaceStep) => Promise<void>;
}

/** Articles per database transaction when a run brings its sinks up to date (`WARTA_SINK_BATCH` overrides it). */
const SINK_BATCH = Number(process.env.WARTA_SINK_BATCH) || 500;


const STATE_DIR = '.warta';
/** Small whole files travel to workers in groups (one message and one segment write per group). */
const GROUP_FILES = 16;
const GROUP_BYTES = 1 << 20;

/** A SQLite path in the pipeline file is relative to the file's folder, as paths in stage options are. */
function pipelineRelative(spec: string, pipelineFile: string): string {
  const m = /^sqlite:(?!\/\/)(.+)$/.exec(spec);
  if (!m || path.isAbsolute(m[1]) || m[1] === ':memory:') return spec;
  return `sqlite:${path.resolve(path.dirname(pipelineFile), m[1])}`;
}

/** New, or its size or modification time moved since the last run: the file is read. */
const moved = (old: InputState | undefined, info: Stats) => !old || old.size !== info.size || old.mtimeMs !== info.mtimeMs;

const publicFailure = ({ hash: _hash, ...failure }: StoredFailure): ReadFailure => failure;

export async function run(options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const t0 = performance.now();
  const phases = new PhaseClock();
  phases.enter('open');
  const { reporter } = options;
  const config = loadPipelineConfig(options.pipeline);
  const overrides: StageOverrides = {};
  if (options.gazetteers?.length) overrides.entities = { gazetteers: options.gazetteers.map((g) => path.resolve(g)) };
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const outputDir = path.resolve(options.outputDir);
  const stateDir = path.join(outputDir, STATE_DIR);
  const segmentDir = path.join(stateDir, 'segments');
  const tmpDir = path.join(stateDir, 'tmp');

  // A database that cannot be reached fails the run here, before anything is read or analysed.
  const sinkSpecs = [...new Set([...(config.sinks ?? []).map((spec) => pipelineRelative(spec, config.file)), ...(options.sinks ?? [])])];
  const databases: Sink[] = await openSinks(sinkSpecs);
  const closeDatabases = async () => {
    for (const sink of databases) await sink.close().catch(() => {});
  };
  let inputs: Awaited<ReturnType<typeof discoverInputs>>;
  try {
    inputs = await discoverInputs(options.inputs, outputDir);
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    await closeDatabases();
    throw error;
  }
  const release = acquireLock(path.join(stateDir, 'lock'), (pid) =>
    reporter.warn(`taking over a stale lock left by a run that is gone (pid ${Number.isNaN(pid) ? 'unknown' : pid})`),
  );
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const mainGc = new GcClock();
  try {
    return await runLocked();
  } finally {
    mainGc.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    release();
    await closeDatabases();
  }

  async function runLocked(): Promise<RunSummary> {
    // Holding the lock, any temporary file here is a killed run's leftover.
    for (const name of await readdir(outputDir)) if (/\.tmp-\d+$/.test(name)) await rm(path.join(outputDir, name), { force: true });
    for (const name of await readdir(stateDir)) if (/\.tmp-\d+$/.test(name)) await rm(path.join(stateDir, name), { force: true });
    await rm(tmpDir, { recursive: true, force: true });
    await mkdir(tmpDir, { recursive: true });
    // the fragment store before segments: one file per article
    await rm(path.join(stateDir, 'docs'), { recursive: true, force: true });
    phases.enter('state');
    const fingerprint = fingerprintOf(config.file, overrides, options.referenceDate);
    const stateFile = path.join(stateDir, 'state.json');
    const tableFile = path.join(stateDir, 'articles.bin');
    const indexFile = path.join(stateDir, 'outputs.bin');
    const journalFile = path.join(stateDir, 'in-place.json');
    // outputs updated in place by a run that did not finish (or before a restart): rewritten from the stored articles
    const spoiled = InPlaceUpdate.spoiled(journalFile);
    if (spoiled) {
      const what = spoiled.finished_at ? 'the machine restarted after the last run updated the outputs in place' : 'the last run stopped while it updated the outputs in place';
      reporter.warn(`${what}: writing them anew`);
    }
    // Segments the saved state does not refer to are a killed run's (or an old layout's) leftovers.
    removeSegmentsExcept(segmentDir, segmentsReferenced(stateFile));
    let previous: RunState = options.full ? emptyState(fingerprint) : loadState(stateFile, fingerprint);

    // Size and modification time decide most files without reading them; stat is synchronous
    // because a promise per file costs more than the system call on huge unchanged folders.
    const failures: StoredFailure[] = [];
    const stats = new Map<string, Stats>();
    let bytesToRead = 0;
    for (const input of inputs) {
      try {
        const info = statSync(input.file);
        stats.set(input.file, info);
        const old = previous.inputs[input.file];
        if (moved(old, info)) bytesToRead += info.size;
      } catch (error) {
        failures.push({ path: toPosix(path.relative(process.cwd(), input.file)), record: null, error: `cannot read: ${(error as Error).message}` });
      }
    }
    const present = new Set(inputs.map((i) => i.file));
    const outputsUnusable = spoiled !== null || DATA_FILES.some((f) => !existsSync(path.join(outputDir, f)));
    const deleted = Object.keys(previous.inputs).filter((file) => !present.has(file) || !stats.has(file));
    // not `bytesToRead > 0`: a file emptied since the last run has no bytes to read
    const anyChanged = [...stats].some(([file, info]) => moved(previous.inputs[file], info));
    // The article table is read only when something may change; a damaged one means a full run.
    // Database sinks are compared with the output on every run (a killed sync converges on the next one).
    const needsTable = anyChanged || deleted.length > 0 || outputsUnusable || options.full === true || databases.length > 0;
    const names = new SegmentNames();
    let oldArticles: ArticleTable = new Map();
    if (needsTable && Object.keys(previous.inputs).length > 0) {
      const loaded = loadArticles(tableFile, previous, names);
      if (loaded) oldArticles = loaded;
      else previous = emptyState(fingerprint);
    }

    const next: RunState = { version: previous.version, fingerprint, inputs: {}, segments: [] };
    const nextArticles: ArticleTable = new Map();
    /** Articles of whole files (one or a few per file) share one column store. */
    const smallFiles = new ArticleColumns();
    const stageMs: Record<string, number> = {};
    const addStageMs = (ms: Record<string, number>) => {
      for (const [stage, v] of Object.entries(ms)) stageMs[stage] = (stageMs[stage] ?? 0) + v;
    };
    let filesChanged = 0;
    let filesUnchanged = 0;
    let processed = 0;
    let unchanged = 0;
    let inputBytes = 0;
    let bytesRead = 0;
    let contentChanged = deleted.length > 0;
    let stateDirty = previous.fingerprint !== fingerprint || Object.keys(previous.inputs).length === 0 || needsTable;
    let setupError: string | undefined;
    const seen = () => processed + unchanged;

    const runTag = `${Date.now().toString(36)}-${process.pid}`;
    // the report's figures are gathered by the workers, over the articles they render
    const gathered = options.report === false ? null : createReportBuilder();
    const dispatcher = new Dispatcher({
      concurrency,
      setup: { pipelineFile: config.file, overrides, segmentDir, runTag, report: gathered !== null },
      heapMb: WORKER_HEAP_MB,
      largeHeapMb: LARGE_HEAP_MB,
      articleSeconds: config.max_article_seconds ?? DEFAULT_MAX_ARTICLE_SECONDS,
      // one batch running and one waiting per worker keeps every core busy with bounded memory
      maxInFlight: concurrency * 2,
    });

    const displayOf = (file: string) => toPosix(path.relative(process.cwd(), file) || file);
    const contextOf = (input: { file: string; root: string }, info: Stats): InputContext => ({
      displayPath: displayOf(input.file),
      idPath: toPosix(path.relative(input.root, input.file) || path.basename(input.file)),
      format: formatOf(input.file)!,
      fileDate: info.mtime.toISOString().slice(0, 10),
      fields: config.fields,
      maxFileBytes: config.max_file_bytes,
      referenceDate: options.referenceDate,
    });

    function keep(file: string, state: InputState, articles: ArticleRange | undefined) {
      filesUnchanged++;
      unchanged += state.articles;
      failures.push(...state.failures);
      next.inputs[file] = state;
      if (articles) nextArticles.set(file, articles);
    }

    function failFile(file: string, failure: ReadFailure) {
      failures.push(failure);
      if (previous.inputs[file]) contentChanged = true;
    }

    function remember(file: string, state: InputState, articles: ArticleRange) {
      // A file that produced nothing at all is not remembered, so it is retried next run.
      if (articles.count === 0) return;
      next.inputs[file] = state;
      nextArticles.set(file, articles);
    }

    // ---- whole files (.txt, .json, .html), in groups
    let group: { unit: FileUnit; info: Stats }[] = [];
    let groupBytes = 0;
    const fileDone = (file: string, info: Stats, unit: UnitResult) => {
      const old = previous.inputs[file];
      bytesRead += info.size;
      if (unit.unreadable) failFile(file, unit.failures[0]);
      else if (unit.unchanged && old) {
        keep(file, { ...old, mtimeMs: info.mtimeMs }, oldArticles.get(file));
      } else {
        filesChanged++;
        // a file that yields no article, now as before (it is not remembered), changes no output row
        if (old || unit.docs.length > 0) contentChanged = true;
        inputBytes += unit.bytes ?? 0;
        processed += unit.docs.length;
        failures.push(...unit.failures);
        const start = smallFiles.count;
        for (const { id, record, line, location, hash, usesFileDate } of unit.docs) {
          smallFiles.add({ id, record, line, segment: names.numberOf(location.segment), offset: location.offset, length: location.length, hash, usesFileDate });
        }
        const fileDate = info.mtime.toISOString().slice(0, 10);
        const articles = { columns: smallFiles, start, count: unit.docs.length };
        remember(file, { size: info.size, mtimeMs: info.mtimeMs, sha256: unit.sha256 ?? '', fileDate, articles: articles.count, failures: unit.failures }, articles);
      }
      reporter.tick(seen(), bytesRead);
    };
    const sendGroup = async () => {
      if (group.length === 0) return;
      const sent = group;
      group = [];
      groupBytes = 0;
      const task: FilesTask = { kind: 'files', units: sent.map((g) => g.unit) };
      await dispatcher.submit(task, (result) => {
        if (result.setupError !== undefined) {
          setupError ??= result.setupError;
          return;
        }
        addStageMs(result.stageMs);
        if (result.report) gathered?.merge(result.report);
        result.units.forEach((unit, i) => fileDone(sent[i].unit.absolutePath, sent[i].info, unit));
      });
    };

    // ---- streamed exports (.jsonl, .csv), record by record
    const feeds: { file: string; info: Stats; result: () => FeedResult }[] = [];
    const finishFeed = (file: string, info: Stats, feed: FeedResult) => {
      const old = previous.inputs[file];
      if (feed.setupError !== undefined) setupError ??= feed.setupError;
      addStageMs(feed.stageMs);
      if (feed.stream.fileFailure) {
        failFile(file, { path: displayOf(file), record: null, error: feed.stream.fileFailure });
        return;
      }
      const same = feed.analysed === 0 && old?.sha256 === feed.stream.sha256 && feed.articles.count === (oldArticles.get(file)?.count ?? 0);
      if (same) filesUnchanged++;
      else {
        filesChanged++;
        if (old || feed.articles.count > 0) contentChanged = true;
      }
      // a whole export analysed counts its file size; an appended one the records analysed
      inputBytes += feed.reused === 0 ? feed.stream.bytes : feed.analysedBytes;
      processed += feed.analysed;
      unchanged += feed.reused;
      failures.push(...feed.failures);
      const fileDate = info.mtime.toISOString().slice(0, 10);
      const articles = { columns: feed.articles, start: 0, count: feed.articles.count };
      const state: InputState = { size: info.size, mtimeMs: info.mtimeMs, sha256: feed.stream.sha256, fileDate, articles: articles.count, failures: feed.failures };
      if (feed.stream.tail) state.tail = feed.stream.tail;
      remember(file, state, articles);
    };

    /**
     * While the workers analyse what changed, copy the last output's leading articles that are
     * known to stay (unchanged inputs, reused records) into the new files: for an appended export
     * that is nearly all of them. Only started when analysis is pending (a rewrite is coming).
     */
    let early: EarlyCopy | null = null;
    function startPrefixCopy(resumed?: { file: string; sha256: string }): typeof early {
      // without --atomic-outputs, the last output is updated in place once every article is in
      if (early || !options.atomicOutputs || options.full || outputsUnusable || setupError !== undefined || !(resumed || dispatcher.busy)) return early;
      const index = loadOutputIndex(indexFile, outputDir, names);
      if (!index) return null;
      // segment number → offset → the file's sha256 (offsets stay small integers: fast keys)
      const shas = new Map<number, Map<number, string>>();
      const add = (range: ArticleRange | undefined, sha: string) => {
        if (!range) return;
        const { columns, start, count } = range;
        for (let i = start; i < start + count; i++) {
          let inSegment = shas.get(columns.segments[i]);
          if (!inSegment) shas.set(columns.segments[i], (inSegment = new Map()));
          inSegment.set(columns.offsets[i], sha);
        }
      };
      // inputs whose size and modification time did not change are kept as they are
      for (const input of inputs) {
        const old = previous.inputs[input.file];
        const info = stats.get(input.file);
        if (old && info && old.size === info.size && old.mtimeMs === info.mtimeMs) add(oldArticles.get(input.file), old.sha256);
      }
      for (const [file, range] of nextArticles) add(range, next.inputs[file].sha256);
      if (resumed) add(oldArticles.get(resumed.file), resumed.sha256);
      for (const feed of feeds) {
        const { stream, articles } = feed.result();
        if (!stream.fileFailure) add({ columns: articles, start: 0, count: articles.count }, stream.sha256);
      }
      const kept: string[] = [];
      for (let count = 0; count < index.keys.length; count++) {
        const key = index.keys[count];
        const sha = shas.get(Math.floor(key / 2 ** 32))?.get(key % 2 ** 32);
        if (sha === undefined) break;
        kept.push(sha);
      }
      // the old files are copied whole and cut back: worth it when most of them stays
      if (kept.length === 0 || kept.length * 2 < index.keys.length) return null;
      const shaOf = (p: number) => kept[p];
      return { copy: new PrefixCopy(outputDir, DATA_FILES, index.layout, kept.length, shaOf), index, count: kept.length, shaOf };
    }

    reporter.phase(`${inputs.length} input file${inputs.length === 1 ? '' : 's'} found`);
    reporter.start(inputs.length, bytesToRead);
    phases.enter('read');
    try {
      for (const input of inputs) {
        if (setupError !== undefined) break;
        const info = stats.get(input.file);
        if (!info) continue;
        const old = previous.inputs[input.file];
        if (old && !moved(old, info)) {
          keep(input.file, old, oldArticles.get(input.file));
          reporter.tick(seen(), bytesRead);
          continue;
        }
        const context = contextOf(input, info);
        if (streamsWhole(context.format, info.size, config.max_file_bytes)) {
          const limit = fileLimitFor(context.format, config.max_file_bytes);
          if (STREAMED_FORMATS.has(context.format) && info.size > limit) {
            failFile(input.file, { path: context.displayPath, record: null, error: `file too large: ${info.size} bytes (limit ${limit}; set max_file_bytes in the pipeline)` });
            reporter.tick(seen(), (bytesRead += info.size));
            continue;
          }
          // a changed export almost always has records to analyse: start the workers while it is read
          dispatcher.warmUp();
          const readBefore = bytesRead;
          const seenBefore = seen();
          const result = await feedExport({
            absolutePath: input.file,
            input: context,
            maxRecordBytes: config.max_record_bytes ?? DEFAULT_MAX_RECORD_BYTES,
            tmpDir,
            previous: old ? { articles: oldArticles.get(input.file) ?? null, failures: old.failures, fileDate: old.fileDate, size: old.size, sha256: old.sha256, tail: old.tail } : null,
            dispatcher,
            segments: names,
            onProgress: (bytes, records) => reporter.advance(seenBefore + records, readBefore + bytes),
            onReport: (data) => gathered?.merge(data),
            onResumed: (sha256) => {
              early = startPrefixCopy({ file: input.file, sha256 });
            },
          });
          bytesRead = readBefore + info.size;
          feeds.push({ file: input.file, info, result });
          reporter.tick(seen(), bytesRead);
          continue;
        }
        const limit = fileLimitFor(context.format, config.max_file_bytes);
        if (info.size > limit) {
          failFile(input.file, { path: context.displayPath, record: null, error: `file too large: ${info.size} bytes (limit ${limit}; set max_file_bytes in the pipeline)` });
          reporter.tick(seen(), (bytesRead += info.size));
          continue;
        }
        // same bytes are not analysed again, unless a date in them hangs on the file date and that moved
        const sameAnalysis = old !== undefined && (old.fileDate === context.fileDate || !anyUsesFileDate(oldArticles.get(input.file)));
        group.push({ unit: { input: context, absolutePath: input.file, previousSha256: sameAnalysis ? old.sha256 : undefined }, info });
        groupBytes += info.size;
        if (group.length >= GROUP_FILES || groupBytes >= GROUP_BYTES) await sendGroup();
      }
      await sendGroup();
      early ??= startPrefixCopy();
      phases.enter('analyse');
      await dispatcher.drain();
      for (const feed of feeds) finishFeed(feed.file, feed.info, feed.result());
    } catch (error) {
      early?.copy.abort();
      await dispatcher.destroy();
      throw error;
    }
    // the workers end while the outputs are written (awaited before the run returns)
    const stopping = dispatcher.destroy();
    stopping.catch(() => {}); // awaited below; a run that fails before then exits anyway
    reporter.stop();
    if (setupError !== undefined) {
      early?.copy.abort();
      await stopping;
      throw new ConfigError(`pipeline ${toPosix(path.relative(process.cwd(), config.file))}: ${setupError}`);
    }

    let filesDeleted = 0;
    for (const file of Object.keys(previous.inputs)) {
      if (!next.inputs[file]) {
        contentChanged = true;
        if (!present.has(file)) filesDeleted++;
      }
    }

    phases.enter('order');
    const rewrite = outputsUnusable || contentChanged || options.full === true;
    const files = new FileSink(outputDir);
    let written = 0;
    // every article of the output, in output order: what the files and every sink hold
    const live = rewrite || databases.length > 0 ? new LiveArticles(next, nextArticles) : null;
    let rewritten: Rewritten | null = null;
    if (rewrite && live) {
      next.duplicates = live.duplicates;
      written = live.size;
      reporter.phase(`writing ${written} article${written === 1 ? '' : 's'} to ${toPosix(path.relative(process.cwd(), outputDir) || '.')}`);
      rewritten = await rewriteOutputs(files, {
        outputDir,
        segmentDir,
        indexFile,
        journalFile,
        names,
        live,
        oldShaOf: (k) => previous.inputs[live.sourceFile(k)]?.sha256,
        early,
        inPlace: !options.atomicOutputs && !options.full && !outputsUnusable,
        phases,
        reporter,
        onInPlaceStep: options.onInPlaceStep,
      });
      early = null;
    } else {
      // nothing an id depends on changed: the last run's duplicates still hold
      next.duplicates = previous.duplicates ?? [];
      written = previous.written ?? 0;
    }
    early?.copy.abort();
    next.written = written;
    failures.push(...next.duplicates);
    phases.enter('save');
    if (stateDirty || rewrite) {
      const segments = new Set<number>();
      for (const { columns, start, count } of nextArticles.values()) for (let i = start; i < start + count; i++) segments.add(columns.segments[i]);
      next.segments = [...segments].map((n) => names.names[n]).sort();
      saveArticles(tableFile, nextArticles, names);
      await saveState(stateFile, next);
      removeSegmentsExcept(segmentDir, new Set(next.segments));
    }
    // saved after the state: an index that matches the files always comes with the state that describes them
    if (rewritten && live) saveOutputIndex(indexFile, outputDir, live, rewritten.layout, names);
    if (rewritten?.inPlace) await rewritten.inPlace.finish();
    else if (rewritten && existsSync(journalFile)) clearInPlaceJournal(journalFile);
    await rm(tmpDir, { recursive: true, force: true });
    phases.enter('stop_workers');
    await stopping;

    const sinkResults: NonNullable<RunSummary['sinks']> = [];
    let report = gathered;
    // an article of this run that lost its id to another is not in the output: count again without it
    const recount = report !== null && live !== null && processed > 0 && live.countInSegments(runTag, names) !== report.data.articles;
    if (recount) report = createReportBuilder();
    if (live && (databases.length > 0 || recount)) {
      phases.enter('sinks');
      const reader = new SegmentReader(segmentDir);
      try {
        for (const sink of databases) {
          reporter.phase(`bringing ${sink.name} up to date`);
          try {
            const result = await syncSink(sink, live.sinkArticles(reader, names), { batchSize: SINK_BATCH });
            sinkResults.push({ name: sink.name, written: result.written, deleted: result.deleted, unchanged: result.unchanged });
          } catch (error) {
            // the sink keeps its committed batches; the next run finishes the job
            sinkResults.push({ name: sink.name, written: 0, deleted: 0, unchanged: 0, error: (error as Error).message });
          }
        }
        if (report && recount) for (const record of live.recordsInSegments(runTag, reader, names)) report.add(record);
      } finally {
        reader.close();
      }
    }

    phases.enter('finish');
    const reported = failures.map(publicFailure);
    reported.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.record ?? -1) - (b.record ?? -1)));
    const elapsed = performance.now() - t0;
    const summary: RunSummary = {
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      elapsed_ms: Math.round(elapsed),
      warta_version: VERSION,
      pipeline: { name: config.name, file: toPosix(path.relative(process.cwd(), config.file)), stages: config.stages.map((s) => s.stage) },
      output: toPosix(path.relative(process.cwd(), outputDir) || '.'),
      concurrency,
      counts: {
        files: inputs.length,
        files_changed: filesChanged,
        files_unchanged: filesUnchanged,
        files_deleted: filesDeleted,
        seen: processed + unchanged,
        processed,
        unchanged,
        failed: reported.length,
        written,
      },
      failures: reported,
      input_bytes: inputBytes,
      docs_per_second: elapsed > 0 ? Math.round((processed / elapsed) * 1000 * 10) / 10 : 0,
      mb_per_second: elapsed > 0 ? Math.round((inputBytes / 1e6 / (elapsed / 1000)) * 100) / 100 : 0,
      stage_ms: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, Math.round(v)])),
      phase_ms: phases.snapshot(),
      outputs_rewritten: rewrite,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      gc_ms: { workers: Math.round(dispatcher.gcMs), main: Math.round(mainGc.ms) },
    };
    if (sinkSpecs.length > 0) summary.sinks = sinkResults;
    await files.recordRun(summary);
    if (report) {
      const scope = `${processed} article${processed === 1 ? '' : 's'} analysed in this run (${written} in the output)`;
      await writeFileAtomic(path.join(outputDir, 'report.html'), report.render(summary, { scope }));
    }
    // one result per database, in order
    for (const [i, sink] of databases.entries()) {
      if (sinkResults[i].error !== undefined) continue;
      try {
        await sink.recordRun(summary);
      } catch (error) {
        sinkResults[i].error = `recording the run: ${(error as Error).message}`;
      }
    }
    return summary;
  }
}
