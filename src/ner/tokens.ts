/**
 * Word tokens for entity recognition. A token is a run of letters, marks and
 * digits, optionally joined by inner hyphens or apostrophes (`Kim Jong-un`,
 * `al-Assad`, `O'Neil`, `anak-anak`); every other non-space character is a
 * one-character punctuation token. Web addresses (`SEPUTARAN.COM`, `kompas.com`, `malaymail.com.my`) are one token. Offsets are UTF-16 indices into the text.
 */

export const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

const TLD = new Set(['com', 'net', 'org', 'id', 'co', 'tv', 'my', 'sg']);

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased lookup key (’ → ', ‐ → -). */
  key: string;
}

const QUOTE_RE = /[’‐]/g;

export function tokenKey(text: string): string {
  // ASCII without capitals: the text is its own key (no allocation)
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 || (c >= 65 && c <= 90)) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  const lower = text.toLowerCase();
  return lower.includes('’') || lower.includes('‐') ? lower.replace(QUOTE_RE, (c) => (c === '’' ? "'" : '-')) : lower;
}

const LETTER_RE = /^[\p{L}\p{M}\p{N}]/u;
const ALNUM_RE = /[\p{L}\p{N}]/u;

/** Length in UTF-16 units of the code point at i (2 for a surrogate pair). */
function cpLength(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Length of the letter, mark or digit at i (1 or 2 units), 0 when it is none (`WORD_RE`'s class). */
function wordCharAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const w = cpLength(text, i, c);
  return LETTER_RE.test(w === 2 ? text.slice(i, i + 2) : text[i]) ? w : 0;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Joiners inside a word token: ' ’ - ‐ */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 45 || c === 0x2010;
}

/**
 * Tokens of `text.slice(start, end)`, with absolute offsets: the same tokens
 * as `WORD_RE` finds, by a character scan (no regular expression per token).
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const len = text.length;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const s = i;
    let w = wordCharAt(text, i);
    if (w === 0) {
      i += cpLength(text, i, c);
    } else {
      i += w;
      for (;;) {
        while (i < len && (w = wordCharAt(text, i)) > 0) i += w;
        if (i + 1 < len && isJoiner(text.charCodeAt(i)) && wordCharAt(text, i + 1) > 0) {
          i++;
          continue;
        }
        break;
      }
    }
    const e = i > end ? end : i;
    const t = text.slice(s, e);
    const k = tokenKey(t);
    // `SEPUTARAN.COM`, `kompas.co.id`: join a web address into one token
    const n = out.length;
    if (n >= 2 && TLD.has(k) && out[n - 1].text === '.' && out[n - 1].end === s && out[n - 2].end === out[n - 1].start && ALNUM_RE.test(out[n - 2].text)) {
      const host = out[n - 2];
      const joined = text.slice(host.start, e);
      out.length = n - 2;
      out.push({ start: host.start, end: e, text: joined, key: tokenKey(joined) });
      continue;
    }
    out.push({ start: s, end: e, text: t, key: k });
  }
  return out;
}

/** The regular-expression tokenizer `tokenize` replaces (kept for tests). */
export function tokenizeWithRegExp(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const re = new RegExp(WORD_RE.source, 'gu');
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let t = m[0];
    if (m.index >= end) break;
    if (m.index + t.length > end) t = t.slice(0, end - m.index);
    const k = tokenKey(t);
    const n = out.length;
    if (n >= 2 && TLD.has(k) && out[n - 1].text === '.' && out[n - 1].end === m.index && out[n - 2].end === out[n - 1].start && ALNUM_RE.test(out[n - 2].text)) {
      const host = out[n - 2];
      const joined = text.slice(host.start, m.index + t.length);
      out.length = n - 2;
      out.push({ start: host.start, end: m.index + t.length, text: joined, key: tokenKey(joined) });
      continue;
    }
    out.push({ start: m.index, end: m.index + t.length, text: t, key: k });
  }
  return out;
}

/** Keys of a phrase, as the gazetteer stores them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}

/** `Kim Jong-un` → `kim-jong-un`: ASCII, lower case, dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `KABUPATEN ACEH SELATAN` → `Kabupaten Aceh Selatan`; keeps short acronyms listed in `keepUpper`. */
export function titleCase(text: string, keepUpper: ReadonlySet<string> = new Set(), lowerWords: ReadonlySet<string> = new Set()): string {
  let first = true;
  return text.replace(/[\p{L}\p{M}\p{N}]+/gu, (w) => {
    const wasFirst = first;
    first = false;
    if (keepUpper.has(w)) return w;
    const lower = w.toLowerCase();
    if (!wasFirst && lowerWords.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}
