/**
 * In-process measurements on a sample of the bench corpus: each stage of the
 * default pipeline (createAnalyzer + runTimed, one core), and the reference
 * peers (compromise-only NER, franc-only language detection) on the same texts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { franc } from 'franc';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import type { Doc } from '../doc.js';
import { readArticles } from '../ingest/readers.js';
import type { Lang } from './corpus.js';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Read up to `n` documents of one language through the real file readers, in the
 * corpus's format mix (60% .txt, 20% .jsonl, 15% .csv, 5% .html when readable).
 */
export async function readSample(corpusDir: string, lang: Lang, n: number, withHtml: boolean): Promise<Doc[]> {
  const shares: [string, number][] = [
    ['txt', 0.6],
    ['jsonl', 0.2],
    ['csv', 0.15],
    ['html', withHtml ? 0.05 : 0],
  ];
  const total = shares.reduce((a, [, s]) => a + s, 0);
  const docs: Doc[] = [];
  for (const [format, share] of shares) {
    const want = Math.round((n * share) / total);
    if (want === 0) continue;
    const root = path.join(corpusDir, lang, format);
    let got = 0;
    for (const file of listFiles(root)) {
      if (got >= want) break;
      const { docs: read } = await readArticles(file, { root });
      for (const doc of read) {
        if (got >= want) break;
        delete doc.meta.fileDate;
        docs.push(doc);
        got++;
      }
    }
  }
  return docs;
}

export interface StageMeasurement {
  lang: Lang;
  docs: number;
  bytes: number;
  /** Wall milliseconds per stage (performance.now around each stage). */
  stageMs: Record<string, number>;
  totalMs: number;
  /** Process CPU time over the whole loop (user + system), ms. */
  cpuMs: number;
}

/** Stops after `budgetMs` of wall time (the documents done so far are what is reported). */
export async function measureStages(analyzer: Analyzer, docs: Doc[], warmup: Doc[], lang: Lang, budgetMs = Infinity): Promise<StageMeasurement> {
  for (const doc of warmup) analyzer.analyze(doc);
  let bytes = 0;
  let n = 0;
  const stageMs: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const doc of docs) {
    bytes += Buffer.byteLength(doc.text);
    analyzer.analyze(doc, stageMs);
    n++;
    if (performance.now() - t0 > budgetMs) break;
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { lang, docs: n, bytes, stageMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export interface PeerMeasurement {
  name: string;
  docs: number;
  bytes: number;
  ms: number;
  cpuMs: number;
}

function timed(name: string, texts: string[], fn: (text: string) => unknown, budgetMs = Infinity): PeerMeasurement {
  let bytes = 0;
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sink = 0;
  for (const t of texts) {
    if (performance.now() - t0 > budgetMs) break;
    bytes += Buffer.byteLength(t);
    n++;
    const out = fn(t);
    if (Array.isArray(out)) sink += out.length;
    else if (typeof out === 'string') sink += out.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink); // keep the results alive
  return { name, docs: n, bytes, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** compromise-only NER: people, places and organisations, as a user of compromise would call it. */
export async function measureCompromise(texts: string[], budgetMs = Infinity): Promise<PeerMeasurement> {
  const nlp = (await import('compromise')).default;
  for (const t of texts.slice(0, 20)) nlp(t).people().out('array');
  return timed('compromise NER', texts, (t) => {
    const doc = nlp(t);
    return [...doc.people().out('array'), ...doc.places().out('array'), ...doc.organizations().out('array')];
  }, budgetMs);
}

export function measureFranc(texts: string[]): PeerMeasurement {
  for (const t of texts.slice(0, 20)) franc(t);
  return timed('franc language', texts, (t) => franc(t));
}

export { createAnalyzer };
