/**
 * CSV rows of one document: code-point counts and sentence text sliced by code points
 * without materialising every code point, quoting of every cell with CR, LF, quote or comma.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvStrict } from '../src/fuzz/output-contract.js';
import { countCodePoints, csvRows } from '../src/sinks/rows.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';

function record(text: string, sentences: [number, number][]): DocumentRecord {
  return {
    id: 'a-1',
    source: { path: 'in/a.txt', format: 'txt', record: null, sha256: 'ff' },
    url: null,
    title: null,
    published_at: null,
    source_name: null,
    dateline: null,
    author: null,
    language: 'id',
    language_confidence: 0.9,
    text,
    sections: [],
    sentences: sentences.map(([start, end], index) => ({ index, start, end, section: 'body' })),
    entities: [],
    dates: [],
    warnings: [],
  };
}

describe('csvRows', () => {
  it('counts code points like Array.from, lone surrogates as one each', () => {
    for (const text of ['', 'abc', 'a👍🏽b', '😀😀', 'x\uD800y', '\uDC00\uD800', '\uD83D']) {
      expect(countCodePoints(text)).toBe(Array.from(text).length);
    }
  });

  it('slices sentence text by code points around astral characters', () => {
    const text = 'Hebat 😀 sekali.\nIa 👍🏽 senang, "ya".';
    const points = Array.from(text);
    const spans: [number, number][] = [
      [0, 15],
      [16, points.length],
    ];
    const rows = parseCsvStrict(csvRows(record(text, spans)).sentences);
    expect(rows.map((r) => r[5])).toEqual(spans.map(([s, e]) => points.slice(s, e).join('')));
    expect(rows[1][5]).toBe('Ia 👍🏽 senang, "ya".');
    const article = parseCsvStrict(csvRows(record(text, spans)).articles)[0];
    expect(article[13]).toBe(String(points.length));
  });

  it('quotes cells with a bare LF, a bare CR, a quote or a comma, and nothing else', () => {
    const text = 'satu\ndua tiga\rempat "lima", enam';
    const csv = csvRows(record(text, [[0, 8], [9, 19], [20, text.length]])).sentences;
    expect(csv.split('\r\n').slice(0, 3)).toEqual(['a-1,0,0,8,body,"satu\ndua"', 'a-1,1,9,19,body,"tiga\rempat"', 'a-1,2,20,32,body,"""lima"", enam"']);
  });
});
