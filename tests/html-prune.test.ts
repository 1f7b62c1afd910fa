/**
 * Clutter pruning before Readability: hidden pop-ups and hover cards, page furniture,
 * blocks named as clutter, link lists and one-link inserts go; the article stays, and the
 * guard keeps a wrapper that holds the article even when its name says "sidebar".
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { nameWords, prunePage } from '../src/ingest/html-prune.js';
import { blockText, readHtml } from '../src/ingest/html.js';

const P = [
  'JAKARTA, KOMPAS.com - Pemerintah menaikkan anggaran subsidi pupuk untuk musim tanam berikutnya, kata Menteri Pertanian di Jakarta.',
  'Menurut dia, kenaikan itu diperlukan karena harga bahan baku pupuk di pasar dunia naik tajam sepanjang tahun ini.',
  '"Petani tidak boleh kekurangan pupuk saat musim tanam tiba," ujarnya, Sabtu (6/9/2025).',
  'Kementerian juga akan memperketat pengawasan distribusi agar pupuk bersubsidi tidak bocor ke pasar umum.',
];
const article = `<article><h1>Subsidi Pupuk Naik</h1>${P.map((p) => `<p>${p}</p>`).join('')}</article>`;
const page = (body: string) => `<!DOCTYPE html><html><head><title>Subsidi Pupuk Naik</title></head><body>${body}</body></html>`;

function pruned(body: string): string {
  const { document } = parseHTML(page(body));
  prunePage(document as never);
  return blockText(document.body as never);
}

describe('prunePage', () => {
  it('removes hidden pop-ups, hover cards and screen-reader text', () => {
    const text = pruned(`
      <div id="notif" style="display: none"><p>Aktifkan notifikasi untuk berita terbaru setiap hari dari kami.</p></div>
      <div class="modal" aria-hidden="true"><p>Dapatkan notifikasi berita terkini langsung di browser Anda.</p></div>
      <div role="tooltip" hidden><p>Ani Suryani meliput ekonomi dari Jakarta sejak 2015.</p></div>
      <dialog><p>Berlangganan sekarang dan hemat 50 persen.</p></dialog>
      ${article.replace('<p>Menurut', '<p><span class="visually-hidden">Image source, </span>Menurut')}`);
    expect(text.split('\n')).toEqual(['Subsidi Pupuk Naik', ...P]);
  });

  it('removes navigation, sidebars, related lists, share rows, newsletter boxes, captions and comments', () => {
    const text = pruned(`
      <header><nav><a href="/">Beranda</a><a href="/ekonomi">Ekonomi</a><a href="/nasional">Nasional</a></nav></header>
      <main>
        <figure><img src="a.jpg"><figcaption>Petani menebar pupuk di sawah, Karawang. (ANTARA FOTO/Ari)</figcaption></figure>
        ${article.replace('</article>', `
          <div class="share-buttons"><span>Bagikan</span><a href="#">Facebook</a><a href="#">X</a><a href="#">WhatsApp</a></div>
          <div class="newsletter-box"><p>Dapatkan ringkasan berita ekonomi setiap pagi di kotak surat Anda.</p></div>
          </article>`)}
        <div class="berita-terkait"><h3>Berita Terkait</h3><p>Harga beras turun setelah operasi pasar digelar di dua belas kecamatan.</p></div>
        <ul><li><a href="/1">Harga cabai naik lagi</a></li><li><a href="/2">Banjir di Bekasi</a></li><li><a href="/3">Tol baru dibuka</a></li></ul>
        <p><strong>Baca juga: </strong><a href="/4">Rupiah Menguat ke Level Rp 16.300 per Dollar AS</a></p>
        <section id="comments"><p>budi: Semoga petani makin sejahtera dan pupuk tidak langka lagi tahun ini.</p></section>
      </main>
      <aside><h3>Terpopuler</h3><p>Gempa magnitudo 5,6 mengguncang Mamuju pagi ini.</p></aside>
      <footer><p>Copyright 2025 Harian Contoh. All rights reserved.</p></footer>`);
    expect(text.split('\n')).toEqual(['Subsidi Pupuk Naik', ...P]);
  });

  it('keeps a wrapper holding the article whatever its name says, and prunes inside it', () => {
    const { document } = parseHTML(page(`<div class="layout has-sidebar"><div class="content-with-sidebar">${P.map((p) => `<p>${p}</p>`).join('')}<div class="sidebar"><p>Iklan kecil.</p></div></div></div>`));
    const result = prunePage(document as never);
    expect(blockText(document.body as never).split('\n')).toEqual(P);
    expect(result.guarded).toBeGreaterThan(0);
    expect(result.removed).toBe(1);
  });

  it('keeps the largest article element even when it is hidden until scripts run', () => {
    const text = pruned(`<article class="story" hidden>${P.map((p) => `<p>${p}</p>`).join('')}</article><article class="card"><a href="/x">Berita lain</a></article>`);
    expect(text.split('\n')).toEqual([...P, 'Berita lain']);
  });

  it('keeps ordinary paragraphs with a link inside long text', () => {
    const linked = `<p>${P[0]} <a href="/pupuk">Baca laporan lengkapnya</a> untuk rinciannya.</p>`;
    expect(pruned(`<article>${linked}<p>${P[1]}</p></article>`)).toContain('Baca laporan lengkapnya untuk rinciannya.');
  });

  it('finds clutter without class names: headed blocks, caption-only image blocks, button widgets, card lists', () => {
    const text = pruned(`<div class="x1"><div class="x2">${P.map((p, i) => `<p class="x3">${p}</p>${i === 1 ? '<div class="x4"><img src="a.jpg"><div class="x5">Petani di Karawang. Foto: Warta/Ari</div></div>' : ''}`).join('')}</div>
      <div class="x6"><div class="x7">Apa kata pembaca?</div>
        <div class="x8"><b>Rahmat</b><div>Semoga petani makin sejahtera dan pupuk tidak langka lagi tahun ini di desa kami.</div></div>
        <div class="x8"><b>Nur</b><div>Harga pupuk di toko dekat rumah saya masih mahal, mohon diawasi pemerintah daerah.</div></div></div>
      <div class="x9"><div class="x10">Tentang Penulis</div><p>Ani Suryani meliput isu pertanian dan pangan sejak 2016 untuk Warta Kita.</p></div>
      <div class="x11"><button>Dengarkan</button><span>4:12 menit</span></div></div>`);
    expect(text.split('\n')).toEqual(P);
  });

  it('splits class and id names into words and adjacent pairs', () => {
    const { document } = parseHTML('<div class="ArticleBio_root td-post-sharing" id="most-read"></div>');
    const words = nameWords(document.querySelector('div') as never);
    expect(words).toEqual(expect.arrayContaining(['article', 'bio', 'root', 'td', 'post', 'sharing', 'most', 'read', 'most+read', 'post+sharing']));
  });
});

describe('readHtml with pruning', () => {
  it('keeps metadata from elements it prunes (title, byline line for the structure stage)', () => {
    const html = page(`<header><h1>Subsidi Pupuk Naik</h1></header><p class="byline">Oleh: Ani Suryani</p>${article}<aside class="related"><a href="/1">A</a><a href="/2">B</a><a href="/3">C</a></aside>`);
    const record = readHtml(Buffer.from(html), 'a.html');
    expect(record.title).toBe('Subsidi Pupuk Naik');
    expect(record.text.split('\n')).toEqual(expect.arrayContaining(P));
    expect(record.text).not.toMatch(/^A$|^B$/m);
  });

  it('prune: false leaves the page as it was (for measuring what pruning does)', () => {
    const html = page(`${article}<div class="newsletter"><p>Dapatkan ringkasan berita ekonomi setiap pagi di kotak surat Anda sekarang juga gratis.</p></div>`);
    expect(readHtml(Buffer.from(html), 'a.html').text).not.toContain('ringkasan berita');
    expect(readHtml(Buffer.from(html), 'a.html', { prune: false }).text.length).toBeGreaterThanOrEqual(readHtml(Buffer.from(html), 'a.html').text.length);
  });
});
