/** The report's stylesheet, inlined into the page (the report loads nothing). */
export const REPORT_CSS = `
:root {
  --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --card: #ffffff; --page: #f1f5f9;
  --accent: #2563eb; --ok: #047857; --ok-bg: #ecfdf5; --warn: #b45309; --warn-bg: #fffbeb;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 24px 40px; }
header { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 12px; margin-bottom: 20px; }
.brand { font-size: 12px; font-weight: 700; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 2px 0 4px; font-size: 26px; font-weight: 700; }
.meta { margin: 0; color: var(--muted); }
.meta code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #e2e8f0; padding: 1px 5px; border-radius: 4px; }
.status { padding: 8px 14px; border-radius: 999px; font-weight: 600; white-space: nowrap; }
.status.ok { color: var(--ok); background: var(--ok-bg); }
.status.warn { color: var(--warn); background: var(--warn-bg); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 12px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.kpi .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.kpi .v { font-size: 24px; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .s { color: var(--muted); font-size: 12px; margin-top: 2px; }
.kpis.run .v { font-size: 20px; }
.grid { display: grid; gap: 12px; margin-top: 12px; }
.grid.two { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
.grid.three { grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; margin-top: 12px; }
.grid > .card { margin-top: 0; }
.card h2 { margin: 0 0 2px; font-size: 16px; }
.card .sub { margin: 0 0 12px; color: var(--muted); font-size: 12px; }
.chart { display: block; overflow: visible; }
.chart text { fill: var(--ink); font-size: 12px; }
.chart text.axis { fill: var(--muted); font-size: 11px; }
.chart .value { font-variant-numeric: tabular-nums; font-weight: 600; }
.chart .note { fill: var(--muted); font-weight: 400; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .baseline, .chart .tick { stroke: #94a3b8; stroke-width: 1; }
.chart .mark:hover { opacity: .8; }
.donut-total { font-size: 26px !important; font-weight: 700; }
.donut-caption { fill: var(--muted) !important; font-size: 11px !important; }
.split { display: flex; flex-wrap: wrap; gap: 20px; align-items: center; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.path { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
td.error { color: #991b1b; word-break: break-word; }
.legend { flex: 1; min-width: 200px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.empty { color: var(--muted); margin: 8px 0; }
.more { color: var(--muted); margin: 8px 0 0; }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; text-align: center; }
@media print { body { background: #fff; } .card, .kpi { break-inside: avoid; } }
`;
