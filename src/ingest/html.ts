/**
 * Saved HTML news pages (`.html`, `.htm`) to an article record.
 *
 * - Charset: BOM, `<meta charset>` / http-equiv, else sniffed (see `charset.ts`).
 * - Metadata, first found wins: JSON-LD `NewsArticle`/`Article` (`headline`, `datePublished`,
 *   `author`, `publisher`, `url`), then meta tags (OpenGraph `og:title`/`og:site_name`/`og:url`,
 *   `article:published_time`, `pubdate`, `author`, Dublin Core, ...), then `<time datetime>`,
 *   `<title>` and what Mozilla Readability reports.
 * - Body: the main content found by Mozilla Readability over linkedom (nesting deeper than
 *   `MAX_DOM_DEPTH` flattened first, see `html-bound.ts`; clutter such as hidden pop-ups,
 *   sidebars, related lists, share rows and captions removed first, see `html-prune.ts`;
 *   a page of more than 20,000 elements skips Readability, see `html-fallback.ts`),
 *   as text with one
 *   paragraph (block element or `<br>`) per line, so the structure stage recognises the
 *   dateline, captions, bylines and boilerplate as in scraped text. When Readability finds
 *   nothing, the JSON-LD `articleBody` is used; otherwise the page fails with a RecordError.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeHtml } from './charset.js';
import { boundDomDepth, boundSourceDepth } from './html-bound.js';
import { countElements, fallbackContainer, MAX_READABILITY_ELEMENTS } from './html-fallback.js';
import { prunePage } from './html-prune.js';
import { BLOCK_TAGS, CELL_TAGS, SKIP_TAGS, type DomDocument, type DomNode } from './html-dom.js';
import { parsePublishedDate } from './published-date.js';
import { RecordError, type ArticleRecord } from './record.js';

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle',
  'reviewnewsarticle', 'askpublicnewsarticle', 'blogposting', 'liveblogposting', 'socialmediaposting', 'scholarlyarticle',
  'techarticle', 'report',
]);

/** Meta names/properties per field, in order of preference (lower-case). */
const META_PUBLISHED = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'datepublished',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'content_publisheddate', 'dc.date.issued',
  'dcterms.issued', 'dc.date', 'dcterms.created', 'dc.date.created', 'sailthru.date', 'parsely-pub-date', 'date', 'release_date',
];
const META_TITLE = ['og:title', 'twitter:title', 'dc.title', 'title', 'headline'];
const META_AUTHOR = ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'content_author', 'byl'];
const META_SOURCE = ['og:site_name', 'application-name', 'publisher', 'dc.publisher', 'twitter:site'];
const META_URL = ['og:url', 'twitter:url'];

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
  url?: string;
  articleBody?: string;
  inLanguage?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|quot|apos|lt|gt|nbsp|#39));/gi;
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', '#39': "'" };

/** JSON-LD is raw script text, so some sites leave HTML entities in it (`&quot;`, `&#8220;`). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY_RE, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec ? parseInt(dec, 10) : hex ? parseInt(hex, 16) : -1;
    if (code >= 0) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    return NAMED[name!.toLowerCase()] ?? m;
  });
}

function asString(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return decodeEntities(value).trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function nameOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => Boolean(n));
    return names.length ? [...new Set(names)].join(', ') : undefined;
  }
  if (value && typeof value === 'object') return asString(value.name as Json) ?? undefined;
  return undefined;
}

/** Author names, leaving out organisations (`{"@type": "Organization", "name": "Kompas.com"}`). */
function personNames(value: Json | undefined): string | undefined {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const people = items.filter((item) => !(item && typeof item === 'object' && !Array.isArray(item) && typesOf(item).includes('organization')));
  return people.length ? nameOf(people) : undefined;
}

function typesOf(node: { [key: string]: Json }): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t.toLowerCase()];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  return [];
}

function parseJsonLoose(source: string): Json | undefined {
  const text = source.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      // Raw newlines/tabs inside strings and trailing commas are common in hand-written JSON-LD.
      return JSON.parse(text.replace(/[\u0000-\u001F]+/g, ' ').replace(/,\s*([}\]])/g, '$1')) as Json;
    } catch {
      return undefined;
    }
  }
}

function findJsonLdArticle(scripts: string[]): JsonLdArticle | null {
  const queue: Json[] = [];
  for (const s of scripts) {
    const parsed = parseJsonLoose(s);
    if (parsed !== undefined) queue.push(parsed);
  }
  for (let i = 0; i < queue.length && i < 500; i++) {
    const node = queue[i];
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node['@graph'])) queue.push(...(node['@graph'] as Json[]));
    if (!typesOf(node).some((t) => ARTICLE_TYPES.has(t))) continue;
    const main = node.mainEntityOfPage;
    const url =
      asString(node.url) ??
      (typeof main === 'string' ? main : main && typeof main === 'object' && !Array.isArray(main) ? asString(main['@id']) : undefined);
    return {
      headline: asString(node.headline) ?? asString(node.name),
      datePublished: asString(node.datePublished) ?? asString(node.dateCreated),
      author: personNames(node.author) ?? personNames(node.creator),
      publisher: nameOf(node.publisher) ?? nameOf(node.sourceOrganization),
      url,
      articleBody: asString(node.articleBody),
      inLanguage: asString(node.inLanguage) ?? nameOf(node.inLanguage),
    };
  }
  return null;
}

/** Fewer letters than this in the extracted body means the page holds no article. */
const MIN_LETTERS = 40;
const LETTER_RE = /\p{L}/gu;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Block-structured text: one line per paragraph-like element or `<br>`. */
export function blockText(root: DomNode): string {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = collapse(current);
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.tagName?.toUpperCase() ?? '';
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (CELL_TAGS.has(tag)) current += ' ';
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (CELL_TAGS.has(tag)) current += ' ';
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n');
}

function isUrl(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s);
}

/** `Judul Berita - KOMPAS.com` -> `Judul Berita` when the suffix is the site name. */
function stripSiteSuffix(title: string, site: string | undefined): string {
  if (!site) return title;
  const m = /^(.*\S)\s+[-–—|:·•]\s+(.+)$/u.exec(title);
  if (m && m[2].toLowerCase().includes(site.toLowerCase().replace(/^www\./, ''))) return m[1];
  return title;
}

export interface HtmlReadOptions {
  /** Remove page clutter before Readability (html-prune.ts); off only to measure what it does. */
  prune?: boolean;
}

export function readHtml(buffer: Buffer, relativePath: string, options: HtmlReadOptions = {}): ArticleRecord {
  const decoded = decodeHtml(buffer);
  const { document } = parseHTML(boundSourceDepth(decoded.text));
  if (!document || !document.documentElement) throw new RecordError(`${relativePath}: not an HTML document`);

  // Metadata first: Readability rewrites the DOM.
  const scripts = [...document.querySelectorAll('script')]
    .filter((s) => /ld\+json/i.test(s.getAttribute('type') ?? ''))
    .map((s) => s.textContent ?? '');
  const ld = findJsonLdArticle(scripts);

  const meta = new Map<string, string>();
  for (const el of document.querySelectorAll('meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const firstMeta = (keys: string[], accept: (v: string) => boolean = () => true): string | undefined => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v && accept(v)) return v;
    }
    return undefined;
  };
  const timeEl =
    document.querySelector('time[itemprop="datePublished"]') ?? document.querySelector('time[pubdate]') ?? document.querySelector('time[datetime]');
  const timeValue = timeEl?.getAttribute('datetime') ?? timeEl?.textContent ?? undefined;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const htmlTitle = collapse(document.querySelector('title')?.textContent ?? '');
  const h1 = collapse(document.querySelector('h1')?.textContent ?? '');
  const htmlLang = document.documentElement.getAttribute('lang') ?? undefined;

  // Readability is about cubic in nesting depth: pathological pages are flattened first.
  boundDomDepth(document as unknown as DomDocument);
  if (options.prune !== false) prunePage(document as unknown as DomDocument);
  // A page too large for Readability's passes gets the cheap extractor (html-fallback.ts).
  let elements = 0;
  for (let root = (document as unknown as DomDocument).firstElementChild; root && elements <= MAX_READABILITY_ELEMENTS; root = root.nextElementSibling) {
    elements += countElements(root, MAX_READABILITY_ELEMENTS);
  }
  const huge = elements > MAX_READABILITY_ELEMENTS;
  let article: { content?: DomNode | null; siteName?: string | null; title?: string | null; byline?: string | null; publishedTime?: string | null } | null = null;
  if (huge) {
    article = { content: fallbackContainer(document as never) };
  } else {
    try {
      article = new Readability<DomNode>(document as never, { charThreshold: 200, serializer: (node) => node as DomNode }).parse();
    } catch {
      article = null;
    }
  }

  const source = ld?.publisher ?? firstMeta(META_SOURCE)?.replace(/^@/, '') ?? article?.siteName ?? undefined;
  const title =
    [ld?.headline, stripSiteSuffix(firstMeta(META_TITLE) ?? '', source), h1, stripSiteSuffix(htmlTitle, source), article?.title ?? '']
      .map((t) => collapse(t ?? ''))
      .find((t) => t !== '') || undefined;

  let body = article?.content ? blockText(article.content) : '';
  if (collapse(body).length < 40 && ld?.articleBody) {
    body = ld.articleBody
      .split(/\r?\n/)
      .map(collapse)
      .filter(Boolean)
      .join('\n');
  }
  // Readability keeps the headline at times; the title is its own section already.
  if (title) {
    const nl = body.indexOf('\n');
    const first = nl === -1 ? body : body.slice(0, nl);
    if (collapse(first).toLowerCase() === title.toLowerCase()) body = nl === -1 ? '' : body.slice(nl + 1);
  }
  if ((body.match(LETTER_RE)?.length ?? 0) < MIN_LETTERS) {
    throw new RecordError(`${relativePath}: no article content found in the HTML page (Readability found no main text and there is no JSON-LD articleBody)`);
  }

  const publishedRaw =
    ld?.datePublished ?? firstMeta(META_PUBLISHED, (v) => parsePublishedDate(v) !== null) ?? timeValue ?? article?.publishedTime ?? undefined;
  const authorRaw = ld?.author ?? firstMeta(META_AUTHOR, (v) => !isUrl(v)) ?? article?.byline ?? undefined;
  let author = authorRaw && !isUrl(authorRaw.trim()) ? collapse(authorRaw.replace(/^(?:by|oleh)\s*:?\s+/i, '')) || undefined : undefined;
  // The outlet named as author is no byline.
  if (author && source && author.toLowerCase() === collapse(source).toLowerCase()) author = undefined;
  const url = ld?.url ?? canonical ?? firstMeta(META_URL);

  const readerWarnings = decoded.warning ? [decoded.warning] : [];
  const record: ArticleRecord = {
    text: body,
    extra: {
      htmlEncoding: decoded.encoding,
      ...(htmlLang ? { htmlLang } : {}),
      ...(ld?.inLanguage ? { jsonLdLanguage: ld.inLanguage } : {}),
      ...(ld ? { jsonLd: true } : {}),
      ...(readerWarnings.length ? { readerWarnings } : {}),
    },
  };
  if (title) record.title = title;
  if (publishedRaw) record.published_at = parsePublishedDate(publishedRaw) ?? publishedRaw;
  if (author) record.author = author;
  if (source) record.source = collapse(source);
  if (url && isUrl(url)) record.url = url;
  return record;
}
