import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSlice, readJsonl, ROOT, tempDir, warta } from './helpers/cli.js';

const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'];

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true });
}

describe('warta run on input/ (the quick start)', () => {
  let work: string;
  let result: ReturnType<typeof warta>;
  beforeAll(() => {
    work = tempDir();
    cpSync(path.join(ROOT, 'input'), path.join(work, 'input'), { recursive: true });
    result = warta(['run'], work);
  });

  it('exits 0 and prints a one-line summary on stdout', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^warta: 1 article analysed, 0 unchanged, 0 failed; 1 written to output\/ in [\d.]+ s/);
    expect(result.stderr).toContain('input file');
  });

  it('writes the six output files', () => {
    for (const file of [...DATA_FILES, 'run.json']) expect(existsSync(path.join(work, 'output', file)), file).toBe(true);
  });

  it('documents.jsonl follows the contract: every field with its type', () => {
    const [doc] = readJsonl(path.join(work, 'output', 'documents.jsonl'));
    expect(Object.keys(doc)).toEqual([
      'id', 'source', 'url', 'title', 'published_at', 'source_name', 'dateline', 'author', 'language',
      'language_confidence', 'text', 'sections', 'sentences', 'entities', 'dates', 'warnings',
    ]);
    expect(doc.id).toBe('seputaran-kim-xi');
    expect(doc.source).toEqual({
      path: 'input/seputaran-kim-xi.txt',
      format: 'txt',
      record: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(doc.text).toBe(readFileSync(path.join(ROOT, 'input', 'seputaran-kim-xi.txt'), 'utf8'));
    expect(doc.language).toBe('id');
    expect(doc.language_confidence).toBeGreaterThan(0);
    expect(doc.language_confidence).toBeLessThanOrEqual(1);
    for (const s of doc.sections) {
      expect(Object.keys(s)).toEqual(['type', 'start', 'end']);
      expect(['title', 'published', 'caption', 'dateline', 'body', 'byline', 'boilerplate']).toContain(s.type);
    }
    expect(doc.sentences.length).toBeGreaterThan(10);
    doc.sentences.forEach((s: any, i: number) => {
      expect(Object.keys(s)).toEqual(['index', 'start', 'end', 'section']);
      expect(s.index).toBe(i);
    });
    for (const e of doc.entities) {
      expect(e).toMatchObject({
        type: expect.stringMatching(/^(PERSON|LOCATION|ORGANIZATION)$/),
        text: expect.any(String),
        canonical: expect.any(String),
        entity_id: expect.stringMatching(/^(PERSON|LOCATION|ORGANIZATION):/),
        start: expect.any(Number),
        end: expect.any(Number),
        sentence: expect.any(Number),
      });
    }
    for (const d of doc.dates) {
      expect(d).toMatchObject({ text: expect.any(String), value: expect.any(String), granularity: expect.any(String) });
    }
    expect(Array.isArray(doc.warnings)).toBe(true);
  });

  it('every emitted span slices (in code points) to its text and lies inside its section', () => {
    const [doc] = readJsonl(path.join(work, 'output', 'documents.jsonl'));
    const length = Array.from(doc.text as string).length;
    for (const s of [...doc.sections, ...doc.sentences]) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(length);
    }
    for (const sentence of doc.sentences) {
      const section = doc.sections.find((x: any) => x.start <= sentence.start && sentence.end <= x.end);
      expect(section, `sentence ${sentence.index} crosses a section`).toBeDefined();
      expect(section.type).toBe(sentence.section);
    }
    for (const item of [...doc.entities, ...doc.dates]) expect(cpSlice(doc.text, item.start, item.end)).toBe(item.text);
    const sentenceRows = readCsv(path.join(work, 'output', 'sentences.csv'));
    expect(sentenceRows).toHaveLength(doc.sentences.length);
    for (const row of sentenceRows) {
      const slice = cpSlice(doc.text, +row.start, +row.end);
      // formula-looking cells carry the escaping quote in CSV only
      expect(row.text).toBe(/^[=+\-@\t\r]/.test(slice) ? `'${slice}` : slice);
    }
  });

  it('the CSV files have their headers, article_id first, and one row per item', () => {
    const [doc] = readJsonl(path.join(work, 'output', 'documents.jsonl'));
    const headers = {
      'articles.csv': 'article_id,source_path,source_format,source_record,source_sha256,url,title,published_at,source_name,dateline,author,language,language_confidence,characters,sentences,entities,dates,warnings',
      'sentences.csv': 'article_id,index,start,end,section,text',
      'entities.csv': 'article_id,type,text,canonical,entity_id,start,end,sentence,section',
      'dates.csv': 'article_id,text,start,end,sentence,section,value,granularity,resolution,end_value,time,timezone',
    };
    for (const [file, header] of Object.entries(headers)) {
      expect(readFileSync(path.join(work, 'output', file), 'utf8').split('\r\n')[0]).toBe(header);
    }
    const [article] = readCsv(path.join(work, 'output', 'articles.csv'));
    expect(article.article_id).toBe(doc.id);
    expect(article.language).toBe(doc.language);
    expect(+article.sentences).toBe(doc.sentences.length);
    expect(readCsv(path.join(work, 'output', 'entities.csv'))).toHaveLength(doc.entities.length);
    expect(readCsv(path.join(work, 'output', 'dates.csv'))).toHaveLength(doc.dates.length);
  });

  it('run.json records the run', () => {
    const runInfo = JSON.parse(readFileSync(path.join(work, 'output', 'run.json'), 'utf8'));
    expect(runInfo.counts).toMatchObject({ seen: 1, processed: 1, unchanged: 0, failed: 0 });
    expect(runInfo.pipeline.stages).toEqual(['normalize', 'structure', 'language', 'sentences', 'entities', 'dates']);
    expect(Date.parse(runInfo.started_at)).toBeLessThanOrEqual(Date.parse(runInfo.finished_at));
    expect(runInfo.failures).toEqual([]);
    expect(runInfo.docs_per_second).toBeGreaterThan(0);
  });
});

describe('JSONL input', () => {
  it('honours ids, keeps text 1:1 with the record, counts offsets in code points', () => {
    const work = tempDir();
    const body = 'Warga 😀 Jakarta merayakan HUT RI di Monas. Presiden Joko Widodo hadir pada Sabtu (16/8).';
    const records = [
      { id: 'art-001', text: body, published_at: '2025-08-16' },
      { id: 'art-000', title: 'Judul Berita', body: 'Menteri Keuangan Sri Mulyani berbicara di Jakarta.' },
      { content: 'Tanpa id, artikel ini mendapat id dari nama berkas dan nomor rekaman.' },
    ];
    writeFileSync(path.join(work, 'feed.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const result = warta(['run', '--input', 'feed.jsonl', '--output', 'out'], work);
    expect(result.status, result.stderr).toBe(0);
    const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(docs.map((d) => d.id)).toEqual(['art-000', 'art-001', 'feed-2']);
    const [withTitle, withEmoji, derived] = docs;
    expect(withEmoji.text).toBe(body);
    expect(withEmoji.source).toMatchObject({ path: 'feed.jsonl', format: 'jsonl', record: 0 });
    expect(withTitle.text).toBe('Judul Berita\n\nMenteri Keuangan Sri Mulyani berbicara di Jakarta.');
    expect(withTitle.title).toBe('Judul Berita');
    expect(derived.source.record).toBe(2);
    // every sentence offset is in code points: the emoji counts once
    const cpLength = Array.from(body).length;
    expect(Math.max(...withEmoji.sentences.map((s: any) => s.end))).toBeLessThanOrEqual(cpLength);
    for (const s of withEmoji.sentences) expect(cpSlice(body, s.start, s.end).trim()).toBe(cpSlice(body, s.start, s.end));
    const last = withEmoji.sentences[withEmoji.sentences.length - 1];
    expect(cpSlice(body, last.start, last.end)).toMatch(/^Presiden Joko Widodo/);
    for (const item of [...withEmoji.entities, ...withEmoji.dates]) expect(cpSlice(body, item.start, item.end)).toBe(item.text);
  });
});

describe('CSV output safety', () => {
  it('neutralises spreadsheet formulas in CSV cells and keeps the original in documents.jsonl', () => {
    const work = tempDir();
    const records = [
      { id: 'inj', title: '=HYPERLINK("http://evil.example","klik")', text: '+62 812 adalah nomor. @admin menulis. -5 derajat di puncak.' },
    ];
    writeFileSync(path.join(work, 'a.json'), JSON.stringify(records));
    const result = warta(['run', '-i', 'a.json', '-o', 'out'], work);
    expect(result.status, result.stderr).toBe(0);
    const [article] = parse(readFileSync(path.join(work, 'out', 'articles.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(article.title).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    const sentences = parse(readFileSync(path.join(work, 'out', 'sentences.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const texts = sentences.map((s) => s.text);
    expect(texts.some((t) => t.startsWith("'+62"))).toBe(true);
    expect(texts.every((t) => !/^[=+@-]/.test(t))).toBe(true);
    const [doc] = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(doc.title).toBe('=HYPERLINK("http://evil.example","klik")');
  });
});

describe('determinism', () => {
  it('writes byte-identical data files at concurrency 1 and 2', () => {
    const work = tempDir();
    const sample = readFileSync(path.join(ROOT, 'input', 'seputaran-kim-xi.txt'), 'utf8');
    mkdirSync(path.join(work, 'news'));
    for (let i = 0; i < 12; i++) writeFileSync(path.join(work, 'news', `a${i}.txt`), sample.replace('Istanbul', `Kota ${i}`));
    writeFileSync(
      path.join(work, 'news', 'feed.jsonl'),
      Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `f${(i * 7) % 20}`, text: `Berita ke-${i} dari Bandung. Gubernur hadir.` })).join('\n'),
    );
    expect(warta(['run', '-i', 'news', '-o', 'one', '-c', '1'], work).status).toBe(0);
    expect(warta(['run', '-i', 'news', '-o', 'two', '-c', '2'], work).status).toBe(0);
    // a folder holding another run's output is never read as input
    const again = warta(['run', '-i', '.', '-o', 'three', '-c', '2'], work);
    expect(again.status, again.stderr).toBe(0);
    const threeIds = readJsonl(path.join(work, 'three', 'documents.jsonl')).map((d) => d.id);
    expect(threeIds.filter((id) => id.startsWith('news-'))).toHaveLength(12);
    expect(threeIds).toHaveLength(32);
    for (const file of DATA_FILES) {
      expect(readFileSync(path.join(work, 'two', file)).equals(readFileSync(path.join(work, 'one', file))), file).toBe(true);
    }
    const ids = readJsonl(path.join(work, 'one', 'documents.jsonl')).map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(32);
  });
});
