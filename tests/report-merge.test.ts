import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeReportData, ReportAggregator } from '../src/report/aggregate.js';
import { createReportBuilder } from '../src/report/index.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';
import { tempDir, warta } from './helpers/cli.js';
import { runSummary } from './helpers/report.js';

let records: DocumentRecord[];
beforeAll(async () => {
  records = [await exampleRecord(), ...(await corpusRecords(200))];
});

describe('report figures gathered in parts', () => {
  it('merged in any order, parts give the figures and the page of one pass over every record', () => {
    const whole = createReportBuilder();
    for (const r of records) whole.add(r);
    // three workers' parts, merged as their tasks happen to finish
    const parts = [0, 1, 2].map(() => new ReportAggregator());
    records.forEach((r, i) => parts[(i * 7) % 3].add(r));
    const merged = createReportBuilder();
    for (const part of [parts[2], parts[0], parts[1]]) merged.merge(part.data);
    expect(merged.data).toEqual(whole.data);
    expect(merged.render(runSummary())).toBe(whole.render(runSummary()));
    // merging copies: the part stays as it was
    const copy = new ReportAggregator();
    mergeReportData(copy.data, parts[0].data);
    mergeReportData(copy.data, parts[0].data);
    expect(copy.data.articles).toBe(2 * parts[0].data.articles);
    expect([...parts[0].data.entities.values()][0].mentions * 2).toBe([...copy.data.entities.values()][0].mentions);
  });
});

/** The report's figure tiles (the page's timings differ from run to run). */
const tiles = (html: string) => /<section class="kpis">[\s\S]*?<\/section>/.exec(html)![0];

describe('warta run gathers the report in its workers', () => {
  it('shows the same figures at any concurrency, and leaves out an article whose id another took', () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in'));
    const lines = records.slice(0, 60).map((r, i) => JSON.stringify({ id: i === 59 ? 'dua-kali' : `berita-${i}`, title: r.title, text: r.text, published_at: r.published_at ?? '' }));
    writeFileSync(path.join(work, 'in', 'a.jsonl'), lines.join('\n') + '\n');
    writeFileSync(path.join(work, 'in', 'b.txt'), 'Dua kali\n\nWarga Bekasi mengungsi ke masjid pada Senin (8/9/2025), kata Rudi.\n');
    writeFileSync(path.join(work, 'in', 'c.jsonl'), JSON.stringify({ id: 'dua-kali', title: 'Sama', text: 'Banjir di Bekasi. Warga mengungsi.' }) + '\n');
    const html: string[] = [];
    for (const c of ['1', '2']) {
      const out = path.join(work, `out-${c}`);
      const result = warta(['run', '-i', 'in', '-o', out, '-c', c], work);
      // the duplicate id fails its record (exit 1), everything else is written
      expect(result.status, result.stderr).toBe(1);
      const written = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')).counts.written;
      expect(written).toBe(61);
      html.push(readFileSync(path.join(out, 'report.html'), 'utf8'));
    }
    expect(tiles(html[0])).toBe(tiles(html[1]));
    expect(tiles(html[0])).toContain('>61<');
  }, 240_000);
});
