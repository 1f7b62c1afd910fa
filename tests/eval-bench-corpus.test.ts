import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, manifestPathOf, rng, type CorpusManifest } from '../src/bench/corpus.js';
import { readArticles } from '../src/ingest/readers.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function digest(dir: string): string {
  const h = createHash('sha256');
  for (const f of walk(dir)) h.update(path.relative(dir, f)).update(readFileSync(f));
  return h.digest('hex');
}

describe('bench corpus generator', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'warta-corpus-'));
  const a = path.join(base, 'a');
  const b = path.join(base, 'b');
  let manifest: CorpusManifest;

  beforeAll(async () => {
    manifest = await generateCorpus({ articles: 300, seed: 7, dir: a, recordsPerFile: 40 });
    await generateCorpus({ articles: 300, seed: 7, dir: b, recordsPerFile: 40 });
  });

  it('the random stream is seeded', () => {
    const r1 = rng(1);
    const r2 = rng(1);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    expect(rng(2)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('same seed and size give byte-identical files', () => {
    expect(digest(a)).toBe(digest(b));
  });

  it('the manifest counts every article, in both languages and every format', () => {
    expect(manifest.languages.id.articles + manifest.languages.en.articles).toBe(300);
    expect(manifest.languages.id.articles).toBeGreaterThan(manifest.languages.en.articles);
    for (const lang of ['id', 'en'] as const) {
      const f = manifest.languages[lang].byFormat;
      expect(f.txt + f.jsonl + f.csv + f.html).toBe(manifest.languages[lang].articles);
      expect(f.txt).toBeGreaterThan(0);
      expect(f.jsonl).toBeGreaterThan(0);
      expect(f.csv).toBeGreaterThan(0);
    }
    expect(JSON.parse(readFileSync(manifestPathOf(a), 'utf8')).articles).toBe(300);
  });

  it('text files look like the example article and weigh 1-8 KB', () => {
    const txt = walk(path.join(a, 'id', 'txt'));
    expect(txt.length).toBeGreaterThan(50);
    for (const file of txt) {
      const size = statSync(file).size;
      expect(size).toBeGreaterThan(900);
      expect(size).toBeLessThan(9000);
    }
    const lines = readFileSync(txt[0], 'utf8').split('\n');
    expect(lines[1]).toMatch(/^- calendar_month \w+, \d{1,2} \w+ \d{4}$|^\w+, \d{1,2} \w+ \d{4} \d\d:\d\d WIB$/);
    expect(lines[2]).toBe('');
    expect(lines.some((l) => / – /.test(l))).toBe(true);
    expect(lines.at(-2)).toMatch(/^- Penulis: /);
  });

  it('every .txt, .jsonl and .csv file reads through warta\'s readers without failures', async () => {
    let docs = 0;
    for (const lang of ['id', 'en']) {
      for (const format of ['txt', 'jsonl', 'csv']) {
        const root = path.join(a, lang, format);
        for (const file of walk(root)) {
          const result = await readArticles(file, { root });
          expect(result.failures).toEqual([]);
          docs += result.docs.length;
          for (const doc of result.docs) expect(doc.text.length).toBeGreaterThan(500);
        }
      }
    }
    const html = manifest.languages.id.byFormat.html + manifest.languages.en.byFormat.html;
    expect(docs).toBe(300 - html);
  });

  it('a second call with the same options reuses the corpus', async () => {
    const before = statSync(manifestPathOf(a)).mtimeMs;
    const again = await generateCorpus({ articles: 300, seed: 7, dir: a, recordsPerFile: 40 });
    expect(again.generatedMs).toBe(manifest.generatedMs);
    expect(statSync(manifestPathOf(a)).mtimeMs).toBe(before);
  });
});
