/**
 * Bugs the incremental-equivalence fuzzer (`npm run fuzz -- --incremental N`, `src/fuzz/incremental.ts`)
 * found, each as the smallest case that showed it: a re-run must write what a fresh `--full` run
 * writes on the same input.
 */
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, warta } from './helpers/cli.js';

const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'];
const snapshot = (dir: string) => Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
const runInfo = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));

function ok(args: string[], work: string) {
  const result = warta(args, work);
  expect(result.status, result.stderr).toBe(0);
}

describe('incremental fuzz cases', () => {
  it('seed 110: a touched .json/.txt whose undated article said "besok" is analysed again when its file date moves', () => {
    const work = tempDir();
    const input = path.join(work, 'in');
    mkdirSync(input);
    // no publication date: "besok" / "yesterday" resolve against the file's modification date
    writeFileSync(
      path.join(input, 'kabar.json'),
      JSON.stringify([{ id: 'rapat-dprd', title: 'Rapat DPRD Jawa Barat digelar besok', text: 'Ketua DPRD Jawa Barat mengatakan rapat paripurna akan digelar besok di Bandung. Rapat membahas anggaran daerah.' }]),
    );
    writeFileSync(path.join(input, 'catatan.txt'), 'Flood in Jakarta\n\nResidents of North Jakarta left their homes yesterday after heavy rain, officials said.\n');
    const first = new Date(Date.UTC(2025, 8, 1, 9));
    for (const f of ['kabar.json', 'catatan.txt']) utimesSync(path.join(input, f), first, first);
    ok(['run', '-i', 'in', '-o', 'out', '--no-report'], work);
    expect(readFileSync(path.join(work, 'out', 'dates.csv'), 'utf8')).toContain('2025-09-02');

    // touched two days later: the same bytes, another file date
    const later = new Date(Date.UTC(2025, 8, 3, 9));
    for (const f of ['kabar.json', 'catatan.txt']) utimesSync(path.join(input, f), later, later);
    ok(['run', '-i', 'in', '-o', 'out', '--no-report'], work);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 2, unchanged: 0 });
    ok(['run', '-i', 'in', '-o', 'fresh', '--no-report', '--full'], work);
    const dates = readFileSync(path.join(work, 'out', 'dates.csv'), 'utf8');
    expect(dates).toContain('2025-09-04');
    expect(dates).toContain('2025-09-02'); // yesterday of 3 September
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'fresh')));

    // touched again on the same day: nothing to analyse
    const sameDay = new Date(Date.UTC(2025, 8, 3, 15));
    for (const f of ['kabar.json', 'catatan.txt']) utimesSync(path.join(input, f), sameDay, sameDay);
    ok(['run', '-i', 'in', '-o', 'out', '--no-report'], work);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 0, unchanged: 2 });
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'fresh')));
  }, 120_000);
});

describe('incremental fuzz cases: emptied files', () => {
  it('seeds 207 and 208: a file emptied to 0 bytes fails alone; the other files keep their rows (in place and --atomic-outputs)', () => {
    const work = tempDir();
    const input = path.join(work, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'banjir.txt'), 'Banjir di Bekasi\n\nWarga Bekasi mengungsi ke masjid pada Senin (8/9/2025), kata Rudi.\n');
    writeFileSync(path.join(input, 'gempa.txt'), 'Gempa di Cianjur\n\nGempa berkekuatan 5,6 mengguncang Cianjur pada Selasa (9/9/2025), kata BMKG.\n');
    writeFileSync(
      path.join(input, 'ekspor.jsonl'),
      [1, 2, 3].map((i) => JSON.stringify({ id: `pasar-${i}`, title: `Pasar rakyat ke-${i} diresmikan`, text: `Wali Kota Bandung meresmikan pasar rakyat ke-${i} pada Rabu (3/9/2025).`, published_at: '2025-09-03' })).join('\n') + '\n',
    );
    for (const out of ['out', 'out-atomic']) ok(['run', '-i', 'in', '-o', out, '--no-report'], work);

    writeFileSync(path.join(input, 'gempa.txt'), '');
    for (const [out, flags] of [['out', []], ['out-atomic', ['--atomic-outputs']]] as const) {
      const result = warta(['run', '-i', 'in', '-o', out, '--no-report', ...flags], work);
      expect(result.status, result.stderr).toBe(1);
      expect(runInfo(path.join(work, out)).counts).toMatchObject({ written: 4, failed: 1 });
      expect(runInfo(path.join(work, out)).failures).toEqual([expect.objectContaining({ path: 'in/gempa.txt', record: null })]);
    }
    expect(warta(['run', '-i', 'in', '-o', 'fresh', '--no-report', '--full'], work).status).toBe(1);
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'fresh')));
    expect(snapshot(path.join(work, 'out-atomic'))).toEqual(snapshot(path.join(work, 'fresh')));
    expect(snapshot(path.join(work, 'fresh'))['documents.jsonl'].split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual(['banjir', 'pasar-1', 'pasar-2', 'pasar-3']);
  }, 120_000);
});

describe('incremental fuzz cases: files that yield nothing', () => {
  it('seed 207 (replayed): an empty file or an export of bad records, failing as before, leaves the data files untouched', () => {
    const work = tempDir();
    const input = path.join(work, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'banjir.txt'), 'Banjir di Bekasi\n\nWarga Bekasi mengungsi ke masjid pada Senin (8/9/2025), kata Rudi.\n');
    writeFileSync(path.join(input, 'kosong.html'), '');
    writeFileSync(path.join(input, 'rusak.jsonl'), '{"id": "tanpa-isi", "title": "Tanpa isi"}\n');
    expect(warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work).status).toBe(1);
    const mtimes = DATA_FILES.map((f) => statSync(path.join(work, 'out', f)).mtimeMs);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(input, 'kosong.html'), later, later);
    for (let i = 0; i < 2; i++) {
      expect(warta(['run', '-i', 'in', '-o', 'out', '--no-report'], work).status).toBe(1);
      expect(runInfo(path.join(work, 'out'))).toMatchObject({ outputs_rewritten: false, counts: { processed: 0, written: 1, failed: 2 } });
      expect(DATA_FILES.map((f) => statSync(path.join(work, 'out', f)).mtimeMs)).toEqual(mtimes);
    }
    expect(warta(['run', '-i', 'in', '-o', 'fresh', '--no-report', '--full'], work).status).toBe(1);
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'fresh')));
  }, 120_000);
});
