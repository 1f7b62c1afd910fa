import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/ingest/charset.js';
import { blockText, readHtml } from '../src/ingest/html.js';
import { RecordError } from '../src/ingest/record.js';
import { parseHTML } from 'linkedom';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/ingest');

const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
const paragraphs = [
  'JAKARTA, KOMPAS.com - Pemerintah menaikkan anggaran subsidi pupuk untuk musim tanam berikutnya, kata Menteri Pertanian.',
  'Menurut dia, kenaikan itu diperlukan karena harga bahan baku pupuk di pasar dunia naik tajam sepanjang tahun ini.',
  '"Petani tidak boleh kekurangan pupuk saat musim tanam tiba," ujarnya di Jakarta, Sabtu.',
  'Penulis: Ani Suryani',
];
const articleBody = `<article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`;

describe('HTML charset detection', () => {
  const text = '<p>Kafé “Braga” — 1923</p>';
  it('BOM wins', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="windows-1252">', text))]);
    const decoded = decodeHtml(bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', via: 'bom' });
    expect(decoded.text).toContain('Kafé “Braga” — 1923');
  });

  it('<meta charset> and http-equiv are honoured; iso-8859-1 means windows-1252', () => {
    const html = page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', text);
    const decoded = decodeHtml(iconv.encode(html, 'windows-1252'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', via: 'meta' });
    expect(decoded.text).toContain('Kafé “Braga” — 1923');
    const latin2 = decodeHtml(iconv.encode(page('<meta charset="iso-8859-2">', '<p>Łódź</p>'), 'iso-8859-2'));
    expect(latin2.encoding).toBe('iso-8859-2');
    expect(latin2.text).toContain('Łódź');
  });

  it('sniffs UTF-8, else windows-1252', () => {
    expect(decodeHtml(Buffer.from(page('', text)))).toMatchObject({ encoding: 'utf-8', via: 'sniff' });
    const legacy = decodeHtml(iconv.encode(page('', text), 'windows-1252'));
    expect(legacy).toMatchObject({ encoding: 'windows-1252', via: 'sniff' });
    expect(legacy.text).toContain('Kafé “Braga” — 1923');
  });

  it('a page declared UTF-8 with Windows-1252 bytes is decoded as windows-1252 with a warning', () => {
    const decoded = decodeHtml(iconv.encode(page('<meta charset="utf-8">', text), 'windows-1252'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warning?.code).toBe('charset-mismatch');
    expect(decoded.text).toContain('Kafé “Braga”');
  });

  it('the committed Windows-1252 fixture is not valid UTF-8 and decodes cleanly', () => {
    const bytes = readFileSync(path.join(FIXTURES, 'pikiran-cp1252.html'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const decoded = decodeHtml(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).not.toContain('\uFFFD');
    expect(decoded.text).toContain('“Pemilik tetap boleh membuka usaha');
  });
});

describe('readHtml', () => {
  it('JSON-LD inside @graph, author list, publisher and canonical URL', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Contoh' },
        {
          '@type': ['NewsArticle'],
          headline: 'Subsidi Pupuk Naik',
          datePublished: 'Sat, 06 Sep 2025 10:00:00 +0700',
          author: [{ '@type': 'Person', name: 'Ani Suryani' }, { '@type': 'Person', name: 'Budi Santoso' }],
          publisher: { '@type': 'Organization', name: 'KOMPAS.com' },
        },
      ],
    };
    const html = page(
      `<meta charset="utf-8"><title>Subsidi Pupuk Naik - KOMPAS.com</title><link rel="canonical" href="https://example.com/a"><script type="application/ld+json">${JSON.stringify(ld)}</script>`,
      `<nav>Beranda Nasional Ekonomi</nav><h1>Subsidi Pupuk Naik</h1>${articleBody}<footer>Hak cipta</footer>`,
    );
    const record = readHtml(Buffer.from(html), 'a.html');
    expect(record.title).toBe('Subsidi Pupuk Naik');
    expect(record.published_at).toBe('2025-09-06T10:00:00+07:00');
    expect(record.author).toBe('Ani Suryani, Budi Santoso');
    expect(record.source).toBe('KOMPAS.com');
    expect(record.url).toBe('https://example.com/a');
    expect(record.text.split('\n')).toEqual(paragraphs);
  });

  it('without JSON-LD: OpenGraph, article:published_time, <time datetime>, title without the site suffix', () => {
    const html = page(
      '<title>Subsidi Pupuk Naik | Harian Contoh</title><meta property="og:site_name" content="Harian Contoh"><meta name="author" content="https://facebook.com/x">',
      `<h1>Subsidi Pupuk Naik</h1><time datetime="2025-09-05T08:00:00+07:00">Jumat</time>${articleBody}`,
    );
    const record = readHtml(Buffer.from(html), 'b.html');
    expect(record.title).toBe('Subsidi Pupuk Naik');
    expect(record.published_at).toBe('2025-09-05T08:00:00+07:00');
    expect(record.source).toBe('Harian Contoh');
    expect(record.author).toBeUndefined();
  });

  it('a page without article content fails with a RecordError', () => {
    const html = page('<title>Beranda</title>', '<nav><a href="/">Beranda</a></nav><script>var x = 1;</script>');
    expect(() => readHtml(Buffer.from(html), 'empty.html')).toThrow(RecordError);
    expect(() => readHtml(Buffer.from(html), 'empty.html')).toThrow(/no article content/);
  });

  it('block elements and <br> become lines, inline elements do not', () => {
    const { document } = parseHTML('<div><p>Satu <b>dua</b> tiga</p><p>Empat<br>lima</p><ul><li>enam</li><li>tujuh</li></ul></div>');
    expect(blockText(document.querySelector('div') as never)).toBe('Satu dua tiga\nEmpat\nlima\nenam\ntujuh');
  });
});

describe('readHtml fallbacks', () => {
  it('uses the JSON-LD articleBody when the page body holds no readable text; decodes entities in JSON-LD', () => {
    const ld = `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Menteri: &quot;Stok beras aman&quot;","datePublished":"2025-09-06 09:00:00 WIB",
      "articleBody":"JAKARTA, KOMPAS.com - Menteri Pertanian memastikan stok beras nasional aman hingga akhir tahun.\\nPenulis: Ani Suryani",
      "author":{"@type":"Person","name":"Ani Suryani"}}`;
    const html = page(`<script type="application/ld+json">${ld}</script>`, '<div id="app"></div>');
    const record = readHtml(Buffer.from(html), 'spa.html');
    expect(record.title).toBe('Menteri: "Stok beras aman"');
    expect(record.published_at).toBe('2025-09-06T09:00:00+07:00');
    expect(record.text).toBe('JAKARTA, KOMPAS.com - Menteri Pertanian memastikan stok beras nasional aman hingga akhir tahun.\nPenulis: Ani Suryani');
  });

  it('tolerates raw newlines and trailing commas in hand-written JSON-LD', () => {
    const ld = '{"@type": "NewsArticle", "headline": "Judul\n dengan baris", "publisher": {"name": "Harian Contoh",},}';
    const html = page(`<script type="application/ld+json">${ld}</script>`, articleBody);
    const record = readHtml(Buffer.from(html), 'x.html');
    expect(record.title).toBe('Judul dengan baris');
    expect(record.source).toBe('Harian Contoh');
  });

  it('an organisation as JSON-LD author, or the outlet as meta author, is no author', () => {
    const ld = '{"@type": "NewsArticle", "headline": "Judul", "author": {"@type": "Organization", "name": "Kompas.com"}, "publisher": {"name": "Kompas.com"}}';
    const record = readHtml(Buffer.from(page(`<script type="application/ld+json">${ld}</script><meta name="author" content="Kompas.com">`, articleBody)), 'x.html');
    expect(record.author).toBeUndefined();
    expect(record.source).toBe('Kompas.com');
  });

  it('a page with only a few words of text is not an article', () => {
    const html = page('<title>Galeri</title>', '<div><p>Foto hari ini</p></div>');
    expect(() => readHtml(Buffer.from(html), 'galeri.html')).toThrow(RecordError);
  });
});
