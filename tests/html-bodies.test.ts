/**
 * The HTML body dev set and its scorer: 4-word shingle precision/recall, and the dev set's
 * integrity (enough pages of both languages in both splits, every expected paragraph really
 * on its page). Quality itself is reported by `npm run eval`, not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { loadHtmlPages, overlap, scoresOf, shingles } from '../src/eval/html-bodies.js';

describe('shingle scorer', () => {
  it('counts 4-word shingles of lower-cased letter and digit runs, with repeats', () => {
    expect([...shingles('Satu, dua tiga EMPAT lima').entries()]).toEqual([
      ['satu dua tiga empat', 1],
      ['dua tiga empat lima', 1],
    ]);
    expect(shingles('a b c d a b c d').get('a b c d')).toBe(2);
    expect([...shingles('dua kata').keys()]).toEqual(['dua kata']);
    expect(shingles('').size).toBe(0);
  });

  it('scores extra text as lost precision and missing text as lost recall', () => {
    const gold = 'Harga beras medium turun setelah operasi pasar digelar di dua belas kecamatan.';
    const extra = `${gold}\nBerita Terkait: Harga cabai naik lagi pekan ini`;
    const s = scoresOf(overlap(extra, gold));
    expect(s.recall).toBe(1);
    expect(s.precision).toBeCloseTo(9 / 17, 5);
    const missing = scoresOf(overlap('Harga beras medium turun setelah operasi pasar', gold));
    expect(missing.precision).toBe(1);
    expect(missing.recall).toBeCloseTo(4 / 9, 5);
    expect(scoresOf(overlap(gold, gold)).f1).toBe(1);
  });
});

describe('HTML body dev set', () => {
  const pages = loadHtmlPages();

  it('has at least 30 pages, tune and held-out, Indonesian and English', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    expect(pages.filter((p) => p.split === 'held-out').length).toBeGreaterThanOrEqual(15);
    expect(pages.filter((p) => p.split === 'tune').length).toBeGreaterThanOrEqual(15);
    expect(pages.filter((p) => p.name.includes('--id-')).length).toBeGreaterThanOrEqual(12);
    expect(pages.filter((p) => p.name.includes('--en-')).length).toBeGreaterThanOrEqual(12);
  });

  it('every expected body paragraph is on its page, and every page carries clutter besides', () => {
    for (const page of pages) {
      const { document } = parseHTML(page.html.toString('utf8'));
      const pageText = (document.body?.textContent ?? '').replace(/\s+/g, ' ');
      const lines = page.body.split('\n').filter(Boolean);
      expect(lines.length, page.name).toBeGreaterThanOrEqual(4);
      for (const line of lines) expect(pageText, `${page.name}: ${line.slice(0, 40)}`).toContain(line);
      expect(pageText.length, page.name).toBeGreaterThan(page.body.length * 1.3);
    }
  });
});
