/**
 * The hand-rolled CSV row encoder of the worker's hot path writes exactly the bytes
 * csv-stringify writes with the output options, for any cells: quotes, commas, CR/LF,
 * formula starts (ASCII and fullwidth), negative numbers, empty strings, null, astral text.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CsvWriter, encodeCsvRows, type CsvCell } from '../src/sinks/csv-encode.js';
import { CSV_OPTIONS } from '../src/sinks/rows.js';

const library = (rows: CsvCell[][]) => (rows.length === 0 ? '' : stringify(rows, CSV_OPTIONS));

/** Strings built from the characters that change how a cell is written. */
const tricky = fc
  .array(fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '\r\n', "'", '-', '=', '+', '@', '\t', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', 'é', '😀', '\uD800', '0', '1.5'), { maxLength: 8 })
  .map((parts) => parts.join(''));
const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  tricky,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: false }),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
);

describe('encodeCsvRows', () => {
  it('writes what csv-stringify writes, cell for cell', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 4 }), (rows) => {
        expect(encodeCsvRows(rows)).toBe(library(rows));
      }),
      { numRuns: 3000, seed: 20261206 },
    );
  });

  it('quotes, doubles quotes and guards formulas in a real-looking row', () => {
    const row: CsvCell[] = ['a-1', 'PERSON', 'Joko "Jokowi" Widodo', '=SUM(A1)', -3, '-3', 'Jakarta, Indonesia', 'baris\nbaru', null, 0, ''];
    const out = encodeCsvRows([row]);
    expect(out).toBe(`a-1,PERSON,"Joko ""Jokowi"" Widodo",'=SUM(A1),-3,'-3,"Jakarta, Indonesia","baris\nbaru",,0,\r\n`);
    expect(out).toBe(library([row]));
  });

  it('writes nothing for no rows and a bare CRLF for an empty row', () => {
    expect(encodeCsvRows([])).toBe('');
    expect(encodeCsvRows([[]])).toBe(library([[]]));
  });
});

describe('CsvWriter', () => {
  it('writes cell by cell what csv-stringify writes for the rows, with room for fewer cells or more', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 4 }), fc.nat(30), (rows, room) => {
        const out = new CsvWriter(room);
        for (const row of rows) {
          for (const c of row) out.cell(c);
          out.endRow();
        }
        expect(out.text()).toBe(library(rows));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});
