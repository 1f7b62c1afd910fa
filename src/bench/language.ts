/**
 * The language stage on its own, for `npm run bench`:
 *
 * 1. its speed on the bench corpus (Indonesian documents read through the file
 *    readers and prepared by normalize + structure; only the language stage is
 *    timed, in CPU time, best of several passes, so other load on the machine
 *    matters less);
 * 2. its scaling on single texts of 100 KB, 1 MB and 4 MB (CPU time), ordinary and
 *    adversarial (runs of initials, one very long line, capitalised words,
 *    numbers and slashes, quotes and brackets, one character repeated, an HTML
 *    table's text): ms per MB at each size, the 4 MB / 100 KB ratio (linear
 *    time: about 1), and the answer with its confidence (junk: `und`).
 */
import { createDoc, type Doc } from '../doc.js';
import { mulberry32 } from '../random.js';
import { STAGES } from '../stages/index.js';
import type { StageRunner } from '../stage.js';
import { renderTable, type Column } from '../eval/table.js';
import { readSample } from './inprocess.js';
import * as V from './vocab.js';

export const SCALING_SIZES = [100_000, 1_000_000, 4_000_000];

export interface ScalingRow {
  shape: string;
  /** Per size: characters, ms (best of the runs), ms per MB (UTF-8), answer and confidence. */
  sizes: { chars: number; bytes: number; ms: number; msPerMb: number; language: string; confidence: number }[];
  /** ms/MB at the largest size over ms/MB at the smallest. */
  ratio: number;
}

export interface CorpusSpeed {
  docs: number;
  bytes: number;
  /** Best pass: MB per CPU-second of the language stage alone. */
  mbPerCpuS: number;
  /** Median pass, wall time. */
  mbPerS: number;
}

export interface LanguageBench {
  corpus: CorpusSpeed | null;
  scaling: ScalingRow[];
}

async function runner(name: string): Promise<StageRunner> {
  const definition = STAGES.get(name)!;
  return definition.setup({ ...definition.defaults }, { pipelineDir: '.' });
}

/** Repeats pieces from `next` until `size` characters. */
function fill(size: number, next: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const piece = next(i);
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, size);
}

/** Seeded generators of one text of `size` characters per shape; `ordinary` is article text from the corpus. */
export function scalingShapes(ordinary: string, seed = 1): Record<string, (size: number) => string> {
  const pick = <T>(random: () => number, items: readonly T[]) => items[Math.floor(random() * items.length)];
  const words = ordinary.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w));
  const dutch = [
    'De gemeenteraad heeft gisteren besloten om de nieuwe brug over de rivier pas volgend jaar te bouwen.',
    'Volgens de wethouder zijn de kosten veel hoger uitgevallen dan vorig jaar werd verwacht.',
    'Bewoners van de wijk maken zich zorgen over het verkeer dat tijdens de werkzaamheden door hun straat zal rijden.',
    'De provincie wil eerst onderzoeken of er een goedkopere oplossing mogelijk is, schrijft de krant.',
  ];
  return {
    'ordinary (id)': (size) => fill(size, () => ordinary + '\n\n'),
    'ordinary (nl)': (size) => {
      const random = mulberry32(seed);
      return fill(size, (i) => pick(random, dutch) + (i % 4 === 3 ? '\n\n' : ' '));
    },
    'one long line': (size) => fill(size, () => ordinary.replace(/\s+/g, ' ') + ' '),
    initials: (size) => {
      const random = mulberry32(seed);
      return fill(size, () => `${String.fromCharCode(65 + Math.floor(random() * 26))}. `);
    },
    'capitalised words': (size) => {
      const random = mulberry32(seed);
      const names = [...V.ID_GIVEN, ...V.ID_FAMILY, ...V.ID_MONTHS, ...words.map((w) => w[0].toUpperCase() + w.slice(1))];
      return fill(size, () => `${pick(random, names)} `);
    },
    'numbers and slashes': (size) => {
      const random = mulberry32(seed);
      return fill(size, () => `${1 + Math.floor(random() * 31)}/${1 + Math.floor(random() * 12)}/${2000 + Math.floor(random() * 30)} ${Math.floor(random() * 999)}/${Math.floor(random() * 99)} `);
    },
    'quotes and brackets': (size) => {
      const random = mulberry32(seed);
      return fill(size, () => `"(['${pick(random, words)}'])" «${Math.floor(random() * 10)}» [{${pick(random, ['a', 'b', 'c'])}}] `);
    },
    'repeated character': (size) => 'a'.repeat(size),
    'html table text': (size) => {
      const random = mulberry32(seed);
      return fill(size, () => `| ${pick(random, V.ID_GIVEN)} | ${Math.floor(random() * 1e6)} | ${(random() * 100).toFixed(2)}% | ${pick(random, V.ID_MONTHS)} |\n`);
    },
  };
}

/** Best of `runs` CPU times (user + system, ms) of the stage on `text`: other load on the machine matters less. */
function timeStage(run: StageRunner, text: string, runs: number): { ms: number; doc: Doc } {
  let best = Infinity;
  let doc = createDoc({ id: 'bench', source: { path: 'bench.txt', format: 'txt', record: null, sha256: '' }, text });
  for (let r = 0; r < runs; r++) {
    doc = createDoc({ id: 'bench', source: { path: 'bench.txt', format: 'txt', record: null, sha256: '' }, text });
    const c0 = process.cpuUsage();
    run(doc);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return { ms: best, doc };
}

/** ms/MB of the language stage on each shape at each size. */
export async function measureScaling(ordinary: string, sizes = SCALING_SIZES, log: (s: string) => void = () => {}): Promise<ScalingRow[]> {
  const language = await runner('language');
  const rows: ScalingRow[] = [];
  for (const [shape, generate] of Object.entries(scalingShapes(ordinary))) {
    // Warm up on a small text of the same shape first, so the first size does not pay for compilation.
    timeStage(language, generate(20_000), 3);
    const row: ScalingRow = { shape, sizes: [], ratio: NaN };
    for (const size of sizes) {
      const text = generate(size);
      const bytes = Buffer.byteLength(text);
      const { ms, doc } = timeStage(language, text, size <= 100_000 ? 9 : size <= 1_000_000 ? 4 : 2);
      row.sizes.push({ chars: text.length, bytes, ms, msPerMb: ms / (bytes / 1e6), language: doc.language ?? 'und', confidence: doc.language_confidence ?? 0 });
    }
    row.ratio = row.sizes[row.sizes.length - 1].msPerMb / row.sizes[0].msPerMb;
    log(`  language scaling: ${shape} ${row.sizes.map((s) => `${s.msPerMb.toFixed(0)}`).join(' / ')} ms/MB`);
    rows.push(row);
  }
  return rows;
}

/** The language stage's speed on documents prepared by normalize + structure. */
export async function measureCorpusSpeed(docs: Doc[], passes = 5): Promise<CorpusSpeed> {
  const normalize = await runner('normalize');
  const structure = await runner('structure');
  const language = await runner('language');
  for (const doc of docs) {
    normalize(doc);
    structure(doc);
  }
  const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
  const warnings = docs.map((d) => d.warnings.length);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    docs.forEach((doc, i) => {
      doc.warnings.length = warnings[i];
      language(doc);
    });
    const c = process.cpuUsage(c0);
    // Pass 0 warms up.
    if (pass > 0) {
      cpu.push((c.user + c.system) / 1e6);
      wall.push((performance.now() - t0) / 1000);
    }
  }
  wall.sort((a, b) => a - b);
  return { docs: docs.length, bytes, mbPerCpuS: bytes / 1e6 / Math.min(...cpu), mbPerS: bytes / 1e6 / wall[Math.floor(wall.length / 2)] };
}

export async function measureLanguage(corpusDir: string, withHtml: boolean, sample: number, log: (s: string) => void = () => {}): Promise<LanguageBench> {
  const docs = await readSample(corpusDir, 'id', sample, withHtml);
  const corpus = docs.length > 0 ? await measureCorpusSpeed(docs) : null;
  if (corpus) log(`  language stage on ${corpus.docs} id documents: ${corpus.mbPerCpuS.toFixed(1)} MB per CPU-second`);
  const ordinary = (docs.find((d) => d.text.length > 2000) ?? docs[0])?.text ?? 'Pemerintah kota mengimbau warga agar tidak membuang sampah ke sungai.';
  return { corpus, scaling: await measureScaling(ordinary, SCALING_SIZES, log) };
}

/** The results as a table, for the bench's output. */
export function formatLanguageBench(result: LanguageBench): string {
  const columns: Column[] = [
    { header: 'language stage' },
    ...SCALING_SIZES.map((s) => ({ header: `${s >= 1e6 ? `${s / 1e6} MB` : `${s / 1e3} KB`} ms/MB`, right: true })),
    { header: 'ratio', right: true },
    { header: 'answer (4 MB)' },
  ];
  const rows: (string[] | string)[] = [];
  if (result.corpus) {
    const c = result.corpus;
    rows.push(`bench corpus: ${c.docs} id documents, ${(c.bytes / 1e6).toFixed(1)} MB: ${c.mbPerCpuS.toFixed(1)} MB/CPU-s (best of 5), ${c.mbPerS.toFixed(1)} MB/s wall (median)`);
  }
  rows.push('single texts: CPU ms per MB (best of 9 / 4 / 2 runs); ratio = 4 MB figure / 100 KB figure (linear: ~1, target <= 2)');
  for (const r of result.scaling) {
    const last = r.sizes[r.sizes.length - 1];
    rows.push([r.shape, ...r.sizes.map((s) => s.msPerMb.toFixed(0)), r.ratio.toFixed(2), `${last.language} ${last.confidence.toFixed(2)}`]);
  }
  return renderTable(columns, rows);
}
