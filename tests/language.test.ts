import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDoc, type Doc, type Section } from '../src/doc.js';
import { languageStage } from '../src/stages/language.js';
import { structureStage } from '../src/stages/structure.js';
import { normalizeLanguageTag, fromIso3 } from '../src/language/codes.js';
import { LanguageDetector } from '../src/language/detect.js';
import { TrigramScorer } from '../src/language/trigrams.js';
import { Lexicon } from '../src/language/lexicon.js';
import { francAll } from 'franc';

const runLanguage = await languageStage.setup(languageStage.defaults, { pipelineDir: '.' });

function detectDoc(text: string, init: Partial<Doc> = {}): Doc {
  const doc = createDoc({ id: 't', source: { path: 't.txt', format: 'txt', record: null, sha256: '' }, text, ...init });
  runLanguage(doc);
  return doc;
}

function lang(text: string): string | null {
  return detectDoc(text).language;
}

// Long texts (200+ characters), written for these tests.
const LONG: [string, string][] = [
  [
    'id',
    'Pemerintah Kota Bandung mengimbau warga agar tidak membuang sampah ke sungai selama musim hujan. Menurut kepala dinas lingkungan hidup, banjir yang terjadi pekan lalu disebabkan oleh saluran air yang tersumbat, sehingga ratusan rumah terendam dan lalu lintas macet total.',
  ],
  [
    'id',
    'Harga cabai di sejumlah pasar tradisional di Jakarta naik hingga dua kali lipat menjelang Lebaran. Para pedagang mengaku pasokan dari petani berkurang karena gagal panen, sementara permintaan masyarakat justru meningkat tajam.',
  ],
  [
    'ms',
    'Kerajaan negeri akan menyediakan peruntukan tambahan bagi membaiki jalan raya yang rosak akibat banjir, kata Menteri Besar dalam satu kenyataan hari ini. Beliau berkata kerja-kerja pembaikan dijangka bermula selepas musim tengkujuh kerana keadaan cuaca masih tidak menentu.',
  ],
  [
    'ms',
    'Polis telah menahan seorang lelaki berusia 30 tahun bagi membantu siasatan berhubung kemalangan yang meragut dua nyawa di lebuh raya utara-selatan semalam. Ketua polis daerah memberitahu bahawa suspek dipercayai memandu kenderaan tanpa lesen yang sah.',
  ],
  [
    'en',
    'The central bank kept its benchmark interest rate unchanged on Wednesday, saying inflation had eased but remained above its target range. Economists had expected the decision, although several of them warned that the weaker currency could push prices higher again next year.',
  ],
  [
    'en',
    'Rescue teams were still searching for three missing hikers on Sunday after heavy rain triggered a landslide near the summit. Local officials said the weather would make the operation difficult, and they asked visitors to stay away from the area until further notice.',
  ],
];

// Medium texts (60-199 characters).
const MEDIUM: [string, string][] = [
  ['id', 'Presiden meresmikan jalan tol baru yang menghubungkan dua kabupaten di Jawa Tengah, Senin pagi.'],
  ['id', 'Pelayanannya ramah banget, tapi makanannya agak lama datangnya. Harganya juga lumayan mahal sih.'],
  ['ms', 'Kerajaan akan mengumumkan bantuan baharu kepada peniaga kecil yang terjejas akibat banjir.'],
  ['ms', 'Pelajar sekolah menengah itu berjaya mendapat keputusan cemerlang dalam peperiksaan tahun lepas.'],
  ['en', 'The ministry said the new rules will take effect next month for all public schools.'],
  ['en', 'I ordered the fried rice and it was way too salty, but the staff were really friendly.'],
];

// Short Indonesian/Malay pairs (20-59 characters): the same message in each.
const PAIRS: [string, string][] = [
  ['Polisi menangkap dua tersangka pencurian mobil', 'Polis menahan dua suspek kecurian kereta'],
  ['Saya tidak bisa datang karena sakit', 'Saya tidak boleh datang kerana sakit'],
  ['Harga bensin naik lima persen bulan ini', 'Harga petrol naik lima peratus bulan ini'],
  ['Rumah sakit itu kekurangan dokter', 'Hospital itu kekurangan doktor'],
  ['Dia bilang bahwa uangnya hilang kemarin', 'Dia kata bahawa wangnya hilang semalam'],
];

const REGIONAL: [string, string][] = [
  ['jv', 'Aku ora isa teka menyang omahmu saiki amarga udan deres banget.'],
  ['jv', 'Panjenengan badhe tindak dhateng pundi, Pak? Kula nderek saged?'],
  ['su', 'Abdi teu tiasa sumping ka bumi anjeun ayeuna, kusabab hujan gede pisan.'],
  ['su', 'Urang keur dahar di warung, tuangeunana ngeunah pisan jeung murah.'],
  ['nl', 'De regering heeft dinsdag nieuwe maatregelen aangekondigd om de woningnood aan te pakken.'],
  ['nl', 'Het was een mooie dag en wij zijn met de fiets naar het strand gegaan.'],
  ['zh', '中国国家主席在北京会见了来访的朝鲜领导人，双方同意加强合作。'],
  ['min', 'Ambo indak bisa datang ka rumah ang kini, dek hujan labek bana.'],
  ['ban', 'Tiang nenten nyidang rauh ring umah ipun, krana ujane bales pisan.'],
  ['bjn', 'Ulun kada kawa datang ka rumah pian wayah ini, hujan labat banar.'],
  // The same sentence ("the children were playing in the yard after the rain stopped") in each language.
  ['jv', 'Bocah-bocah padha dolanan ing latar nalika udan wis mandheg.'],
  ['su', 'Barudak keur arulin di buruan sanggeus hujan raat.'],
  ['min', 'Anak-anak sadang bamain di halaman sasudah hujan baranti.'],
  ['ban', 'Anake cerik-cerik maplalianan di natahe suud ujane ngetel.'],
  ['bjn', 'Kakanakan bamainan di palataran imbah hujan baampih.'],
  ['ms', 'Kanak-kanak sedang bermain di halaman selepas hujan berhenti.'],
  ['id', 'Anak-anak sedang bermain di halaman setelah hujan berhenti.'],
  ['en', 'The kids were playing in the yard after the rain stopped.'],
  ['nl', 'De kinderen speelden in de tuin nadat de regen was gestopt.'],
];

describe('language identification', () => {
  it.each(LONG)('long %s text', (code, text) => {
    expect(text.length).toBeGreaterThanOrEqual(200);
    const doc = detectDoc(text);
    expect(doc.language).toBe(code);
    expect(doc.language_confidence).toBeGreaterThan(0.8);
  });

  it.each(MEDIUM)('medium %s text', (code, text) => {
    expect(text.length).toBeGreaterThanOrEqual(60);
    expect(lang(text)).toBe(code);
  });

  it('an Indonesian sentence quoting English titles stays Indonesian', () => {
    expect(lang("Film horor berjudul Don't Be Afraid of the Dark akan tayang di bioskop-bioskop Indonesia mulai pekan depan, kata distributornya.")).toBe('id');
    expect(lang('Mereka membentuk grup The First Edition pada tahun 1967 dan kemudian berganti nama menjadi Kenny Rogers and The First Edition.')).toBe('id');
  });

  it.each(PAIRS)('short pair: "%s" is id, "%s" is ms', (id, ms) => {
    expect(lang(id)).toBe('id');
    expect(lang(ms)).toBe('ms');
  });

  it.each(REGIONAL)('%s text', (code, text) => {
    expect(lang(text)).toBe(code);
  });

  it('a language given by the record wins, normalised', () => {
    const english = LONG.find(([c]) => c === 'en')![1];
    for (const hint of ['ind', 'id-ID', 'Indonesian', 'Bahasa Indonesia', 'in']) {
      const doc = detectDoc(english, { meta: { languageHint: hint } });
      expect(doc.language).toBe('id');
      expect(doc.language_confidence).toBe(1);
    }
    expect(detectDoc(english, { meta: { languageHint: 'zsm' } }).language).toBe('ms');
    expect(detectDoc(english, { meta: { languageHint: 'zh-Hans-CN' } }).language).toBe('zh');
    // An empty hint does not count.
    expect(detectDoc(english, { meta: { languageHint: '  ' } }).language).toBe('en');
  });

  it.each([
    ['empty', ''],
    ['too short', 'Halo!'],
    ['numbers only', '12.500 - 3,14 / 2025 (100%)'],
    ['punctuation only', '... --- !!! ???'],
  ])('und for %s text', (_name, text) => {
    const doc = detectDoc(text);
    expect(doc.language).toBe('und');
    expect(doc.language_confidence).toBe(0);
  });

  it('languages outside the candidate set come from franc', () => {
    const french =
      "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les entreprises touchées par la crise de l'énergie, a indiqué le ministre.";
    const german =
      'Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Energiekrise betroffenen Unternehmen zu unterstützen.';
    expect(lang(french)).toBe('fr');
    expect(lang(german)).toBe('de');
    expect(lang('Правительство России в четверг объявило о новых мерах поддержки малого бизнеса, который пострадал от роста цен на энергию.')).toBe('ru');
    expect(lang('وأعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لدعم الشركات المتضررة من أزمة الطاقة.')).toBe('ar');
    expect(lang('東京で開かれた会議では、エネルギー価格の高騰について話し合われました。')).toBe('ja');
  });

  it('the example article is Indonesian', () => {
    const text = readFileSync(new URL('../input/seputaran-kim-xi.txt', import.meta.url), 'utf8');
    const doc = createDoc({ id: 'x', source: { path: 'input/seputaran-kim-xi.txt', format: 'txt', record: null, sha256: '' }, text });
    const runStructure = structureStage.setup(structureStage.defaults, { pipelineDir: '.' }) as (d: Doc) => void;
    runStructure(doc);
    runLanguage(doc);
    expect(doc.language).toBe('id');
    expect(doc.language_confidence).toBeGreaterThan(0.95);
    expect(doc.warnings.filter((w) => w.code === 'mixed-language')).toEqual([]);
  });

  it('analyses only the analysed sections', () => {
    const english = LONG[4][1];
    const indonesian = LONG[0][1];
    const text = `${indonesian}\n\n${english}`;
    const sections: Section[] = [
      { type: 'body', start: 0, end: indonesian.length },
      { type: 'boilerplate', start: indonesian.length + 2, end: text.length },
    ];
    expect(detectDoc(text, { sections }).language).toBe('id');
  });
});

it('falls back to the whole text when the analysed sections hold too little', () => {
  const text = 'Kerajaan negeri akan membaiki jalan raya yang rosak akibat banjir selepas musim tengkujuh.';
  const doc = detectDoc(text, { sections: [{ type: 'boilerplate', start: 0, end: text.length }] });
  expect(doc.language).toBe('ms');
});

describe('mixed-language warning', () => {
  it('flags an English quote block inside an Indonesian story', () => {
    const before = LONG[0][1];
    const quote =
      '"We are deeply concerned about the situation and we will continue to work with the local government to make sure that every family gets the help they need," the spokesperson said.';
    const after = LONG[1][1];
    const text = `${before}\n${quote}\n${after}`;
    const doc = detectDoc(text, { sections: [{ type: 'body', start: 0, end: text.length }] });
    expect(doc.language).toBe('id');
    const warnings = doc.warnings.filter((w) => w.code === 'mixed-language');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].stage).toBe('language');
    expect(text.slice(warnings[0].start, warnings[0].end)).toBe(quote);
    expect(warnings[0].message).toContain('en');
  });

  it('flags a Chinese paragraph inside an Indonesian story', () => {
    const chinese = '中国外交部发言人表示，双方将继续加强在经济、贸易和文化领域的合作，推动两国关系不断向前发展。';
    const text = `${LONG[0][1]}\n${chinese}\n${LONG[1][1]}`;
    const doc = detectDoc(text);
    expect(doc.language).toBe('id');
    const warnings = doc.warnings.filter((w) => w.code === 'mixed-language');
    expect(warnings).toHaveLength(1);
    expect(text.slice(warnings[0].start, warnings[0].end)).toBe(chinese);
    expect(warnings[0].message).toContain('zh');
  });

  it('does not flag a Malay-looking paragraph in an Indonesian story', () => {
    const text = `${LONG[0][1]}\n${LONG[2][1]}\n${LONG[1][1]}`;
    const doc = detectDoc(text);
    expect(doc.warnings.filter((w) => w.code === 'mixed-language')).toEqual([]);
  });

  it('does not flag an Indonesian sentence that quotes English titles', () => {
    const text = `${LONG[0][1]}\nFilm horor berjudul Don't Be Afraid of the Dark dan album The First Edition dirilis kembali tahun ini oleh sebuah label di Jakarta.\n${LONG[1][1]}`;
    const doc = detectDoc(text);
    expect(doc.language).toBe('id');
    expect(doc.warnings.filter((w) => w.code === 'mixed-language')).toEqual([]);
  });

  it('does not flag a single-language article', () => {
    const text = LONG.filter(([c]) => c === 'en').map(([, t]) => t).join('\n\n');
    const doc = detectDoc(text);
    expect(doc.language).toBe('en');
    expect(doc.warnings).toEqual([]);
  });
});

describe('codes', () => {
  it.each([
    ['ind', 'id'], ['id-ID', 'id'], ['Indonesian', 'id'], ['IN', 'id'], ['msa', 'ms'], ['ms-MY', 'ms'],
    ['Bahasa Melayu', 'ms'], ['eng', 'en'], ['en_GB', 'en'], ['jav', 'jv'], ['sun', 'su'], ['nld', 'nl'],
    ['cmn', 'zh'], ['zh-TW', 'zh'], ['min', 'min'], ['ban', 'ban'], ['bjn', 'bjn'], ['', null], [' ', null],
  ])('normalizeLanguageTag(%j) = %j', (input, expected) => {
    expect(normalizeLanguageTag(input)).toBe(expected);
  });

  it('maps franc codes to ISO 639-1 where one exists', () => {
    expect(fromIso3('cmn')).toBe('zh');
    expect(fromIso3('zlm')).toBe('ms');
    expect(fromIso3('swh')).toBe('sw');
    expect(fromIso3('pes')).toBe('fa');
    expect(fromIso3('min')).toBe('min');
    expect(fromIso3('und')).toBe('und');
  });
});

describe('lexicon', () => {
  const lexicon = new Lexicon(
    ['id', 'jv'],
    new Map([
      ['id', ['bahwa 2', 'rumah sakit 1.5', '-itas 1', 'yang 0', 'kota']],
      ['jv', ['~dh 1', 'kota 0.5']],
    ]),
  );
  const score = (text: string) => {
    const scores = new Float64Array(2);
    const stats = new Int32Array(3);
    lexicon.score(text, scores, stats);
    return { id: scores[0], jv: scores[1], tokens: stats[0], known: stats[1], letters: stats[2] };
  };

  it('adds word, phrase, suffix and infix evidence', () => {
    expect(score('Bahwa RUMAH SAKIT')).toMatchObject({ id: 3.5, jv: 0, tokens: 3, known: 1 });
    expect(score('kualitas dan aktivitas')).toMatchObject({ id: 2, jv: 0 });
    expect(score('dheweke gedhe')).toMatchObject({ id: 0, jv: 2 });
    expect(score('kota')).toMatchObject({ id: 1, jv: 0.5 });
  });

  it('counts weight-0 words as known and letters of every word', () => {
    expect(score('yang itu, 123!')).toMatchObject({ id: 0, tokens: 2, known: 1, letters: 7 });
    expect(lexicon.hasWord('yang')).toBe(true);
    expect(lexicon.hasWord('rumah')).toBe(false);
  });

  it('weighs words of a capitalised name or title inside a sentence less', () => {
    const english = new Lexicon(['id', 'en'], new Map([['en', ['of 1', 'the 1', 'order 1']]]), { en: 0.5 });
    const en = (text: string) => {
      const scores = new Float64Array(2);
      english.score(text, scores, new Int32Array(3));
      return scores[1];
    };
    expect(en('Ia menerima Order of the Bath dari ratu.')).toBe(1.5); // (1 + 1 + 1) * 0.5
    expect(en('The order of the day.')).toBe(4); // sentence start and lowercase words count fully
    expect(en('Order of the day.')).toBe(3);
  });

  it('counts a lower-case-only word (`=word`) only where it is written in lower case', () => {
    // Banjar `wan` ("and") against the Malay name prefix `Wan`.
    const banjar = new Lexicon(['ms', 'bjn'], new Map([['bjn', ['=wan 2', 'kada 2']]]));
    const bjn = (text: string) => {
      const scores = new Float64Array(2);
      const stats = new Int32Array(3);
      banjar.score(text, scores, stats);
      return { bjn: scores[1], known: stats[1] };
    };
    expect(bjn('ulun wan pian kada datang')).toEqual({ bjn: 4, known: 2 });
    expect(bjn('Wan Roslan dilantik pengerusi')).toEqual({ bjn: 0, known: 0 });
    expect(bjn('Kata Wan Roslan, wan inya')).toEqual({ bjn: 2, known: 1 });
  });

  it('does not try suffixes on listed words or very short words', () => {
    // `itas` alone is too short for the `-itas` rule (it needs two letters before the suffix).
    expect(score('itas')).toMatchObject({ id: 0 });
  });
});

describe('trigram scorer', () => {
  it("matches franc's own ranking", () => {
    const text = 'Pemerintah menegaskan bahwa harga bahan bakar tidak akan naik dalam waktu dekat, kata menteri.';
    const langs = ['ind', 'zlm', 'eng', 'jav', 'sun', 'nld'];
    const scorer = new TrigramScorer(langs);
    const d = new Float64Array(langs.length);
    scorer.distances(text, d);
    const ours = langs.map((l, i) => [l, d[i]] as const).sort((a, b) => a[1] - b[1]).map(([l]) => l);
    const theirs = francAll(text, { only: langs }).map(([l]) => l);
    expect(ours).toEqual(theirs);
  });

  it("cleans text as franc does (punctuation, digits, any whitespace, edges) while counting", () => {
    const langs = ['ind', 'zlm', 'eng', 'jav', 'sun', 'nld', 'deu', 'fra'];
    const scorer = new TrigramScorer(langs);
    const d = new Float64Array(langs.length);
    for (const text of [
      '  "Harga naik 5%!" kata\u00a0dia,\tSenin (12/3).\n\n',
      '...Die Regierung hat 2024 gesagt: "Nein."   ',
      "L'État a dit\u2009: c'est non\u3000!",
      '12345 !!! ???',
    ]) {
      scorer.distances(text, d);
      const ours = langs.map((l, i) => [l, d[i]] as const).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
      const theirs = francAll(text, { only: langs, minLength: 1 });
      if (theirs[0][0] === 'und') {
        expect(new Set(d).size).toBe(1);
        continue;
      }
      // Same order, and the same distances up to franc's normalisation.
      const ordered = [...theirs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      expect(ours.map(([l]) => l)).toEqual(ordered.map(([l]) => l));
    }
  });

  it('detector is deterministic', () => {
    const detector = new LanguageDetector();
    const text = MEDIUM[0][1];
    expect(detector.detect(text)).toEqual(detector.detect(text));
  });
});
