import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { statSync, type Stats } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { Piscina } from 'piscina';
import { DEFAULT_MAX_FILE_BYTES, formatOf, toPosix, type ReadFailure } from '../ingest/readers.js';
import { ConfigError, loadPipelineConfig, type StageOverrides } from '../pipeline.js';
import { DATA_FILES, writeDataFiles } from '../sinks/writer.js';
import { writeFileAtomic } from './atomic.js';
import { discoverInputs } from './discover.js';
import { acquireLock } from './lock.js';
import type { Reporter } from './progress.js';
import { loadState, saveState, type InputState, type RunState } from './state.js';
import { FragmentStore } from './store.js';
import type { FileResult, FileTask } from './task.js';
import { VERSION } from '../version.js';
import type { RunSummary } from '../summary.js';

export type { RunSummary } from '../summary.js';

export interface RunOptions {
  inputs: string[];
  outputDir: string;
  pipeline?: string;
  concurrency?: number;
  full?: boolean;
  referenceDate?: string;
  gazetteers?: string[];
  reporter: Reporter;
}


const STATE_DIR = '.warta';
/** Old-generation heap per worker (MB); `WARTA_WORKER_HEAP_MB` overrides it for unusually large input files. */
const WORKER_HEAP_MB = Number(process.env.WARTA_WORKER_HEAP_MB) || 256;

function fingerprintOf(pipelineFile: string, overrides: StageOverrides, referenceDate: string | undefined): string {
  const hash = createHash('sha256');
  hash.update(VERSION);
  hash.update(readFileSync(pipelineFile));
  for (const file of overrides.entities?.gazetteers as string[] | undefined ?? []) {
    hash.update(file);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  hash.update(JSON.stringify(overrides));
  hash.update(referenceDate ?? '');
  return hash.digest('hex');
}

export async function run(options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const t0 = performance.now();
  const { reporter } = options;
  const config = loadPipelineConfig(options.pipeline);
  const overrides: StageOverrides = {};
  if (options.gazetteers?.length) overrides.entities = { gazetteers: options.gazetteers.map((g) => path.resolve(g)) };
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const outputDir = path.resolve(options.outputDir);
  const stateDir = path.join(outputDir, STATE_DIR);

  const inputs = await discoverInputs(options.inputs, outputDir);
  await mkdir(stateDir, { recursive: true });
  const release = acquireLock(path.join(stateDir, 'lock'), (pid) =>
    reporter.warn(`taking over a stale lock left by a run that is gone (pid ${Number.isNaN(pid) ? 'unknown' : pid})`),
  );
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runLocked();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    release();
  }

  async function runLocked(): Promise<RunSummary> {
    // Holding the lock, any temporary file here is a killed run's leftover.
    for (const name of await readdir(outputDir)) if (/\.tmp-\d+$/.test(name)) await rm(path.join(outputDir, name), { force: true });
    for (const name of await readdir(stateDir)) if (/\.tmp-\d+$/.test(name)) await rm(path.join(stateDir, name), { force: true });
    const fingerprint = fingerprintOf(config.file, overrides, options.referenceDate);
    const stateFile = path.join(stateDir, 'state.json');
    const previous: RunState = options.full ? { version: 1, fingerprint, inputs: {} } : loadState(stateFile, fingerprint);
    const next: RunState = { version: previous.version, fingerprint, inputs: {} };
    const store = new FragmentStore(path.join(stateDir, 'docs'));
    store.prepare();
    const maxBytes = config.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES;

    reporter.phase(`${inputs.length} input file${inputs.length === 1 ? '' : 's'} found`);
    const failures: ReadFailure[] = [];
    const stageMs: Record<string, number> = {};
    let filesChanged = 0;
    let filesUnchanged = 0;
    let processed = 0;
    let unchanged = 0;
    let inputBytes = 0;
    const staleKeys = new Set<string>();
    let setupError: string | undefined;
    let stateDirty = previous.fingerprint !== fingerprint || Object.keys(previous.inputs).length === 0;

    // Started on the first changed file: a run over unchanged inputs never pays for worker start-up.
    let pool: Piscina | null = null;
    const workers = () =>
      (pool ??= new Piscina({
        filename: new URL('./worker.js', import.meta.url).href,
        minThreads: concurrency,
        maxThreads: concurrency,
        idleTimeout: 1000,
        // V8 sizes a worker's heap from the machine's memory and collects lazily: workers sat on
        // 150-300 MB of garbage each. Live data (models, gazetteers, one input file) is far smaller.
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      }));
    // Reads are bounded so memory stays flat however many files there are.
    const queue = new PQueue({ concurrency: concurrency * 4 });
    reporter.start(inputs.length);

    const handle = async ({ file, root }: { file: string; root: string }, info: Stats, old: InputState | undefined) => {
      const displayPath = toPosix(path.relative(process.cwd(), file) || file);
      const failFile = (error: string) => {
        failures.push({ path: displayPath, record: null, error });
        if (old) for (const doc of old.docs) staleKeys.add(doc.key);
      };
      if (info.size > maxBytes) {
        failFile(`file too large: ${info.size} bytes (limit ${maxBytes}; set max_file_bytes in the pipeline)`);
        return;
      }
      const task: FileTask = {
        absolutePath: file,
        storeDir: store.dir,
        displayPath,
        idPath: toPosix(path.relative(root, file) || path.basename(file)),
        format: formatOf(file)!,
        previousSha256: old?.sha256,
        fileDate: info.mtime.toISOString().slice(0, 10),
        pipelineFile: config.file,
        overrides,
        fields: config.fields,
        maxBytes,
        referenceDate: options.referenceDate,
      };
      let result: FileResult;
      try {
        result = (await workers().run(task)) as FileResult;
      } catch (error) {
        failFile(`analysis crashed: ${(error as Error).message}`);
        return;
      }
      if (result.unreadable) {
        failFile(result.failures[0].error);
        return;
      }
      if (result.unchanged && old) {
        keepUnchanged(file, { ...old, mtimeMs: info.mtimeMs });
        stateDirty = true;
        return;
      }
      if (result.setupError !== undefined) {
        setupError ??= result.setupError;
        queue.clear();
        return;
      }
      filesChanged++;
      stateDirty = true;
      inputBytes += result.bytes;
      const docs: InputState['docs'] = result.stored;
      if (old) {
        const kept = new Set(docs.map((d) => d.key));
        for (const doc of old.docs) if (!kept.has(doc.key)) staleKeys.add(doc.key);
      }
      for (const [stage, ms] of Object.entries(result.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
      failures.push(...result.failures);
      processed += docs.length;
      // A file that produced nothing at all is not remembered, so it is retried next run.
      if (docs.length > 0) next.inputs[file] = { size: info.size, mtimeMs: info.mtimeMs, sha256: result.sha256, docs, failures: result.failures };
    };

    function keepUnchanged(file: string, state: InputState) {
      filesUnchanged++;
      unchanged += state.docs.length;
      failures.push(...state.failures);
      next.inputs[file] = state;
    }

    try {
      for (const input of inputs) {
        if (setupError !== undefined) break;
        const old = previous.inputs[input.file];
        // Size and modification time decide most files without reading them; stat is synchronous
        // because a promise per file costs more than the system call on huge unchanged folders.
        let info: Stats;
        try {
          info = statSync(input.file);
        } catch (error) {
          failures.push({ path: toPosix(path.relative(process.cwd(), input.file)), record: null, error: `cannot read: ${(error as Error).message}` });
          if (old) for (const doc of old.docs) staleKeys.add(doc.key);
          continue;
        }
        if (old && old.size === info.size && old.mtimeMs === info.mtimeMs) {
          keepUnchanged(input.file, old);
          reporter.tick(processed + unchanged);
          continue;
        }
        await queue.onSizeLessThan(concurrency * 8);
        queue.add(async () => {
          await handle(input, info, old);
          reporter.tick(processed + unchanged);
        });
      }
      await queue.onIdle();
    } finally {
      await (pool as Piscina | null)?.destroy();
    }
    reporter.stop();
    if (setupError !== undefined) throw new ConfigError(`pipeline ${toPosix(path.relative(process.cwd(), config.file))}: ${setupError}`);

    let filesDeleted = 0;
    const present = new Set(inputs.map((i) => i.file));
    for (const [file, old] of Object.entries(previous.inputs)) {
      if (!next.inputs[file]) {
        if (!present.has(file)) filesDeleted++;
        for (const doc of old.docs) staleKeys.add(doc.key);
      }
    }

    // Sorted by id; an id claimed twice keeps its first claimant (by path, then record) and fails the rest.
    const claims: { id: string; file: string; record: number | null; key: string }[] = [];
    for (const [file, state] of Object.entries(next.inputs)) for (const doc of state.docs) claims.push({ ...doc, file });
    claims.sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : (a.record ?? -1) - (b.record ?? -1),
    );
    const keys: string[] = [];
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i];
      if (i > 0 && claims[i - 1].id === claim.id) {
        failures.push({
          path: toPosix(path.relative(process.cwd(), claim.file)),
          record: claim.record,
          error: `duplicate article id ${JSON.stringify(claim.id)} (already used by ${toPosix(path.relative(process.cwd(), claims[i - 1].file))}); this record was not written`,
        });
        continue;
      }
      keys.push(claim.key);
    }

    const outputsMissing = DATA_FILES.some((f) => !existsSync(path.join(outputDir, f)));
    const rewrite = outputsMissing || filesChanged > 0 || staleKeys.size > 0 || options.full === true;
    if (rewrite) {
      reporter.phase(`writing ${keys.length} article${keys.length === 1 ? '' : 's'} to ${toPosix(path.relative(process.cwd(), outputDir) || '.')}`);
      await writeDataFiles(outputDir, keys, (key) => store.get(key));
    }
    if (stateDirty || rewrite) await saveState(path.join(stateDir, 'state.json'), next);
    const live = new Set(keys);
    for (const key of staleKeys) if (!live.has(key)) await store.delete(key);

    failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.record ?? -1) - (b.record ?? -1)));
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
        failed: failures.length,
        written: keys.length,
      },
      failures,
      input_bytes: inputBytes,
      docs_per_second: elapsed > 0 ? Math.round((processed / elapsed) * 1000 * 10) / 10 : 0,
      mb_per_second: elapsed > 0 ? Math.round((inputBytes / 1e6 / (elapsed / 1000)) * 100) / 100 : 0,
      stage_ms: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, Math.round(v)])),
      outputs_rewritten: rewrite,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    };
    await writeFileAtomic(path.join(outputDir, 'run.json'), JSON.stringify(summary, null, 2) + '\n');
    return summary;
  }
}
