/**
 * Pages too large for Readability (more than MAX_READABILITY_ELEMENTS elements after pruning)
 * take the cheap extractor: the main-content element's text, else the body's, with clutter
 * already pruned.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { countElements, fallbackContainer, MAX_READABILITY_ELEMENTS } from '../src/ingest/html-fallback.js';
import { readHtml } from '../src/ingest/html.js';

const LEAD = 'JAKARTA, KOMPAS.com - Pemerintah provinsi merilis data lengkap petugas lalu lintas yang disiagakan selama libur panjang akhir pekan ini.';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `<tr><td>${i + 1}</td><td>Pos ${i + 1}</td><td>Jakarta</td></tr>`).join('');

describe('cheap extractor for huge pages', () => {
  it('counts elements and stops early at the limit', () => {
    const { document } = parseHTML(`<html><body><div><p>a</p><p>b</p></div></body></html>`);
    expect(countElements(document.body as never)).toBe(4);
    expect(countElements(document.body as never, 1)).toBe(2);
  });

  it('takes the article element when it holds a fair share of the text, else the body', () => {
    const { document } = parseHTML(`<html><body><div>${'Menu '.repeat(10)}</div><article><p>${LEAD}</p></article></body></html>`);
    expect((fallbackContainer(document as never) as any).tagName).toBe('ARTICLE');
    const other = parseHTML(`<html><body><article><p>kecil</p></article><div><p>${LEAD}</p></div></body></html>`).document;
    expect((fallbackContainer(other as never) as any).tagName).toBe('BODY');
  });

  it('reads a page of more than 20,000 elements without Readability, clutter pruned', () => {
    const n = Math.ceil(MAX_READABILITY_ELEMENTS / 4) + 100;
    const html = `<html><head><title>Data Petugas</title></head><body><nav><a href="/">Beranda</a><a href="/a">Nasional</a><a href="/b">Daerah</a></nav>
      <article><h1>Data Petugas</h1><p>${LEAD}</p><table>${rows(n)}</table></article><aside class="related"><p>Berita lain yang tidak perlu.</p></aside></body></html>`;
    const record = readHtml(Buffer.from(html), 'tabel.html');
    const lines = record.text.split('\n');
    expect(lines[0]).toBe(LEAD);
    expect(lines).toContain(`1 Pos 1 Jakarta`);
    expect(lines).toContain(`${n} Pos ${n} Jakarta`);
    expect(record.text).not.toContain('Beranda');
    expect(record.text).not.toContain('Berita lain');
  });
});
