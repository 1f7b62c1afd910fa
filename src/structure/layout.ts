/**
 * Line-level layout of a news article: which lines are the publication line, photo captions,
 * the dateline, body, bylines and boilerplate. Works on `text` from `regionStart` on (after
 * the title) and returns sections as spans of `text`; offsets are never moved.
 *
 * Conservative by design: a text that is a single line (an ordinary paragraph from an export)
 * can only yield a dateline and a trailing desk code, never captions, bylines or boilerplate.
 */
import type { Section, SectionType } from '../doc.js';
import { findPublishedDate, stripWeekdays } from '../ingest/published-date.js';
import { BylineParser, recaseName } from './byline.js';
import { DatelineParser } from './dateline.js';
import type { StructureLexicon } from './lexicon.js';

export interface LayoutResult {
  sections: Section[];
  published: string | null;
  author: string | null;
  city: string | null;
  source: string | null;
}

export interface LayoutOptions {
  /** Lines at the top that may hold publication line, bylines, captions before the dateline. */
  headLines: number;
  /** Lines at the bottom scanned for bylines, credits and boilerplate. */
  tailLines: number;
  /** Longest line accepted as a caption. */
  maxCaptionLength: number;
}

interface Line {
  start: number;
  end: number;
  /** A blank line precedes it. */
  afterBlank: boolean;
}

type Kind = 'title' | 'body' | 'published' | 'caption' | 'byline' | 'boilerplate' | 'dateline';

const BULLET_RE = /^[-–—•·*>»|]+\s*/u;
const TOKEN_SPLIT_RE = /[\s,|·•\-–—:()/\\[\]]+/u;
const COUNT_RE = /^[\s\d.,]*(?:[kKmM]|rb|ribu|jt|juta|views?|kali(?:\s+dibaca)?|x|dibaca|komentar|comments?)?[\s.]*$/u;
const ZONE_TOKENS = new Set(['wib', 'wita', 'wit', 'gmt', 'utc', 'am', 'pm', 'a.m.', 'p.m.']);
const HAS_CONTENT_RE = /[\p{L}\p{N}]/u;
const NAME_OUTLET_RE = /^(\p{Lu}[^|–—-]{1,50}?)(?:\s+[-–—|]\s+|\s*,\s*)(\S(?:.{0,30}\S)?)$/u;
/** A bare name line (`Ilman Nafi'an`): two to five capitalised words, nothing else. */
const BARE_NAME_RE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,4}$/u;

export class LayoutAnalyser {
  private readonly dateline: DatelineParser;
  private readonly byline: BylineParser;

  constructor(
    private readonly lex: StructureLexicon,
    private readonly options: LayoutOptions,
  ) {
    this.dateline = new DatelineParser(lex);
    this.byline = new BylineParser(lex, (s) => this.dateline.isOutlet(s));
  }

  isBoilerplate(t: string): boolean {
    // Boilerplate lines are short; long paragraphs skip the pattern tests.
    if (t.length > MAX_BOILERPLATE_LENGTH) return false;
    const line = t.replace(BULLET_RE, '');
    return (this.lex.boilerplateRe !== null && this.lex.boilerplateRe.test(line)) || this.isListHeader(line);
  }

  /** `Related topics`, `Berita Terkait`, `Next Article`, or any boilerplate line ending in a colon. */
  private isListHeader(line: string): boolean {
    return this.lex.listHeaderRe !== null && this.lex.listHeaderRe.test(line);
  }

  private opensList(t: string): boolean {
    const line = t.replace(BULLET_RE, '');
    return /[:：]$/u.test(line) || this.isListHeader(line);
  }

  /** `Published`, `Diperbarui`: a label line whose date follows on the next line. */
  private isDateLabelLine(t: string): boolean {
    if (t.length > 40) return false;
    const words = t.replace(BULLET_RE, '').toLowerCase().replace(/[:：]$/u, '').split(/\s+/);
    return words.length <= 3 && words.every((w) => this.lex.publishedLabels.has(w));
  }

  /** A credit line such as `Associated Press writer Jane Doe contributed to this report.` */
  isCredit(t: string): boolean {
    if (t.length > 300) return false;
    return this.lex.creditRe !== null && this.lex.creditRe.test(t);
  }

  /**
   * A line that names only the outlet (`CNN Indonesia`, `Kompas.com`) or author and outlet
   * (`Tim detikNews - detikNews`, `Jane Doe | Reuters`).
   */
  outletCredit(t: string): { source: string; author: string | null } | null {
    const line = t.replace(BULLET_RE, '').trim();
    if (line.length > 80) return null;
    if (this.dateline.isOutlet(line)) return { source: line, author: null };
    const m = NAME_OUTLET_RE.exec(line);
    if (m && this.dateline.isOutlet(m[2]) && !/[.!?,]/.test(m[1]) && m[1].split(/\s+/).length <= 6) {
      const names = this.byline.names(m[1]);
      return { source: m[2], author: names.length ? names.join(', ') : null };
    }
    return null;
  }

  /** The name in `Jane Doe Jakarta correspondent` / `Rina Amelia, wartawan`: the first two capitalised words. */
  private nameWithRole(t: string): string | null {
    if (t.length > 80 || !this.lex.roleWordRe) return null;
    const words = t.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    if (words.length < 3 || words.length > 8) return null;
    if (!this.lex.roleWordRe.test(words[words.length - 1])) return null;
    if (!BARE_NAME_RE.test(`${words[0]} ${words[1]}`)) return null;
    return recaseName(`${words[0]} ${words[1]}`);
  }

  private metaOrDatelineLine(t: string): boolean {
    return this.analyseMetaLine(t)?.kind === 'published' || this.dateline.parse(t) !== null;
  }

  startsWithDateline(t: string): boolean {
    return this.dateline.parse(t) !== null;
  }

  isCaption(t: string): boolean {
    if (t.length > this.options.maxCaptionLength) return false;
    return this.lex.captionRe !== null && this.lex.captionRe.test(t);
  }

  /** Tokens left over after removing labels, weekdays, outlets, zone names and separators. */
  private onlyDateWords(s: string): boolean {
    let numbers = 0;
    for (const token of stripWeekdays(s).split(TOKEN_SPLIT_RE)) {
      if (token === '' || !HAS_CONTENT_RE.test(token)) continue;
      // `Updated 2 hours ago`, a view count: a couple of bare numbers are tolerated.
      if (/^[\d.,]+$/.test(token) && ++numbers <= 2) continue;
      const lower = token.toLowerCase().replace(/[.,]+$/, '');
      if (this.lex.publishedLabels.has(lower) || ZONE_TOKENS.has(lower) || this.dateline.isOutlet(token)) continue;
      return false;
    }
    return true;
  }

  /**
   * A publication / metadata line: `- calendar_month Sab, 6 Sep 2025`, `Sabtu, 6 September 2025
   * 14:30 WIB`, `Kompas.com - 06/09/2025, 14:30 WIB`, `person Tim Seputaran calendar_month ...`.
   */
  analyseMetaLine(t: string): { kind: 'published' | 'byline' | 'boilerplate'; date: string | null; author: string | null } | null {
    if (t.length > 200) return null;
    const iconRe = this.lex.iconRe;
    let hasIcon = false;
    if (iconRe) {
      iconRe.lastIndex = 0;
      hasIcon = iconRe.test(t);
    }
    if (!hasIcon) {
      const found = findPublishedDate(t);
      if (!found) return null;
      const rest = t.slice(0, found.start) + ' ' + t.slice(found.end);
      if (!this.onlyDateWords(rest)) return null;
      return { kind: 'published', date: found.value, author: null };
    }
    // Split the line at icon words; each icon says what its segment holds.
    iconRe!.lastIndex = 0;
    const segments: { role: string; text: string }[] = [];
    let last = 0;
    let role = 'lead';
    for (let m = iconRe!.exec(t); m; m = iconRe!.exec(t)) {
      segments.push({ role, text: t.slice(last, m.index) });
      role = this.lex.icons.get(m[0]) ?? 'other';
      last = m.index + m[0].length;
    }
    segments.push({ role, text: t.slice(last) });
    let author: string | null = null;
    const dateParts: string[] = [];
    for (const seg of segments) {
      const text = seg.text.replace(BULLET_RE, '').replace(/[\s|·•,-]+$/u, '').trim();
      if (text === '') continue;
      if (seg.role === 'count') {
        if (!COUNT_RE.test(text)) return null;
        continue;
      }
      if (seg.role === 'author') {
        const names = this.byline.names(text);
        if (names.length === 0 || text.split(/\s+/).length > 8 || /[.!?]\s/.test(text)) return null;
        author ??= names.join(', ');
        continue;
      }
      if (seg.role === 'date' || findPublishedDate(text)) {
        dateParts.push(text);
        continue;
      }
      if (seg.role === 'lead' ? !this.onlyDateWords(text) : text.split(/\s+/).length > 4) return null;
    }
    // `calendar_month Sab, 6 Sep 2025 schedule 10:25 WIB`: date and time in separate segments.
    let date: string | null = null;
    if (dateParts.length) {
      const joined = dateParts.join(' ');
      const found = findPublishedDate(joined);
      if (found) {
        if (!this.onlyDateWords(joined.slice(0, found.start) + ' ' + joined.slice(found.end))) return null;
        date = found.value;
      } else if (!this.onlyDateWords(joined)) return null;
    }
    if (date) return { kind: 'published', date, author };
    if (author) return { kind: 'byline', date: null, author };
    return { kind: 'boilerplate', date: null, author: null };
  }

  /**
   * @param title the title text when the document has one; a body line repeating it (scrapers
   * often copy the headline into the body) is marked as a second `title` section.
   */
  analyse(text: string, regionStart: number, title: string | null): LayoutResult {
    const hasTitle = title !== null;
    const titleKey = title === null ? null : comparable(title);
    const lines = collectLines(text, regionStart);
    const n = lines.length;
    const kinds: Kind[] = new Array<Kind>(n).fill('body');
    const result: LayoutResult = { sections: [], published: null, author: null, city: null, source: null };
    if (n === 0) return result;
    const lineText = (i: number): string => text.slice(lines[i].start, lines[i].end);
    const structured = n > 1 || hasTitle;
    let authorFromLabel: string | null = null;
    let editor: string | null = null;
    let code: string | null = null;
    let sourceFallback: string | null = null;
    const noteByline = (m: { author: string | null; editor: string | null; date?: string }) => {
      authorFromLabel ??= m.author;
      editor ??= m.editor;
      if (m.date) result.published ??= m.date;
    };

    // 1. Head: metadata lines, captions, then the dateline.
    let datelineAt = -1;
    let dateline: { end: number; bodyStart: number } | null = null;
    let headEnd = 0;
    if (structured) {
      const pending: number[] = [];
      let sawMeta = hasTitle;
      let j = 0;
      for (; j < n && j < this.options.headLines; j++) {
        const t = lineText(j);
        // A publication line first: `Updated 6 Sep 2025 10:32` is boilerplate in the body but
        // the publication date in the head.
        const meta = this.analyseMetaLine(t);
        if (!meta && this.isBoilerplate(t)) {
          kinds[j] = 'boilerplate';
          continue;
        }
        if (titleKey !== null && j < 3 && Math.abs(t.length - titleKey.length) <= 8 && comparable(t) === titleKey) {
          kinds[j] = 'title';
          continue;
        }
        if (meta) {
          kinds[j] = meta.kind;
          if (meta.date) result.published ??= meta.date;
          if (meta.author) authorFromLabel ??= meta.author;
          sawMeta = true;
          continue;
        }
        if (j + 1 < n && this.isDateLabelLine(t) && this.analyseMetaLine(lineText(j + 1))?.kind === 'published') {
          kinds[j] = 'published';
          continue;
        }
        const by = this.byline.parse(t, true);
        if (by) {
          kinds[j] = 'byline';
          noteByline(by);
          if (by.source) sourceFallback ??= by.source;
          sawMeta = true;
          continue;
        }
        const credit = this.outletCredit(t);
        if (credit) {
          kinds[j] = 'byline';
          if (credit.author) authorFromLabel ??= credit.author;
          sourceFallback ??= credit.source;
          sawMeta = true;
          continue;
        }
        const dl = this.dateline.parse(t);
        if (dl) {
          datelineAt = j;
          dateline = dl;
          result.city = dl.city;
          result.source = dl.source;
          break;
        }
        if (this.isCaption(t)) {
          kinds[j] = 'caption';
          continue;
        }
        // `Rebecca Ratcliffe South-east Asia correspondent`: a name followed by a job title.
        const roleName = this.nameWithRole(t);
        if (roleName) {
          kinds[j] = 'byline';
          authorFromLabel ??= roleName;
          sawMeta = true;
          continue;
        }
        // A bare name right under the title or the publication line is the byline.
        if (
          sawMeta &&
          pending.length === 0 &&
          t.length <= 40 &&
          BARE_NAME_RE.test(t) &&
          !this.dateline.isOutlet(t) &&
          (kinds[j - 1] === 'published' || (j + 1 < n && this.metaOrDatelineLine(lineText(j + 1))))
        ) {
          kinds[j] = 'byline';
          authorFromLabel ??= recaseName(t);
          continue;
        }
        if (sawMeta && pending.length < 2 && t.length <= this.options.maxCaptionLength) {
          pending.push(j);
          continue;
        }
        break;
      }
      if (datelineAt >= 0) for (const p of pending) kinds[p] = 'caption';
      headEnd = datelineAt >= 0 ? datelineAt : pending.length ? pending[0] : j;
    } else {
      const dl = this.dateline.parse(lineText(0));
      if (dl) {
        datelineAt = 0;
        dateline = dl;
        result.city = dl.city;
        result.source = dl.source;
      }
    }
    if (datelineAt >= 0) kinds[datelineAt] = 'dateline';

    // 2. Anywhere below the head: boilerplate lines and photo captions. A boilerplate header
    //    ending in a colon (`Baca juga:`, `Suggested Topics:`) takes the short list lines under it.
    if (structured) {
      let listHeader = false;
      for (let i = 0; i < n; i++) {
        if (kinds[i] !== 'body' || i < headEnd) {
          listHeader = kinds[i] === 'boilerplate' && this.opensList(lineText(i));
          continue;
        }
        const t = lineText(i);
        if (this.isBoilerplate(t)) {
          kinds[i] = 'boilerplate';
          listHeader = this.opensList(t);
          continue;
        }
        if (listHeader && isListItem(t) && !this.byline.parse(t, false) && !this.byline.trailingCode(t)) {
          kinds[i] = 'boilerplate';
          continue;
        }
        listHeader = false;
        if (this.isCaption(t)) kinds[i] = 'caption';
      }
    }

    // 3. Tail: bylines, credits, desk codes, boilerplate, a closing date line.
    let lastBody = -1;
    if (structured) {
      const stop = Math.max(headEnd, datelineAt + 1, n - this.options.tailLines);
      let k = n - 1;
      for (; k >= stop; k--) {
        if (kinds[k] !== 'body') continue;
        const t = lineText(k);
        const by = this.byline.parse(t, true);
        if (by) {
          kinds[k] = 'byline';
          noteByline(by);
          if (by.source) sourceFallback ??= by.source;
          continue;
        }
        if (this.isCredit(t)) {
          kinds[k] = 'byline';
          continue;
        }
        const credit = this.outletCredit(t);
        if (credit) {
          kinds[k] = 'byline';
          if (credit.author) authorFromLabel ??= credit.author;
          sourceFallback ??= credit.source;
          continue;
        }
        const tc = this.byline.trailingCode(t);
        if (tc && tc.start === 0) {
          kinds[k] = 'byline';
          code ??= tc.code;
          continue;
        }
        const meta = this.analyseMetaLine(t);
        if (meta && meta.kind !== 'boilerplate') {
          kinds[k] = meta.kind === 'published' ? 'published' : 'byline';
          if (meta.date) result.published ??= meta.date;
          if (meta.author) authorFromLabel ??= meta.author;
          continue;
        }
        break;
      }
      for (let i = Math.min(k, n - 1); i >= 0; i--) {
        if (kinds[i] === 'body' || kinds[i] === 'dateline') {
          lastBody = i;
          break;
        }
      }
    } else {
      lastBody = 0;
    }

    // 4. Sections. Body lines separated by a single newline form one section; a blank line splits.
    const sections: Section[] = [];
    let open: Section | null = null;
    const push = (type: SectionType, start: number, end: number) => {
      if (end > start) sections.push({ type, start, end });
    };
    const closeBody = () => {
      if (open) sections.push(open);
      open = null;
    };
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      const kind = kinds[i];
      let bodyStart = line.start;
      let bodyEnd = line.end;
      if (kind !== 'body' && kind !== 'dateline') {
        closeBody();
        push(kind, line.start, line.end);
        continue;
      }
      if (kind === 'dateline' && dateline) {
        closeBody();
        push('dateline', line.start, line.start + dateline.end);
        bodyStart = line.start + dateline.bodyStart;
        while (bodyStart < bodyEnd && /\s/.test(text[bodyStart])) bodyStart++;
      }
      let trailing: { start: number; code: string } | null = null;
      if (i === lastBody) {
        const tc = this.byline.trailingCode(text.slice(bodyStart, bodyEnd));
        if (tc && tc.start > 0) {
          trailing = tc;
          code ??= tc.code;
        }
      }
      if (trailing) {
        bodyEnd = bodyStart + trailing.start;
        while (bodyEnd > bodyStart && /\s/.test(text[bodyEnd - 1])) bodyEnd--;
      }
      if (bodyEnd > bodyStart) {
        const current = open as Section | null;
        if (current && !line.afterBlank && kind === 'body') current.end = bodyEnd;
        else {
          closeBody();
          open = { type: 'body', start: bodyStart, end: bodyEnd };
        }
      }
      if (trailing) {
        closeBody();
        push('byline', bodyStart + trailing.start, line.end);
      }
    }
    closeBody();
    result.sections = sections;
    result.author = authorFromLabel ?? editor ?? code;
    result.source ??= sourceFallback;
    return result;
  }
}

const LIST_ITEM_MAX = 80;
const MAX_BOILERPLATE_LENGTH = 400;
/** A short line without sentence punctuation: a link title or topic under a boilerplate header. */
function isListItem(t: string): boolean {
  return t.length <= LIST_ITEM_MAX && t.split(/\s+/).length <= 12 && !/[.!?"”]$/u.test(t);
}

function comparable(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Non-blank lines from `from` on, trimmed, with whether a blank line precedes each. */
function collectLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let pos = from;
  let blank = false;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      lines.push({ start: s, end: e, afterBlank: blank });
      blank = false;
    } else if (lines.length > 0) blank = true;
    pos = nl + 1;
  }
  return lines;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}
