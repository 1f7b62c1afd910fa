import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticles } from '../src/ingest/readers.js';
import { readJsonl, tempDir, warta } from './helpers/cli.js';

const GOOD = 'Gubernur Jawa Barat meresmikan jembatan baru di Bandung pada Senin. Warga menyambut gembira.';

function runInfo(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
}

describe('bad input fails alone, named by file and line or record', () => {
  const work = tempDir();
  const input = path.join(work, 'in');
  mkdirSync(input);
  writeFileSync(path.join(input, 'good.txt'), `Judul\n\n${GOOD}`);
  writeFileSync(path.join(input, 'empty.txt'), '');
  writeFileSync(path.join(input, 'blank.txt'), '  \n\n ');
  writeFileSync(path.join(input, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00]));
  writeFileSync(path.join(input, 'broken.json'), '{"title": "x", "text": ');
  writeFileSync(
    path.join(input, 'feed.jsonl'),
    [
      JSON.stringify({ id: 'ok-1', text: GOOD }),
      '{"id": "bad", "text": "unterminated',
      '',
      JSON.stringify({ id: 'nobody', title: 'Hanya judul' }),
      JSON.stringify({ id: 'ok-2', text: 'Kalimat kedua yang baik. Ada di Surabaya.' }),
      '[1, 2, 3]',
    ].join('\n'),
  );
  writeFileSync(path.join(input, 'nobody.csv'), 'judul,tanggal\n"Berita","2025-09-06"\n');
  writeFileSync(path.join(input, 'rows.csv'), `id,title,text\nr1,Satu,"${GOOD}"\nr2,Dua,\nr3,Tiga,"Baris ketiga yang baik."\n`);
  writeFileSync(path.join(input, 'big.txt'), `Judul\n\n${GOOD.repeat(200)}`);
  writeFileSync(path.join(input, 'latin1.txt'), Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' di Jakarta ramai. Pengunjung datang.')]));
  writeFileSync(path.join(input, 'bom8.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)]));
  writeFileSync(path.join(input, 'bom16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]));
  writeFileSync(path.join(work, 'small-files.json'), JSON.stringify({ max_file_bytes: 10_000, stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }, { stage: 'sentences' }] }));
  const result = warta(['run', '-i', 'in', '-o', 'out', '-p', 'small-files.json'], work);
  const info = runInfo(path.join(work, 'out'));
  const failureFor = (file: string) => info.failures.filter((f: any) => f.path === `in/${file}`);
  const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
  const ids = docs.map((d) => d.id);

  it('exits 1 and still writes every good article', () => {
    expect(result.status).toBe(1);
    expect(ids).toEqual(['bom16', 'bom8', 'good', 'latin1', 'ok-1', 'ok-2', 'r1', 'r3']);
  });

  it('reports each failure in run.json and on stderr', () => {
    expect(failureFor('empty.txt')[0].error).toBe('empty file');
    expect(failureFor('blank.txt')[0].error).toMatch(/empty file/);
    expect(failureFor('binary.txt')[0].error).toMatch(/binary file/);
    expect(failureFor('broken.json')[0].error).toMatch(/^invalid JSON/);
    expect(failureFor('big.txt')[0].error).toMatch(/file too large: \d+ bytes \(limit 10000/);
    expect(failureFor('nobody.csv')[0].error).toMatch(/CSV has no body column .*found judul, tanggal/);
    expect(info.counts.failed).toBe(info.failures.length);
    for (const failure of info.failures) expect(result.stderr).toContain(failure.error);
    expect(result.stderr).toContain('in/feed.jsonl:2: line 2: invalid JSON');
  });

  it('names the line of a bad JSONL record and the record of a bad CSV row', () => {
    const feed = failureFor('feed.jsonl');
    expect(feed.map((f: any) => f.line)).toEqual([2, 4, 6]);
    expect(feed.map((f: any) => f.record)).toEqual([1, 2, 4]);
    expect(feed[1].error).toMatch(/line 4: no article body/);
    expect(feed[2].error).toMatch(/line 6: expected an object, got an array/);
    const rows = failureFor('rows.csv');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ record: 1 });
    expect(rows[0].error).toMatch(/record 1 .*no article body/);
  });

  it('decodes invalid UTF-8 with replacement characters and a warning; handles UTF-8 and UTF-16 BOMs', () => {
    const latin1 = docs.find((d) => d.id === 'latin1');
    expect(latin1.text).toBe('Caf\uFFFD di Jakarta ramai. Pengunjung datang.');
    expect(latin1.warnings.map((w: any) => w.code)).toContain('invalid-utf8');
    expect(docs.find((d) => d.id === 'bom8').text).toBe(GOOD);
    expect(docs.find((d) => d.id === 'bom16').text).toBe(GOOD);
  });

  it('a re-run reports the same record failures again without re-analysing', () => {
    const again = warta(['run', '-i', 'in', '-o', 'out', '-p', 'small-files.json'], work);
    expect(again.status).toBe(1);
    const second = runInfo(path.join(work, 'out'));
    expect(second.counts.processed).toBe(0);
    expect(second.failures).toEqual(info.failures);
  });
});

describe('readArticles', () => {
  it('names a file it cannot read', async () => {
    const result = await readArticles('/nonexistent/dir/missing.txt', { root: '/nonexistent' });
    expect(result.docs).toEqual([]);
    expect(result.failures[0].error).toMatch(/^cannot read: ENOENT/);
  });

  it('rejects an unsupported extension', async () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'a.docx'), 'x');
    const result = await readArticles(path.join(work, 'a.docx'), { root: work });
    expect(result.failures[0].error).toBe('unsupported file type ".docx"');
  });

  it('maps differently named export columns through a field mapping', async () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'ekspor.csv'), `judul,isi_berita,tanggal\n"Banjir di Bekasi","${GOOD}",06/09/2025\n`);
    const result = await readArticles(path.join(work, 'ekspor.csv'), {
      root: work,
      fields: { title: 'judul', text: 'isi_berita', published_at: 'tanggal' },
    });
    expect(result.failures).toEqual([]);
    expect(result.docs[0]).toMatchObject({ id: 'ekspor-0', title: 'Banjir di Bekasi', text: `Banjir di Bekasi\n\n${GOOD}` });
    expect(result.docs[0].published_at).toBe('06/09/2025');
  });
});
