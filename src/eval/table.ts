/** Plain-text tables with aligned columns, shared by `npm run eval` and `npm run bench`. */

export interface Column {
  header: string;
  /** Right-align (numbers). */
  right?: boolean;
}

/** Render rows as aligned text; a row that is a string prints as a section heading line. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[] | string)[]): string {
  const widths = columns.map((c) => [...c.header].length);
  for (const row of rows) {
    if (typeof row === 'string') continue;
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = widths[i] - [...cell].length;
        return columns[i]?.right ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const out = [line(columns.map((c) => c.header)), '-'.repeat(total)];
  for (const row of rows) out.push(typeof row === 'string' ? `-- ${row} ${'-'.repeat(Math.max(0, total - row.length - 4))}` : line(row));
  return out.join('\n');
}

/** Render as a GitHub markdown table (for the README). */
export function renderMarkdown(columns: readonly Column[], rows: readonly (readonly string[] | string)[]): string {
  const out = [`| ${columns.map((c) => c.header).join(' | ')} |`, `|${columns.map((c) => (c.right ? '---:' : '---')).join('|')}|`];
  for (const row of rows) {
    if (typeof row === 'string') out.push(`| **${row}** |${' |'.repeat(columns.length - 1)}`);
    else out.push(`| ${row.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`);
  }
  return out.join('\n');
}

export function fmt3(x: number | undefined | null): string {
  return x === undefined || x === null || Number.isNaN(x) ? '' : x.toFixed(3);
}

export function fmtPct(x: number | undefined | null, digits = 1): string {
  return x === undefined || x === null || Number.isNaN(x) ? '' : `${(100 * x).toFixed(digits)}%`;
}

/**
 * One table made of sections: each section has its own column labels, an optional
 * target row, and one row per system. The system column is shared by every section,
 * metric columns are as wide as their own section needs; a missed target gets `*`.
 */
export interface Section {
  title: string;
  labels: string[];
  targets: string[];
  rows: { system: string; cells: string[]; missed?: boolean[] }[];
}

export function renderSections(sections: readonly Section[], firstHeader = 'system'): string {
  const len = (s: string) => [...s].length;
  const mark = (cell: string, missed: boolean | undefined) => (missed && cell ? `${cell}*` : cell);
  // the system column is shared by every section; metric columns fit their own section
  let first = len(firstHeader);
  for (const s of sections) for (const r of s.rows) first = Math.max(first, len(r.system));
  const sectionWidths = sections.map((s) => {
    const widths = s.labels.map(len);
    const fit = (i: number, cell: string) => {
      widths[i] = Math.max(widths[i] ?? 0, len(cell));
    };
    s.targets.forEach((t, i) => fit(i, t));
    for (const r of s.rows) r.cells.forEach((c, i) => fit(i, mark(c, r.missed?.[i])));
    return widths;
  });
  const total = Math.max(...sectionWidths.map((w) => first + w.reduce((a, b) => a + b + 2, 0)), 40);
  const out: string[] = [];
  sections.forEach((s, k) => {
    const widths = sectionWidths[k];
    const line = (head: string, cells: readonly string[]) =>
      [head + ' '.repeat(first - len(head)), ...cells.map((c, i) => ' '.repeat(widths[i] - len(c)) + c)].join('  ').trimEnd();
    out.push(`-- ${s.title} ${'-'.repeat(Math.max(3, total - len(s.title) - 4))}`);
    out.push(line(firstHeader, s.labels));
    if (s.targets.some((t) => t)) out.push(line('target', s.targets));
    for (const r of s.rows) out.push(line(r.system, r.cells.map((c, i) => mark(c, r.missed?.[i]))));
  });
  return out.join('\n');
}

/** Markdown version: one table per section. */
export function renderSectionsMarkdown(sections: readonly Section[], firstHeader = 'system'): string {
  const out: string[] = [];
  for (const s of sections) {
    out.push(`**${s.title}**`, '', `| ${[firstHeader, ...s.labels].join(' | ')} |`, `|---|${s.labels.map(() => '---:').join('|')}|`);
    if (s.targets.some((t) => t)) out.push(`| target | ${s.targets.join(' | ')} |`);
    for (const r of s.rows) out.push(`| ${r.system} | ${r.cells.map((c, i) => (r.missed?.[i] && c ? `${c}*` : c)).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}
