import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDoc, type Doc, type Section } from '../src/doc.js';
import { sentencesStage } from '../src/stages/sentences.js';
import { createPipeline, validatePipelineConfig } from '../src/pipeline.js';
import { readArticles } from '../src/ingest/readers.js';
import { recordToDoc } from '../src/ingest/record.js';
import { devDataFile } from './helpers/shared-data.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const runner = await sentencesStage.setup(sentencesStage.defaults, { pipelineDir: ROOT });

function makeDoc(text: string, language: string | null, sections?: Section[]): Doc {
  const doc = createDoc({ id: 't', source: { path: 't.txt', format: 'txt', record: null, sha256: '' }, text });
  doc.language = language;
  doc.sections = sections ?? [{ type: 'body', start: 0, end: text.length }];
  return doc;
}

function split(text: string, language: string | null = 'id'): string[] {
  const doc = makeDoc(text, language);
  runner(doc);
  return doc.sentences.map((s) => text.slice(s.start, s.end));
}

/** [language, input, expected sentences] */
const CASES: [string, string, string[]][] = [
  // Titles and honorifics
  ['id', 'Rektor Prof. Dr. H. Ahmad Subagyo, S.H., M.Si. membuka acara. Ia didampingi wakilnya.', ['Rektor Prof. Dr. H. Ahmad Subagyo, S.H., M.Si. membuka acara.', 'Ia didampingi wakilnya.']],
  ['id', 'Hadir pula Hj. Siti Aminah dan Ir. Budi Santoso. Keduanya memberi sambutan.', ['Hadir pula Hj. Siti Aminah dan Ir. Budi Santoso.', 'Keduanya memberi sambutan.']],
  ['id', 'Surat ditujukan kepada Bpk. Darmawan dan Sdr. Yusuf. Keduanya belum menjawab.', ['Surat ditujukan kepada Bpk. Darmawan dan Sdr. Yusuf.', 'Keduanya belum menjawab.']],
  ['id', 'Dosen Drs. Hartono menjelaskan hal itu. Ia mengajar sejak 1990.', ['Dosen Drs. Hartono menjelaskan hal itu.', 'Ia mengajar sejak 1990.']],
  ['id', 'Pasien ditangani dr. Rina Sp.A di ruang anak. Kondisinya membaik.', ['Pasien ditangani dr. Rina Sp.A di ruang anak.', 'Kondisinya membaik.']],
  ['id', 'Kapolres AKBP. Sutrisno memimpin apel. Apel berlangsung singkat.', ['Kapolres AKBP. Sutrisno memimpin apel.', 'Apel berlangsung singkat.']],
  ['id', 'Gelar itu diberikan kepada Budi Santoso, S.H. Ia lulus tahun lalu.', ['Gelar itu diberikan kepada Budi Santoso, S.H.', 'Ia lulus tahun lalu.']],
  ['id', 'Acara dibuka oleh Moh. Hatta Rajasa di Jakarta. Ratusan tamu hadir.', ['Acara dibuka oleh Moh. Hatta Rajasa di Jakarta.', 'Ratusan tamu hadir.']],
  ['ms', 'Menurut Mohd. Razali Muhamad, projek itu siap. Kerja bermula Isnin.', ['Menurut Mohd. Razali Muhamad, projek itu siap.', 'Kerja bermula Isnin.']],
  // Indonesian forms
  ['id', 'Kantornya di Jl. Sudirman No. 5, Jakarta. Gedung itu baru.', ['Kantornya di Jl. Sudirman No. 5, Jakarta.', 'Gedung itu baru.']],
  ['id', 'Saham PT Astra International Tbk. naik 2 persen. Investor asing membeli.', ['Saham PT Astra International Tbk. naik 2 persen.', 'Investor asing membeli.']],
  ['id', 'Perseroan menjual saham PT Astra International Tbk. Perusahaan itu untung.', ['Perseroan menjual saham PT Astra International Tbk.', 'Perusahaan itu untung.']],
  ['id', 'Mereka membeli beras, gula, minyak, dll. untuk dibagikan. Bantuan tiba sore.', ['Mereka membeli beras, gula, minyak, dll. untuk dibagikan.', 'Bantuan tiba sore.']],
  ['id', 'Mereka membeli beras, gula, minyak, dll. Bantuan tiba sore.', ['Mereka membeli beras, gula, minyak, dll.', 'Bantuan tiba sore.']],
  ['id', 'Harga cabai, bawang, dsb. ikut naik. Pedagang mengeluh.', ['Harga cabai, bawang, dsb. ikut naik.', 'Pedagang mengeluh.']],
  ['id', 'Penelitian Wijaya dkk. menunjukkan hasil serupa. Data diambil 2019.', ['Penelitian Wijaya dkk. menunjukkan hasil serupa.', 'Data diambil 2019.']],
  ['id', 'Transfer dilakukan a.n. Budi Hartono. Dana masuk kemarin.', ['Transfer dilakukan a.n. Budi Hartono.', 'Dana masuk kemarin.']],
  ['id', 'Surat ditujukan kepada Direksi u.p. Kepala Bagian Umum. Balasan belum ada.', ['Surat ditujukan kepada Direksi u.p. Kepala Bagian Umum.', 'Balasan belum ada.']],
  ['id', 'Banjir melanda Kab. Bandung dan Kec. Dayeuhkolot. Ribuan warga mengungsi.', ['Banjir melanda Kab. Bandung dan Kec. Dayeuhkolot.', 'Ribuan warga mengungsi.']],
  ['id', 'Anak perusahaannya, Encore Energy Pte. Ltd. (Encore), menjual aset. Nilainya besar.', ['Anak perusahaannya, Encore Energy Pte. Ltd. (Encore), menjual aset.', 'Nilainya besar.']],
  ['id', 'Aturan itu tertuang dalam Peraturan No. 12 Tahun 2020. Aturan berlaku segera.', ['Aturan itu tertuang dalam Peraturan No. 12 Tahun 2020.', 'Aturan berlaku segera.']],
  ['id', 'Lihat hlm. 12 untuk rinciannya. Tabel ada di sana.', ['Lihat hlm. 12 untuk rinciannya.', 'Tabel ada di sana.']],
  // Domain names
  ['id', 'SEPUTARAN.COM, Istanbul – Kim Jong Un kembali menegaskan komitmennya. Ia bertemu Xi.', ['SEPUTARAN.COM, Istanbul – Kim Jong Un kembali menegaskan komitmennya.', 'Ia bertemu Xi.']],
  ['id', 'Hal itu dikutip KOMPAS.com dari keterangan resmi. Polisi masih menyelidiki.', ['Hal itu dikutip KOMPAS.com dari keterangan resmi.', 'Polisi masih menyelidiki.']],
  ['id', 'Demikian dilaporkan detik.com. Belum ada tanggapan.', ['Demikian dilaporkan detik.com.', 'Belum ada tanggapan.']],
  // Numbers, money, decimals, times
  ['id', 'Harganya Rp 1.500 per butir. Pembeli tetap ramai.', ['Harganya Rp 1.500 per butir.', 'Pembeli tetap ramai.']],
  ['id', 'Inflasi mencapai 2,5 persen pada 2024. Angka itu di bawah target.', ['Inflasi mencapai 2,5 persen pada 2024.', 'Angka itu di bawah target.']],
  ['id', 'Laba bersih mencapai Rp1,02 triliun. Angka itu naik 83 persen.', ['Laba bersih mencapai Rp1,02 triliun.', 'Angka itu naik 83 persen.']],
  ['id', 'Acara dimulai pukul 19.00 WIB di alun-alun. Warga sudah berkumpul.', ['Acara dimulai pukul 19.00 WIB di alun-alun.', 'Warga sudah berkumpul.']],
  ['id', 'IHSG ditutup di level 1.805. Pada kuartal pertama indeks menembus 2.000.', ['IHSG ditutup di level 1.805.', 'Pada kuartal pertama indeks menembus 2.000.']],
  ['id', 'Jumlah penduduk naik menjadi 1.234.567 jiwa. Sebagian besar di kota.', ['Jumlah penduduk naik menjadi 1.234.567 jiwa.', 'Sebagian besar di kota.']],
  // Initials
  ['id', 'Kata RM Dewo Broto Joko P. di ruang kerjanya. Ia tersenyum.', ['Kata RM Dewo Broto Joko P. di ruang kerjanya.', 'Ia tersenyum.']],
  ['id', 'Pertumbuhan naik selama kuartal II, dibanding kuartal I. Dengan itu target tercapai.', ['Pertumbuhan naik selama kuartal II, dibanding kuartal I.', 'Dengan itu target tercapai.']],
  ['en', 'Bush nominated Jennifer M. Anderson for a 15-year term. She accepted.', ['Bush nominated Jennifer M. Anderson for a 15-year term.', 'She accepted.']],
  ['en', 'Bush also nominated A. Noel Anketell Kramer for the court.', ['Bush also nominated A. Noel Anketell Kramer for the court.']],
  // Quotes and brackets closing after the stop
  ['id', '"Indeks juga stabil," kata Burhanuddin usai bertemu Presiden. Ia lalu pergi.', ['"Indeks juga stabil," kata Burhanuddin usai bertemu Presiden.', 'Ia lalu pergi.']],
  ['id', 'Ia menegaskan hal itu.” Ia lalu meninggalkan ruangan.', ['Ia menegaskan hal itu.”', 'Ia lalu meninggalkan ruangan.']],
  ['id', '“Tidak peduli bagaimana lanskap internasional berkembang, posisi ini akan tetap tidak berubah,” ujar Xi. Ia juga menegaskan dukungan.', ['“Tidak peduli bagaimana lanskap internasional berkembang, posisi ini akan tetap tidak berubah,” ujar Xi.', 'Ia juga menegaskan dukungan.']],
  ['id', 'Ia menjawab singkat: "Kami siap. Kami akan menang," kata dia. Rapat selesai.', ['Ia menjawab singkat: "Kami siap. Kami akan menang," kata dia.', 'Rapat selesai.']],
  ['id', '"Apa yang terjadi?" tanya dia kepada petugas. Petugas diam.', ['"Apa yang terjadi?" tanya dia kepada petugas.', 'Petugas diam.']],
  ['id', 'Prosesnya lama (sekitar dua tahun.) Namun hasilnya memuaskan.', ['Prosesnya lama (sekitar dua tahun.)', 'Namun hasilnya memuaskan.']],
  ['en', 'He said "we are done." Then he left.', ['He said "we are done."', 'Then he left.']],
  ['en', 'This is a long story. (Laughter.) This is not a filibuster.', ['This is a long story.', '(Laughter.)', 'This is not a filibuster.']],
  // Ellipses
  ['id', 'Dia berkata, "Tidak peduli ... berubah," ujar Xi. Rapat ditutup.', ['Dia berkata, "Tidak peduli ... berubah," ujar Xi.', 'Rapat ditutup.']],
  ['en', 'Well... I am not sure. Maybe tomorrow.', ['Well...', 'I am not sure.', 'Maybe tomorrow.']],
  ['en', 'It was, uh... fine, I guess.', ['It was, uh... fine, I guess.']],
  ['id', 'Kami menunggu… Akhirnya bus datang.', ['Kami menunggu…', 'Akhirnya bus datang.']],
  // Question and exclamation marks
  ['id', 'Apa yang terjadi? Belum ada yang tahu! Polisi menyelidiki.', ['Apa yang terjadi?', 'Belum ada yang tahu!', 'Polisi menyelidiki.']],
  ['en', 'Why would you want a chihuahua? those dogs are tiny.', ['Why would you want a chihuahua?', 'those dogs are tiny.']],
  // English abbreviations
  ['en', 'Mr. Smith met Mrs. Jones at noon. They talked.', ['Mr. Smith met Mrs. Jones at noon.', 'They talked.']],
  ['en', 'The U.S. Army said it would help. Officials agreed.', ['The U.S. Army said it would help.', 'Officials agreed.']],
  ['en', 'Prices rose sharply in the U.S. The rest of the world followed.', ['Prices rose sharply in the U.S.', 'The rest of the world followed.']],
  ['en', 'The attack came on Sept. 11, 2001, in New York.', ['The attack came on Sept. 11, 2001, in New York.']],
  ['en', 'He joined Apple Inc. in 1998. Later he left.', ['He joined Apple Inc. in 1998.', 'Later he left.']],
  ['en', 'He works for Enron Corp. The company is in Houston.', ['He works for Enron Corp.', 'The company is in Houston.']],
  ['en', 'Gov. Bush and Sen. Kerry spoke on Tuesday. Both were tired.', ['Gov. Bush and Sen. Kerry spoke on Tuesday.', 'Both were tired.']],
  ['en', 'The meeting starts at 5 p.m. Monday in the hall.', ['The meeting starts at 5 p.m. Monday in the hall.']],
  ['en', 'Bring pens, paper, etc. We start at nine.', ['Bring pens, paper, etc.', 'We start at nine.']],
  ['en', 'See e.g. the appendix for details. It is short.', ['See e.g. the appendix for details.', 'It is short.']],
  ['en', 'It is listed as No. 5 on the chart. No. It is not.', ['It is listed as No. 5 on the chart.', 'No.', 'It is not.']],
  ['en', 'the food is mediocre at best. the waitress took my order.', ['the food is mediocre at best.', 'the waitress took my order.']],
  // List items
  ['id', '1. Menyiapkan dokumen.\n2. Mengisi formulir.\n3. Menyerahkan berkas.', ['1. Menyiapkan dokumen.', '2. Mengisi formulir.', '3. Menyerahkan berkas.']],
  ['id', 'Syaratnya:\na) fotokopi KTP;\nb) pas foto.', ['Syaratnya:', 'a) fotokopi KTP;', 'b) pas foto.']],
  ['en', 'I am staying in Fiji for four nights 1) what island is good 2) where to stay', ['I am staying in Fiji for four nights', '1) what island is good', '2) where to stay']],
  // Line structure
  ['id', 'Presiden bertemu Kim di Beijing /ANTARA/HO-Kemlu\nSEPUTARAN.COM, Istanbul – Kim datang. Ia disambut.', ['Presiden bertemu Kim di Beijing /ANTARA/HO-Kemlu', 'SEPUTARAN.COM, Istanbul – Kim datang.', 'Ia disambut.']],
  ['id', 'Harga BBM naik lagi\n\nPemerintah menaikkan harga BBM mulai Senin.', ['Harga BBM naik lagi', 'Pemerintah menaikkan harga BBM mulai Senin.']],
  ['id', 'Pemerintah menaikkan harga BBM\nmulai Senin pekan depan. Warga protes.', ['Pemerintah menaikkan harga BBM\nmulai Senin pekan depan.', 'Warga protes.']],
  ['id', 'Harga cabai naik tajam,\nSenin pagi pedagang mengeluh.', ['Harga cabai naik tajam,\nSenin pagi pedagang mengeluh.']],
  ['id', 'Baca juga\nHarga emas turun hari ini', ['Baca juga', 'Harga emas turun hari ini']],
  // Web text signals
  ['en', 'I love her so much :) Now I have a son.', ['I love her so much :)', 'Now I have a son.']],
  ['en', 'Best food ever!! :-) Will come back.', ['Best food ever!! :-)', 'Will come back.']],
  ['en', 'More details here: http://www.bbc.co.uk/news It is worth reading.', ['More details here: http://www.bbc.co.uk/news', 'It is worth reading.']],
  ['en', 'Write to kevin.boone@accenture.com Our office is in Houston.', ['Write to kevin.boone@accenture.com', 'Our office is in Houston.']],
  ['en', 'Kay Mann 04/26/2001 07:17 AM Will you be providing the form?', ['Kay Mann', '04/26/2001 07:17 AM', 'Will you be providing the form?']],
  ['en', 'President Bush nominated two judges. *** Bush also nominated a clerk.', ['President Bush nominated two judges.', '***', 'Bush also nominated a clerk.']],
  ['en', 'Visit http://example.com/page.html. Then call us.', ['Visit http://example.com/page.html.', 'Then call us.']],
  ['en', 'Please review before sending. Best regards, Debra Perlingiere', ['Please review before sending.', 'Best regards,', 'Debra Perlingiere']],
  ['en', 'Dear All, My name is Visit and I study economics.', ['Dear All,', 'My name is Visit and I study economics.']],
  ['en', 'Thanks, but I already have one.', ['Thanks, but I already have one.']],
  ['en', '(We check in early and we fly next day. ) Hop onto a bus. It is cheap.', ['(We check in early and we fly next day. )', 'Hop onto a bus.', 'It is cheap.']],
  // Missing full stop before a sentence opener
  ['id', 'Bunga tetap 39,98 persen Di sektor riil, pemerintah menambah anggaran.', ['Bunga tetap 39,98 persen', 'Di sektor riil, pemerintah menambah anggaran.']],
  ['en', 'They serve great hotdogs They also offer veggie dogs.', ['They serve great hotdogs', 'They also offer veggie dogs.']],
  ['en', 'I read The Washington Post every day.', ['I read The Washington Post every day.']],
  // Quotations in Indonesian news
  ['id', 'Badut politikus ditantang baca tulis "Sementara sisanya Rp1,2 triliun akan dibayar tahun depan," katanya.', ['Badut politikus ditantang baca tulis', '"Sementara sisanya Rp1,2 triliun akan dibayar tahun depan," katanya.']],
  ['id', 'Pemuda itu mengatakan "Saya mengharapkan tidak ada lagi korban di kampung kami." Warga setuju.', ['Pemuda itu mengatakan "Saya mengharapkan tidak ada lagi korban di kampung kami."', 'Warga setuju.']],
  ['id', 'Program "Indonesia Sehat" dilanjutkan. Anggarannya naik.', ['Program "Indonesia Sehat" dilanjutkan.', 'Anggarannya naik.']],
  ['en', '"We are ready. We will win," she said. The crowd cheered.', ['"We are ready.', 'We will win," she said.', 'The crowd cheered.']],
  // Separators, credits and e-mail structure
  ['en', 'Thanks for reading. -- Posted by Hidden Nook', ['Thanks for reading. --', 'Posted by Hidden Nook']],
  ['en', 'He came back -- I was surprised -- and stayed.', ['He came back -- I was surprised -- and stayed.']],
  ['en', 'Call me. ================ The information transmitted is confidential.', ['Call me.', '================', 'The information transmitted is confidential.']],
  ['en', '(BBC) The militant group said it would respond.', ['(BBC)', 'The militant group said it would respond.']],
  ['en', '<< File: TEXT.htm >> I was thinking of converting it.', ['<< File: TEXT.htm >>', 'I was thinking of converting it.']],
  ['en', 'Region . . . This operation would only fail.', ['Region . . .', 'This operation would only fail.']],
  ['en', 'P.S. I am moving back to Calgary.', ['P.S. I am moving back to Calgary.']],
  ['id', 'Ia bersekolah di salah satu Sekolah Menengah Atas di Bandung.', ['Ia bersekolah di salah satu Sekolah Menengah Atas di Bandung.']],
  ['id', 'Konser itu diberi nama "Makuhari Messe 10th Anniversary Glay Expo Survival" oleh panitia.', ['Konser itu diberi nama "Makuhari Messe 10th Anniversary Glay Expo Survival" oleh panitia.']],
  ['id', 'Ia tiba di Peron A. Selama jam sibuk kereta penuh.', ['Ia tiba di Peron A.', 'Selama jam sibuk kereta penuh.']],
  ['id', 'Presiden Xi bertemu Kim di Beijing, Kamis (4/9) malam. /ANTARA/HO-Kementerian Luar Negeri China', ['Presiden Xi bertemu Kim di Beijing, Kamis (4/9) malam. /ANTARA/HO-Kementerian Luar Negeri China']],
  ['id', 'Warga antre membeli minyak goreng di pasar. (ANTARA FOTO/Akbar Nugroho)', ['Warga antre membeli minyak goreng di pasar. (ANTARA FOTO/Akbar Nugroho)']],
  ['id', 'Harga naik. (Baca juga: Harga turun) Warga resah.', ['Harga naik.', '(Baca juga: Harga turun)', 'Warga resah.']],
  // Scraped text that lost the space after a full stop
  ['id', 'Rapat itu berakhir.Kemudian peserta pulang. Situsnya kompas.Com dan SEPUTARAN.COM tetap.', ['Rapat itu berakhir.', 'Kemudian peserta pulang.', 'Situsnya kompas.Com dan SEPUTARAN.COM tetap.']],
  // Malay and the regional languages use the Indonesian rules
  ['ms', 'Beliau bertemu Dr. Mahathir di Putrajaya. Mereka berbincang.', ['Beliau bertemu Dr. Mahathir di Putrajaya.', 'Mereka berbincang.']],
  ['und', 'Kantor di Jl. Thamrin No. 1. Mr. Lee datang.', ['Kantor di Jl. Thamrin No. 1.', 'Mr. Lee datang.']],
];

describe('sentence splitting table', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });
  it.each(CASES)('[%s] %s', (language, input, expected) => {
    expect(split(input, language)).toEqual(expected);
  });
});

describe('other languages', () => {
  it('uses Intl.Segmenter for Dutch', () => {
    expect(split('Dat is mooi. Wij gaan naar huis.', 'nl')).toEqual(['Dat is mooi.', 'Wij gaan naar huis.']);
  });
  it('uses Intl.Segmenter for Chinese', () => {
    expect(split('今天天气很好。我们去公园吧！', 'zh')).toEqual(['今天天气很好。', '我们去公园吧！']);
  });
  it('splits Chinese full stops with the rules too (undetermined language)', () => {
    expect(split('今天天气很好。我们去公园吧！好的', 'und')).toEqual(['今天天气很好。', '我们去公园吧！', '好的']);
  });
  it('survives an invalid language tag', () => {
    expect(split('One here. Two here.', '!!')).toEqual(['One here.', 'Two here.']);
  });
});

describe('sentence spans', () => {
  it('never cross a section boundary and slice to trimmed text', () => {
    const text = 'Judul Berita Tanpa Titik\n\nKeterangan foto: Presiden Jokowi /ANTARA\nJAKARTA – Presiden datang ke sana kemarin\ndan menyapa warga. Ia tersenyum.';
    const captionStart = text.indexOf('Keterangan');
    const captionEnd = text.indexOf('\nJAKARTA');
    const sections: Section[] = [
      { type: 'title', start: 0, end: 24 },
      { type: 'caption', start: captionStart, end: captionEnd },
      { type: 'body', start: captionEnd + 1, end: text.length },
    ];
    const doc = makeDoc(text, 'id', sections);
    runner(doc);
    expect(doc.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Judul Berita Tanpa Titik',
      'Keterangan foto: Presiden Jokowi /ANTARA',
      'JAKARTA – Presiden datang ke sana kemarin\ndan menyapa warga.',
      'Ia tersenyum.',
    ]);
    doc.sentences.forEach((s, i) => {
      expect(s.index).toBe(i);
      const section = doc.sections[s.section];
      expect(s.start).toBeGreaterThanOrEqual(section.start);
      expect(s.end).toBeLessThanOrEqual(section.end);
      const slice = text.slice(s.start, s.end);
      expect(slice).toBe(slice.trim());
      expect(slice.length).toBeGreaterThan(0);
    });
  });

  it('skips sections that are not analysed', () => {
    const text = 'Body sentence one. Body two.\n- Penulis: Tim Redaksi';
    const bodyEnd = text.indexOf('\n');
    const doc = makeDoc(text, 'id', [
      { type: 'body', start: 0, end: bodyEnd },
      { type: 'byline', start: bodyEnd + 1, end: text.length },
    ]);
    runner(doc);
    expect(doc.sentences.map((s) => [text.slice(s.start, s.end), s.section])).toEqual([
      ['Body sentence one.', 0],
      ['Body two.', 0],
    ]);
  });

  it('segments the whole text when there are no sections', () => {
    const doc = makeDoc('  Satu dua. Tiga empat.  ', 'id', []);
    runner(doc);
    expect(doc.sentences).toEqual([
      { index: 0, start: 2, end: 11, section: -1 },
      { index: 1, start: 12, end: 23, section: -1 },
    ]);
  });

  it('uses UTF-16 offsets with astral characters', () => {
    const text = 'Hebat 😀 sekali. Ia senang.';
    expect(split(text, 'id')).toEqual(['Hebat 😀 sekali.', 'Ia senang.']);
  });

  it('stays linear on long texts without sentence ends', () => {
    const words = 'kata (dan) "kutipan yang panjang sekali' + ' dan'.repeat(50) + ' ';
    const text = '(' + words.repeat(2000) + 'selesai.';
    const t0 = performance.now();
    const out = split(text, 'id');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(out.join('').length).toBeLessThanOrEqual(text.length);
  });

  it('keeps its invariants on random text with random sections', () => {
    const pieces = ['a', 'B', ' ', '  ', '\n', '\n\n', '.', '..', '...', '!', '?', '"', '“', '”', '(', ')', ':)', ':', ',', '-', '---', '***', '@', 'x.com', 'http://a.b/c', 'www.x.id', '08/16/2000 12:05 PM', '1)', '1.', 'Dr.', 'dll.', 'U.S.', 'Ia', 'The', 'kata', '😀', '\t', '>>', '<a@b.c>', 'Best regards,', '12.500', ' /ANTARA', '(ANTARA/Foto)'];
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 60);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const cuts = [0, Math.floor(random() * text.length), Math.floor(random() * text.length), text.length].sort((a, b) => a - b);
      const types = ['title', 'body', 'byline'] as const;
      const sections: Section[] = [];
      for (let k = 0; k < 3; k++) if (cuts[k + 1] > cuts[k]) sections.push({ type: types[k], start: cuts[k], end: cuts[k + 1] });
      for (const language of ['id', 'en', 'und']) {
        const doc = makeDoc(text, language, sections);
        runner(doc);
        let previousEnd = 0;
        doc.sentences.forEach((sentence, index) => {
          expect(sentence.index).toBe(index);
          const section = doc.sections[sentence.section];
          expect(section.type).not.toBe('byline');
          expect(sentence.start).toBeGreaterThanOrEqual(section.start);
          expect(sentence.end).toBeLessThanOrEqual(section.end);
          expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
          expect(sentence.end).toBeGreaterThan(sentence.start);
          const slice = text.slice(sentence.start, sentence.end);
          expect(slice).toBe(slice.trim());
          previousEnd = sentence.end;
        });
        // Every non-space character of an analysed section is inside some sentence.
        const covered = doc.sentences.reduce((n, s) => n + text.slice(s.start, s.end).replace(/\s/g, '').length, 0);
        const expected = doc.sections
          .filter((s) => s.type !== 'byline')
          .reduce((n, s) => n + text.slice(s.start, s.end).replace(/\s/g, '').length, 0);
        expect(covered).toBe(expected);
      }
    }
  });

  it('is deterministic and idempotent', () => {
    const text = 'Kata Prof. Dr. Budi. Ia pergi. "Ya," katanya.';
    const doc = makeDoc(text, 'id');
    runner(doc);
    const first = JSON.stringify(doc.sentences);
    runner(doc);
    expect(JSON.stringify(doc.sentences)).toBe(first);
  });

  it('accepts extra abbreviations as options', async () => {
    const custom = await sentencesStage.setup({ ...sentencesStage.defaults, abbreviations: ['Bapak'] }, { pipelineDir: ROOT });
    const doc = makeDoc('Sambutan Bapak. Joko Widodo singkat.', 'id');
    custom(doc);
    expect(doc.sentences).toHaveLength(1);
  });
});

describe('example article', () => {
  const file = path.join(ROOT, 'input', 'seputaran-kim-xi.txt');
  it.skipIf(!existsSync(file))('splits the dateline, the KCNA sentence and the quote correctly', async () => {
    const { docs } = await readArticles(file, { root: path.dirname(file) });
    expect(docs).toHaveLength(1);
    const config = validatePipelineConfig(
      { stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }, { stage: 'sentences' }] },
      path.join(ROOT, 'pipelines', 'test.json'),
    );
    const pipeline = await createPipeline(config);
    const doc = pipeline.run(docs[0]);
    const texts = doc.sentences.map((s) => doc.text.slice(s.start, s.end));
    expect(texts.some((t) => t.endsWith('SEPUTARAN.') || t.startsWith('COM'))).toBe(false);
    expect(texts.some((t) => t.includes('SEPUTARAN.COM, Istanbul –'))).toBe(true);
    expect(texts.some((t) => t.endsWith('Kantor Berita Pusat Korea (KCNA), Jumat.'))).toBe(true);
    expect(texts).toContain('“Tidak peduli bagaimana lanskap internasional berkembang, posisi ini akan tetap tidak berubah,” ujar Xi.');
    expect(texts.some((t) => t.endsWith('pada Kamis (4/9) malam. /ANTARA/HO-Kementerian Luar Negeri China'))).toBe(true);
    expect(texts).toContain('Ia menegaskan dukungan penuh terhadap langkah China dalam membela kedaulatan, integritas teritorial, serta kepentingan pembangunan nasional.');
    for (const s of doc.sentences) {
      const section = doc.sections[s.section];
      expect(s.start >= section.start && s.end <= section.end).toBe(true);
    }
  });
});

const DEV = devDataFile('sent-id-csui-dev.jsonl');
describe('dev data (skipped when absent)', () => {
  it.skipIf(!existsSync(DEV))('keeps boundary F1 on CSUI above 0.97', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    readFileSync(DEV, 'utf8')
      .split('\n')
      .filter(Boolean)
      .forEach((line, i) => {
        const record = JSON.parse(line) as { text: string; gold: { sentences: [number, number][] } };
        const doc = recordToDoc({ text: record.text }, { path: 'dev.jsonl', format: 'jsonl', record: i, sha256: '' });
        doc.language = 'id';
        doc.sections = [{ type: 'body', start: 0, end: doc.text.length }];
        runner(doc);
        const units = Array.from(record.text);
        const toUnit = (cp: number) => units.slice(0, cp).join('').length;
        const last = record.text.trimEnd().length;
        const gold = new Set(record.gold.sentences.map(([, e]) => toUnit(e)).filter((e) => e < last));
        const pred = new Set(doc.sentences.map((s) => s.end).filter((e) => e < last));
        for (const b of pred) if (gold.has(b)) tp++;
        else fp++;
        for (const b of gold) if (!pred.has(b)) fn++;
      });
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(f1).toBeGreaterThan(0.97);
  });
});

describe('a bound on sentences per article', () => {
  it('fails an article with more sentences than maxSentences, with a clear error', async () => {
    const small = await sentencesStage.setup({ ...sentencesStage.defaults, maxSentences: 10 }, { pipelineDir: ROOT });
    const junk = makeDoc('Ya. Tidak. '.repeat(20), 'id');
    expect(() => small(junk)).toThrow(/more than 10 sentences \(sentences option maxSentences\)/);
    const fine = makeDoc('Ya. Tidak. '.repeat(5), 'id');
    small(fine);
    expect(fine.sentences).toHaveLength(10);
  });

  it('the default leaves room for ten megabytes of news (about 110,000 sentences)', () => {
    expect(sentencesStage.defaults.maxSentences).toBeGreaterThanOrEqual(200_000);
  });
});
