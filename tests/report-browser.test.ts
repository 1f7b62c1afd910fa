import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { displayName, topEntities } from '../src/report/aggregate.js';
import { createReportBuilder } from '../src/report/index.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';
import { tempDir } from './helpers/cli.js';
import { CHART_LABELS, runSummary } from './helpers/report.js';
import { CHROMIUM_PATH, chromiumService, describeWithService } from './helpers/services.js';

/**
 * report.html in a real browser: Debian's Chromium, headless, a fresh profile, driven by
 * playwright-core. The charts must render (SVG with data marks of real size), the top entity's
 * name must be visible, the console must stay clean and nothing may be requested but the file.
 */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const chromiumAvailable = await chromiumService();
describeWithService(chromiumAvailable, 'report.html in Chromium', () => {
  it('renders its charts with no console error and no request, and saves a screenshot', async () => {
    const builder = createReportBuilder();
    const example = await exampleRecord();
    for (const record of [example, ...(await corpusRecords(300))]) builder.add(record);
    const dir = tempDir('warta-report-');
    const file = path.join(dir, 'report.html');
    writeFileSync(file, builder.render(runSummary()));
    const topPerson = displayName(topEntities(builder.data, 'PERSON', 1)[0]);

    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const marks = [...svg.querySelectorAll('.mark')].map((m) => (m as SVGGraphicsElement).getBBox());
          return { label: svg.getAttribute('aria-label'), width: box.width, height: box.height, marks: marks.length, drawn: marks.filter((b) => b.width > 0 && b.height > 0).length };
        }),
      );
      expect(charts.map((c) => c.label)).toEqual(CHART_LABELS);
      for (const chart of charts) {
        expect(chart.width, chart.label!).toBeGreaterThan(150);
        expect(chart.height, chart.label!).toBeGreaterThan(100);
        expect(chart.marks, chart.label!).toBeGreaterThan(0);
        expect(chart.drawn, `${chart.label}: every mark has a size`).toBe(chart.marks);
      }
      const first = page.locator('svg[aria-label="Top people"] text.label').first();
      expect(await first.textContent()).toBe(topPerson.length > 19 ? `${Array.from(topPerson).slice(0, 18).join('')}…` : topPerson);
      expect(await first.isVisible()).toBe(true);
      expect(await page.getByText('invalid JSON: Unexpected token < in "<script>alert(1)</script>"', { exact: false }).isVisible()).toBe(true);

      const screenshot = path.join(dir, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`report screenshot: ${screenshot}`);
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await context.close();
    }
  });
});
