/**
 * The run report (`report.html`): a builder the runner feeds one finished article at a time
 * (memory grows with distinct entities, outlets, days and languages, not with articles) and asks
 * once, at the end, for the page.
 *
 *   const report = createReportBuilder();
 *   for (const record of finished) report.add(record);
 *   writeFileSync('output/report.html', report.render(summary));
 */
import type { DocumentRecord } from '../sinks/serialize.js';
import type { RunSummary } from '../summary.js';
import { mergeReportData, ReportAggregator, type ReportData } from './aggregate.js';
import { renderReport, type RenderOptions } from './render.js';

export interface ReportBuilder {
  add(record: DocumentRecord): void;
  /** Add figures gathered elsewhere (a worker thread's `ReportAggregator` over its articles). */
  merge(data: ReportData): void;
  /** The figures gathered so far (tests, other renderers). */
  readonly data: ReportData;
  render(summary: RunSummary, options?: RenderOptions): string;
}

export function createReportBuilder(): ReportBuilder {
  const aggregator = new ReportAggregator();
  return {
    add: (record) => aggregator.add(record),
    merge: (data) => mergeReportData(aggregator.data, data),
    get data() {
      return aggregator.data;
    },
    render: (summary, options) => renderReport(aggregator.data, summary, options),
  };
}

export type { RenderOptions } from './render.js';
export type { ReportData } from './aggregate.js';
