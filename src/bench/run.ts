/**
 * `npm run bench`: generate (or reuse) a seeded corpus, measure the whole
 * `warta run` process on it (1 worker and all cores, fresh and incremental),
 * each stage in-process, and the reference peers; print one table and write
 * bench/results/bench.json.
 *
 *   node dist/bench/run.js [--articles N] [--seed S] [--scaling] [--work DIR]
 *                          [--sample N] [--budget SECONDS] [--profile] [--no-e2e] [--no-inprocess]
 *                          [--no-single] [--no-mixed] [--timeout SECONDS] [--markdown] [--keep-outputs] [--no-language]
 *                          [--no-sinks] [--sink-articles N] [--sink-analysed N]
 *
 * --profile adds a CPU profile summary (self time by file and function) of the in-process pipeline.
 * The language stage's own speed and its scaling on ordinary and adversarial texts of
 * 100 KB-4 MB come from src/bench/language.ts (--no-language skips them).
 *
 * The database sinks' load rates (SQLite, and PostgreSQL when reachable) follow the table
 * (src/bench/sinks.ts; --no-sinks leaves them out, `npm run bench:sinks` runs only them), then
 * the job queue's bench (src/bench/queue.ts; --no-queue leaves it out, `npm run bench:queue`).
 *
 * --no-shapes skips, --shapes-only runs only, the scaling case of single 100 KB–4 MB articles in ordinary
 * and adversarial shapes plus the memory case (src/bench/scaling.ts, its own options and results file).
 *
 * --scaling adds a 200,000-article corpus (all cores, fresh + incremental) to compare
 * cost per article and peak memory with the 20,000-article figures (--scale-articles N
 * changes that size, for trying the harness on a small machine).
 *
 * The "one big JSONL export" case (src/bench/big-export.ts) runs unless --no-export:
 * --export-records N (default 9970), --export-repeat K (runs per worker count, median),
 * --export-scale (peak RSS at 100k/200k/300k records and the re-run after appending 1,000
 * records to 100,000, three times, each against a run over the appended records alone, then once
 * with --atomic-outputs; --export-append-only runs only those appends; --export-light runs them
 * with normalize + structure only);
 * --export-node-args "FLAGS" starts every `warta run` of the case as `node FLAGS cli.js run …`
 * (e.g. "--single-threaded-gc", to compare V8 settings on the 1- vs 2-worker ratio).
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lang/data.js';
import { runInfo, shortCommit } from '../eval/data.js';
import { renderMarkdown, renderTable, type Column } from '../eval/table.js';
import { generateCorpus, type CorpusManifest, type Lang } from './corpus.js';
import { createAnalyzer, measureCompromise, measureFranc, measureStages, readSample, type PeerMeasurement, type StageMeasurement } from './inprocess.js';
import { benchBigExport, type ExportRow } from './big-export.js';
import { measureNode, type ChildMeasurement } from './measure.js';
import { measureModelLoads, modelLoadRows, NER_TARGETS } from './ner.js';
import { formatProfile, profilePipeline } from './profile.js';
import { formatLanguageBench, measureLanguage, type LanguageBench } from './language.js';
import { benchQueue } from './queue.js';
import { benchSinks, printSinkBench, sinkBenchOptionsFromArgv } from './sinks.js';
import { runScalingBench } from './scaling.js';

// ------------------------------------------------------------------ options

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (name: string) => process.argv.includes(name);

const ARTICLES = Math.min(200_000, Math.max(100, Number(argValue('--articles') ?? 20_000)));
const SEED = Number(argValue('--seed') ?? 20250906);
const SAMPLE = Number(argValue('--sample') ?? 1500);
/** Wall-time cap per in-process measurement, so a slow stage cannot stall the bench. */
const BUDGET_MS = 1000 * Number(argValue('--budget') ?? 40);
/** Wall-time cap per end-to-end run; a run stopped there is reported as timed out. */
const TIMEOUT_MS = 1000 * Number(argValue('--timeout') ?? 1200);
const SCALING = has('--scaling');
const SCALE_ARTICLES = Math.min(200_000, Math.max(100, Number(argValue('--scale-articles') ?? 200_000)));
const SCALE_LABEL = SCALE_ARTICLES % 1000 === 0 ? `${SCALE_ARTICLES / 1000}k` : String(SCALE_ARTICLES);
const WORK = path.resolve(argValue('--work') ?? path.join(os.tmpdir(), 'warta-bench'));
const CORES = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
const HTML_READER = path.join(PACKAGE_ROOT, 'dist', 'ingest', 'html.js');
const RESULTS = path.join(PACKAGE_ROOT, 'bench', 'results', 'bench.json');

const TARGET = {
  mbPerCore: 2,
  allCoresSpeedup: 1.8,
  vsCompromise: 8,
  peakRssMb200k: 400,
  incremental200kS: 10,
  langSentMbS: 5,
  entitiesMbS: 3,
  datesMbS: 5,
};

const log = (m: string) => process.stderr.write(`${m}\n`);

// ------------------------------------------------------------------ end to end

interface RunJson {
  counts?: { seen?: number; processed?: number; unchanged?: number; failed?: number };
  elapsed_ms?: number;
  docs_per_second?: number;
  input_bytes?: number;
  stage_ms?: Record<string, number>;
  peak_rss_bytes?: number;
}

interface E2E {
  label: string;
  corpus: string;
  inputs: string[];
  concurrency: number;
  incremental: boolean;
  child: ChildMeasurement;
  run: RunJson | null;
  articles: number;
  bytes: number;
  /** 1-minute load average when the run started (other sessions share the machine). */
  loadBefore: number;
}

function inputsFor(corpusDir: string, langs: Lang[], withHtml: boolean): string[] {
  const out: string[] = [];
  for (const lang of langs) {
    for (const format of ['txt', 'jsonl', 'csv', ...(withHtml ? ['html'] : [])]) {
      const dir = path.join(corpusDir, lang, format);
      if (existsSync(dir)) out.push(dir);
    }
  }
  return out;
}

async function e2e(label: string, corpus: string, inputs: string[], outDir: string, concurrency: number, incremental: boolean, expected: { articles: number; bytes: number }): Promise<E2E> {
  if (!incremental) rmSync(outDir, { recursive: true, force: true });
  const args = [CLI, 'run', ...inputs.flatMap((i) => ['--input', i]), '--output', outDir, '--concurrency', String(concurrency), '--quiet'];
  log(`  ${label}: warta run --concurrency ${concurrency}${incremental ? ' (re-run)' : ''} ...`);
  const load = os.loadavg()[0];
  const child = await measureNode(args, PACKAGE_ROOT, 100, TIMEOUT_MS);
  let run: RunJson | null = null;
  try {
    run = JSON.parse(readFileSync(path.join(outDir, 'run.json'), 'utf8')) as RunJson;
  } catch {
    run = null;
  }
  if (child.exitCode !== 0) log(`  ${label}: exit code ${child.exitCode}${child.stderrTail ? `\n${child.stderrTail}` : ''}`);
  const articles = run?.counts?.seen ?? expected.articles;
  // a re-run reads nothing (input_bytes 0); its MB are the corpus it checked
  const bytes = run?.input_bytes ? run.input_bytes : expected.bytes;
  log(`  ${label}: ${(child.wallMs / 1000).toFixed(1)} s`);
  return { label, corpus, inputs, concurrency, incremental, child, run, articles, bytes, loadBefore: load };
}

// ------------------------------------------------------------------ table

/** A row of the printed table (the big-export case writes the same shape). */
type Cells = ExportRow;

const rows: (Cells | string)[] = [];
const mb = (bytes: number) => bytes / 1e6;
const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(1));
const f2 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(2));

function peakRss(r: E2E): number | null {
  const candidates = [r.run?.peak_rss_bytes, r.child.timeMaxRssBytes, r.child.polledHwmBytes].filter((x): x is number => typeof x === 'number' && x > 0);
  return candidates.length ? Math.max(...candidates) : null;
}

function cpuSeconds(r: E2E): number | null {
  return r.child.userS !== null && r.child.sysS !== null ? r.child.userS + r.child.sysS : null;
}

function rssCell(r: E2E): string {
  const own = r.run?.peak_rss_bytes;
  const ext = r.child.timeMaxRssBytes ?? r.child.polledHwmBytes;
  if (own && ext) return `${(own / 2 ** 20).toFixed(0)} / ${(ext / 2 ** 20).toFixed(0)}`;
  return own ? (own / 2 ** 20).toFixed(0) : ext ? `- / ${(ext / 2 ** 20).toFixed(0)}` : '';
}

function e2eRow(r: E2E, target?: { text: string; met: boolean }, note = ''): Cells {
  const s = r.child.wallMs / 1000;
  if (r.child.timedOut) {
    return { measurement: r.label, s: `>${f1(s)}`, mbS: `<${f2(mb(r.bytes) / s)}`, rss: rssCell(r), target: target?.text, met: target ? false : undefined, note: `TIMED OUT after --timeout ${TIMEOUT_MS / 1000} s; load ${r.loadBefore.toFixed(1)}` };
  }
  if (!r.run) {
    return { measurement: r.label, s: f1(s), target: target?.text, met: target ? false : undefined, note: `FAILED: exit ${r.child.exitCode}, no run.json (${r.child.stderrTail.split('\n')[0].slice(0, 80)})` };
  }
  const cpu = cpuSeconds(r);
  return {
    measurement: r.label,
    n: String(r.articles),
    mb: f1(mb(r.bytes)),
    s: f1(s),
    perS: (r.articles / s).toFixed(0),
    mbS: f2(mb(r.bytes) / s),
    mbCpu: cpu ? f2(mb(r.bytes) / cpu) : '',
    rss: rssCell(r),
    target: target?.text,
    met: target?.met,
    note: `${r.child.exitCode === 0 ? '' : `exit ${r.child.exitCode}; `}load ${r.loadBefore.toFixed(1)}${note ? `; ${note}` : ''}`,
  };
}

function shareNote(stageMs: Record<string, number> | undefined): string {
  if (!stageMs) return '';
  const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
  if (!total) return '';
  return Object.entries(stageMs)
    .map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`)
    .join(', ');
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  if (has('--shapes-only')) {
    console.log((await runScalingBench(log)).text);
    return;
  }
  const info = runInfo(CORES);
  const withHtml = existsSync(HTML_READER);
  const results: Record<string, unknown> = { ...info, articles: ARTICLES, seed: SEED, cores: CORES, load_average: os.loadavg() };
  mkdirSync(WORK, { recursive: true });
  if (!withHtml) log('HTML reader (dist/ingest/html.js) not built: the .html part of the corpus (5%) is left out of every measurement');

  log(`corpus: ${ARTICLES} articles, seed ${SEED}`);
  const corpusDir = path.join(WORK, `corpus-s${SEED}-n${ARTICLES}`);
  const manifest = await generateCorpus({ articles: ARTICLES, seed: SEED, dir: corpusDir }, log);
  results.corpus = { dir: corpusDir, manifest };
  const langBytes = (m: CorpusManifest, langs: Lang[]) => ({
    articles: langs.reduce((a, l) => a + m.languages[l].articles - (withHtml ? 0 : m.languages[l].byFormat.html), 0),
    bytes: langs.reduce((a, l) => a + m.languages[l].fileBytes, 0),
  });
  const describe = (m: CorpusManifest) =>
    `${m.articles} articles (${m.languages.id.articles} id, ${m.languages.en.articles} en), ${f1(mb(m.totalFileBytes))} MB in ${m.files} files, mean ${(m.totalFileBytes / m.articles / 1000).toFixed(1)} KB`;
  log(`  ${describe(manifest)}`);

  // ---------------- in-process
  let stagesId: StageMeasurement | null = null;
  let stagesEn: StageMeasurement | null = null;
  let compromise: PeerMeasurement | null = null;
  let francM: PeerMeasurement | null = null;
  const profiles: string[] = [];
  if (!has('--no-inprocess')) {
    log(`in-process: stages on ${SAMPLE} id + ${Math.round(SAMPLE / 2)} en documents, peers on the id sample`);
    const analyzer = await createAnalyzer();
    const idDocs = await readSample(corpusDir, 'id', SAMPLE, withHtml);
    const idTexts = idDocs.map((d) => d.text);
    // the stage rows are the steady state of a long run: the first ~1,500 articles a process analyses
    // run 30-45% slower while V8 compiles the hot functions, so a whole pass over the sample warms up
    stagesId = await measureStages(analyzer, idDocs, idDocs, 'id', BUDGET_MS);
    const enDocs = await readSample(corpusDir, 'en', Math.round(SAMPLE / 2), withHtml);
    // the English tagger loads on the first English document (its load is measured on its own
    // below), so the English sample gets its own warm-up pass
    stagesEn = await measureStages(analyzer, enDocs, enDocs, 'en', BUDGET_MS);
    const compromiseSample = idTexts.slice(0, Math.min(idTexts.length, Number(argValue('--compromise-sample') ?? 500)));
    compromise = await measureCompromise(compromiseSample, BUDGET_MS);
    francM = measureFranc(idTexts);
    results.inprocess = { stages: { id: stagesId, en: stagesEn }, peers: { compromise, franc: francM }, ner_models: measureModelLoads() };
    if (has('--profile')) {
      for (const lang of ['id', 'en'] as const) {
        const docs = await readSample(corpusDir, lang, Math.min(SAMPLE, lang === 'id' ? 400 : 200), withHtml);
        const summary = await profilePipeline(analyzer, docs);
        profiles.push(formatProfile(summary, `pipeline on ${docs.length} ${lang} documents`));
        (results.profiles ??= {} as Record<string, unknown>);
        (results.profiles as Record<string, unknown>)[lang] = summary;
      }
    }
  }

  let languageBench: LanguageBench | null = null;
  if (!has('--no-language')) {
    log('language stage: speed on the corpus sample, scaling on single texts of 100 KB-4 MB');
    languageBench = await measureLanguage(corpusDir, withHtml, SAMPLE, log);
    results.language = languageBench;
  }

  // ---------------- end to end
  const runs: E2E[] = [];
  const cliOk = existsSync(CLI);
  if (!cliOk) log(`${CLI} not found: end-to-end runs skipped (npm run build first)`);
  if (cliOk && !has('--no-e2e')) {
    log('end to end:');
    const idInputs = inputsFor(corpusDir, ['id'], withHtml);
    const allInputs = inputsFor(corpusDir, ['id', 'en'], withHtml);
    const idExp = langBytes(manifest, ['id']);
    const allExp = langBytes(manifest, ['id', 'en']);
    if (!has('--no-single')) {
      runs.push(await e2e('id, 1 worker', corpusDir, idInputs, path.join(WORK, 'out-id-1'), 1, false, idExp));
      if (!has('--keep-outputs')) rmSync(path.join(WORK, 'out-id-1'), { recursive: true, force: true });
    }
    const idAll = await e2e(`id, ${CORES} workers`, corpusDir, idInputs, path.join(WORK, 'out-id-n'), CORES, false, idExp);
    runs.push(idAll);
    if (idAll.run && !idAll.child.timedOut) {
      runs.push(await e2e('id, re-run unchanged', corpusDir, idInputs, path.join(WORK, 'out-id-n'), CORES, true, idExp));
    }
    if (!has('--keep-outputs')) rmSync(path.join(WORK, 'out-id-n'), { recursive: true, force: true });
    if (!has('--no-mixed')) {
      const mixedOut = path.join(WORK, 'out-all-n');
      const fresh = await e2e(`id+en, ${CORES} workers`, corpusDir, allInputs, mixedOut, CORES, false, allExp);
      runs.push(fresh);
      if (fresh.run && !fresh.child.timedOut) runs.push(await e2e(`id+en, re-run unchanged`, corpusDir, allInputs, mixedOut, CORES, true, allExp));
      if (!has('--keep-outputs')) rmSync(mixedOut, { recursive: true, force: true });
    }

    if (SCALING) {
      log(`scaling: ${SCALE_ARTICLES} articles`);
      const bigDir = path.join(WORK, `corpus-s${SEED}-n${SCALE_ARTICLES}`);
      const big = await generateCorpus({ articles: SCALE_ARTICLES, seed: SEED, dir: bigDir }, log);
      log(`  ${describe(big)}`);
      results.scaling_corpus = { dir: bigDir, manifest: big };
      const bigInputs = inputsFor(bigDir, ['id', 'en'], withHtml);
      const bigExp = langBytes(big, ['id', 'en']);
      const bigOut = path.join(WORK, 'out-200k');
      const bigFresh = await e2e(`${SCALE_LABEL} id+en, ${CORES} workers`, bigDir, bigInputs, bigOut, CORES, false, bigExp);
      runs.push(bigFresh);
      if (bigFresh.run && !bigFresh.child.timedOut) runs.push(await e2e(`${SCALE_LABEL} id+en, re-run unchanged`, bigDir, bigInputs, bigOut, CORES, true, bigExp));
      if (!has('--keep-outputs')) rmSync(bigOut, { recursive: true, force: true });
    }
    results.e2e = runs;
  }
  const exportRows: (Cells | string)[] = [];
  if (cliOk && !has('--no-export')) {
    const bench = await benchBigExport({
      cli: CLI,
      cwd: PACKAGE_ROOT,
      work: WORK,
      seed: SEED,
      cores: CORES,
      records: Number(argValue('--export-records') ?? 9970),
      repeat: Math.max(1, Number(argValue('--export-repeat') ?? 1)),
      scale: has('--export-scale'),
      scaleRecords: [100_000, 200_000, 300_000],
      appendBase: 100_000,
      appendRecords: 1000,
      appendReruns: 3,
      appendOnly: has('--export-append-only'),
      light: has('--export-light'),
      nodeArgs: (argValue('--export-node-args') ?? '').split(/\s+/).filter(Boolean),
      timeoutMs: TIMEOUT_MS,
      log,
    });
    exportRows.push(...bench.rows);
    results.export = bench.results;
  }

  // ---------------- table
  const find = (label: string) => runs.find((r) => r.label === label);
  const one = find('id, 1 worker');
  const all = find(`id, ${CORES} workers`);
  const mixed = find(`id+en, ${CORES} workers`);
  const rerun = find('id+en, re-run unchanged');
  const big = find(`${SCALE_LABEL} id+en, ${CORES} workers`);
  const bigRerun = find(`${SCALE_LABEL} id+en, re-run unchanged`);

  if (runs.length) {
    rows.push(`end to end: node dist/cli.js run ... --quiet (${describe(manifest)})`);
    if (one) {
      // per core = per CPU-second of the 1-worker process (wall time when CPU time is unknown)
      const cpu = cpuSeconds(one);
      const v = mb(one.bytes) / (cpu ?? one.child.wallMs / 1000);
      rows.push(e2eRow(one, { text: `>= ${TARGET.mbPerCore} MB/CPU-s`, met: v >= TARGET.mbPerCore }, shareNote(one.run?.stage_ms)));
    }
    if (all) {
      const speedup = one?.run && all.run ? one.child.wallMs / all.child.wallMs : NaN;
      rows.push(e2eRow(all, one?.run ? { text: `>= ${TARGET.allCoresSpeedup}x 1 worker`, met: speedup >= TARGET.allCoresSpeedup } : undefined, Number.isFinite(speedup) ? `${f2(speedup)}x 1 worker` : ''));
    }
    const idRerun = find('id, re-run unchanged');
    if (idRerun) rows.push(e2eRow(idRerun, undefined, `processed ${idRerun.run?.counts?.processed ?? '?'}, unchanged ${idRerun.run?.counts?.unchanged ?? '?'}`));
    if (mixed) rows.push(e2eRow(mixed, undefined, shareNote(mixed.run?.stage_ms)));
    if (rerun) rows.push(e2eRow(rerun, undefined, `processed ${rerun.run?.counts?.processed ?? '?'}, unchanged ${rerun.run?.counts?.unchanged ?? '?'}`));
    if (big) {
      const perArticle = (r: E2E) => (1000 * r.child.wallMs) / r.articles; // µs
      const rss = peakRss(big);
      const base = mixed ?? big;
      rows.push(
        e2eRow(
          big,
          { text: `RSS < ${TARGET.peakRssMb200k} MB`, met: rss !== null && rss / 2 ** 20 < TARGET.peakRssMb200k },
          `per article: wall ${f2(perArticle(big) / 1000)} ms vs ${f2(perArticle(base) / 1000)} at ${base.articles}` +
            (cpuSeconds(big) && cpuSeconds(base)
              ? `, CPU ${f2((1000 * cpuSeconds(big)!) / big.articles)} ms vs ${f2((1000 * cpuSeconds(base)!) / base.articles)}`
              : ''),
        ),
      );
    }
    if (bigRerun) {
      const s = bigRerun.child.wallMs / 1000;
      rows.push(e2eRow(bigRerun, { text: `< ${TARGET.incremental200kS} s`, met: s < TARGET.incremental200kS }, `processed ${bigRerun.run?.counts?.processed ?? '?'}`));
    }
  }

  rows.push(...exportRows);

  const stageRows = (m: StageMeasurement, targets: boolean) => {
    const mbytes = mb(m.bytes);
    rows.push({
      measurement: `pipeline, ${m.lang}, 1 core`,
      n: String(m.docs),
      mb: f1(mbytes),
      s: f1(m.totalMs / 1000),
      perS: (m.docs / (m.totalMs / 1000)).toFixed(0),
      mbS: f2(mbytes / (m.totalMs / 1000)),
      mbCpu: f2(mbytes / (m.cpuMs / 1000)),
      note: shareNote(m.stageMs),
    });
    const stage = (label: string, names: string[], target?: number, always = false) => {
      const ms = names.reduce((a, n) => a + (m.stageMs[n] ?? 0), 0);
      const v = ms > 0 ? mbytes / (ms / 1000) : Infinity;
      rows.push({
        measurement: `  ${label}`,
        s: f2(ms / 1000),
        mbS: Number.isFinite(v) ? f2(v) : 'inf',
        target: (targets || always) && target ? `>= ${target} MB/s` : '',
        met: (targets || always) && target ? v >= target : undefined,
        note: `${((100 * ms) / m.totalMs).toFixed(0)}% of pipeline time`,
      });
    };
    for (const name of Object.keys(m.stageMs)) {
      if (['language', 'sentences', 'entities', 'dates'].includes(name)) continue;
      stage(name, [name]);
    }
    stage('language', ['language']);
    stage('sentences', ['sentences']);
    stage('language+sentences', ['language', 'sentences'], TARGET.langSentMbS);
    stage('entities', ['entities'], m.lang === 'en' ? NER_TARGETS.entitiesEnMbS : TARGET.entitiesMbS, true);
    stage('dates', ['dates'], TARGET.datesMbS);
  };
  if (stagesId) {
    rows.push(`in-process (createAnalyzer + runTimed), sample read through the file readers`);
    stageRows(stagesId, true);
    if (stagesEn) stageRows(stagesEn, false);
    const loads = (results.inprocess as { ner_models?: ReturnType<typeof measureModelLoads> } | undefined)?.ner_models ?? [];
    for (const r of modelLoadRows(loads)) rows.push({ measurement: r.measurement, mb: r.mb, s: r.s, target: r.target, met: r.met, note: r.note });
  }
  if (compromise && francM) {
    rows.push('reference peers, in-process, one core, on the id sample');
    for (const p of [compromise, francM]) {
      rows.push({
        measurement: p.name,
        n: String(p.docs),
        mb: f1(mb(p.bytes)),
        s: f1(p.ms / 1000),
        perS: (p.docs / (p.ms / 1000)).toFixed(0),
        mbS: f2(mb(p.bytes) / (p.ms / 1000)),
        mbCpu: f2(mb(p.bytes) / (p.cpuMs / 1000)),
      });
    }
    if (one?.run) {
      const warta = mb(one.bytes) / (one.child.wallMs / 1000);
      const ref = mb(compromise.bytes) / (compromise.ms / 1000);
      const cpuW = cpuSeconds(one);
      const ratioCpu = cpuW ? mb(one.bytes) / cpuW / (mb(compromise.bytes) / (compromise.cpuMs / 1000)) : NaN;
      rows.push({
        measurement: 'warta (1 worker, all stages) / compromise NER',
        mbS: `${f1(warta / ref)}x`,
        mbCpu: Number.isFinite(ratioCpu) ? `${f1(ratioCpu)}x` : '',
        target: `>= ${TARGET.vsCompromise}x`,
        met: (Number.isFinite(ratioCpu) ? ratioCpu : warta / ref) >= TARGET.vsCompromise,
        note: 'warta run process (1 worker) vs compromise in-process; judged on CPU time when known',
      });
    } else if (stagesId) {
      const warta = mb(stagesId.bytes) / (stagesId.totalMs / 1000);
      const ref = mb(compromise.bytes) / (compromise.ms / 1000);
      rows.push({
        measurement: 'warta pipeline (in-process) / compromise NER',
        mbS: `${f1(warta / ref)}x`,
        target: `>= ${TARGET.vsCompromise}x`,
        met: warta / ref >= TARGET.vsCompromise,
        note: 'no end-to-end run: in-process pipeline instead',
      });
    }
  }

  const columns: Column[] = [
    { header: 'measurement' },
    { header: 'articles', right: true },
    { header: 'MB', right: true },
    { header: 'wall s', right: true },
    { header: 'art/s', right: true },
    { header: 'MB/s', right: true },
    { header: 'MB/CPU-s', right: true },
    { header: 'peak RSS MB', right: true },
    { header: 'target' },
    { header: 'met' },
    { header: 'note' },
  ];
  const tableRows = rows.map((r) =>
    typeof r === 'string'
      ? r
      : [r.measurement, r.n ?? '', r.mb ?? '', r.s ?? '', r.perS ?? '', r.mbS ?? '', r.mbCpu ?? '', r.rss ?? '', r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO', r.note ?? ''],
  );
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`warta bench  ${info.date}  commit ${shortCommit(info)}  node ${info.node}  ${CORES} cores  load average ${load}`);
  console.log('');
  console.log(renderTable(columns, tableRows));
  console.log('');
  console.log('MB = input bytes (files on disk, 10^6); MB/CPU-s = MB per second of CPU time (user+sys), robust to other load on the machine;');
  console.log('peak RSS = run.json peak_rss_bytes / measured from outside (GNU time max RSS or /proc VmHWM).');
  if (languageBench) console.log(`\n${formatLanguageBench(languageBench)}`);
  if (profiles.length) console.log(['', ...profiles].join('\n'));
  if (has('--markdown')) {
    console.log('');
    console.log(renderMarkdown(columns, tableRows));
  }
  if (!has('--no-sinks')) {
    const sinks = await benchSinks(sinkBenchOptionsFromArgv(WORK, log));
    results.sinks = sinks;
    console.log('');
    printSinkBench(sinks, has('--markdown'));
  }
  if (!has('--no-queue')) {
    const queue = await benchQueue(WORK);
    results.queue = queue.results;
    console.log('');
    console.log(queue.table);
  }
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({ ...results, rows }, null, 1) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  if (!has('--no-shapes')) {
    console.log('');
    console.log((await runScalingBench(log)).text);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
