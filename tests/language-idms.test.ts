import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/lang/data.js';
import { createDoc, type Doc } from '../src/doc.js';
import { LanguageDetector } from '../src/language/detect.js';
import { IdMsFeatures, NAME_CAP, WORD_CAP, WORD_MARK } from '../src/language/idms-features.js';
import { IdMsModel } from '../src/language/idms-model.js';
import { OutletNames } from '../src/language/outlets.js';
import { TrainingMask } from '../src/language/training/mask.js';
import { languageStage } from '../src/stages/language.js';

/**
 * Telling Malaysian from Indonesian news. Every text here was written for
 * these tests (none is taken from a corpus): paragraphs and headlines in the
 * style of Malaysian outlets, Indonesian outlets reporting on Malaysia, and
 * the other way round.
 */

const runLanguage = await languageStage.setup(languageStage.defaults, { pipelineDir: '.' });

function detect(text: string): Doc {
  const doc = createDoc({ id: 't', source: { path: 't.txt', format: 'txt', record: null, sha256: '' }, text });
  runLanguage(doc);
  return doc;
}

const MALAYSIAN_PARAGRAPHS = [
  // Budget story, Bernama-style dateline.
  'KUALA LUMPUR, 14 Okt (Bernama) -- Kerajaan akan memperuntukkan RM2.5 bilion dalam Bajet 2025 bagi menaik taraf sekolah daif di seluruh negara, kata Menteri Kewangan. Beliau berkata peruntukan itu meningkat 12 peratus berbanding tahun lepas kerana kos bahan binaan semakin tinggi.',
  // Police report.
  'Polis Diraja Malaysia (PDRM) menahan tiga lelaki tempatan selepas mereka disyaki terlibat dalam sindiket penipuan dalam talian yang merugikan mangsa lebih RM300,000. Ketua Polis Daerah berkata suspek ditahan di sebuah kondominium di Cheras pada Selasa.',
  // Health ministry, no dateline.
  'Kementerian Kesihatan menasihatkan orang ramai supaya mendapatkan rawatan di klinik kesihatan berdekatan sekiranya mengalami gejala demam berpanjangan. Jurucakap kementerian berkata bilangan kes denggi minggu ini adalah lebih rendah daripada minggu sebelumnya.',
  // Parliament, with `ialah` and `daripada`.
  'Ahli Parlimen itu berkata isu utama yang dibangkitkan penduduk ialah kenaikan harga barang keperluan dan kekurangan pengangkutan awam. Menurutnya, sebahagian besar aduan yang diterima pejabatnya datang daripada golongan berpendapatan rendah di kawasan luar bandar.',
  // Sinar-style, place names and institutions.
  'SHAH ALAM - Jabatan Bomba dan Penyelamat Malaysia Selangor menerima panggilan kecemasan kira-kira jam 3 petang sebelum sepasukan anggota dikejarkan ke lokasi kejadian. Tiada kecederaan dilaporkan dan punca kebakaran masih dalam siasatan.',
  // Malaysian report from Jakarta quoting Indonesians: still Malay.
  'JAKARTA - Presiden Indonesia berkata kerajaannya akan bekerjasama rapat dengan Malaysia bagi menangani isu pekerja asing tanpa dokumen. Beliau berkata demikian selepas mengadakan pertemuan dua hala di Istana Merdeka, lapor agensi berita Antara.',
];

const INDONESIAN_PARAGRAPHS = [
  // Indonesian outlet quoting a Malaysian official, with a Malaysian dateline and Bernama credit.
  'KUALA LUMPUR, KOMPAS.com - Perdana Menteri Malaysia Anwar Ibrahim mengatakan pemerintahnya akan memperketat pengawasan di perbatasan dengan Indonesia. Menurut dia, kebijakan itu diambil karena jumlah pekerja migran tanpa dokumen terus bertambah, seperti dilaporkan kantor berita Bernama, Senin (14/10/2024).',
  'Jakarta (ANTARA) - Kementerian Luar Negeri memastikan bahwa seluruh warga negara Indonesia yang ditahan di Sabah, Malaysia, mendapat pendampingan hukum. Juru bicara kementerian mengatakan pihaknya terus berkoordinasi dengan otoritas Malaysia di Kuala Lumpur dan Putrajaya.',
  'Polisi menangkap dua pria yang diduga mencuri sepeda motor di kawasan Tebet, Jakarta Selatan, Selasa malam. Kapolsek setempat mengatakan kedua pelaku sudah beraksi di belasan lokasi dan kini ditahan untuk pemeriksaan lebih lanjut.',
  'Harga beras di sejumlah pasar tradisional naik sekitar lima persen dalam sepekan terakhir. Para pedagang menyebut pasokan dari daerah sentra produksi berkurang karena musim hujan, sementara permintaan masyarakat tetap tinggi menjelang akhir tahun.',
  // Indonesian story about Malaysian politics, full of Malaysian names.
  'Mantan Perdana Menteri Malaysia Najib Razak kembali menjalani sidang di Pengadilan Tinggi Kuala Lumpur terkait skandal dana investasi negara 1MDB. Jaksa menyebut uang yang diselewengkan mencapai miliaran ringgit dan sebagian besar dialirkan ke rekening pribadi.',
];

const MALAYSIAN_HEADLINES = [
  'Bajet 2025: Kerajaan tambah peruntukan pendidikan',
  'Polis tahan tiga suspek kes samun di Johor Bahru',
  'Kadar pengangguran turun kepada 3.3 peratus',
  'Harga petrol RON95 kekal minggu ini',
  'Beliau dijangka umum keputusan selepas mesyuarat',
  // Sentence-case headlines in the style of Malaysian wire copy (the short band of the held-out test).
  // `Wan` is a name here, not Banjar `wan` "and" (src/lang/bjn/langid-words.txt: `=wan`).
  'Wan Hafiz tepis dakwaan kerajaan gagal',
  'Wan Rosli kesal isu jalan rosak tidak selesai',
  'Kerajaan negeri lulus RM50 juta untuk mangsa banjir',
  'Pelajar cemerlang SPM terima biasiswa kerajaan',
  'Kes denggi menurun 20 peratus minggu lepas',
  'COVID-19: Sekolah di Sabah ditutup dua minggu',
];

const INDONESIAN_HEADLINES = [
  'Harga Beras Naik Lima Persen Menjelang Akhir Tahun',
  'Polisi Tangkap Pencuri Sepeda Motor di Tebet',
  'Anwar Ibrahim Bertemu Prabowo di Istana Merdeka',
  'Pemerintah Pastikan Stok BBM Aman Selama Libur',
  'Warga Keluhkan Jalan Rusak di Kabupaten Bogor',
  // Sentence case, as Indonesian sentences and some outlets write them.
  'Pemerintah akan menaikkan harga BBM bulan depan',
  'Polisi masih menyelidiki penyebab kecelakaan itu',
  'Warga Bekasi mengeluhkan banjir yang tak kunjung surut',
  'Kasus demam berdarah turun 20 persen pekan lalu',
  'COVID-19: Sekolah di Bekasi ditutup dua minggu',
];

describe('Malaysian and Indonesian news', () => {
  it.each(MALAYSIAN_PARAGRAPHS)('Malaysian paragraph %#', (text) => {
    const doc = detect(text);
    expect(doc.language).toBe('ms');
    expect(doc.language_confidence).toBeGreaterThan(0.9);
  });

  it.each(INDONESIAN_PARAGRAPHS)('Indonesian paragraph %#', (text) => {
    const doc = detect(text);
    expect(doc.language).toBe('id');
    expect(doc.language_confidence).toBeGreaterThan(0.9);
  });

  it.each(MALAYSIAN_HEADLINES)('Malaysian headline: %s', (text) => {
    expect(detect(text).language).toBe('ms');
  });

  it.each(INDONESIAN_HEADLINES)('Indonesian headline: %s', (text) => {
    expect(detect(text).language).toBe('id');
  });

  it('a Malaysian dateline or outlet is evidence, not a verdict', () => {
    const indonesian = INDONESIAN_PARAGRAPHS[2];
    for (const opening of ['KUALA LUMPUR - ', 'PUTRAJAYA, 3 Mac (Bernama) -- ', 'Kosmo! - ']) {
      expect(detect(opening + indonesian).language).toBe('id');
    }
    // ... but it does move the odds towards Malay.
    const model = IdMsModel.load()!;
    expect(model.logOdds(`Bernama melaporkan, ${indonesian}`)).toBeGreaterThan(model.logOdds(indonesian));
  });

  it('short text without Malay or Indonesian evidence keeps the answer it had without the model', () => {
    const plain = new LanguageDetector({ idMsModel: false });
    const withModel = new LanguageDetector();
    for (const text of ['Xi Jinping di Moskow', 'Ronaldo vs Messi 2024', 'Mobil listrik dan kereta cepat', 'Sidang DPR ditunda']) {
      expect(withModel.detect(text).language).toBe(plain.detect(text).language);
    }
  });

  it('a regional-language text is not pulled into Malay', () => {
    for (const [code, text] of [
      ['jv', 'Aku ora isa teka menyang omahmu saiki amarga udan deres banget, mengko sore wae.'],
      ['su', 'Abdi teu tiasa sumping ka bumi anjeun ayeuna, kusabab hujan gede pisan.'],
      ['min', 'Ambo indak bisa datang ka rumah ang kini, dek hujan labek bana.'],
      ['bjn', 'Ulun kada kawa datang ka rumah pian wayah ini, hujan labat banar.'],
    ]) {
      expect(detect(text).language).toBe(code);
    }
  });
});

describe('Indonesian/Malay model', () => {
  it('loads the committed weights with their calibration', () => {
    const model = IdMsModel.load();
    expect(model).not.toBeNull();
    const meta = model!.meta;
    expect(meta.bits).toBeGreaterThanOrEqual(16);
    expect(meta.weightsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.licence).toContain('non-commercial');
    expect(meta.calibration.a).toBeGreaterThan(0);
    // Malay words push towards Malay, Indonesian words towards Indonesian.
    expect(model!.logOdds('Kerajaan berkata peratus pengangguran menurun selepas bajet dibentangkan')).toBeGreaterThan(2);
    expect(model!.logOdds('Pemerintah mengatakan persentase pengangguran menurun setelah anggaran disahkan')).toBeLessThan(-2);
  });

  it('reports a missing or damaged model by file name', () => {
    expect(IdMsModel.load(path.join(os.tmpdir(), 'warta-no-such-model-dir'))).toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warta-idms-'));
    try {
      copyFileSync(path.join(PACKAGE_ROOT, 'models', 'langid-id-ms.json'), path.join(dir, 'langid-id-ms.json'));
      writeFileSync(path.join(dir, 'langid-id-ms.bin'), 'not gzip');
      expect(() => IdMsModel.load(dir)).toThrow(/langid-id-ms\.bin: unreadable weights/);
      writeFileSync(path.join(dir, 'langid-id-ms.json'), '{"format": 1,');
      expect(() => IdMsModel.load(dir)).toThrow(/langid-id-ms\.json: malformed JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts a name, and any word, within its cap, the same way for training and detection', () => {
    const features = new IdMsFeatures(12);
    const weights = new Float32Array(features.size).fill(5);
    // One capitalised word inside a sentence: its word feature only, capped.
    expect(features.sum('kata Somalia', weights) - features.sum('kata', weights)).toBeCloseTo(NAME_CAP, 5);
    // The same word in lower case has word, pair and n-gram features, capped together.
    expect(features.sum('kata somalia', weights) - features.sum('kata', weights)).toBeCloseTo(WORD_CAP, 5);
    const small = new Float32Array(features.size).fill(0.01);
    const { out, count } = features.indices('Kata Somalia tadi', new Int32Array(4));
    const stream = Array.from(out.subarray(0, count));
    expect(stream.filter((i) => i === WORD_MARK)).toHaveLength(3);
    expect(stream.filter((i) => i < 0 && i !== WORD_MARK)).toHaveLength(1);
    // Uncapped, the sum over the stream is the detection sum.
    let sum = 0;
    for (const i of stream) if (i !== WORD_MARK) sum += i >= 0 ? small[i] : small[~i];
    expect(sum).toBeCloseTo(features.sum('Kata Somalia tadi', small), 4);
  });
});

describe('outlets and masking', () => {
  it('outlet names count with their case rule', () => {
    const outlets = new OutletNames();
    const features = new IdMsFeatures(10);
    const zero = new Float32Array(features.size);
    const found = (text: string) => {
      const scan = features.scan(text, zero, outlets);
      return { ms: scan.outletsMs, id: scan.outletsId };
    };
    expect(found('kata Bernama hari ini')).toEqual({ ms: 0.5, id: 0 });
    expect(found('ditemui Astro AWANI semalam')).toEqual({ ms: 0.5, id: 0 });
    expect(found('JAKARTA, KOMPAS.com - Harga naik')).toEqual({ ms: 0, id: 0.5 });
    expect(found('Liputan6.com, Jakarta')).toEqual({ ms: 0, id: 0.5 });
    // `bernama` "named" and `Antara` "among" are words, not the agencies; `ANTARA` is.
    expect(found('seorang lelaki bernama Ali')).toEqual({ ms: 0, id: 0 });
    expect(found('Antara yang hadir ialah menteri')).toEqual({ ms: 0, id: 0 });
    expect(found('kata dia kepada ANTARA')).toEqual({ ms: 0, id: 0.5 });
    // Training masks the same names.
    expect(outlets.mask('seorang lelaki bernama Ali')).toBe('seorang lelaki bernama Ali');
    expect(outlets.mask('Liputan6.com dan Astro AWANI')).toBe('  dan  ');
  });

  it('many outlet mentions are capped: evidence, never a verdict', () => {
    const model = IdMsModel.load()!;
    const text = INDONESIAN_PARAGRAPHS[3];
    const many = `${'Bernama, Kosmo!, Utusan Malaysia, Sinar Harian, Harian Metro. '.repeat(3)}${text}`;
    const none = `${'Reuters, AFP, Xinhua, Yonhap, Kyodo. '.repeat(3)}${text}`;
    expect(model.logOdds(many) - model.logOdds(none)).toBeLessThanOrEqual(1 + 2 * 15 * NAME_CAP);
    expect(detect(many).language).toBe('id');
  });

  it('training masks datelines, outlets, domains and bylines but keeps the language', () => {
    const mask = new TrainingMask();
    expect(mask.apply('KUALA LUMPUR 11 Okt. - Kementerian Pendidikan memaklumkan bahawa tiada perubahan.')).toBe(
      'Kementerian Pendidikan memaklumkan bahawa tiada perubahan.',
    );
    expect(mask.apply('Liputan6.com, Jakarta - Penyidik menetapkan dua tersangka.')).toBe('Penyidik menetapkan dua tersangka.');
    expect(mask.apply('Jakarta (ANTARA) - Kantor wilayah mengumumkan hasilnya.')).toBe('Kantor wilayah mengumumkan hasilnya.');
    expect(mask.apply('Dia berkata demikian kepada Utusan Malaysia di sini. - BERNAMA')).toBe('Dia berkata demikian kepada di sini.');
    expect(mask.apply('Harga naik lagi, kata pedagang. (mdk/ded)')).toBe('Harga naik lagi, kata pedagang.');
    // Not datelines: hyphenated words, two capitalised words before a dash in a sentence.
    expect(mask.apply('Negara-negara anggota sepakat.')).toBe('Negara-negara anggota sepakat.');
    expect(mask.apply('Adapun Martinovich - yang sempat menang - menolak.')).toBe('Adapun Martinovich - yang sempat menang - menolak.');
    expect(mask.apply('seorang lelaki bernama Ali')).toBe('seorang lelaki bernama Ali');
    // Titles keep their opening.
    expect(mask.apply('Isu air: Azmin jawab Najib', false)).toBe('Isu air: Azmin jawab Najib');
    expect(TrainingMask.rejoin('naik - nya dan tahu - menahu')).toBe('naiknya dan tahu-menahu');
    // Words of an era, not of a language (src/lang/ms/langid-neutral.txt), in any case; other words stay.
    expect(mask.apply('Kes baharu COVID-19 dan wabak Covid di Selangor', false)).toBe('Kes baharu -19 dan wabak di Selangor');
    expect(mask.apply('Kasus corona dan koronavirus bertambah, kata dokter korban', false)).toBe('Kasus dan bertambah, kata dokter korban');
  });
});
