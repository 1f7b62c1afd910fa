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
