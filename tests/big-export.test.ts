import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/analyze.js';
import { readArticles } from '../src/ingest/readers.js';
import { readJsonl, tempDir, warta } from './helpers/cli.js';

const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'];
const CITIES = ['Bandung', 'Surabaya', 'Medan', 'Makassar', 'Semarang', 'Palembang', 'Denpasar', 'Padang'];
const PEOPLE = ['Ridwan Kamil', 'Sri Mulyani', 'Joko Widodo', 'Anies Baswedan', 'Khofifah Indar Parawansa'];

/** A realistic Indonesian news record; `i` varies places, people and dates. */
function article(i: number, extra: Record<string, string> = {}): Record<string, string> {
  const city = CITIES[i % CITIES.length];
  const person = PEOPLE[i % PEOPLE.length];
  return {
    id: `berita-${String(i).padStart(5, '0')}`,
    title: `${person} meninjau proyek jalan tol di ${city}`,
    text: [
      `${city.toUpperCase()}, KOMPAS.com - ${person} meninjau pembangunan jalan tol di ${city} pada Senin (${(i % 27) + 1}/9/2025).`,
      `Menurut dia, proyek sepanjang ${10 + (i % 40)} kilometer itu ditargetkan rampung pada Desember 2026.`,
      `"Kami ingin warga ${city} segera merasakan manfaatnya," kata ${person.split(' ')[0]} di Kantor Gubernur.`,
    ].join('\n'),
    published_at: `2025-09-${String((i % 27) + 1).padStart(2, '0')}`,
    ...extra,
  };
}

function jsonl(records: Record<string, string>[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** A clean run of `in` into `clean` (exit status `status`) gives the same files as the incremental runs into `out`. */
function expectSameAsCleanRun(work: string, extraArgs: string[] = [], status = 0): void {
  expect(warta(['run', '-i', 'in', '-o', 'clean', ...extraArgs], work).status).toBe(status);
  expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'clean')));
}

function runInfo(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
}

const LIGHT = { stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'sentences' }] };

describe('a big export is read record by record and spread over the workers', () => {
  it('a JSONL file over the 10 MB file limit runs with the default limits', () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'light.json'), JSON.stringify(LIGHT));
    const records = Array.from({ length: 4200 }, (_, i) => article(i, { text: article(i).text + '\n' + 'Warga menyambut gembira pembangunan itu. '.repeat(60) }));
    writeFileSync(path.join(work, 'berita.jsonl'), jsonl(records));
    const size = statSync(path.join(work, 'berita.jsonl')).size;
    expect(size).toBeGreaterThan(10 * 1024 * 1024);
    const result = warta(['run', '-i', 'berita.jsonl', '-o', 'out', '-p', 'light.json', '-c', '2'], work);
    expect(result.status, result.stderr).toBe(0);
    const info = runInfo(path.join(work, 'out'));
    expect(info.counts).toMatchObject({ processed: 4200, failed: 0, written: 4200 });
    expect(info.input_bytes).toBe(size);
  }, 120_000);

  it('a .json array over the whole-file limit is read element by element; a broken element fails alone', () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'light.json'), JSON.stringify(LIGHT));
    const records = Array.from({ length: 4200 }, (_, i) => article(i, { text: article(i).text + '\n' + 'Warga menyambut gembira pembangunan itu. '.repeat(60) }));
    const text = JSON.stringify(records, null, 2).replace('"berita-00009"', '"berita-00009" rusak');
    writeFileSync(path.join(work, 'ekspor.json'), text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024);
    const result = warta(['run', '-i', 'ekspor.json', '-o', 'out', '-p', 'light.json', '-c', '2'], work);
    expect(result.status).toBe(1);
    const info = runInfo(path.join(work, 'out'));
    expect(info.counts).toMatchObject({ processed: 4199, failed: 1, written: 4199 });
    expect(info.failures[0]).toMatchObject({ path: 'ekspor.json', record: 9 });
    expect(info.failures[0].error).toMatch(/^record 9: invalid JSON/);
    expect(readJsonl(path.join(work, 'out', 'documents.jsonl'))[0].source).toMatchObject({ format: 'json', record: 0 });
  }, 120_000);

  it('writes the same bytes at any concurrency, equal to analysing each record on its own', async () => {
    const work = tempDir();
    const records = Array.from({ length: 200 }, (_, i) => article(i));
    writeFileSync(path.join(work, 'berita.jsonl'), jsonl(records));
    writeFileSync(path.join(work, 'berita.csv'), stringify(records.map((r) => ({ ...r, id: `csv-${r.id}` })), { header: true }));
    for (const c of ['1', '2']) {
      const result = warta(['run', '-i', 'berita.jsonl', '-i', 'berita.csv', '-o', `out-${c}`, '-c', c], work);
      expect(result.status, result.stderr).toBe(0);
    }
    expect(snapshot(path.join(work, 'out-2'))).toEqual(snapshot(path.join(work, 'out-1')));
    // where the CPU went: the workers collected garbage (loading the models at least), as did the main thread
    for (const c of ['1', '2']) {
      const { gc_ms } = runInfo(path.join(work, `out-${c}`));
      expect(gc_ms.workers).toBeGreaterThan(0);
      expect(gc_ms.main).toBeGreaterThanOrEqual(0);
    }
    // the reference: the records read and analysed one by one in this process
    const analyzer = await createAnalyzer();
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const expected: string[] = [];
      for (const file of ['berita.jsonl', 'berita.csv']) {
        const { docs, failures } = await readArticles(path.join(work, file), { root: work });
        expect(failures).toEqual([]);
        for (const doc of docs) expected.push(JSON.stringify(analyzer.analyze(doc)));
      }
      expected.sort((a, b) => (JSON.parse(a).id < JSON.parse(b).id ? -1 : 1));
      expect(readFileSync(path.join(work, 'out-2', 'documents.jsonl'), 'utf8')).toBe(expected.join('\n') + '\n');
    } finally {
      process.chdir(cwd);
    }
  }, 240_000);
});

describe('bad records in a big export fail alone, named by line', () => {
  it('an invalid JSON line, an oversized line and a record without a body fail; every other record is written', () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'small-records.json'), JSON.stringify({ ...LIGHT, max_record_bytes: 3000 }));
    const lines = Array.from({ length: 120 }, (_, i) => JSON.stringify(article(i)));
    lines[10] = '{"id": "rusak", "text": "tidak ditutup';
    lines[40] = JSON.stringify(article(40, { text: 'Paragraf panjang sekali. '.repeat(200) }));
    lines[70] = JSON.stringify({ id: 'judul-saja', title: 'Hanya judul' });
    lines.splice(90, 0, '', '   ');
    writeFileSync(path.join(work, 'berita.jsonl'), lines.join('\n'));
    const result = warta(['run', '-i', 'berita.jsonl', '-o', 'out', '-p', 'small-records.json', '-c', '2'], work);
    expect(result.status).toBe(1);
    const info = runInfo(path.join(work, 'out'));
    expect(info.failures.map((f: any) => [f.record, f.line])).toEqual([
      [10, 11],
      [40, 41],
      [70, 71],
    ]);
    expect(info.failures[0].error).toMatch(/^line 11: invalid JSON/);
    expect(info.failures[1].error).toBe(`line 41: record too large: ${Buffer.byteLength(lines[40])} bytes (limit 3000; set max_record_bytes in the pipeline)`);
    expect(info.failures[2].error).toMatch(/^line 71: no article body/);
    expect(result.stderr).toContain('berita.jsonl:41: line 41: record too large');
    const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(docs).toHaveLength(117);
    // records after the blank lines keep their index: record 118 is line 121
    expect(docs.at(-1)).toMatchObject({ id: 'berita-00119', source: { record: 119 } });
  }, 120_000);

  it('a broken CSV quote fails its record with its line; records after it are written', () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'light.json'), JSON.stringify(LIGHT));
    const rows = Array.from({ length: 60 }, (_, i) => {
      const a = article(i);
      return `${a.id},"${a.title}",${a.text.replaceAll('\n', ' ').replaceAll('"', '')},${a.published_at}`;
    });
    // record 20 (line 22): a quote opened and never closed; record 30 (line 32): a stray quote
    rows[20] = rows[20].replace(/,"([^"]*)",/, ',"$1,');
    rows[30] = rows[30].replace('KOMPAS.com', 'KOMPAS "com" lagi');
    const lines = ['id,title,text,published_at', ...rows];
    writeFileSync(path.join(work, 'ekspor.csv'), lines.join('\n') + '\n');
    const result = warta(['run', '-i', 'ekspor.csv', '-o', 'out', '-p', 'light.json'], work);
    expect(result.status).toBe(1);
    const info = runInfo(path.join(work, 'out'));
    expect(info.failures.map((f: any) => [f.record, f.error.replace(/: invalid CSV: .*/, '')])).toEqual([
      [20, 'record 20 (line 22)'],
      [30, 'record 30 (line 32)'],
    ]);
    const ids = readJsonl(path.join(work, 'out', 'documents.jsonl')).map((d) => d.id);
    expect(ids).toHaveLength(58);
    expect(ids).toContain('berita-00021');
    expect(ids).toContain('berita-00059');
    expect(ids).not.toContain('berita-00020');
  }, 120_000);
});

describe('incremental runs over exports are per record', () => {
  it('an appended JSONL analyses only the new records, and equals a clean run', () => {
    const work = tempDir();
    const file = path.join(work, 'in', 'berita.jsonl');
    mkdirSync(path.dirname(file));
    writeFileSync(file, jsonl(Array.from({ length: 150 }, (_, i) => article(i))));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    appendFileSync(file, jsonl(Array.from({ length: 7 }, (_, i) => article(150 + i))));
    const again = warta(['run', '-i', 'in', '-o', 'out'], work);
    expect(again.status, again.stderr).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 7, unchanged: 150, written: 157, files_changed: 1 });
    expectSameAsCleanRun(work);
    // every row carries the appended file's new hash
    const sha = readJsonl(path.join(work, 'clean', 'documents.jsonl'))[0].source.sha256;
    expect(readJsonl(path.join(work, 'out', 'documents.jsonl')).every((d) => d.source.sha256 === sha)).toBe(true);
  }, 240_000);

  it('an append sorting between old articles, next to an unchanged and a deleted file, equals a clean run', () => {
    const work = tempDir();
    const file = path.join(work, 'in', 'berita.jsonl');
    mkdirSync(path.dirname(file));
    writeFileSync(file, jsonl(Array.from({ length: 120 }, (_, i) => article(i * 2))));
    writeFileSync(path.join(work, 'in', 'catatan.txt'), 'Banjir di Bekasi\n\nWarga Bekasi mengungsi ke masjid pada Senin (8/9/2025), kata Rudi.\n');
    writeFileSync(path.join(work, 'in', 'lama.txt'), 'Jalan tol Medan\n\nJalan tol di Medan dibuka pada Selasa (9/9/2025).\n');
    expect(warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work).status).toBe(0);
    // odd ids land between the even ones already written; one input is gone
    appendFileSync(file, jsonl([article(61), article(300), article(7)]));
    rmSync(path.join(work, 'in', 'lama.txt'));
    const again = warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work);
    expect(again.status, again.stderr).toBe(0);
    const info = runInfo(path.join(work, 'out'));
    expect(info.counts).toMatchObject({ processed: 3, unchanged: 121, written: 124, files_deleted: 1 });
    // the old output's files were cut back after the leading articles that stay, and written on
    expect(info.phase_ms.write_in_place).toBeGreaterThanOrEqual(0);
    expect(info.phase_ms.write_prefix).toBeUndefined();
    expectSameAsCleanRun(work, ['--no-report']);
  }, 240_000);

  it('an output file edited since the last run is not copied from: the re-run still equals a clean run', () => {
    const work = tempDir();
    const file = path.join(work, 'in', 'berita.jsonl');
    mkdirSync(path.dirname(file));
    writeFileSync(file, jsonl(Array.from({ length: 40 }, (_, i) => article(i))));
    expect(warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work).status).toBe(0);
    const sentences = path.join(work, 'out', 'sentences.csv');
    writeFileSync(sentences, readFileSync(sentences, 'utf8').replace('Menurut dia', 'Menurut DIA'));
    appendFileSync(file, jsonl([article(40)]));
    expect(warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work).status).toBe(0);
    const { phase_ms } = runInfo(path.join(work, 'out'));
    expect(phase_ms.write_prefix).toBeUndefined();
    expect(phase_ms.write_in_place).toBeUndefined();
    expectSameAsCleanRun(work, ['--no-report']);
  }, 240_000);

  it('an append after an edit, or to a last line without a line break, still re-analyses just what changed', () => {
    const work = tempDir();
    const file = path.join(work, 'in', 'berita.jsonl');
    mkdirSync(path.dirname(file));
    const records = Array.from({ length: 60 }, (_, i) => article(i));
    writeFileSync(file, jsonl(records));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    // the old part changed (record 3) and 2 records were appended: the old part is read again
    writeFileSync(file, jsonl(records.map((r, i) => (i === 3 ? { ...r, title: 'Judul baru' } : r))) + jsonl([article(60), article(61)]));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 3, unchanged: 59 });
    // no line break at the end: the next append starts a new line, the old last record is unchanged
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 0, unchanged: 62 });
    appendFileSync(file, '\n' + jsonl([article(62)]));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 1, unchanged: 62 });
    expectSameAsCleanRun(work);
  }, 240_000);

  it('a changed record is the only one re-analysed, in JSONL and CSV; an untouched file is not read', () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in'));
    const records = Array.from({ length: 80 }, (_, i) => article(i));
    writeFileSync(path.join(work, 'in', 'a.jsonl'), jsonl(records));
    writeFileSync(path.join(work, 'in', 'b.csv'), stringify(records.map((r) => ({ ...r, id: `b-${r.id}` })), { header: true }));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    const changed = records.map((r, i) => (i === 33 ? { ...r, title: 'Judul yang diperbarui redaksi' } : r));
    writeFileSync(path.join(work, 'in', 'a.jsonl'), jsonl(changed));
    writeFileSync(path.join(work, 'in', 'b.csv'), stringify(changed.map((r) => ({ ...r, id: `b-${r.id}` })), { header: true }));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 2, unchanged: 158, written: 160 });
    const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(docs.find((d) => d.id === 'berita-00033').title).toBe('Judul yang diperbarui redaksi');
    expectSameAsCleanRun(work);
    const third = warta(['run', '-i', 'in', '-o', 'out'], work);
    expect(runInfo(path.join(work, 'out'))).toMatchObject({ counts: { processed: 0, unchanged: 160, files_unchanged: 2 }, outputs_rewritten: false });
    expect(third.status).toBe(0);
  }, 240_000);

  it('records dated by the file date are re-analysed when the file date changes; failed records are not retried', () => {
    const work = tempDir();
    const file = path.join(work, 'in', 'berita.jsonl');
    mkdirSync(path.dirname(file));
    const records = Array.from({ length: 20 }, (_, i) => article(i));
    // no publication date: "kemarin" is resolved against the file date
    records[5] = { id: 'tanpa-tanggal', text: 'Banjir melanda Bekasi kemarin. Warga mengungsi ke masjid.' };
    const lines = records.map((r) => JSON.stringify(r));
    lines.push('{"id": "rusak"');
    writeFileSync(file, lines.join('\n') + '\n');
    utimesSync(file, new Date('2025-09-06T12:00:00Z'), new Date('2025-09-06T12:00:00Z'));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(1);
    const before = readJsonl(path.join(work, 'out', 'documents.jsonl')).find((d) => d.id === 'tanpa-tanggal');
    expect(before.dates[0]).toMatchObject({ text: 'kemarin', value: '2025-09-05' });

    appendFileSync(file, JSON.stringify(article(99)) + '\n');
    utimesSync(file, new Date('2025-09-08T12:00:00Z'), new Date('2025-09-08T12:00:00Z'));
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(1);
    const info = runInfo(path.join(work, 'out'));
    // the appended record and the one anchored to the file date; the broken line is reported again, unanalysed
    expect(info.counts).toMatchObject({ processed: 2, unchanged: 19, failed: 1 });
    expect(info.failures[0]).toMatchObject({ record: 20, line: 21 });
    const after = readJsonl(path.join(work, 'out', 'documents.jsonl')).find((d) => d.id === 'tanpa-tanggal');
    expect(after.dates[0]).toMatchObject({ text: 'kemarin', value: '2025-09-07' });
    expectSameAsCleanRun(work, [], 1);
  }, 240_000);
});
