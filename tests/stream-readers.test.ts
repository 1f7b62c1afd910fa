import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ByteWindow, bufferSource, type ByteSource } from '../src/ingest/byte-window.js';
import { readArticles } from '../src/ingest/readers.js';
import { splitCsv } from '../src/ingest/stream-csv.js';
import { streamRecords } from '../src/ingest/stream-file.js';
import { splitJsonArray } from '../src/ingest/stream-json.js';
import { isBlank, splitJsonl } from '../src/ingest/stream-jsonl.js';
import type { RecordFailure } from '../src/ingest/stream-records.js';
import { mulberry32 } from '../src/random.js';
import { fieldNames, recordToDoc, toArticleRecord } from '../src/ingest/record.js';
import { parseArticles } from '../src/ingest/readers.js';
import { tempDir } from './helpers/cli.js';

interface Seen {
  header?: string;
  records: { index: number; line: number; text: string }[];
  failures: RecordFailure[];
}

async function split(kind: 'jsonl' | 'csv' | 'json', input: string | Buffer, maxRecordBytes = 1 << 20): Promise<Seen> {
  const seen: Seen = { records: [], failures: [] };
  const window = new ByteWindow(bufferSource(typeof input === 'string' ? Buffer.from(input) : input));
  const sink = {
    header: (bytes: Buffer) => {
      seen.header = bytes.toString();
      return true;
    },
    record: (r: { index: number; line: number; bytes: Buffer }) => {
      seen.records.push({ index: r.index, line: r.line, text: r.bytes.toString() });
    },
    failure: (f: RecordFailure) => seen.failures.push(f),
  };
  if (kind === 'jsonl') await splitJsonl(window, 0, maxRecordBytes, sink);
  else if (kind === 'json') seen.header = String(await splitJsonArray(window, 0, maxRecordBytes, sink));
  else await splitCsv(window, 0, maxRecordBytes, sink);
  return seen;
}

describe('JSONL splitting on bytes', () => {
  it('gives each non-blank line a record index and its line number; blank lines use none', async () => {
    const seen = await split('jsonl', '{"a":1}\n\n  \t\r\n{"b":2}\r\n\u00a0\u3000\n{"c":"é😀"}');
    expect(seen.records).toEqual([
      { index: 0, line: 1, text: '{"a":1}' },
      { index: 1, line: 4, text: '{"b":2}\r' },
      { index: 2, line: 6, text: '{"c":"é😀"}' },
    ]);
  });

  it('gives the records, lines and failures of splitting the decoded text, on 400 random files', async () => {
    const random = mulberry32(7);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const LINES = [() => JSON.stringify({ id: `a${Math.floor(random() * 1e6)}`, text: pick(['Banjir di Bekasi.', 'Kabar 😀 baru', ' \u00a0isi ']) }), () => '', () => '   ', () => '\u00a0', () => '\u3000\t', () => '{"rusak"', () => '[1,2]', () => '\r', () => '\ufeff{"text":"bom"}'];
    for (let file = 0; file < 400; file++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(LINES)()).join(pick(['\n', '\r\n'])) + (random() < 0.5 ? '\n' : '');
      if (text === '') continue; // an empty file fails as a whole
      // the reader as it was: the whole text decoded, then split on LF and trimmed
      const expected: [number, number, string][] = [];
      let record = 0;
      text.split('\n').forEach((raw, i) => {
        if (raw.trim() === '') return;
        expected.push([record++, i + 1, raw.trim()]);
      });
      const { docs, failures } = await parseArticles({ buffer: Buffer.from(text), displayPath: 'in/f.jsonl', idPath: 'f.jsonl', format: 'jsonl', sha256: 's' }, {});
      const got = [...docs.map((d) => [d.source.record, d.meta.line]), ...failures.map((f) => [f.record, f.line])].sort((a, b) => Number(a[0]) - Number(b[0]));
      expect(got, JSON.stringify(text)).toEqual(expected.map(([r, line]) => [r, line]));
      for (const doc of docs) expect(JSON.parse(expected[doc.source.record!][2]).text).toBe(doc.text);
    }
  });

  it('decides blankness like String.prototype.trim, deciding ASCII on bytes', () => {
    expect(isBlank(Buffer.from(' \t\r'))).toBe(true);
    expect(isBlank(Buffer.from('\u00a0\ufeff\u2028'))).toBe(true);
    expect(isBlank(Buffer.from('\u00a0x'))).toBe(false);
    expect(isBlank(Buffer.from([0xc3]))).toBe(false); // invalid UTF-8 is text (U+FFFD), not blank
  });

  it('skips an oversized line without holding it, and goes on with the next', async () => {
    const seen = await split('jsonl', `{"a":1}\n{"big":"${'x'.repeat(5000)}"}\n{"c":3}`, 1000);
    expect(seen.records.map((r) => [r.index, r.line])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(seen.failures).toEqual([{ record: 1, line: 2, error: 'line 2: record too large: 5010 bytes (limit 1000; set max_record_bytes in the pipeline)' }]);
  });

  it('keeps memory at a read chunk plus the longest record, whatever the file size', async () => {
    const line = JSON.stringify({ title: 'Banjir di Bekasi', text: 'Warga mengungsi ke masjid terdekat. '.repeat(40) }) + '\n';
    const file = Buffer.from(line.repeat(Math.ceil((40 << 20) / line.length)));
    const window = new ByteWindow(bufferSource(file));
    let records = 0;
    let largestWindow = 0;
    await splitJsonl(window, 0, 1 << 20, {
      record: () => {
        records++;
        largestWindow = Math.max(largestWindow, window.bytes.length);
      },
      failure: () => {},
    });
    expect(records).toBe(Math.ceil((40 << 20) / line.length));
    expect(largestWindow).toBeLessThanOrEqual(2 << 20);
  });
});

describe('CSV record splitting', () => {
  it('keeps quoted commas, quotes and line breaks inside their record, and names each record’s first line', async () => {
    const csv = 'id,title,text\na1,"Judul, satu","Paragraf satu.\nParagraf ""dua""."\n\na2,Dua,Teks\n';
    const seen = await split('csv', csv);
    expect(seen.header).toBe('id,title,text');
    expect(seen.records).toEqual([
      { index: 0, line: 2, text: 'a1,"Judul, satu","Paragraf satu.\nParagraf ""dua""."' },
      { index: 1, line: 5, text: 'a2,Dua,Teks' },
    ]);
  });

  it('finds the record delimiter like csv-parse (CRLF: a bare LF is field content)', async () => {
    const seen = await split('csv', 'id,text\r\nx,"satu\r\ndua"\r\ny,tiga\nempat\r\n');
    expect(seen.records.map((r) => r.text)).toEqual(['x,"satu\r\ndua"', 'y,tiga\nempat']);
    const parsed = parse('id,text\r\nx,"satu\r\ndua"\r\ny,tiga\nempat\r\n', { columns: true });
    expect(parsed).toEqual([
      { id: 'x', text: 'satu\r\ndua' },
      { id: 'y', text: 'tiga\nempat' },
    ]);
  });

  it('a broken quote fails its record alone, with its line; the records after it are read', async () => {
    const csv = [
      'id,text',
      'r0,"baik"',
      'r1,Jakarta "Kota" Besar',
      'r2,"kutipan tidak pernah ditutup',
      'r3,normal',
      'r4,"ditutup"lalu teks',
      'r5,"dua',
      'baris"',
      'r6,akhir',
    ].join('\n');
    const seen = await split('csv', csv);
    expect(seen.records.map((r) => [r.index, r.line, r.text.slice(0, 2)])).toEqual([
      [0, 2, 'r0'],
      [3, 5, 'r3'],
      [5, 7, 'r5'],
      [6, 9, 'r6'],
    ]);
    expect(seen.failures.map((f) => [f.record, f.line])).toEqual([
      [1, 3],
      [2, 4],
      [4, 6],
    ]);
    expect(seen.failures[0].error).toBe('record 1 (line 3): invalid CSV: a quote inside an unquoted field on line 3');
    expect(seen.failures[1].error).toBe('record 2 (line 4): invalid CSV: the quote opened on line 4 is not closed properly');
    expect(seen.failures[2].error).toBe('record 4 (line 6): invalid CSV: text after a closing quote on line 6');
  });

  it('a quote left open to the end of the file fails one record and keeps the lines after it', async () => {
    const seen = await split('csv', 'id,text\nr0,"terbuka\nr1,satu\nr2,dua\n');
    expect(seen.failures.map((f) => f.record)).toEqual([0]);
    expect(seen.records.map((r) => r.text)).toEqual(['r1,satu', 'r2,dua']);
  });

  it('gives the records csv-parse gives for the whole file, on 400 random valid CSV files', async () => {
    const random = mulberry32(20250906);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const PIECES = ['Banjir', ' di ', 'Bekasi', ',', '"', '\n', '\r\n', '\r', 'é', '😀', '  ', 'x', '""', '\t'];
    const cell = (minLength: number) => {
      let text = '';
      const n = minLength + Math.floor(random() * 6);
      for (let i = 0; i < n; i++) text += pick(PIECES);
      return text;
    };
    const quote = (value: string, always: boolean) => (always || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const names = fieldNames(undefined);
    for (let file = 0; file < 400; file++) {
      const delimiter = pick(['\n', '\r\n', '\r\n', '\n']);
      const quoteAll = random() < 0.3;
      const rows = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => [`r${i}`, cell(0), 'Isi ' + cell(1)]);
      const lines = [['id', 'title', 'text'].join(','), ...rows.map((row) => row.map((v) => quote(v, quoteAll)).join(','))];
      // empty lines between records are skipped by both
      let text = lines.map((l) => (random() < 0.1 ? l + delimiter : l)).join(delimiter);
      if (random() < 0.7) text += delimiter;
      const expected = (parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Record<string, string>[]).map((row, i) =>
        recordToDoc(toArticleRecord(row, names), { path: 'in/x.csv', format: 'csv', record: i, sha256: 's' }, {}, undefined, 'x.csv'),
      );
      const { docs, failures } = await parseArticles({ buffer: Buffer.from(text), displayPath: 'in/x.csv', idPath: 'x.csv', format: 'csv', sha256: 's' }, {});
      expect(failures, text).toEqual([]);
      expect(docs.map((d) => [d.source.record, d.id, d.title, d.text]), JSON.stringify(text)).toEqual(expected.map((d) => [d.source.record, d.id, d.title, d.text]));
    }
  });

  it('an oversized record fails alone, even inside a long quoted field', async () => {
    const seen = await split('csv', `id,text\nr0,"${'panjang\n'.repeat(500)}"\nr1,pendek\n`, 1000);
    expect(seen.failures).toEqual([
      { record: 0, line: 2, error: 'record 0 (line 2): record too large: 4005 bytes (limit 1000; set max_record_bytes in the pipeline)' },
    ]);
    expect(seen.records).toEqual([{ index: 1, line: 503, text: 'r1,pendek' }]);
  });

  it('handles CR-only files and a CR as the last byte of a read chunk', async () => {
    const seen = await split('csv', 'id,text\rr0,satu\rr1,"a\rb"\r');
    expect(seen.records).toEqual([
      { index: 0, line: 2, text: 'r0,satu' },
      { index: 1, line: 3, text: 'r1,"a\rb"' },
    ]);
    // a source that returns one byte per read puts every CR at the end of the window
    const bytes = Buffer.from('id,text\r\nr0,satu\r\nr1,dua\r\n');
    const trickle: ByteSource = {
      read: async (target, offset, _length, position) => {
        if (position >= bytes.length) return 0;
        target[offset] = bytes[position];
        return 1;
      },
    };
    const records: string[] = [];
    await splitCsv(new ByteWindow(trickle), 0, 1000, { header: () => true, record: (r) => void records.push(r.bytes.toString()), failure: () => {} });
    expect(records).toEqual(['r0,satu', 'r1,dua']);
  });
});

describe('JSON array splitting', () => {
  it('cuts the top-level elements, whatever their strings and nesting hold', async () => {
    const elements = [
      { id: 'a', text: 'kurung ] dan , koma', tags: ['x', { y: [1, 2] }] },
      { id: 'b', text: 'kutip \\" dan garis miring \\\\', n: -1.5e3 },
      'teks 😀',
      null,
    ];
    const seen = await split('json', ` \n[${elements.map((e) => JSON.stringify(e)).join(' ,\n')}]\n`);
    expect(seen.header).toBe('true');
    expect(seen.failures).toEqual([]);
    expect(seen.records.map((r) => JSON.parse(r.text))).toEqual(elements);
    expect(seen.records.map((r) => [r.index, r.line])).toEqual([
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 5],
    ]);
  });

  it('skips an oversized element, reports an unclosed array or a trailing comma, and refuses a non-array', async () => {
    const big = await split('json', `[{"a":1},{"text":"${'x'.repeat(3000)}"},{"c":3}]`, 1000);
    expect(big.records.map((r) => r.index)).toEqual([0, 2]);
    expect(big.failures).toEqual([{ record: 1, error: 'record 1: record too large: 3011 bytes (limit 1000; set max_record_bytes in the pipeline)' }]);
    expect((await split('json', '[{"a":1},{"b":')).failures).toEqual([{ record: 1, error: 'record 1: invalid JSON: the array is not closed' }]);
    expect((await split('json', '[{"a":1},]')).failures).toEqual([{ record: 1, error: "record 1: invalid JSON: a comma before the array's closing bracket" }]);
    expect((await split('json', '[1] x')).failures).toEqual([{ record: null, error: "invalid JSON: text after the array's closing bracket (line 1)" }]);
    const object = await split('json', '{"id":"a","text":"x"}');
    expect(object.header).toBe('false');
    expect(object.records).toEqual([]);
  });

  it('reads a .json array over the whole-file limit record by record; a broken element fails alone', async () => {
    const work = tempDir();
    const items = Array.from({ length: 2600 }, (_, i) => ({ id: `a-${i}`, text: `Berita nomor ${i} dari Jakarta. `.repeat(140) }));
    const text = JSON.stringify(items, null, 1).replace('"a-7"', '"a-7" oops');
    writeFileSync(path.join(work, 'besar.json'), text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024);
    const { docs, failures } = await readArticles(path.join(work, 'besar.json'), { root: work });
    expect(docs).toHaveLength(2599);
    expect(docs[0]).toMatchObject({ id: 'a-0', source: { format: 'json', record: 0 } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ record: 7 });
    expect(failures[0].error).toMatch(/^record 7: invalid JSON/);
    writeFileSync(path.join(work, 'objek.json'), JSON.stringify({ id: 'x', text: 'y'.repeat(11 * 1024 * 1024) }));
    expect((await readArticles(path.join(work, 'objek.json'), { root: work })).failures[0].error).toMatch(/^not a JSON array/);
  });
});

describe('streamed files', () => {
  const GOOD = 'Gubernur Jawa Barat meresmikan jembatan baru di Bandung pada Senin.';

  it('transcodes a UTF-16 export and honours a UTF-8 byte-order mark', async () => {
    const work = tempDir();
    const lines = [JSON.stringify({ id: 'a', text: GOOD }), JSON.stringify({ id: 'b', text: 'Kedua 😀 di Surabaya.' })].join('\n');
    writeFileSync(path.join(work, 'le.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines, 'utf16le')]));
    writeFileSync(path.join(work, 'bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,text\nc,"${GOOD}"\n`)]));
    const le = await readArticles(path.join(work, 'le.jsonl'), { root: work });
    expect(le.failures).toEqual([]);
    expect(le.docs.map((d) => [d.id, d.text])).toEqual([
      ['a', GOOD],
      ['b', 'Kedua 😀 di Surabaya.'],
    ]);
    const bom = await readArticles(path.join(work, 'bom.csv'), { root: work });
    expect(bom.docs.map((d) => [d.id, d.text])).toEqual([['c', GOOD]]);
  });

  it('warns about invalid UTF-8 on the record that holds it only', async () => {
    const work = tempDir();
    const good = Buffer.from(JSON.stringify({ id: 'baik', text: GOOD }) + '\n');
    const bad = Buffer.concat([Buffer.from('{"id":"rusak","text":"Caf'), Buffer.from([0xe9]), Buffer.from(' di Jakarta."}\n')]);
    writeFileSync(path.join(work, 'mixed.jsonl'), Buffer.concat([good, bad]));
    const { docs } = await readArticles(path.join(work, 'mixed.jsonl'), { root: work });
    expect(docs.find((d) => d.id === 'rusak')!.text).toBe('Caf\uFFFD di Jakarta.');
    expect(docs.find((d) => d.id === 'rusak')!.warnings.map((w) => w.code)).toEqual(['invalid-utf8']);
    expect(docs.find((d) => d.id === 'baik')!.warnings).toEqual([]);
  });

  it('hashes the whole file while streaming it', async () => {
    const bytes = Buffer.from(`${JSON.stringify({ text: GOOD })}\n`.repeat(3000));
    const result = await streamRecords(bytes, 'jsonl', { maxRecordBytes: 1 << 20, names: { id: ['id'], title: ['title'], text: ['text'], published_at: [], url: [], source: [], author: [], language: [] } }, { record: () => {}, failure: () => {} });
    const { createHash } = await import('node:crypto');
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.records).toBe(3000);
  });

  it('fails a whole file only when it cannot be an export at all', async () => {
    const names = { id: ['id'], title: ['title'], text: ['text', 'body'], published_at: [], url: [], source: [], author: [], language: [] };
    const sink = { record: () => {}, failure: () => {} };
    expect((await streamRecords(Buffer.alloc(0), 'jsonl', { maxRecordBytes: 100, names }, sink)).fileFailure).toBe('empty file');
    expect((await streamRecords(Buffer.from([0x89, 0x50, 0, 0]), 'csv', { maxRecordBytes: 100, names }, sink)).fileFailure).toMatch(/^binary file/);
    expect((await streamRecords(Buffer.from('judul,tanggal\nx,y\n'), 'csv', { maxRecordBytes: 100, names }, sink)).fileFailure).toMatch(/^CSV has no body column/);
    expect((await streamRecords(Buffer.from('id,text\n'), 'csv', { maxRecordBytes: 100, names }, sink)).fileFailure).toBe('CSV has a header but no rows');
    expect((await streamRecords(Buffer.from('id,"text\nx,y\n'), 'csv', { maxRecordBytes: 100, names }, sink)).fileFailure).toMatch(/^invalid CSV header \(line 1\)/);
  });
});
