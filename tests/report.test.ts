import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/random.js';
import { displayName, topEntities } from '../src/report/aggregate.js';
import { escapeHtml } from '../src/report/escape.js';
import { createReportBuilder } from '../src/report/index.js';
import { timeline } from '../src/report/timeline.js';
import { publishedDate } from '../src/sinks/record-rows.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';
import { CHART_LABELS, runSummary } from './helpers/report.js';

let records: DocumentRecord[];
let example: DocumentRecord;
beforeAll(async () => {
  example = await exampleRecord();
  records = [example, ...(await corpusRecords(300))];
});

function build(input: DocumentRecord[]) {
  const builder = createReportBuilder();
  for (const r of input) builder.add(r);
  return builder;
}

const dom = (html: string) => parseHTML(html).document;
const texts = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent ?? '');

describe('report figures', () => {
  it('count articles, sentences, mentions, dates, days, outlets, languages and entities as the records say', () => {
    const { data } = build(records);
    expect(data.articles).toBe(301);
    expect(data.sentences).toBe(records.reduce((a, r) => a + r.sentences.length, 0));
    expect(data.mentions).toBe(records.reduce((a, r) => a + r.entities.length, 0));
    expect(data.dates).toBe(records.reduce((a, r) => a + r.dates.length, 0));
    expect(data.characters).toBe(records.reduce((a, r) => a + Array.from(r.text).length, 0));
    const days = new Map<string, number>();
    for (const r of records) {
      const d = publishedDate(r.published_at);
      if (d) days.set(d, (days.get(d) ?? 0) + 1);
    }
    expect(data.perDay).toEqual(days);
    expect(data.undated).toBe(records.filter((r) => !publishedDate(r.published_at)).length);
    expect([...data.perLanguage.values()].reduce((a, b) => a + b, 0)).toBe(301);
    expect(data.perLanguage.get('en')).toBe(records.filter((r) => r.language === 'en').length);
    expect(data.perOutlet.get('SEPUTARAN.COM')).toBe(records.filter((r) => r.source_name === 'SEPUTARAN.COM').length);
    expect(data.entities.size).toBe(new Set(records.flatMap((r) => r.entities.map((e) => e.entity_id))).size);
  });

  it('name and rank entities by articles, then mentions (the example article: Kim Jong Un first)', () => {
    const { data } = build([example]);
    const kim = data.entities.get('PERSON:kim-jong-un')!;
    expect(kim.articles).toBe(1);
    expect(kim.mentions).toBe(example.entities.filter((e) => e.entity_id === 'PERSON:kim-jong-un').length);
    expect(displayName(kim)).toBe('Kim Jong Un');
    expect(topEntities(data, 'PERSON', 1).map(displayName)).toEqual(['Kim Jong Un']);
    expect(topEntities(data, 'LOCATION', 20).every((e, i, all) => i === 0 || all[i - 1].mentions >= e.mentions)).toBe(true);
  });
});

describe('timeline', () => {
  it('fills gaps per day for short spans, with Monday ticks', () => {
    const { granularity, columns } = timeline(new Map([['2025-09-01', 2], ['2025-09-04', 1], ['2025-09-09', 5]]));
    expect(granularity).toBe('day');
    expect(columns.map((c) => c.value)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 5]);
    expect(columns.filter((c) => c.tick).map((c) => c.tick)).toEqual(['1 Sep', '8 Sep']);
  });
  it('goes per week (Monday to Sunday) up to two years and per month beyond', () => {
    const weeks = timeline(new Map([['2025-01-01', 1], ['2025-01-05', 1], ['2025-01-06', 1], ['2025-06-30', 4]]));
    expect(weeks.granularity).toBe('week');
    expect(weeks.columns[0]).toMatchObject({ value: 2, title: 'week of 2024-12-30: 2 articles' });
    expect(weeks.columns[1].value).toBe(1);
    expect(weeks.columns.at(-1)).toMatchObject({ value: 4, title: 'week of 2025-06-30: 4 articles' });
    const months = timeline(new Map([['2019-01-03', 1], ['2021-12-31', 2], ['2021-12-01', 1]]));
    expect(months.granularity).toBe('month');
    expect(months.columns).toHaveLength(36);
    expect(months.columns.at(-1)).toMatchObject({ label: 'Dec 2021', value: 3 });
    expect(months.columns.filter((c) => c.tick).map((c) => c.tick)).toEqual(['2019', '2020', '2021']);
  });
});

describe('report.html', () => {
  it('is one self-contained page: inline style and SVG, no script, nothing loaded from anywhere', () => {
    const html = build(records).render(runSummary());
    const doc = dom(html);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect([...doc.querySelectorAll('*')].filter((e) => e.hasAttribute('src') || e.hasAttribute('href'))).toHaveLength(0);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
  });

  it('shows every section with charts holding one mark per datum', () => {
    const builder = build(records);
    const doc = dom(builder.render(runSummary()));
    expect(texts(doc, 'h2')).toEqual([...CHART_LABELS.map((l) => l.replace(' (ms)', '')), 'Warnings', 'Failures (2)']);
    const charts = [...doc.querySelectorAll('svg.chart')];
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual(CHART_LABELS);
    for (const svg of charts) expect(svg.querySelectorAll('.mark').length, svg.getAttribute('aria-label')!).toBeGreaterThan(0);
    const months = doc.querySelector('svg[aria-label="Articles per month"]')!;
    const nonEmpty = timeline(builder.data.perDay).columns.filter((c) => c.value > 0);
    expect(months.querySelectorAll('.mark')).toHaveLength(nonEmpty.length);
    expect(texts(months, '.mark title')).toEqual(nonEmpty.map((c) => c.title));
    const languages = doc.querySelector('svg[aria-label="Language mix"]')!;
    expect(languages.querySelectorAll('.mark')).toHaveLength(builder.data.perLanguage.size);
    const stages = doc.querySelector('svg[aria-label="Stage timings (ms)"]')!;
    expect(texts(stages, 'text.label')).toEqual(runSummary().pipeline.stages);
  });

  it('lists the top entities by name, and the counts in the tiles', () => {
    const builder = build(records);
    const doc = dom(builder.render(runSummary()));
    for (const [type, title] of [['PERSON', 'Top people'], ['LOCATION', 'Top places'], ['ORGANIZATION', 'Top organisations']]) {
      const expected = topEntities(builder.data, type, 10);
      const svg = doc.querySelector(`svg[aria-label="${title}"]`)!;
      expect(svg.querySelectorAll('.mark')).toHaveLength(expected.length);
      expect(texts(svg, 'g > title').map((t) => t.split(':')[0])).toEqual(expected.map(displayName));
      expect(texts(svg, 'text.value').map((t) => Number(t.split(' ')[0].replace(/,/g, '')))).toEqual(expected.map((e) => e.articles));
    }
    const tiles = Object.fromEntries([...doc.querySelectorAll('.kpi')].map((k) => [k.querySelector('.k')!.textContent, k.querySelector('.v')!.textContent]));
    expect(tiles).toMatchObject({
      Articles: '301',
      Sentences: builder.data.sentences.toLocaleString('en-US'),
      'Entity mentions': builder.data.mentions.toLocaleString('en-US'),
      'Distinct entities': builder.data.entities.size.toLocaleString('en-US'),
      Failed: '2',
      Throughput: '13.0 docs/s',
    });
  });

  it('shows failure messages as text, never as markup', () => {
    const doc = dom(build([example]).render(runSummary()));
    const rows = [...doc.querySelectorAll('td.error')].map((e) => e.textContent);
    expect(rows).toEqual(['record 3: invalid JSON: Unexpected token < in "<script>alert(1)</script>" & more', 'empty file']);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(texts(doc, 'td.path')).toEqual(['input/feeds/bad.jsonl', 'input/empty.txt']);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('is the same page for the same articles in any order (workers finish in any order)', () => {
    const random = mulberry32(7);
    const shuffled = [...records];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(build(shuffled).render(runSummary())).toBe(build(records).render(runSummary()));
  });

  it('renders a run with nothing new and no failures', () => {
    const summary = runSummary({ failures: [], counts: { ...runSummary().counts, processed: 0, failed: 0, unchanged: 301 }, stage_ms: {} });
    const doc = dom(build([]).render(summary, { scope: 'nothing changed since the last run' }));
    expect(doc.querySelector('.status')!.textContent).toContain('Every input analysed');
    expect(texts(doc, '.empty')).toEqual(
      expect.arrayContaining(['No dated articles.', 'No stage ran (nothing to analyse).', 'No warnings.', 'No failures: every input was read and analysed.']),
    );
    expect(doc.querySelector('.kpi .s')!.textContent).toBe('nothing changed since the last run');
  });
});
