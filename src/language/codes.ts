/**
 * Language codes: franc speaks ISO 639-3 (individual languages, e.g. `zlm`,
 * `cmn`, `swh`); warta's output uses ISO 639-1 where one exists and ISO 639-3
 * otherwise (`min`, `ban`, `bjn`), and `und` when undetermined.
 */

/** ISO 639-3 (franc's codes, plus a few common alternatives) -> ISO 639-1. */
const ISO3_TO_1: Readonly<Record<string, string>> = {
  afr: 'af', aka: 'ak', als: 'sq', amh: 'am', arb: 'ar', ara: 'ar', ayr: 'ay', aym: 'ay', azj: 'az', aze: 'az',
  bam: 'bm', bel: 'be', ben: 'bn', bod: 'bo', bos: 'bs', bul: 'bg', cat: 'ca', ces: 'cs', ckb: 'ku', kur: 'ku',
  cmn: 'zh', zho: 'zh', chi: 'zh', dan: 'da', deu: 'de', ger: 'de', ekk: 'et', est: 'et', ell: 'el', gre: 'el',
  eng: 'en', epo: 'eo', ewe: 'ee', fin: 'fi', fra: 'fr', fre: 'fr', fuf: 'ff', fuv: 'ff', ful: 'ff', glg: 'gl',
  guj: 'gu', hat: 'ht', hau: 'ha', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu', hye: 'hy', arm: 'hy', ibo: 'ig',
  iii: 'ii', ind: 'id', ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn', kat: 'ka', geo: 'ka', kaz: 'kk', khk: 'mn',
  mon: 'mn', khm: 'km', kin: 'rw', kir: 'ky', kmb: 'kmb', kng: 'kg', kon: 'kg', knc: 'kr', kau: 'kr', kor: 'ko',
  lao: 'lo', lin: 'ln', lit: 'lt', lua: 'lua', lug: 'lg', lvs: 'lv', lav: 'lv', mal: 'ml', mar: 'mr', mkd: 'mk',
  mac: 'mk', mya: 'my', bur: 'my', nds: 'nds', nld: 'nl', dut: 'nl', nno: 'nn', nob: 'nb', nor: 'no', npi: 'ne',
  nep: 'ne', nya: 'ny', pan: 'pa', pbu: 'ps', pus: 'ps', pes: 'fa', prs: 'fa', fas: 'fa', per: 'fa', plt: 'mg',
  mlg: 'mg', pol: 'pl', por: 'pt', qug: 'qu', quy: 'qu', quz: 'qu', que: 'qu', ron: 'ro', rum: 'ro', run: 'rn',
  rus: 'ru', sag: 'sg', sin: 'si', slk: 'sk', slo: 'sk', slv: 'sl', sna: 'sn', som: 'so', sot: 'st', spa: 'es',
  src: 'sc', srd: 'sc', srp: 'sr', ssw: 'ss', sun: 'su', swe: 'sv', swh: 'sw', swa: 'sw', tam: 'ta', tat: 'tt',
  tel: 'te', tgk: 'tg', tgl: 'tl', tha: 'th', tir: 'ti', tsn: 'tn', tso: 'ts', tuk: 'tk', tur: 'tr', uig: 'ug',
  ukr: 'uk', urd: 'ur', uzn: 'uz', uzb: 'uz', ven: 've', vie: 'vi', wol: 'wo', xho: 'xh', ydd: 'yi', yid: 'yi',
  yor: 'yo', zlm: 'ms', zsm: 'ms', msa: 'ms', may: 'ms', zul: 'zu', zyb: 'za', zha: 'za', sco: 'sco', glv: 'gv',
  gle: 'ga', cym: 'cy', wel: 'cy', eus: 'eu', baq: 'eu', isl: 'is', ice: 'is', ltz: 'lb', mlt: 'mt', mri: 'mi',
  smo: 'sm', ton: 'to', fij: 'fj', bak: 'ba', chv: 'cv', oci: 'oc', bre: 'br', cos: 'co', fao: 'fo', fry: 'fy',
  gla: 'gd', lat: 'la', san: 'sa', snd: 'sd', div: 'dv', ori: 'or', asm: 'as', kas: 'ks', tah: 'ty', twi: 'tw',
  lim: 'li', roh: 'rm', wln: 'wa', ina: 'ia', ile: 'ie', ido: 'io', vol: 'vo', abk: 'ab', aar: 'aa', ava: 'av',
  che: 'ce', iku: 'iu', ipk: 'ik', kal: 'kl', kik: 'ki', kua: 'kj', lub: 'lu', mah: 'mh', nau: 'na', nav: 'nv',
  ndo: 'ng', nde: 'nd', nbl: 'nr', oji: 'oj', orm: 'om', oss: 'os', pli: 'pi', sme: 'se', her: 'hz',
  hmo: 'ho', cha: 'ch', chu: 'cu', cre: 'cr', nso: 'nso', umb: 'umb',
};

/** English and Indonesian names of the languages a hint is likely to use. */
const NAMES: Readonly<Record<string, string>> = {
  indonesian: 'id', indonesia: 'id', 'bahasa indonesia': 'id', 'bahasa': 'id',
  malay: 'ms', melayu: 'ms', 'bahasa melayu': 'ms', 'bahasa malaysia': 'ms', malaysian: 'ms',
  english: 'en', inggris: 'en', 'bahasa inggris': 'en', inggeris: 'en',
  javanese: 'jv', jawa: 'jv', 'bahasa jawa': 'jv', sundanese: 'su', sunda: 'su', 'bahasa sunda': 'su',
  minangkabau: 'min', minang: 'min', balinese: 'ban', bali: 'ban', banjar: 'bjn', banjarese: 'bjn',
  dutch: 'nl', belanda: 'nl', nederlands: 'nl', chinese: 'zh', mandarin: 'zh',
  tionghoa: 'zh', arabic: 'ar', arab: 'ar', japanese: 'ja', jepang: 'ja', korean: 'ko',
  french: 'fr', german: 'de', spanish: 'es', portuguese: 'pt', russian: 'ru', tagalog: 'tl', filipino: 'tl',
  thai: 'th', vietnamese: 'vi', hindi: 'hi', madurese: 'mad', acehnese: 'ace', buginese: 'bug',
};

/** Output code for a franc (ISO 639-3) code: ISO 639-1 where one exists. */
export function fromIso3(code: string): string {
  if (code === 'und') return 'und';
  return ISO3_TO_1[code] ?? code;
}

const ISO1_CODES: ReadonlySet<string> = new Set(Object.values(ISO3_TO_1).filter((c) => c.length === 2));

/**
 * Normalises a language given by an input record (`ind`, `id-ID`, `in`,
 * `Indonesian`, `Bahasa Indonesia`, `zh-Hans-CN`, `zsm`, ...) to the output
 * code. Returns null when the value is empty or not recognisable.
 */
export function normalizeLanguageTag(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const raw = value.trim().toLowerCase().replace(/_/g, '-');
  if (raw === '') return null;
  const named = NAMES[raw.replace(/\s+/g, ' ')];
  if (named) return named;
  // BCP 47 tag: primary subtag first (`id-ID`, `zh-Hans-CN`, `ms-MY`).
  const primary = raw.split('-')[0];
  if (primary === 'in') return 'id'; // deprecated ISO 639-1 code for Indonesian
  if (primary === 'und' || primary === 'mul' || primary === 'zxx') return 'und';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return ISO3_TO_1[primary] ?? primary;
  return NAMES[primary] ?? null;
}

export function isIso1(code: string): boolean {
  return ISO1_CODES.has(code);
}
