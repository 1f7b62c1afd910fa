/**
 * Page clutter removed before Readability, from general signals rather than per-site rules:
 *
 * - hidden content: `hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`,
 *   closed `<dialog>`, screen-reader-only text;
 * - page furniture by element and role: `aside`, `nav`, `footer`, `form`, `header`, `dialog`,
 *   `figcaption`, media figures; roles navigation, banner, contentinfo, complementary,
 *   search, dialog, tooltip, menu, toolbar;
 * - blocks whose class or id names what they are (`related`, `share`, `newsletter`,
 *   `comments`, `caption`, `credit`, `tags`, `sidebar`, `popup`, `cookie`, `ad`, Indonesian
 *   `terkait`, `bagikan`, `komentar`, `baca-juga`, ...): the words live in
 *   `src/lang/xx/html-clutter-words.txt`. Bylines and date lines are left alone: the structure
 *   stage reads the author and the publication date from them;
 * - blocks opened by a clutter heading (`3 comments`, `Read more`, `About the author`,
 *   `Baca juga`, `Berita terkait`, `Komentar (3)`, ...; `src/lang/<code>/html-clutter-headings.txt`),
 *   which needs no class names (hashed CSS-module names say nothing);
 * - link lists: a block of three or more links whose text is mostly link text (related
 *   headlines, navigation, tag and share rows), and a short paragraph that is one link;
 * - media blocks: an image with no more than a caption and credit around it;
 * - lists of cards: a block made mostly of two or more sibling items of one kind (same
 *   element and class) that each hold several elements (comment: name + text; teaser:
 *   link + summary), and small widgets around a button (player controls, sign-up prompts).
 *
 * The guard: the element holding the main content (the `article`, `main` or articleBody
 * element with the most text) and its ancestors, and any element with at least half of the
 * page's text, are never removed, whatever their names say (a page wrapper classed
 * `has-sidebar`, a `hidden` article revealed by script). Their clutter children still go.
 *
 * One pass to measure text (iterative, no recursion on deep trees), one to decide; each
 * element is looked at a constant number of times.
 */
import { existsSync } from 'node:fs';
import { langDataPath, readWordList } from '../lang/data.js';
import { ELEMENT_NODE, SKIP_TAGS, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './html-dom.js';

const REMOVED_TAGS = new Set(['ASIDE', 'NAV', 'FOOTER', 'FORM', 'HEADER', 'DIALOG', 'FIGCAPTION', 'BUTTON', 'SELECT', 'MENU', 'INPUT', 'LABEL']);
const REMOVED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'tooltip', 'menu', 'menubar', 'toolbar', 'tablist', 'form']);
const MEDIA_TAGS = new Set(['IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'SVG', 'CANVAS']);
const CONTROL_TAGS = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA']);
/** Items of a card or comment list. */
const CARD_TAGS = new Set(['DIV', 'ARTICLE', 'SECTION', 'FIGURE']);
const MAIN_TAGS = new Set(['ARTICLE', 'MAIN']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
/** Words of class and id names that mark clutter (one per line, lower case; `a+b` = two adjacent words). */
const CLUTTER_WORDS = new Set(readWordList('xx', 'html-clutter-words.txt'));
/** Every language's clutter headings: the page's language is not known yet. */
const HEADING_RE = new RegExp(
  `^(?:${['en', 'id']
    .filter((code) => existsSync(langDataPath(code, 'html-clutter-headings.txt')))
    .flatMap((code) => readWordList(code, 'html-clutter-headings.txt'))
    .map((p) => `(?:${p})`)
    .join('|')})\\s*[:：]?$`,
  'iu',
);

/** Longest text of a paragraph-like block removed as "one link" (`Baca juga: ...`, `Related: ...`). */
const SINGLE_LINK_MAX = 200;
/** A block is a link list with at least this many links ... */
const LIST_MIN_LINKS = 3;
/** ... and at least this share of its text inside links. */
const LIST_LINK_SHARE = 0.7;
/** Media blocks (an image with its caption and credit) up to this much text. */
const MEDIA_BLOCK_MAX = 500;
/** An image block with no paragraph this long is an image and its caption, whatever its name. */
const LONG_PARAGRAPH = 120;
/** Leading text kept per element for the heading test. */
const LEAD_MAX = 80;
/** Longest card (one comment, one teaser) in a list of cards. */
const CARD_MAX = 400;
/** Longest widget around a button (player, sign-up prompt, follow box). */
const WIDGET_MAX = 200;

interface Stats {
  text: number;
  linkText: number;
  links: number;
  media: number;
  /** Paragraphs of at least LONG_PARAGRAPH characters inside. */
  longParagraphs: number;
  /** The first non-blank text inside (a heading, when the block has one), cut at LEAD_MAX. */
  lead: string | null;
  /** Buttons and form fields inside. */
  controls: number;
  /** Element children. */
  children: number;
}

function tagOf(el: DomElement): string {
  return (el.tagName ?? '').toUpperCase();
}

/** Lower-case words of class and id names, splitting `-`, `_`, digits and camelCase, plus adjacent pairs joined. */
export function nameWords(el: DomElement): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (raw.trim() === '') return [];
  const words = raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 1);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push(`${words[i]}+${words[i + 1]}`);
  return [...words, ...pairs];
}

function isHidden(el: DomElement, tag: string): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (tag === 'DIALOG' && !el.hasAttribute('open')) return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** Elements in document order with a parent-before-child guarantee, iteratively. */
function elementsOf(root: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const stack: DomElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    const children: DomElement[] = [];
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) children.push(c);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function measure(elements: DomElement[]): Map<DomElement, Stats> {
  const stats = new Map<DomElement, Stats>();
  // Children come after their parent in `elements`: walking backwards sees children first.
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i];
    const tag = tagOf(el);
    const s: Stats = { text: 0, linkText: 0, links: 0, media: MEDIA_TAGS.has(tag) ? 1 : 0, longParagraphs: 0, lead: null, controls: CONTROL_TAGS.has(tag) ? 1 : 0, children: 0 };
    if (!SKIP_TAGS.has(tag)) {
      for (let c: DomNode | null = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === TEXT_NODE) {
          const value = (c.nodeValue ?? '').trim();
          s.text += value.length;
          if (s.lead === null && value !== '') s.lead = value.slice(0, LEAD_MAX);
        } else if (c.nodeType === ELEMENT_NODE) {
          const cs = stats.get(c as DomElement);
          if (!cs) continue;
          s.text += cs.text;
          s.linkText += cs.linkText;
          s.links += cs.links;
          s.media += cs.media;
          s.longParagraphs += cs.longParagraphs;
          s.controls += cs.controls;
          s.children++;
          if (s.lead === null) s.lead = cs.lead;
        }
      }
    }
    if (tag === 'P' && s.text >= LONG_PARAGRAPH) s.longParagraphs += 1;
    if (tag === 'A' && el.hasAttribute('href')) {
      s.links += 1;
      s.linkText = s.text;
    }
    stats.set(el, s);
  }
  return stats;
}

export interface PruneResult {
  /** Elements removed (outermost only). */
  removed: number;
  /** Elements that looked like clutter but were kept by the guard. */
  guarded: number;
}

/** Remove clutter from `document` in place (see the module comment). */
export function prunePage(document: DomDocument): PruneResult {
  const body = document.body;
  if (!body) return { removed: 0, guarded: 0 };
  const elements = elementsOf(body);
  const stats = measure(elements);
  const total = stats.get(body)?.text ?? 0;

  // The main content element and its ancestors are protected.
  const protectedSet = new Set<DomElement>([body]);
  let main: DomElement | null = null;
  let mainText = -1;
  for (const el of elements) {
    const tag = tagOf(el);
    const itemprop = el.getAttribute('itemprop') ?? '';
    if (MAIN_TAGS.has(tag) || /\barticleBody\b/.test(itemprop) || el.getAttribute('role') === 'main') {
      const t = stats.get(el)!.text;
      if (t > mainText) {
        main = el;
        mainText = t;
      }
    }
  }
  for (let el: DomElement | null = main; el; el = el.parentElement) protectedSet.add(el);
  const isProtected = (el: DomElement) => protectedSet.has(el) || (total > 0 && stats.get(el)!.text >= total / 2);

  const removed = new Set<DomElement>();
  let guarded = 0;
  for (const el of elements) {
    if (el.parentElement && removed.has(el.parentElement)) {
      removed.add(el); // gone with its block; marked so its own children are skipped too
      continue;
    }
    if (!isClutter(el, stats.get(el)!, stats)) continue;
    if (isProtected(el)) {
      guarded++;
      continue;
    }
    removed.add(el);
  }
  let outermost = 0;
  for (const el of removed) {
    if (el.parentElement && removed.has(el.parentElement)) continue;
    el.remove();
    outermost++;
  }
  return { removed: outermost, guarded };
}

function isClutter(el: DomElement, s: Stats, stats: Map<DomElement, Stats>): boolean {
  const tag = tagOf(el);
  if (tag === 'BODY' || tag === 'HTML') return false;
  if (isHidden(el, tag)) return true;
  if (REMOVED_TAGS.has(tag)) return true;
  const role = el.getAttribute('role');
  if (role !== null && REMOVED_ROLES.has(role.toLowerCase())) return true;
  if (tag === 'FIGURE' && s.media > 0) return true;
  const words = nameWords(el);
  if (words.some((w) => CLUTTER_WORDS.has(w))) return true;
  // A link list: related headlines, navigation, tags, share rows.
  if (s.links >= LIST_MIN_LINKS && s.linkText >= LIST_LINK_SHARE * s.text) return true;
  // A short block that is one link (`Baca juga: <a>...</a>`, `RELATED: <a>...</a>`).
  if (s.links >= 1 && s.text > 0 && s.text <= SINGLE_LINK_MAX && s.linkText >= 0.6 * s.text && (tag === 'P' || tag === 'DIV' || tag === 'LI' || tag === 'TABLE')) return true;
  // A block opened by a clutter heading: comments, read-more and related boxes, author bios.
  if (s.lead !== null && s.text > 0 && HEADING_RE.test(s.lead)) return true;
  // An image with its caption and credit: named as such, or with no real paragraph beside it.
  if (s.media > 0 && s.text <= MEDIA_BLOCK_MAX && tag !== 'P' && (s.longParagraphs === 0 || words.some((w) => MEDIA_WORDS.has(w)))) return true;
  // A small widget around a button: audio player, newsletter prompt, follow box.
  if (s.controls > 0 && s.text <= WIDGET_MAX && s.longParagraphs === 0) return true;
  return isCardList(el, s, stats);
}

/** Two or more sibling cards of one kind (element and class), each holding several elements, make up most of the block. */
function isCardList(el: DomElement, s: Stats, stats: Map<DomElement, Stats>): boolean {
  if (s.children < 2 || s.text === 0) return false;
  const groups = new Map<string, { count: number; text: number }>();
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const tag = tagOf(c);
    const cs = stats.get(c);
    if (!cs || !CARD_TAGS.has(tag) || cs.children < 2 || cs.text === 0 || cs.text > CARD_MAX || cs.longParagraphs > 1) continue;
    const key = `${tag} ${c.getAttribute('class') ?? ''}`;
    const g = groups.get(key) ?? { count: 0, text: 0 };
    g.count++;
    g.text += cs.text;
    groups.set(key, g);
  }
  for (const g of groups.values()) if (g.count >= 2 && g.text >= s.text / 2) return true;
  return false;
}

/** Names of blocks that hold an image and its caption. */
const MEDIA_WORDS = new Set(['photo', 'image', 'img', 'figure', 'media', 'picture', 'foto', 'gambar', 'thumb', 'thumbnail', 'featured', 'lead']);
