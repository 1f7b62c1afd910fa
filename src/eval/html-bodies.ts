/**
 * HTML body extraction on the project's dev set (`tests/fixtures/html-bodies/`): realistic
 * pages of many kinds of sites with hand-made expected bodies, split into `tune/` (layouts the
 * pruning and boilerplate rules were developed on) and `held-out/` (other layouts, only
 * scored). A page's body is what the pipeline makes of it: the `dateline` and `body`
 * sections of the record (title, captions, bylines, publication lines and boilerplate are
 * not body). Scored as precision / recall / F1 over 4-word shingles (lower-cased letter and
 * digit runs), pooled over the pages of a split, and as the mean of per-page F1.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../analyze.js';
import { readHtml } from '../ingest/html.js';
import { recordToDoc } from '../ingest/record.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import type { DocumentRecord } from '../sinks/serialize.js';

export const HTML_BODIES_DIR = path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'html-bodies');
export const SPLITS = ['tune', 'held-out'] as const;
export type Split = (typeof SPLITS)[number];
/** The targets on held-out pages. */
export const TARGET = { f1: 0.975, recall: 0.98 };

const WORD_RE = /[\p{L}\p{N}]+/gu;
const SHINGLE = 4;

/** 4-word shingles of a text with their counts (a text of fewer words is one shingle). */
export function shingles(text: string): Map<string, number> {
  const words = text.toLowerCase().match(WORD_RE) ?? [];
  const out = new Map<string, number>();
  const add = (s: string) => out.set(s, (out.get(s) ?? 0) + 1);
  if (words.length === 0) return out;
  if (words.length < SHINGLE) add(words.join(' '));
  for (let i = 0; i + SHINGLE <= words.length; i++) add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

export interface Overlap {
  predicted: number;
  gold: number;
  common: number;
}

export function overlap(predicted: string, gold: string): Overlap {
  const p = shingles(predicted);
  const g = shingles(gold);
  let common = 0;
  let np = 0;
  let ng = 0;
  for (const n of p.values()) np += n;
  for (const [s, n] of g) {
    ng += n;
    common += Math.min(n, p.get(s) ?? 0);
  }
  return { predicted: np, gold: ng, common };
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function scoresOf(o: Overlap): Scores {
  const precision = o.predicted ? o.common / o.predicted : o.gold ? 0 : 1;
  const recall = o.gold ? o.common / o.gold : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export interface HtmlPage {
  split: Split;
  name: string;
  html: Buffer;
  body: string;
}

export function loadHtmlPages(dir = HTML_BODIES_DIR): HtmlPage[] {
  const pages: HtmlPage[] = [];
  for (const split of SPLITS) {
    const folder = path.join(dir, split);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.html')).sort()) {
      const name = file.replace(/\.html$/, '');
      pages.push({ split, name, html: readFileSync(path.join(folder, file)), body: readFileSync(path.join(folder, `${name}.body.txt`), 'utf8') });
    }
  }
  return pages;
}

/** The text of the record's dateline and body sections, apart as in the text (a dateline and its paragraph share a line). */
export function bodyText(record: DocumentRecord): string {
  const points = Array.from(record.text);
  let out = '';
  let previousEnd = -1;
  for (const s of record.sections) {
    if (s.type !== 'body' && s.type !== 'dateline') continue;
    if (previousEnd >= 0) out += points.slice(previousEnd, s.start).includes('\n') ? '\n' : ' ';
    out += points.slice(s.start, s.end).join('');
    previousEnd = s.end;
  }
  return out;
}

export interface PageResult {
  split: Split;
  name: string;
  overlap: Overlap;
  scores: Scores;
  /** Without pruning (Readability and the structure stage alone), for comparison. */
  unpruned: Scores;
  predicted: string;
}

export function extractBody(analyzer: Analyzer, page: HtmlPage, prune = true): string {
  const record = readHtml(page.html, `${page.name}.html`, { prune });
  return bodyText(analyzer.analyze(recordToDoc(record, { path: `${page.name}.html`, format: 'html', record: null, sha256: '' }, {}, undefined, page.name)));
}

export function scorePages(analyzer: Analyzer, pages: HtmlPage[]): PageResult[] {
  return pages.map((page) => {
    const predicted = extractBody(analyzer, page);
    const o = overlap(predicted, page.body);
    return { split: page.split, name: page.name, overlap: o, scores: scoresOf(o), unpruned: scoresOf(overlap(extractBody(analyzer, page, false), page.body)), predicted };
  });
}

export interface SplitSummary {
  pages: number;
  pooled: Scores;
  meanF1: number;
  unpruned: Scores;
}

export function summarise(results: PageResult[]): SplitSummary {
  const sum = results.reduce((a, r) => ({ predicted: a.predicted + r.overlap.predicted, gold: a.gold + r.overlap.gold, common: a.common + r.overlap.common }), { predicted: 0, gold: 0, common: 0 });
  const mean = (pick: (r: PageResult) => number) => (results.length ? results.reduce((a, r) => a + pick(r), 0) / results.length : 0);
  return {
    pages: results.length,
    pooled: scoresOf(sum),
    meanF1: mean((r) => r.scores.f1),
    unpruned: { precision: mean((r) => r.unpruned.precision), recall: mean((r) => r.unpruned.recall), f1: mean((r) => r.unpruned.f1) },
  };
}

interface EvalRow {
  task: string;
  data: string;
  metric: string;
  target: string;
  pass?: boolean;
  values: { warta?: string };
}

const f3 = (x: number) => x.toFixed(3);

/** Rows for `npm run eval` (one section per split), details of the weakest pages, and the results. */
export function htmlBodyEval(analyzer: Analyzer): { rows: (EvalRow | string)[]; details: string[]; results: unknown } {
  const pages = loadHtmlPages();
  if (pages.length === 0) return { rows: [], details: [`html bodies: no pages in ${HTML_BODIES_DIR}`], results: null };
  const results = scorePages(analyzer, pages);
  const rows: (EvalRow | string)[] = [];
  const summaries: Record<string, SplitSummary> = {};
  for (const split of [...SPLITS, 'all'] as const) {
    const subset = split === 'all' ? results : results.filter((r) => r.split === split);
    if (subset.length === 0) continue;
    const s = summarise(subset);
    summaries[split] = s;
    const data = `html-bodies ${split} (${s.pages} pages)`;
    const heldOut = split === 'held-out';
    rows.push(`html bodies: ${split} (${s.pages} pages), 4-word shingles pooled; mean page F1; without pruning (mean)`);
    rows.push({ task: 'html', data, metric: 'P', target: '', values: { warta: f3(s.pooled.precision) } });
    rows.push({ task: 'html', data, metric: 'R', target: heldOut ? `>= ${TARGET.recall}` : '', pass: heldOut ? s.pooled.recall >= TARGET.recall : undefined, values: { warta: f3(s.pooled.recall) } });
    rows.push({ task: 'html', data, metric: 'F1', target: heldOut ? `>= ${TARGET.f1}` : '', pass: heldOut ? s.pooled.f1 >= TARGET.f1 : undefined, values: { warta: f3(s.pooled.f1) } });
    rows.push({ task: 'html', data, metric: 'page F1', target: '', values: { warta: f3(s.meanF1) } });
    rows.push({ task: 'html', data, metric: 'unpruned P', target: '', values: { warta: f3(s.unpruned.precision) } });
    rows.push({ task: 'html', data, metric: 'unpruned R', target: '', values: { warta: f3(s.unpruned.recall) } });
    rows.push({ task: 'html', data, metric: 'unpruned F1', target: '', values: { warta: f3(s.unpruned.f1) } });
  }
  const weak = results.filter((r) => r.scores.f1 < 0.98);
  const details = weak.length
    ? ['html bodies: pages below F1 0.98 (P / R / F1):', ...weak.map((r) => `  ${r.split}/${r.name}: ${f3(r.scores.precision)} / ${f3(r.scores.recall)} / ${f3(r.scores.f1)}`)]
    : [`html bodies: all ${results.length} pages at F1 0.98 or more`];
  return { rows, details, results: { summaries, pages: results.map(({ predicted: _p, ...r }) => r) } };
}
