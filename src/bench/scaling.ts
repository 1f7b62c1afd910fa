/**
 * The scaling case of `npm run bench`: one article of 100 KB, 400 KB, 1 MB and 4 MB in each
 * shape of `shapes.ts` (ordinary news and the adversarial shapes), analysed the way a worker
 * does (reader → every stage → output record, JSON and CSV rows), reporting ms per MB for the
 * whole path and for each stage, and the 4 MB / 100 KB ratio (linear time means about 1).
 * The memory case analyses a 4 MB numbers-and-dates text and a 10 MB news text under a
 * bounded old-generation heap and finds the smallest bound that holds each.
 *
 * Each shape runs in its own child process with a time limit, so a super-linear stage shows
 * up as a timeout row instead of stalling the bench.
 *
 *   node dist/bench/scaling.js [--shapes a,b] [--shape-sizes 100k,400k,1m,4m] [--shape-timeout S] [--no-memory]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import { runInfo, shortCommit } from '../eval/data.js';
import { renderMarkdown, renderTable, type Column } from '../eval/table.js';
import { parseArticles } from '../ingest/readers.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { csvRows } from '../sinks/rows.js';
import { SHAPES, shapedArticle, type Shape } from './shapes.js';
import { argValue, hasFlag } from './args.js';
import { WORKER_HEAP_MB } from '../runner/thread-limits.js';

const SELF = fileURLToPath(import.meta.url);
export const RESULTS_FILE = path.join(PACKAGE_ROOT, 'bench', 'results', 'bench-scaling.json');
export const DEFAULT_SIZES = [100_000, 400_000, 1_000_000, 4_000_000];
/** The issue's targets: 400 KB of any shape in under 5 s; ms/MB at 4 MB at most 2× the 100 KB figure. */
export const TARGET = { at400kS: 5, ratio: 2 };
const MEMORY_CASES: [Shape, number][] = [
  ['numbers-dates', 4_000_000],
  ['news-id', 10_000_000],
];
const HEAP_STEPS = [128, 192, 256, 384, 512, 768, 1024, 1536, 2048];

export interface SizeResult {
  shape: Shape;
  /** The size asked for; `bytes` is what the generator made of it (UTF-8 bytes of the file). */
  size?: number;
  bytes: number;
  ingestMs: number;
  stageMs: Record<string, number>;
  outputMs: number;
  /** documents.jsonl line plus CSV rows, in UTF-16 units. */
  outputBytes: number;
  totalMs: number;
  sentences: number;
  entities: number;
  dates: number;
  language: string | null;
  confidence: number | null;
  rssMb: number;
  heapMb: number;
  /** Set when the article failed alone (an error from a stage, as a worker would report it). */
  failed?: string;
}

// ------------------------------------------------------------------ child side

async function analyseOnce(analyzer: Analyzer, shape: Shape, bytes: number): Promise<SizeResult> {
  const article = await shapedArticle(shape, bytes);
  const buffer = Buffer.from(article.content);
  const t0 = performance.now();
  const { docs, failures } = await parseArticles(
    { buffer, displayPath: `${shape}.${article.format}`, idPath: `${shape}.${article.format}`, format: article.format, sha256: '' },
    { maxFileBytes: 64 * 2 ** 20, maxRecordBytes: 64 * 2 ** 20 },
  );
  if (docs.length !== 1) throw new Error(`${shape} ${bytes}: ${failures.map((f) => f.error).join('; ') || 'no document'}`);
  const t1 = performance.now();
  const stageMs: Record<string, number> = {};
  let record: ReturnType<Analyzer['analyze']>;
  try {
    record = analyzer.analyze(docs[0], stageMs);
  } catch (error) {
    // An article beyond the pipeline's bounds (e.g. maxSentences) fails alone, as in a worker.
    const now = performance.now();
    return {
      shape, bytes: buffer.length, ingestMs: t1 - t0, stageMs, outputMs: 0, outputBytes: 0, totalMs: now - t0, sentences: 0, entities: 0, dates: 0,
      language: null, confidence: null, rssMb: process.memoryUsage().rss / 2 ** 20, heapMb: v8.getHeapStatistics().used_heap_size / 2 ** 20,
      failed: error instanceof Error ? error.message : String(error),
    };
  }
  const t2 = performance.now();
  const json = JSON.stringify(record);
  const csv = csvRows(record);
  const outputBytes = json.length + Object.values(csv).reduce((n, s) => n + s.length, 0);
  const t3 = performance.now();
  const stagesTotal = Object.values(stageMs).reduce((a, b) => a + b, 0);
  const heap = v8.getHeapStatistics();
  return {
    shape,
    bytes: buffer.length,
    ingestMs: t1 - t0,
    stageMs,
    // toDocumentRecord runs inside analyze(), after the stages
    outputMs: t2 - t1 - stagesTotal + (t3 - t2),
    outputBytes,
    totalMs: t3 - t0,
    sentences: record.sentences.length,
    entities: record.entities.length,
    dates: record.dates.length,
    language: record.language,
    confidence: record.language_confidence,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    heapMb: heap.used_heap_size / 2 ** 20,
  };
}

async function child(shape: Shape, sizes: number[]): Promise<void> {
  const analyzer = await createAnalyzer();
  // Warm-up at the first size: lazy loads and JIT must not inflate the baseline the ratios divide by.
  await analyseOnce(analyzer, shape, sizes[0]);
  await analyseOnce(analyzer, shape, sizes[0]);
  for (const size of sizes) {
    (globalThis as { gc?: () => void }).gc?.();
    const result = await analyseOnce(analyzer, shape, size);
    process.stdout.write(`${JSON.stringify({ ...result, size })}\n`);
  }
}

// ------------------------------------------------------------------ parent side

interface ChildRun {
  lines: string[];
  exitCode: number | null;
  timedOut: boolean;
  stderr: string;
}

function runChild(args: string[], nodeOptions: string[], timeoutMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeOptions, SELF, ...args], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, timeoutMs);
    proc.on('error', reject);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ lines: stdout.split('\n').filter(Boolean), exitCode: code, timedOut, stderr: stderr.trim() });
    });
  });
}

export interface ShapeResult {
  shape: Shape;
  sizes: number[];
  results: SizeResult[];
  /** Why sizes are missing: a timeout or a crash. */
  stopped?: string;
}

export async function measureShapes(shapes: readonly Shape[], sizes: number[], timeoutS: number, log: (m: string) => void): Promise<ShapeResult[]> {
  const out: ShapeResult[] = [];
  for (const shape of shapes) {
    log(`  scaling: ${shape} at ${sizes.map(sizeLabel).join(', ')} ...`);
    const run = await runChild(['--child', shape, sizes.join(',')], ['--expose-gc', '--max-old-space-size=4096'], timeoutS * 1000);
    const results = run.lines.map((l) => JSON.parse(l) as SizeResult);
    let stopped: string | undefined;
    if (results.length < sizes.length) {
      const next = sizeLabel(sizes[results.length]);
      stopped = run.timedOut ? `${next}: not done within --shape-timeout ${timeoutS} s` : `${next}: exit ${run.exitCode}: ${run.stderr.split('\n').slice(-3).join(' ').slice(0, 200)}`;
      log(`  scaling: ${shape}: ${stopped}`);
    }
    out.push({ shape, sizes, results, ...(stopped ? { stopped } : {}) });
  }
  return out;
}

export interface MemoryResult {
  shape: Shape;
  bytes: number;
  /** Whether the article is analysed within the worker's heap bound. */
  withinWorkerBound: boolean;
  /** Smallest tried old-generation bound (MB) that held it; null when none did. */
  smallestHeapMb: number | null;
  tried: { heapMb: number; ok: boolean; rssMb?: number; heapUsedMb?: number; error?: string }[];
}

export async function measureMemory(timeoutS: number, log: (m: string) => void): Promise<MemoryResult[]> {
  const out: MemoryResult[] = [];
  for (const [shape, bytes] of MEMORY_CASES) {
    const tried: MemoryResult['tried'] = [];
    const attempt = async (heapMb: number) => {
      log(`  memory: ${shape} ${sizeLabel(bytes)} with --max-old-space-size=${heapMb} ...`);
      const run = await runChild(['--child', shape, String(bytes)], [`--max-old-space-size=${heapMb}`], timeoutS * 1000);
      const ok = run.exitCode === 0 && run.lines.length === 1;
      const r = ok ? (JSON.parse(run.lines[0]) as SizeResult) : null;
      const error = ok ? undefined : run.timedOut ? 'timeout' : /heap|memory/i.test(run.stderr) ? 'heap limit reached' : `exit ${run.exitCode}`;
      tried.push({ heapMb, ok, ...(r ? { rssMb: Math.round(r.rssMb), heapUsedMb: Math.round(r.heapMb) } : {}), ...(error ? { error } : {}) });
      return ok;
    };
    // Binary search over the steps for the smallest bound that holds; the worker's own bound is always tried.
    const within = await attempt(WORKER_HEAP_MB);
    let lo = 0;
    let hi = HEAP_STEPS.length - 1;
    let smallest: number | null = within ? WORKER_HEAP_MB : null;
    if (within) hi = HEAP_STEPS.indexOf(WORKER_HEAP_MB) - 1;
    else lo = HEAP_STEPS.indexOf(WORKER_HEAP_MB) + 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (await attempt(HEAP_STEPS[mid])) {
        smallest = HEAP_STEPS[mid];
        hi = mid - 1;
      } else lo = mid + 1;
    }
    out.push({ shape, bytes, withinWorkerBound: within, smallestHeapMb: smallest, tried: tried.sort((a, b) => a.heapMb - b.heapMb) });
  }
  return out;
}

// ------------------------------------------------------------------ table

export function sizeLabel(bytes: number): string {
  return bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${bytes / 1000} KB`;
}

const STAGE_COLUMNS = ['normalize', 'structure', 'language', 'sentences', 'entities', 'dates'];

export function scalingTable(shapes: ShapeResult[], memory: MemoryResult[]): { columns: Column[]; rows: (string[] | string)[]; misses: string[] } {
  const columns: Column[] = [
    { header: 'shape' },
    { header: 'size', right: true },
    { header: 'total s', right: true },
    { header: 'ms/MB', right: true },
    { header: 'x 100KB', right: true },
    { header: 'ingest', right: true },
    ...STAGE_COLUMNS.map((s) => ({ header: s, right: true })),
    { header: 'output', right: true },
    { header: 'met' },
    { header: 'note' },
  ];
  const rows: (string[] | string)[] = ['whole path and each stage in ms per MB (10^6 input bytes); x 100KB = ms/MB over the 100 KB figure'];
  const misses: string[] = [];
  const perMb = (ms: number, bytes: number) => ms / (bytes / 1e6);
  for (const s of shapes) {
    const base = s.results[0]?.bytes < 150_000 ? s.results[0] : undefined;
    for (const r of s.results) {
      const ratio = base ? perMb(r.totalMs, r.bytes) / perMb(base.totalMs, base.bytes) : NaN;
      const checks: boolean[] = [];
      if (r.bytes >= 350_000 && r.bytes <= 450_000) checks.push(r.totalMs / 1000 < TARGET.at400kS);
      if (r.bytes >= 3_500_000 && base && !r.failed) checks.push(ratio <= TARGET.ratio);
      const met = checks.length === 0 ? '' : checks.every(Boolean) ? 'yes' : 'NO';
      if (met === 'NO') misses.push(`${s.shape} ${sizeLabel(r.size ?? r.bytes)}: ${(r.totalMs / 1000).toFixed(1)} s, ${ratio.toFixed(2)}x the 100 KB ms/MB`);
      rows.push([
        s.shape,
        sizeLabel(r.size ?? r.bytes),
        (r.totalMs / 1000).toFixed(2),
        perMb(r.totalMs, r.bytes).toFixed(0),
        Number.isFinite(ratio) ? ratio.toFixed(2) : '',
        perMb(r.ingestMs, r.bytes).toFixed(0),
        ...STAGE_COLUMNS.map((stage) => (r.stageMs[stage] === undefined ? '' : perMb(r.stageMs[stage], r.bytes).toFixed(0))),
        perMb(r.outputMs, r.bytes).toFixed(0),
        met,
        r.failed
          ? `failed alone after ${(r.totalMs / 1000).toFixed(1)} s: ${r.failed}; RSS ${r.rssMb.toFixed(0)} MB`
          : `${r.language ?? 'und'} ${r.confidence ?? ''}; ${r.sentences} sent, ${r.entities} ent, ${r.dates} dates; RSS ${r.rssMb.toFixed(0)} MB`,
      ]);
    }
    if (s.stopped) {
      misses.push(`${s.shape}: ${s.stopped}`);
      rows.push([s.shape, '', '', '', '', '', ...STAGE_COLUMNS.map(() => ''), '', 'NO', s.stopped]);
    }
  }
  if (memory.length) {
    rows.push(`memory: analysed under --max-old-space-size (a worker's bound is ${WORKER_HEAP_MB} MB)`);
    for (const m of memory) {
      const last = m.tried.find((t) => t.heapMb === m.smallestHeapMb);
      if (!m.withinWorkerBound) misses.push(`${m.shape} ${sizeLabel(m.bytes)}: needs a ${m.smallestHeapMb ?? '> 2048'} MB heap, the worker has ${WORKER_HEAP_MB}`);
      rows.push([
        m.shape,
        sizeLabel(m.bytes),
        '', '', '', '', ...STAGE_COLUMNS.map(() => ''), '',
        m.withinWorkerBound ? 'yes' : 'NO',
        `smallest heap that held it: ${m.smallestHeapMb ?? 'none tried'} MB${last?.rssMb ? ` (RSS ${last.rssMb} MB, heap used at the end ${last.heapUsedMb} MB)` : ''}; tried ${m.tried.map((t) => `${t.heapMb}${t.ok ? ' ok' : ` ${t.error}`}`).join(', ')}`,
      ]);
    }
  }
  return { columns, rows, misses };
}

// ------------------------------------------------------------------ command line


function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${JSON.stringify(s)} (use 100k, 1m, 4000000)`);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(Number(m[1]) * (unit.startsWith('m') ? 1e6 : unit.startsWith('k') ? 1e3 : 1));
}

/** The scaling and memory cases with their table; used by `npm run bench` and on its own. */
export async function runScalingBench(log: (m: string) => void): Promise<{ ok: boolean; text: string }> {
  const shapes = (argValue('--shapes')?.split(',') ?? [...SHAPES]) as Shape[];
  for (const s of shapes) if (!SHAPES.includes(s)) throw new Error(`unknown shape ${s} (known: ${SHAPES.join(', ')})`);
  const sizes = argValue('--shape-sizes')?.split(',').map(parseSize) ?? DEFAULT_SIZES;
  const timeoutS = Number(argValue('--shape-timeout') ?? 600);
  const info = runInfo(1);
  const shapeResults = await measureShapes(shapes, sizes, timeoutS, log);
  const memory = hasFlag('--no-memory') ? [] : await measureMemory(timeoutS, log);
  const { columns, rows, misses } = scalingTable(shapeResults, memory);
  const lines = [`warta bench: scaling and memory  ${info.date}  commit ${shortCommit(info)}  node ${info.node}`, '', renderTable(columns, rows)];
  if (misses.length) lines.push('', 'missed:', ...misses.map((m) => `  * ${m}`));
  if (hasFlag('--markdown')) lines.push('', renderMarkdown(columns, rows));
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ ...info, sizes, shapes: shapeResults, memory, misses }, null, 1) + '\n');
  lines.push(`results written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
  return { ok: misses.length === 0, text: lines.join('\n') };
}

if (process.argv[1] === SELF) {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const shape = process.argv[childAt + 1] as Shape;
    const sizes = process.argv[childAt + 2].split(',').map(Number);
    child(shape, sizes).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    runScalingBench((m) => process.stderr.write(`${m}\n`))
      .then(({ text }) => console.log(text))
      .catch((error) => {
        console.error(error);
        process.exit(1);
      });
  }
}
