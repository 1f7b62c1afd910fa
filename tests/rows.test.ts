/**
 * CSV rows of one document: code-point counts and sentence text sliced by code points
 * without materialising every code point, quoting of every cell with CR, LF, quote or comma.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvStrict } from '../src/fuzz/output-contract.js';
import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS, countCodePoints, csvRows } from '../src/sinks/rows.js';
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

  it('writes every file\'s rows as csv-stringify writes the fields, optional date fields empty', () => {
    const text = 'Presiden Prabowo Subianto tiba di Jakarta, Senin (5/1). =SUM hari "ini" -3 hari lalu.';
    const doc: DocumentRecord = {
      ...record(text, [[0, 48], [49, text.length]]),
      url: 'https://contoh.id/a',
      title: '@Prabowo, "tiba"',
      published_at: '2026-01-05',
      author: '-Redaksi',
      entities: [
        { type: 'PERSON', text: 'Prabowo Subianto', canonical: 'Prabowo Subianto', entity_id: 'PERSON:prabowo-subianto', start: 9, end: 25, sentence: 0, section: 'body' },
        { type: 'LOCATION', text: 'Jakarta', canonical: 'Jakarta, DKI', entity_id: 'LOCATION:jakarta', start: 34, end: 41, sentence: 0, section: null },
      ],
      dates: [
        { text: 'Senin (5/1)', start: 43, end: 54, sentence: 0, section: 'body', value: '2026-01-05', granularity: 'day', resolution: 'explicit', time: '08:00', timezone: '+07:00' },
        { text: '-3 hari lalu', start: 69, end: 81, sentence: 1, section: 'body', value: '2026-01-02', granularity: 'day', resolution: 'relative' },
      ],
      warnings: [{ stage: 'dates', code: 'anchor-file-date', message: 'no "published" date' }, { stage: 'language', code: 'short', message: '=short, text' }],
    };
    const want = (rows: unknown[][]) => (rows.length === 0 ? '' : stringify(rows, CSV_OPTIONS));
    const got = csvRows(doc);
    const s = doc.source;
    expect(got.articles).toBe(
      want([[doc.id, s.path, s.format, s.record, s.sha256, doc.url, doc.title, doc.published_at, doc.source_name, doc.dateline, doc.author, doc.language, doc.language_confidence, Array.from(text).length, 2, 2, 2, 'dates/anchor-file-date: no "published" date | language/short: =short, text']]),
    );
    expect(got.sentences).toBe(want(doc.sentences.map((x) => [doc.id, x.index, x.start, x.end, x.section, text.slice(x.start, x.end)])));
    expect(got.entities).toBe(want(doc.entities.map((e) => [doc.id, e.type, e.text, e.canonical, e.entity_id, e.start, e.end, e.sentence, e.section])));
    expect(got.dates).toBe(want(doc.dates.map((d) => [doc.id, d.text, d.start, d.end, d.sentence, d.section, d.value, d.granularity, d.resolution, d.end_value, d.time, d.timezone])));
    expect(got.dates.split('\r\n')[1]).toBe("a-1,'-3 hari lalu,69,81,1,body,2026-01-02,day,relative,,,");
    expect(csvRows(record('', [])).sentences).toBe('');
  });
});
