/**
 * The "one big JSONL export" bench case: one Indonesian JSONL file (default 9,970 articles, like
 * the real 31.5 MB export of issue 10), analysed by `warta run` as a child process with 1 worker
 * and with all cores, in alternation; optionally (`--export-scale`) peak RSS at 100k/200k/300k
 * records and the re-runs after appending 1,000 records to a 100,000-record file (also alone:
 * `--export-append-only`).
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { generateBigExport } from './big-export-corpus.js';
import { measureNode, type ChildMeasurement } from './measure.js';

export interface ExportBenchOptions {
  cli: string;
  cwd: string;
  work: string;
  seed: number;
  cores: number;
  /** Records of the export measured with 1 worker and all cores. */
  records: number;
  /** Runs per worker count (alternating), the median is reported. */
  repeat: number;
  /** Also measure peak RSS at these sizes and the appended re-run. */
  scale: boolean;
  scaleRecords: number[];
  appendBase: number;
  appendRecords: number;
  /** Appends (each followed by a re-run, and by a run over the appended records alone). */
  appendReruns: number;
  /** Only the appended re-runs (no 1-vs-all-cores runs, no peak RSS). */
  appendOnly?: boolean;
  /** Scale runs with normalize + structure only (to isolate the runner on a slow machine). */
  light: boolean;
  /** Node/V8 flags for every `warta run` of the case (before the CLI script). */
  nodeArgs?: string[];
  timeoutMs: number;
  log: (message: string) => void;
}

export interface ExportRow {
  measurement: string;
  n?: string;
  mb?: string;
  s?: string;
  perS?: string;
  mbS?: string;
  mbCpu?: string;
  rss?: string;
  target?: string;
  met?: boolean;
  note?: string;
}

export const EXPORT_TARGET = { mbPerCpuS: 2, speedup: 1.7, peakRssMb: 500, appendS: 5 };

interface RunJson {
  counts?: { seen?: number; processed?: number; unchanged?: number; failed?: number; written?: number };
  input_bytes?: number;
  peak_rss_bytes?: number;
  phase_ms?: Record<string, number>;
  gc_ms?: { workers: number; main: number };
}

/** A run's phases (run.json `phase_ms`) as "read 1.2 s, write 0.3 s" (phases over 50 ms). */
const phasesOf = (m: Measured) =>
  Object.entries(m.run?.phase_ms ?? {})
    .filter(([, ms]) => ms >= 50)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');

/**
 * Where a run's CPU went: its worker threads (the `concurrency` busiest threads), the main
 * thread, V8's background threads (concurrent GC marking, compilers) and libuv's; and the
 * workers' GC pauses (run.json `gc_ms`).
 */
function cpuSplit(m: Measured): string {
  const threads = m.child.threadCpu;
  if (!threads) return '';
  const workers = threads.othersS.slice(0, m.concurrency).reduce((a, b) => a + b, 0);
  const background = threads.othersS.slice(m.concurrency).reduce((a, b) => a + b, 0);
  // pauses are wall time: on a busy machine they include waiting for a core, so not "of" the CPU-s
  const gc = m.run?.gc_ms ? `; workers' GC pauses ${f1(m.run.gc_ms.workers / 1000)} s wall` : '';
  return `CPU-s: workers ${f1(workers)}, main ${f1(threads.mainS)}, V8/libuv threads ${f1(background)}${gc}`;
}

interface Measured {
  label: string;
  concurrency: number;
  child: ChildMeasurement;
  run: RunJson | null;
  load: number;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '');
const cpuOf = (m: Measured) => (m.child.userS !== null && m.child.sysS !== null ? m.child.userS + m.child.sysS : NaN);
const rssOf = (m: Measured) => Math.max(m.run?.peak_rss_bytes ?? 0, m.child.timeMaxRssBytes ?? 0, m.child.polledHwmBytes ?? 0) / 2 ** 20;

/** Copy lines [from, from + count) of `source` to `target` (created, or appended to). */
async function copyLines(source: string, target: string, from: number, count: number, append = false): Promise<void> {
  const fd = openSync(target, append ? 'a' : 'w');
  const lines = createInterface({ input: createReadStream(source), crlfDelay: Infinity });
  let i = 0;
  let pending = '';
  try {
    for await (const line of lines) {
      if (i >= from + count) break;
      if (i++ >= from) pending += line + '\n';
      if (pending.length >= 1 << 20) {
        writeSync(fd, pending);
        pending = '';
      }
    }
    if (pending) writeSync(fd, pending);
  } finally {
    lines.close();
    closeSync(fd);
  }
}

async function prefixFile(source: string, records: number, dir: string): Promise<string> {
  const file = path.join(dir, `berita-first-${records}.jsonl`);
  const done = `${file}.done`;
  if (existsSync(done) && existsSync(file) && readFileSync(done, 'utf8') === String(statSync(file).size)) return file;
  await copyLines(source, file, 0, records);
  writeFileSync(done, String(statSync(file).size));
  return file;
}

function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.child.wallMs - b.child.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export async function benchBigExport(o: ExportBenchOptions): Promise<{ rows: (ExportRow | string)[]; results: Record<string, unknown> }> {
  const dir = path.join(o.work, 'export');
  const appendEnd = o.appendBase + o.appendRecords * (o.appendReruns + 1);
  const largest = o.appendOnly ? appendEnd : Math.max(o.records, ...(o.scale ? [...o.scaleRecords, appendEnd] : []));
  o.log(`big export: ${largest} Indonesian articles in one JSONL (seed ${o.seed})`);
  const source = await generateBigExport(dir, largest, o.seed, o.log);
  const exportFile = o.appendOnly ? source.file : largest === o.records ? source.file : await prefixFile(source.file, o.records, dir);
  const bytes = statSync(exportFile).size;
  const mb = bytes / 1e6;
  const lightPipeline = path.join(dir, 'light.json');
  writeFileSync(lightPipeline, JSON.stringify({ name: 'light', stages: [{ stage: 'normalize' }, { stage: 'structure' }] }));

  const run = async (label: string, input: string, out: string, concurrency: number, extra: string[] = [], fresh = true): Promise<Measured> => {
    if (fresh) rmSync(out, { recursive: true, force: true });
    o.log(`  ${label} ...`);
    const load = os.loadavg()[0];
    const child = await measureNode([...(o.nodeArgs ?? []), o.cli, 'run', '--input', input, '--output', out, '--concurrency', String(concurrency), '--quiet', ...extra], o.cwd, 100, o.timeoutMs);
    let runJson: RunJson | null = null;
    try {
      runJson = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as RunJson;
    } catch {
      runJson = null;
    }
    if (child.exitCode !== 0) o.log(`  ${label}: exit ${child.exitCode}\n${child.stderrTail}`);
    o.log(`  ${label}: ${(child.wallMs / 1000).toFixed(1)} s wall, ${f1(cpuOf({ label, concurrency, child, run: runJson, load }))} s CPU`);
    return { label, concurrency, child, run: runJson, load };
  };

  const rows: (ExportRow | string)[] = [];
  const results: Record<string, unknown> = { file: exportFile, records: o.records, bytes };
  const row = (m: Measured, megabytes: number, articles: number, target?: { text: string; met: boolean }, note = ''): ExportRow => {
    const s = m.child.wallMs / 1000;
    const cpu = cpuOf(m);
    return {
      measurement: m.label,
      n: String(articles),
      mb: f1(megabytes),
      s: f1(s),
      perS: (articles / s).toFixed(0),
      mbS: f2(megabytes / s),
      mbCpu: f2(megabytes / cpu),
      rss: rssOf(m).toFixed(0),
      target: target?.text,
      met: target?.met,
      note: [m.child.exitCode === 0 ? '' : `exit ${m.child.exitCode}`, m.child.timedOut ? 'TIMED OUT' : '', `load ${m.load.toFixed(1)}`, note].filter(Boolean).join('; '),
    };
  };

  const pipelineArgs = o.light ? ['--pipeline', lightPipeline] : [];
  if (o.appendOnly) {
    await benchAppends(o, source.file, dir, run, row, pipelineArgs, rows, results);
    return { rows, results };
  }

  // ---- 1 worker vs all cores, alternating so that drifting load hits both alike
  const out = path.join(o.work, 'out-export');
  const single: Measured[] = [];
  const all: Measured[] = [];
  for (let i = 0; i < o.repeat; i++) {
    single.push(await run(`export, 1 worker${o.repeat > 1 ? ` #${i + 1}` : ''}`, exportFile, out, 1));
    all.push(await run(`export, ${o.cores} workers${o.repeat > 1 ? ` #${i + 1}` : ''}`, exportFile, out, o.cores));
  }
  rmSync(out, { recursive: true, force: true });
  const one = median(single);
  const many = median(all);
  results.single = single;
  results.all = all;
  const flags = o.nodeArgs?.length ? `; node ${o.nodeArgs.join(' ')}` : '';
  rows.push(`one big JSONL export: ${o.records} Indonesian articles, ${f1(mb)} MB, default pipeline, no options (median of ${o.repeat}${flags})`);
  results.nodeArgs = o.nodeArgs ?? [];
  const written = one.run?.counts?.written ?? 0;
  const mbPerCpu = mb / cpuOf(one);
  rows.push(row(one, mb, o.records, { text: `>= ${EXPORT_TARGET.mbPerCpuS} MB/CPU-s`, met: mbPerCpu >= EXPORT_TARGET.mbPerCpuS }, `${written} written, ${one.run?.counts?.failed ?? '?'} failed; ${cpuSplit(one)}`));
  const speedup = one.child.wallMs / many.child.wallMs;
  // What two idle cores would give: the work (CPU time) of one worker over the wall time two need
  // if both stay busy. Differs from the wall ratio when other processes share the machine.
  const cpuSpeedup = (o.cores * cpuOf(one)) / cpuOf(many);
  rows.push(
    row(many, mb, o.records, { text: `>= ${EXPORT_TARGET.speedup}x 1 worker`, met: speedup >= EXPORT_TARGET.speedup }, `${f2(speedup)}x 1 worker (wall); CPU per MB ${f2(cpuOf(many) / cpuOf(one))}x 1 worker's, i.e. ${f2(cpuSpeedup)}x on ${o.cores} idle cores; ${cpuSplit(many)}; phases: ${phasesOf(many)} (1 worker: ${phasesOf(one)})`),
  );
  results.speedup = { wall: speedup, cpu: cpuSpeedup, mbPerCpuS: mbPerCpu };
  if (o.repeat > 1) {
    const spread = (runs: Measured[]) => runs.map((m) => f1(m.child.wallMs / 1000)).join(' / ');
    rows.push({ measurement: '  wall s of every run', note: `1 worker ${spread(single)}; ${o.cores} workers ${spread(all)}` });
  }

  if (!o.scale) return { rows, results };

  // ---- peak RSS against the export's size, all cores
  rows.push(`big exports with ${o.cores} workers${o.light ? ', light pipeline (normalize + structure: the runner, not the stages)' : ', default pipeline'}`);
  const rss: { records: number; mb: number }[] = [];
  for (const records of o.scaleRecords) {
    const file = records === largest ? source.file : await prefixFile(source.file, records, dir);
    const fileMb = statSync(file).size / 1e6;
    const m = await run(`${records / 1000}k records, ${o.cores} workers`, file, path.join(o.work, 'out-export-scale'), o.cores, pipelineArgs);
    rss.push({ records, mb: rssOf(m) });
    const first = rss[0];
    const grows = rss.length > 1 ? `${f1(rssOf(m) - first.mb)} MB more than at ${first.records / 1000}k` : '';
    rows.push(row(m, fileMb, records, { text: `RSS < ${EXPORT_TARGET.peakRssMb} MB`, met: rssOf(m) < EXPORT_TARGET.peakRssMb }, grows));
  }
  rmSync(path.join(o.work, 'out-export-scale'), { recursive: true, force: true });
  results.rss = rss;

  await benchAppends(o, source.file, dir, run, row, pipelineArgs, rows, results);
  return { rows, results };
}

type RunFn = (label: string, input: string, out: string, concurrency: number, extra?: string[], fresh?: boolean) => Promise<Measured>;
type RowFn = (m: Measured, megabytes: number, articles: number, target?: { text: string; met: boolean }, note?: string) => ExportRow;

/**
 * Append 1,000 records to a 100,000-record export and run again, `appendReruns` times (the
 * outputs updated in place), each re-run followed by a run over just the appended records (fresh
 * output folder, cold workers): the target is the re-run within 5 s of that. Then one more append
 * re-run with `--atomic-outputs` (the old outputs copied), for comparison.
 */
async function benchAppends(o: ExportBenchOptions, source: string, dir: string, run: RunFn, row: RowFn, pipelineArgs: string[], rows: (ExportRow | string)[], results: Record<string, unknown>): Promise<void> {
  const base = await prefixFile(source, o.appendBase, dir);
  const grown = path.join(dir, `berita-appended.jsonl`);
  const alone = path.join(dir, `berita-appended-alone.jsonl`);
  writeFileSync(grown, readFileSync(base));
  const appendOut = path.join(o.work, 'out-export-append');
  const aloneOut = path.join(o.work, 'out-export-alone');
  rows.push(`appending ${o.appendRecords} records to a ${o.appendBase / 1000}k-record JSONL export, ${o.cores} workers${o.light ? ', light pipeline' : ''}`);
  const fresh = await run(`${o.appendBase / 1000}k records, ${o.cores} workers`, grown, appendOut, o.cores, pipelineArgs);
  rows.push(row(fresh, statSync(base).size / 1e6, o.appendBase, undefined, 'fresh run before the appends'));
  const pairs: { again: Measured; single: Measured; budgetS: number }[] = [];
  let records = o.appendBase;
  for (let i = 0; i <= o.appendReruns; i++) {
    const atomic = i === o.appendReruns;
    await copyLines(source, grown, records, o.appendRecords, true);
    records += o.appendRecords;
    const again = await run(`+${o.appendRecords} appended, re-run${atomic ? ' --atomic-outputs' : ` #${i + 1}`}`, grown, appendOut, o.cores, [...pipelineArgs, ...(atomic ? ['--atomic-outputs'] : [])], false);
    await copyLines(source, alone, records - o.appendRecords, o.appendRecords);
    const single = await run(`the ${o.appendRecords} appended records alone`, alone, aloneOut, o.cores, pipelineArgs);
    const budgetS = EXPORT_TARGET.appendS + single.child.wallMs / 1000;
    pairs.push({ again, single, budgetS });
    const target = { text: `< ${EXPORT_TARGET.appendS} s + new records`, met: again.child.wallMs / 1000 < budgetS };
    rows.push(
      row(again, statSync(grown).size / 1e6, records, atomic ? undefined : target, `processed ${again.run?.counts?.processed ?? '?'}, unchanged ${again.run?.counts?.unchanged ?? '?'}; ${atomic ? 'the old outputs copied (for comparison); ' : ''}budget ${f1(budgetS)} s (the appended records alone: ${f1(single.child.wallMs / 1000)} s, ${f1(cpuOf(single))} CPU-s); ${f1(cpuOf(again))} CPU-s; phases: ${phasesOf(again)}`),
    );
  }
  results.append = { fresh, pairs };
  rmSync(appendOut, { recursive: true, force: true });
  rmSync(aloneOut, { recursive: true, force: true });
  rmSync(grown, { force: true });
  rmSync(alone, { force: true });
}
