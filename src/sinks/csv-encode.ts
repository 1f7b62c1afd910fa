/**
 * CSV rows as `csv-stringify` writes them with `CSV_OPTIONS` (RFC 4180 quoting, formula
 * escaping, CRLF rows), for the per-article hot path only. csv-stringify builds option objects,
 * a cast context and a tuple per cell: on news that was a tenth of a worker's time, more than
 * the whole sentence stage. The equivalence with csv-stringify over arbitrary cells is a test
 * (`tests/csv-encode.test.ts`); headers and everything else keep using the library.
 */

export type CsvCell = string | number | null | undefined;

/** A cell holding one of these is quoted (a bare CR or LF too: `quote_record_delimiter`). */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** First characters a spreadsheet would run as a formula (csv-stringify's `escape_formulas`). */
function startsFormula(value: string, isNumber: boolean): boolean {
  switch (value.charCodeAt(0)) {
    case 0x2d: // '-': not for negative numbers
      return !isNumber;
    case 0x3d: // =
    case 0x2b: // +
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0xff1d: // fullwidth =
    case 0xff0b: // fullwidth +
    case 0xff0d: // fullwidth -
    case 0xff20: // fullwidth @
      return true;
    default:
      return false;
  }
}

function encodeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const isNumber = typeof cell === 'number';
  let value = isNumber ? String(cell) : cell;
  if (value === '') return '';
  const quote = NEEDS_QUOTES.test(value);
  if (startsFormula(value, isNumber)) value = `'${value}`;
  if (!quote) return value;
  return `"${value.indexOf('"') >= 0 ? value.replace(QUOTES, '""') : value}"`;
}

/**
 * CSV text built cell by cell into an array sized for the cells to come, joined once at the end:
 * appending each cell to a growing string made two cons strings per cell (the comma, the cell)
 * and row arrays per row, a tenth of what a worker allocated per article (sampling heap profile
 * of the 9,970-record export); an array grown by pushes allocated as much again.
 */
export class CsvWriter {
  /** Each cell followed by its separator: a comma, or the row's CRLF. */
  private readonly parts: string[];
  private n = 0;
  /** Cells of the open row. */
  private cells = 0;

  /** `cells`: how many cells will be written (more only cost the array's growth). */
  constructor(cells: number) {
    this.parts = new Array<string>(2 * cells);
  }

  cell(value: CsvCell): void {
    this.parts[this.n++] = encodeCell(value);
    this.parts[this.n++] = ',';
    this.cells++;
  }

  endRow(): void {
    if (this.cells > 0) this.parts[this.n - 1] = '\r\n';
    else this.parts[this.n++] = '\r\n';
    this.cells = 0;
  }

  /** The rows written ('' for none). */
  text(): string {
    if (this.parts.length > this.n) this.parts.length = this.n;
    return this.parts.join('');
  }
}

/** The rows, each ended by CRLF; '' for no rows. */
export function encodeCsvRows(rows: readonly (readonly CsvCell[])[]): string {
  const out = new CsvWriter(rows.reduce((cells, row) => cells + row.length, 0));
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out.cell(row[i]);
    out.endRow();
  }
  return out.text();
}
