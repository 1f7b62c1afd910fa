/**
 * Every output CSV of the fixtures, read back by csv-parse in strict mode, equals
 * documents.jsonl field by field (the output contract's RFC 4180 promise), and every
 * document keeps the span invariants. The "awkward" records carry what broke CSV before:
 * sentences that wrap across lines, CR and LF inside titles and ids, quotes, commas, cells
 * that look like formulas, and a lone surrogate escape.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, parseCsvStrict, type FolderCheck } from '../src/fuzz/output-contract.js';
import { csvRows } from '../src/sinks/rows.js';
import { readJsonl, ROOT, tempDir, warta } from './helpers/cli.js';

const WRAPPED_BODY = [
  'JAKARTA, KOMPAS.com - Pemerintah provinsi menyiapkan 1.200 petugas untuk mengatur lalu lintas',
  'selama pekan depan, kata Kepala Dinas Perhubungan, Senin (8/9/2025).',
  'Petugas akan ditempatkan di 45 titik rawan "macet, padat, dan berbahaya".',
  '-Warga diminta memakai transportasi umum; =SUM(A1) bukan rumus.',
].join('\n');

const AWKWARD_JSONL = [
  { id: 'awkward-1', title: 'Judul dengan\nbaris baru, koma dan "kutip"', text: WRAPPED_BODY, published_at: '2025-09-08' },
  { id: 'awkward-2,"quoted"', title: '=HYPERLINK("x")', text: 'Satu kalimat\rdengan CR lama dan kalimat kedua yang panjang sekali di Bandung pada 4 September 2025.' },
  { id: 'awkward-3', title: '@mention\r\nbaris', author: '+62 Redaksi', text: 'Harga naik 5 persen.\nWarga di Surabaya mengeluh\nsejak Kamis (4/9) malam. \ud800 sisa.' },
];

describe('CSV output round-trips through a strict parser', () => {
  let check: FolderCheck;
  let exportCheck: FolderCheck;
  let output: string;
  beforeAll(() => {
    const work = tempDir('warta-csv-');
    const input = path.join(work, 'input');
    mkdirSync(input);
    cpSync(path.join(ROOT, 'input'), path.join(input, 'example'), { recursive: true });
    cpSync(path.join(ROOT, 'tests/fixtures/gold/articles'), path.join(input, 'gold'), { recursive: true });
    cpSync(path.join(ROOT, 'tests/fixtures/ingest'), path.join(input, 'ingest'), {
      recursive: true,
      filter: (src) => !/export-id\.csv$|\.m?js$|expected\.json$|pipeline-.*\.json$/.test(src),
    });
    // JSON.stringify writes the lone surrogate as the escape `\ud800`, as a scraper export would.
    writeFileSync(path.join(input, 'awkward.jsonl'), AWKWARD_JSONL.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const result = warta(['run', '--input', 'input', '--output', 'out', '--reference-date', '2025-09-08'], work);
    expect(result.status, result.stderr).toBe(0);
    output = path.join(work, 'out');
    check = checkOutputFolder(output);

    const exportWork = tempDir('warta-csv-export-');
    cpSync(path.join(ROOT, 'tests/fixtures/ingest/export-id.csv'), path.join(exportWork, 'export-id.csv'));
    const exported = warta(['run', '--input', 'export-id.csv', '--output', 'out', '--pipeline', path.join(ROOT, 'tests/fixtures/ingest/pipeline-id-export.json')], exportWork);
    expect(exported.status, exported.stderr).toBe(0);
    exportCheck = checkOutputFolder(path.join(exportWork, 'out'));
  });

  it('reads every fixture document and row back, with no contract violation', () => {
    expect(check.violations).toEqual([]);
    expect(check.documents).toBe(1 + 1 + 35 + AWKWARD_JSONL.length);
    expect(check.rows.articles).toBe(check.documents);
    expect(check.rows.sentences).toBeGreaterThan(200);
    expect(check.rows.entities).toBeGreaterThan(200);
    expect(check.rows.dates).toBeGreaterThan(50);
    expect(exportCheck.violations).toEqual([]);
    expect(exportCheck.documents).toBeGreaterThan(0);
  });

  it('quotes a cell holding a bare LF or CR, and reads it back unchanged', () => {
    const record = readJsonl(path.join(output, 'documents.jsonl')).find((d) => d.id === 'awkward-1');
    expect(record.text).toContain('lalu lintas\nselama');
    const csv = csvRows(record).sentences;
    const wrapped = parseCsvStrict(csv).find((row) => row[5].includes('lalu lintas'));
    expect(wrapped?.[5]).toMatch(/lalu lintas\nselama pekan depan/);
    expect(csv).toContain('"Pemerintah provinsi menyiapkan 1.200 petugas untuk mengatur lalu lintas\nselama');
    const title = parseCsvStrict(csvRows(record).articles)[0][6];
    expect(title).toBe('Judul dengan\nbaris baru, koma dan "kutip"');
  });

  it('the strict reader rejects what the old options wrote (a bare LF unquoted)', () => {
    const old = stringify([['a', 'one\ntwo', 'x']], { record_delimiter: '\r\n' });
    expect(old).toBe('a,one\ntwo,x\r\n');
    expect(() => parseCsvStrict(`h1,h2,h3\r\n${old}`)).toThrow(/bare CR or LF/);
  });
});

