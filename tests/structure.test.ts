import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc, InputFormat } from '../src/doc.js';
import { recordToDoc, type ArticleRecord } from '../src/ingest/record.js';
import { normalizeStage } from '../src/stages/normalize.js';
import { structureStage } from '../src/stages/structure.js';
import { devDataFile } from './helpers/shared-data.js';

const normalize = normalizeStage.setup(normalizeStage.defaults, { pipelineDir: '.' });
const structure = structureStage.setup(structureStage.defaults, { pipelineDir: '.' });

function run(record: ArticleRecord, format: InputFormat = 'jsonl'): Doc {
  const doc = recordToDoc(record, { path: `t.${format}`, format, record: format === 'txt' ? null : 0, sha256: '' });
  normalize(doc);
  structure(doc);
  return doc;
}

const sections = (doc: Doc) => doc.sections.map((s) => [s.type, doc.text.slice(s.start, s.end)]);
const ofType = (doc: Doc, type: string) => doc.sections.filter((s) => s.type === type).map((s) => doc.text.slice(s.start, s.end));

describe('datelines in the forms Indonesian and international outlets use', () => {
  const cases: [string, string | null, string | null][] = [
    ['SEPUTARAN.COM, Istanbul –', 'SEPUTARAN.COM', 'Istanbul'],
    ['JAKARTA, KOMPAS.com -', 'KOMPAS.com', 'Jakarta'],
    ['Jakarta, CNN Indonesia --', 'CNN Indonesia', 'Jakarta'],
    ['TEMPO.CO, Jakarta -', 'TEMPO.CO', 'Jakarta'],
    ['Jakarta (ANTARA) -', 'ANTARA', 'Jakarta'],
    ['Liputan6.com, Jakarta -', 'Liputan6.com', 'Jakarta'],
    ['REPUBLIKA.CO.ID, JAKARTA --', 'REPUBLIKA.CO.ID', 'Jakarta'],
    ['WASHINGTON (Reuters) -', 'Reuters', 'Washington'],
    ['BEIJING, Sept 4 (Reuters) -', 'Reuters', 'Beijing'],
    ['LONDON (AP) —', 'AP', 'London'],
    ['SEOUL, South Korea —', null, 'Seoul'],
    ['SEOUL, South Korea (AP) —', 'AP', 'Seoul'],
    ['RIO DE JANEIRO (Reuters) -', 'Reuters', 'Rio de Janeiro'],
    ['BAU-BAU, KOMPAS.com -', 'KOMPAS.com', 'Bau-Bau'],
    ['KUALA LUMPUR, Sept 5 (Bernama) --', 'Bernama', 'Kuala Lumpur'],
    ['Jakarta -', null, 'Jakarta'],
    ['MEDAN -', null, 'Medan'],
    ['KOMPAS.com -', 'KOMPAS.com', null],
    ['WARTAWIRE, Jakarta –', 'WARTAWIRE', 'Jakarta'],
    ['BANDUNG, PRFM —', 'PRFM', 'Bandung'],
    ['TRIBUNNEWS.COM, JAKARTA -', 'TRIBUNNEWS.COM', 'Jakarta'],
    ['Bisnis.com, JAKARTA —', 'Bisnis.com', 'Jakarta'],
    ['WASHINGTON DC —', null, 'Washington DC'],
    ['(Reuters) -', 'Reuters', null],
    ['NEW YORK, Sept 5 (Reuters) -', 'Reuters', 'New York'],
    ['Jakarta (Antara/Xinhua) -', 'Antara/Xinhua', 'Jakarta'],
    ['PORTLAND, Ore. (AP) —', 'AP', 'Portland'],
    ['Jakarta, 6 September 2025 (ANTARA) -', 'ANTARA', 'Jakarta'],
    ['Jakarta, NU Online -', 'NU Online', 'Jakarta'],
  ];
  for (const [dateline, source, city] of cases) {
    it(dateline, () => {
      const body = 'Pemerintah mengumumkan kebijakan baru pada Jumat.';
      const doc = run({ title: 'Judul berita', text: `${dateline} ${body}\nParagraf kedua berita.` });
      expect(doc.source_name).toBe(source);
      expect(doc.dateline).toBe(city);
      expect(ofType(doc, 'dateline')).toEqual([dateline]);
      expect(ofType(doc, 'body')[0].startsWith(body)).toBe(true);
    });
  }

  const notDatelines = [
    'Vince - Thanks for the message regarding a possible intern for your group.',
    'PS -- There is a happy hour tonight at the usual place.',
    'Cheap Hotel Rome - thanks for finding us a hotel at the last minute.',
    'COVID-19: Sektor terjejas akan diberi diskaun bil elektrik - Shamsul Anuar',
    'Menurut dia, Presiden - yang baru kembali dari Beijing - akan memimpin rapat.',
    'UPDATE - Harga minyak dunia naik tajam pada perdagangan Jumat.',
    'Pro-China groups rallied in the capital on Friday - police said.',
    'Kevin A. Boone Accenture -- Houston Consultant -- Energy',
  ];
  for (const text of notDatelines) {
    it(`no dateline: ${text.slice(0, 40)}`, () => {
      const doc = run({ text });
      expect(doc.dateline).toBeNull();
      expect(doc.source_name).toBeNull();
      expect(sections(doc)).toEqual([['body', text]]);
    });
  }

  it('a record text that is one paragraph with a dateline and desk code is split the same way', () => {
    const doc = run({ text: 'Jakarta (ANTARA) - Harga beras di Pasar Induk Cipinang stabil pada Sabtu, kata pedagang. (ant/rdn)' });
    expect(sections(doc)).toEqual([
      ['dateline', 'Jakarta (ANTARA) -'],
      ['body', 'Harga beras di Pasar Induk Cipinang stabil pada Sabtu, kata pedagang.'],
      ['byline', '(ant/rdn)'],
    ]);
    expect(doc.author).toBe('ant/rdn');
  });
});

describe('bylines and credits', () => {
  const article = (tail: string) => `JAKARTA, KOMPAS.com - Isi berita pertama.\nParagraf kedua yang cukup panjang.\n${tail}`;
  const cases: [string, string | null][] = [
    ['Penulis: Tim Seputaran', 'Tim Seputaran'],
    ['- Penulis: Tim Seputaran', 'Tim Seputaran'],
    ['Editor: Bagus Santosa', 'Bagus Santosa'],
    ['Reporter: Mutia Yuantisya\nEditor: Sapto Yunus', 'Mutia Yuantisya'],
    ['Editor: Sapto Yunus\nPewarta: Andi Firdaus', 'Andi Firdaus'],
    ['Pewarta: Yashinta Difa\nEditor: Azis Kurmala\nCopyright © ANTARA 2025', 'Yashinta Difa'],
    ['Penulis: Dewi Lestari dan Rina Amelia | Editor: Bagus', 'Dewi Lestari, Rina Amelia'],
    ['(ant/xyz)', 'ant/xyz'],
    ['Reporting by Jane Doe in Washington and John Smith in London; Editing by Mark Potter', 'Jane Doe, John Smith'],
    ['Sumber: Antara', null],
  ];
  for (const [tail, author] of cases) {
    it(JSON.stringify(tail), () => {
      const doc = run({ title: 'Judul', text: article(tail) });
      expect(doc.author).toBe(author);
      const lines = tail.split('\n');
      const credited = [...ofType(doc, 'byline'), ...ofType(doc, 'boilerplate')];
      for (const line of lines) expect(credited).toContain(line);
    });
  }

  it('a desk code after the last sentence becomes its own byline section', () => {
    const doc = run({ title: 'Judul', text: 'MEDAN - Isi berita pertama.\nKalimat terakhir berita ini. (rdp/imk)' });
    expect(ofType(doc, 'body')).toEqual(['Isi berita pertama.\nKalimat terakhir berita ini.']);
    expect(ofType(doc, 'byline')).toEqual(['(rdp/imk)']);
  });

  it('English head bylines: By NAME, Associated Press', () => {
    const doc = run({ text: 'Headline here\nBy MATTHEW LEE, Associated Press\n\nWASHINGTON (AP) — The State Department said on Friday it would act.' }, 'txt');
    expect(doc.author).toBe('Matthew Lee');
    expect(doc.title).toBe('Headline here');
    expect(doc.dateline).toBe('Washington');
  });

  it('labels without colons: `Penulis A | Editor B`, `Laporan Wartawan Outlet, Name`', () => {
    const doc = run({ text: 'Judul\nPenulis Dian Erika | Editor Bagus Santosa\nLaporan Wartawan Tribunnews.com, Ilham Rian\nJAKARTA - Isi berita.' }, 'txt');
    expect(doc.author).toBe('Dian Erika');
    expect(ofType(doc, 'byline')).toEqual(['Penulis Dian Erika | Editor Bagus Santosa', 'Laporan Wartawan Tribunnews.com, Ilham Rian']);
  });

  it('a sentence that starts with `Oleh` or `By` is not a byline', () => {
    const doc = run({ text: 'Judul\nOleh karena itu pemerintah menunda rapat kabinet.\nBy the end of the week the talks had collapsed.\nParagraf terakhir.' }, 'txt');
    expect(doc.author).toBeNull();
    expect(ofType(doc, 'byline')).toEqual([]);
  });

  it('a labelled line in the middle of the body is not a byline', () => {
    const doc = run({ title: 'Wawancara', text: 'Isi pertama.\nReporter: Apa rencana Anda tahun depan? Kami ingin tahu lebih banyak.\nIsi kedua.\nIsi ketiga.\nIsi keempat.\nIsi kelima.\nIsi keenam.\nIsi ketujuh.\nIsi kedelapan.\nIsi kesembilan.\nIsi kesepuluh.\nIsi kesebelas.' });
    expect(doc.author).toBeNull();
    expect(ofType(doc, 'byline')).toEqual([]);
  });
});

describe('boilerplate lines stay in text as their own sections', () => {
  const lines = [
    'Baca juga: Harga Emas Antam Hari Ini Naik',
    'BACA JUGA: Polisi Tangkap Pelaku Begal',
    'ADVERTISEMENT',
    'SCROLL TO CONTINUE WITH CONTENT',
    'Simak video pilihan berikut ini:',
    'Simak Video "Video: Banjir Rendam Jakarta Utara"',
    'Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com di Google News',
    'Ikuti kami di Google News',
    'Gabung di saluran WhatsApp kami untuk berita terbaru',
    'Pilihan Editor: KPK Periksa Saksi',
    'Artikel ini telah tayang di Kompas.com dengan judul "Banjir Rob"',
    'Copyright © ANTARA 2025',
    'Read more: Fed holds rates steady',
    'Also read: Oil prices climb',
    'Advertisement',
    'Sign up for our newsletter',
    'Follow us on Instagram and X',
    'Share this article',
    'Our Standards: The Thomson Reuters Trust Principles.',
    '[Gambas:Video CNN]',
    'Updated 10:32 AM EDT, Sat September 6, 2025',
    'Updated: 7:48 PM PDT September 5, 2025',
    'Posted 3 hours ago',
    'Diperbarui 6 September 2025, 10:00 WIB',
    'Image 2 of 7',
    '1 of 3 | Volunteers fill sandbags outside a fire station.',
    'Foto 3 dari 5',
    'Credit: Staff photographer',
    'Photo credit: Jane Doe/AP',
    'Kredit foto: Humas Pemkot',
    '© 2025 Harian Contoh',
    'Text © 2025 The Author, published under licence',
    'Copyright © 2025 Esai Kita. All rights reserved.',
    'Hak Cipta © 2025 Kementerian Koordinator. Seluruh hak cipta dilindungi.',
    'Cite this article: Doe, J. (2025). The river that keeps moving the border.',
    'Citation: Tan L, et al. (2025) Heat-resistant corals.',
  ];
  for (const line of lines) {
    it(line, () => {
      const text = `JAKARTA - Isi berita pertama.\n${line}\nIsi berita kedua yang lebih panjang.\nIsi berita ketiga.`;
      const doc = run({ title: 'Judul', text });
      expect(ofType(doc, 'boilerplate')).toEqual([line]);
      expect(doc.text).toBe(`Judul\n\n${text}`);
      expect(ofType(doc, 'body')).toEqual(['Isi berita pertama.', 'Isi berita kedua yang lebih panjang.\nIsi berita ketiga.']);
    });
  }

  it('ordinary sentences that start like boilerplate words stay body', () => {
    const text =
      'JAKARTA - Isi pertama.\nKomentar itu disampaikan menteri pada Jumat.\nCopyright law was amended last year.\nBagikan bantuan dilakukan di tiga desa.\n' +
      'Updated figures show the economy grew faster than expected.\n1 of 3 people surveyed said prices were too high.\nCredit card debt rose 5 percent last year.\n' +
      'Diperbarui pemerintah setiap tahun, data itu kini lebih lengkap.\nCitation needed in the report, the judge said on Monday.';
    const doc = run({ title: 'Judul', text });
    expect(ofType(doc, 'boilerplate')).toEqual([]);
  });
});

describe('publication lines and titles', () => {
  it('icon ligature words are a metadata line, never content', () => {
    const doc = run({ text: 'Judul\n- calendar_month Sab, 6 Sep 2025 - schedule 14:30 WIB - visibility 2.310\n\nJAKARTA - Isi berita.' }, 'txt');
    expect(ofType(doc, 'published')).toEqual(['- calendar_month Sab, 6 Sep 2025 - schedule 14:30 WIB - visibility 2.310']);
    expect(doc.published_at).toBe('2025-09-06T14:30:00+07:00');
  });

  it('person icon gives the author', () => {
    const doc = run({ text: 'Judul\nperson Ahmad Fauzi calendar_month Jumat, 5 September 2025\nSURABAYA - Isi berita.' }, 'txt');
    expect(doc.author).toBe('Ahmad Fauzi');
    expect(doc.published_at).toBe('2025-09-05');
  });

  it('a .txt file with a single paragraph has no title', () => {
    const doc = run({ text: 'Hanya satu paragraf tanpa judul yang berdiri sendiri.' }, 'txt');
    expect(doc.title).toBeNull();
    expect(sections(doc)).toEqual([['body', 'Hanya satu paragraf tanpa judul yang berdiri sendiri.']]);
  });

  it('a .txt file that starts with a dateline paragraph has no title', () => {
    const doc = run({ text: 'JAKARTA, KOMPAS.com - Isi berita pertama.\nIsi berita kedua.' }, 'txt');
    expect(doc.title).toBeNull();
    expect(doc.sections[0].type).toBe('dateline');
  });

  it('a record body that repeats the title keeps it out of the caption and body', () => {
    const doc = run({ title: 'Banjir Rob di Surabaya', text: 'Banjir Rob di Surabaya\nSURABAYA, KOMPAS.com - Isi berita.\nParagraf dua.' });
    expect(sections(doc).map((s) => s[0])).toEqual(['title', 'title', 'dateline', 'body']);
    expect(doc.dateline).toBe('Surabaya');
  });

  it('blank lines split body sections and belong to no section', () => {
    const doc = run({ title: 'Judul', text: 'Paragraf satu.\n\nParagraf dua baris satu\nbaris dua.' });
    expect(sections(doc)).toEqual([
      ['title', 'Judul'],
      ['body', 'Paragraf satu.'],
      ['body', 'Paragraf dua baris satu\nbaris dua.'],
    ]);
  });
});

describe('record metadata', () => {
  it('values from the record win over the text, published_at is normalised', () => {
    const doc = run({
      title: 'Judul',
      text: 'JAKARTA, KOMPAS.com - Isi berita.\nPenulis: Ani',
      source: 'Kompas',
      author: 'Budi',
      published_at: 'Sat, 06 Sep 2025 10:00:00 +0700',
    });
    expect(doc.source_name).toBe('Kompas');
    expect(doc.author).toBe('Budi');
    expect(doc.dateline).toBe('Jakarta');
    expect(doc.published_at).toBe('2025-09-06T10:00:00+07:00');
  });

  it.each([
    ['06/09/2025', '2025-09-06'],
    ['2025-09-06', '2025-09-06'],
    ['Sabtu, 6 September 2025 14:30 WIB', '2025-09-06T14:30:00+07:00'],
    ['Sep 6, 2025', '2025-09-06'],
    ['2025-09-06T07:30:00Z', '2025-09-06T07:30:00+00:00'],
  ])('published_at %s -> %s', (raw, iso) => {
    expect(run({ text: 'Isi.', published_at: raw }).published_at).toBe(iso);
  });

  it('an unreadable published_at is dropped with a warning', () => {
    const doc = run({ text: 'Isi.', published_at: 'kemarin sore' });
    expect(doc.published_at).toBeNull();
    expect(doc.warnings.map((w) => w.code)).toContain('unparsed-published-date');
  });

  it('a record title is the section [0, titleLength)', () => {
    const doc = run({ title: 'Judul Panjang', text: 'Isi berita.' });
    expect(doc.sections[0]).toEqual({ type: 'title', start: 0, end: 'Judul Panjang'.length });
    expect(doc.title).toBe('Judul Panjang');
  });
});

/**
 * The plain-paragraph sets this check was written for: sentences and short texts with no article
 * furniture. Whole news articles (`news-dev.jsonl`) and CoNLL's `SOCCER -` headers legitimately
 * have datelines and bylines, so they are not part of it.
 */
const PLAIN_PARAGRAPH_SETS = [
  'langid-dev.jsonl',
  'sent-id-csui-dev.jsonl',
  'sent-en-ewt-dev.jsonl',
  'ner-id-nergrit-dev.jsonl',
  'ner-id-nergrit-train.jsonl',
].map(devDataFile);
describe.skipIf(!PLAIN_PARAGRAPH_SETS.every((f) => existsSync(f)))('conservative on ordinary paragraphs (development data)', () => {
  it('every plain-paragraph dev-data text is one body section with no dateline, byline or boilerplate', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const file of PLAIN_PARAGRAPH_SETS) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const raw = JSON.parse(line) as { id: string; text: string };
        const doc = run({ id: raw.id, text: raw.text });
        checked++;
        const ok =
          doc.sections.length === 1 &&
          doc.sections[0].type === 'body' &&
          doc.text.slice(doc.sections[0].start, doc.sections[0].end) === raw.text.trim() &&
          doc.dateline === null &&
          doc.author === null &&
          doc.source_name === null &&
          doc.published_at === null;
        if (!ok) problems.push(`${path.basename(file)} ${raw.id}: ${JSON.stringify(sections(doc)).slice(0, 200)}`);
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(problems).toEqual([]);
  });
});

describe('list lines under a boilerplate header', () => {
  it('short link titles under `Baca juga:` are boilerplate, the next paragraph is body again', () => {
    const doc = run({
      title: 'Judul',
      text: 'JAKARTA - Isi pertama.\nBaca juga:\nHarga Emas Naik Lagi\nRupiah Menguat Tipis\nParagraf berikutnya tentang hal lain yang panjang.',
    });
    expect(ofType(doc, 'boilerplate')).toEqual(['Baca juga:', 'Harga Emas Naik Lagi', 'Rupiah Menguat Tipis']);
    expect(ofType(doc, 'body')).toEqual(['Isi pertama.', 'Paragraf berikutnya tentang hal lain yang panjang.']);
  });
});

describe('bare name lines', () => {
  it('a name under the title is the byline only next to a publication line or dateline', () => {
    const byline = run({ text: "Judul Berita\nIlman Nafi'an\nSabtu, 06 Sep 2025 | 07:45 WIB\nJakarta, IDN Times - Isi berita." }, 'txt');
    expect(byline.author).toBe("Ilman Nafi'an");
    const subheading = run({ text: 'Judul Berita\nKronologi Kejadian\nPeristiwa itu terjadi pada Jumat malam ketika warga sedang tidur.\nPolisi masih menyelidiki.' }, 'txt');
    expect(subheading.author).toBeNull();
    expect(ofType(subheading, 'byline')).toEqual([]);
  });
});
