/**
 * Hand-drawn SVG charts for the run report: horizontal bars, columns over time and a donut. Static
 * markup (no script), so the report renders anywhere, prints, and is byte-identical for the same
 * data. Every data mark has the class `mark` and a `<title>` tooltip.
 */
import { escapeHtml as esc } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  /** Shown after the value (`12 mentions`). */
  note?: string;
  color?: string;
}

export interface Column {
  label: string;
  value: number;
  /** Tooltip. */
  title: string;
  /** An axis label at a natural boundary (a year, a month, a Monday), when this column starts one. */
  tick?: string;
}

export interface Slice {
  label: string;
  value: number;
  color: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** A round step for about `count` grid lines up to `max`. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return Math.max(1, step);
}

export interface BarOptions {
  label: string;
  color: string;
  width?: number;
  labelWidth?: number;
  valueWidth?: number;
  /** Longer labels are cut with an ellipsis (the tooltip has them whole). */
  maxLabel?: number;
}

export function barChart(bars: readonly Bar[], options: BarOptions): string {
  if (bars.length === 0) return '<p class="empty">None.</p>';
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 180;
  const valueWidth = options.valueWidth ?? 120;
  const row = 26;
  const top = 4;
  const height = top + bars.length * row;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const area = width - labelWidth - valueWidth - 12;
  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const y = top + i * row;
    const w = Math.max(2, (bar.value / max) * area);
    const tip = `${bar.label}: ${fmt(bar.value)}${bar.note ? ` (${bar.note})` : ''}`;
    parts.push(
      `<g><title>${esc(tip)}</title>` +
        `<text class="label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${esc(truncate(bar.label, options.maxLabel ?? 26))}</text>` +
        `<rect class="mark" x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 9}" rx="3" fill="${bar.color ?? options.color}"/>` +
        `<text class="value" x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${fmt(bar.value)}${bar.note ? `<tspan class="note"> · ${esc(bar.note)}</tspan>` : ''}</text>` +
        `</g>`,
    );
  });
  return `<svg class="chart bars" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(options.label)}">${parts.join('')}</svg>`;
}

/** Columns to label: the natural boundaries, thinned to at most `max`; evenly spaced columns when there are none. */
function tickIndexes(columns: readonly Column[], max: number): number[] {
  let candidates = columns.flatMap((c, i) => (c.tick ? [i] : []));
  if (candidates.length === 0) {
    const n = Math.min(columns.length, max);
    candidates = Array.from({ length: n }, (_, t) => (n === 1 ? 0 : Math.round((t * (columns.length - 1)) / (n - 1))));
    return [...new Set(candidates)];
  }
  const every = Math.ceil(candidates.length / max);
  return candidates.filter((_, k) => k % every === 0);
}

export function columnChart(columns: readonly Column[], options: { label: string; color: string; width?: number; height?: number }): string {
  if (columns.length === 0) return '<p class="empty">No dated articles.</p>';
  const width = options.width ?? 1000;
  const height = options.height ?? 240;
  const left = 48;
  const right = 12;
  const top = 12;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxValue = Math.max(...columns.map((c) => c.value), 1);
  const step = niceStep(maxValue);
  const max = Math.ceil(maxValue / step) * step;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  // a few columns stay column-wide and centred instead of filling the whole width
  const slot = Math.min(plotW / columns.length, 56);
  const offset = (plotW - slot * columns.length) / 2;
  const gap = slot > 6 ? Math.min(slot * 0.2, 6) : 0;
  const parts: string[] = [];
  for (let v = 0; v <= max; v += step) {
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  columns.forEach((c, i) => {
    if (c.value === 0) return;
    const x = left + offset + i * slot + gap / 2;
    parts.push(
      `<rect class="mark" x="${x.toFixed(2)}" y="${y(c.value).toFixed(1)}" width="${Math.max(0.8, slot - gap).toFixed(2)}" height="${(top + plotH - y(c.value)).toFixed(1)}" fill="${options.color}"><title>${esc(c.title)}</title></rect>`,
    );
  });
  for (const i of tickIndexes(columns, 8)) {
    const x = left + offset + (i + 0.5) * slot;
    parts.push(`<line class="tick" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top + plotH}" y2="${top + plotH + 4}"/>`);
    parts.push(`<text class="axis" x="${x.toFixed(1)}" y="${height - 12}" text-anchor="middle">${esc(columns[i].tick ?? columns[i].label)}</text>`);
  }
  parts.push(`<line class="baseline" x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  return `<svg class="chart columns" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(options.label)}">${parts.join('')}</svg>`;
}

export function donutChart(slices: readonly Slice[], options: { label: string; center: string; caption: string; size?: number }): string {
  const total = slices.reduce((a, s) => a + s.value, 0);
  if (total === 0) return '<p class="empty">None.</p>';
  const size = options.size ?? 200;
  const r = size / 2 - 8;
  const inner = r * 0.62;
  const c = size / 2;
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  const point = (a: number, radius: number) => `${(c + radius * Math.cos(a)).toFixed(2)} ${(c + radius * Math.sin(a)).toFixed(2)}`;
  for (const s of slices) {
    if (s.value === 0) continue;
    const tip = `${s.label}: ${fmt(s.value)} (${((100 * s.value) / total).toFixed(1)}%)`;
    if (s.value === total) {
      // one slice: a full ring (an arc cannot start and end at the same point)
      parts.push(
        `<path class="mark" fill-rule="evenodd" fill="${s.color}" d="M ${c - r} ${c} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z M ${c - inner} ${c} a ${inner} ${inner} 0 1 0 ${2 * inner} 0 a ${inner} ${inner} 0 1 0 ${-2 * inner} 0 Z"><title>${esc(tip)}</title></path>`,
      );
      break;
    }
    const end = angle + (2 * Math.PI * s.value) / total;
    const large = end - angle > Math.PI ? 1 : 0;
    parts.push(
      `<path class="mark" fill="${s.color}" d="M ${point(angle, r)} A ${r} ${r} 0 ${large} 1 ${point(end, r)} L ${point(end, inner)} A ${inner} ${inner} 0 ${large} 0 ${point(angle, inner)} Z"><title>${esc(tip)}</title></path>`,
    );
    angle = end;
  }
  parts.push(`<text class="donut-total" x="${c}" y="${c + 2}" text-anchor="middle">${esc(options.center)}</text>`);
  parts.push(`<text class="donut-caption" x="${c}" y="${c + 22}" text-anchor="middle">${esc(options.caption)}</text>`);
  return `<svg class="chart donut" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${esc(options.label)}">${parts.join('')}</svg>`;
}
