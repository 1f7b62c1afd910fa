import type { RunSummary } from '../summary.js';
import { displayName, topEntities, type ReportData } from './aggregate.js';
import { escapeHtml as esc } from './escape.js';
import { REPORT_CSS } from './style.js';
import { barChart, columnChart, donutChart, type Bar } from './svg.js';
import { timeline } from './timeline.js';

export interface RenderOptions {
  /** What the articles are, for the page (`57 articles analysed in this run`); defaults to a count. */
  scope?: string;
  /** Failures listed in full before the rest is only counted (all of them are in run.json). */
  maxFailures?: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, many = `${word}s`) => `${fmt(n)} ${n === 1 ? word : many}`;
const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

const TYPES = [
  { type: 'PERSON', title: 'Top people', color: '#2563eb' },
  { type: 'LOCATION', title: 'Top places', color: '#059669' },
  { type: 'ORGANIZATION', title: 'Top organisations', color: '#7c3aed' },
] as const;
const PALETTE = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626'];
const OTHER_COLOR = '#94a3b8';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
function languageName(code: string): string {
  if (code === 'und') return 'undetermined';
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function bytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GiB` : `${(n / 2 ** 20).toFixed(0)} MiB`;
}

function kpi(label: string, value: string, sub?: string): string {
  return `<div class="kpi"><div class="k">${esc(label)}</div><div class="v">${esc(value)}</div>${sub ? `<div class="s">${esc(sub)}</div>` : ''}</div>`;
}

function card(title: string, sub: string, body: string, extraClass = ''): string {
  return `<section class="card${extraClass ? ` ${extraClass}` : ''}"><h2>${esc(title)}</h2>${sub ? `<p class="sub">${esc(sub)}</p>` : ''}${body}</section>`;
}

/** The largest entries and one "others" bar for the rest. */
function topWithOthers(counts: ReadonlyMap<string, number>, n: number, name: (key: string) => string, othersLabel: (k: number) => string): Bar[] {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const bars: Bar[] = sorted.slice(0, n).map(([key, value]) => ({ label: name(key), value }));
  const rest = sorted.slice(n);
  if (rest.length) bars.push({ label: othersLabel(rest.length), value: rest.reduce((a, [, v]) => a + v, 0), color: OTHER_COLOR });
  return bars;
}

function header(summary: RunSummary): string {
  const failed = summary.counts.failed;
  const status = failed === 0 ? `<div class="status ok">✓ Every input analysed</div>` : `<div class="status warn">⚠ ${esc(plural(failed, 'input'))} failed</div>`;
  const started = summary.started_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  return `<header><div><div class="brand">warta</div><h1>Run report</h1>
<p class="meta">${esc(started)} · ${esc(duration(summary.elapsed_ms))} · pipeline <code>${esc(summary.pipeline.name)}</code> (${esc(plural(summary.pipeline.stages.length, 'stage'))}) · output <code>${esc(summary.output)}</code> · warta ${esc(summary.warta_version)}</p></div>${status}</header>`;
}

function articleKpis(data: ReportData, scope: string): string {
  const typeCounts = new Map<string, number>();
  for (const e of data.entities.values()) typeCounts.set(e.type, (typeCounts.get(e.type) ?? 0) + e.mentions);
  const byType = TYPES.map((t) => `${t.type.slice(0, 3)} ${fmt(typeCounts.get(t.type) ?? 0)}`).join(' · ');
  const perArticle = (n: number) => (data.articles ? `${(n / data.articles).toFixed(1)} per article` : '');
  return `<section class="kpis">${[
    kpi('Articles', fmt(data.articles), scope),
    kpi('Sentences', fmt(data.sentences), perArticle(data.sentences)),
    kpi('Entity mentions', fmt(data.mentions), byType),
    kpi('Distinct entities', fmt(data.entities.size), perArticle(data.mentions).replace('per article', 'mentions per article')),
    kpi('Dates', fmt(data.dates), perArticle(data.dates)),
    kpi('Languages', fmt(data.perLanguage.size), plural(data.perOutlet.size, 'outlet')),
  ].join('')}</section>`;
}

function runKpis(summary: RunSummary): string {
  const c = summary.counts;
  return `<section class="kpis run">${[
    kpi('Analysed', fmt(c.processed), `of ${plural(c.seen, 'article')} seen · ${plural(c.files_changed, 'file')} changed`),
    kpi('Unchanged', fmt(c.unchanged), `${plural(c.files_unchanged, 'file')} skipped`),
    kpi('Failed', fmt(c.failed), c.failed ? 'listed under Failures' : 'none'),
    kpi('Written', fmt(c.written), `${summary.outputs_rewritten ? 'outputs rewritten' : 'outputs unchanged'} · ${plural(c.files_deleted, 'input file')} deleted`),
    kpi('Throughput', `${summary.docs_per_second.toFixed(1)} docs/s`, `${summary.mb_per_second.toFixed(2)} MB/s · ${summary.concurrency} workers`),
    kpi('Peak memory', bytes(summary.peak_rss_bytes), `${(summary.input_bytes / 1e6).toFixed(1)} MB read`),
  ].join('')}</section>`;
}

function perDayCard(data: ReportData): string {
  const { granularity, columns } = timeline(data.perDay);
  const per = { day: 'day', week: 'week', month: 'month' }[granularity];
  const dated = data.articles - data.undated;
  const sub = `${plural(dated, 'article')} by publication date${data.undated ? `; ${plural(data.undated, 'article')} without one` : ''}`;
  return card(`Articles per ${per}`, sub, columnChart(columns, { label: `Articles per ${per}`, color: '#2563eb' }), 'wide');
}

function outletCard(data: ReportData): string {
  const bars = topWithOthers(data.perOutlet, 12, (k) => k || '(no outlet)', (k) => `${plural(k, 'other outlet')}`);
  return card('Articles per outlet', `${plural(data.perOutlet.size, 'outlet')}`, barChart(bars, { label: 'Articles per outlet', color: '#0f766e' }));
}

function languageCard(data: ReportData): string {
  const sorted = [...data.perLanguage].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, PALETTE.length - 1);
  const rest = sorted.slice(PALETTE.length - 1);
  const slices = shown.map(([code, value], i) => ({ label: `${languageName(code)} (${code})`, value, color: PALETTE[i] }));
  if (rest.length) slices.push({ label: `${rest.length} other languages`, value: rest.reduce((a, [, v]) => a + v, 0), color: OTHER_COLOR });
  const legend = `<table class="legend"><thead><tr><th>language</th><th class="n">articles</th><th class="n">share</th></tr></thead><tbody>${slices
    .map((s) => `<tr><td><span class="swatch" style="background:${s.color}"></span>${esc(s.label)}</td><td class="n">${fmt(s.value)}</td><td class="n">${pct(s.value, data.articles)}</td></tr>`)
    .join('')}</tbody></table>`;
  const donut = donutChart(slices, { label: 'Language mix', center: fmt(data.articles), caption: 'articles' });
  return card('Language mix', `${plural(data.perLanguage.size, 'language')}`, `<div class="split">${donut}${legend}</div>`);
}

function entityCards(data: ReportData): string {
  return `<div class="grid three">${TYPES.map((t) => {
    const top = topEntities(data, t.type, 10);
    const distinct = [...data.entities.values()].filter((e) => e.type === t.type).length;
    const bars = top.map((e) => ({ label: displayName(e), value: e.articles, note: plural(e.mentions, 'mention') }));
    return card(
      t.title,
      `by articles · ${plural(distinct, 'distinct entity', 'distinct entities')}`,
      barChart(bars, { label: t.title, color: t.color, width: 380, labelWidth: 128, valueWidth: 112, maxLabel: 19 }),
    );
  }).join('')}</div>`;
}

function stageCard(summary: RunSummary): string {
  const order = [...summary.pipeline.stages, ...Object.keys(summary.stage_ms).filter((s) => !summary.pipeline.stages.includes(s)).sort()];
  const total = Object.values(summary.stage_ms).reduce((a, b) => a + b, 0);
  const bars = order
    .filter((s) => summary.stage_ms[s] !== undefined)
    .map((s) => ({ label: s, value: Math.round(summary.stage_ms[s]), note: pct(summary.stage_ms[s], total) }));
  const body = bars.length ? barChart(bars, { label: 'Stage timings (ms)', color: '#475569', labelWidth: 110 }) : '<p class="empty">No stage ran (nothing to analyse).</p>';
  return card('Stage timings', `milliseconds per stage, summed over workers · ${duration(total)} in all`, body);
}

function warningsCard(data: ReportData): string {
  const rows = [...data.warnings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = rows.reduce((a, [, n]) => a + n, 0);
  const body = rows.length
    ? `<table><thead><tr><th>stage/code</th><th class="n">warnings</th></tr></thead><tbody>${rows
        .slice(0, 12)
        .map(([code, n]) => `<tr><td class="path">${esc(code)}</td><td class="n">${fmt(n)}</td></tr>`)
        .join('')}</tbody></table>${rows.length > 12 ? `<p class="more">and ${plural(rows.length - 12, 'other code')}</p>` : ''}`
    : '<p class="empty">No warnings.</p>';
  return card('Warnings', `${plural(total, 'warning')} in the articles (details in documents.jsonl)`, body);
}

function failuresCard(summary: RunSummary, max: number): string {
  const failures = summary.failures;
  if (failures.length === 0) return card('Failures', '', '<p class="empty">No failures: every input was read and analysed.</p>', 'wide');
  const rows = failures
    .slice(0, max)
    .map(
      (f) =>
        `<tr><td class="path">${esc(f.path)}</td><td class="n">${f.record === null ? '' : fmt(f.record)}</td><td class="n">${f.line === undefined ? '' : fmt(f.line)}</td><td class="error">${esc(f.error)}</td></tr>`,
    )
    .join('');
  const more = failures.length > max ? `<p class="more">and ${plural(failures.length - max, 'more failure')} (all in run.json)</p>` : '';
  return card(
    `Failures (${fmt(failures.length)})`,
    'inputs or records that could not become articles; everything else was written',
    `<table><thead><tr><th>file</th><th class="n">record</th><th class="n">line</th><th>error</th></tr></thead><tbody>${rows}</tbody></table>${more}`,
    'wide',
  );
}

/** The whole page: one self-contained HTML file (inline CSS and SVG, no script, no external reference). */
export function renderReport(data: ReportData, summary: RunSummary, options: RenderOptions = {}): string {
  const scope = options.scope ?? `${plural(data.articles, 'article')} in this report`;
  const body = [
    header(summary),
    articleKpis(data, scope),
    runKpis(summary),
    perDayCard(data),
    `<div class="grid two">${outletCard(data)}${languageCard(data)}</div>`,
    entityCards(data),
    `<div class="grid two">${stageCard(summary)}${warningsCard(data)}</div>`,
    failuresCard(summary, options.maxFailures ?? 200),
    `<footer>warta ${esc(summary.warta_version)} · ${esc(summary.finished_at)} · a self-contained page: no script, nothing loaded from the network</footer>`,
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>warta run report · ${esc(summary.started_at)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
