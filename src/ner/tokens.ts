/**
 * Word tokens for entity recognition. A token is a run of letters, marks and
 * digits, optionally joined by inner hyphens or apostrophes (`Kim Jong-un`,
 * `al-Assad`, `O'Neil`, `anak-anak`); every other non-space character is a
 * one-character punctuation token. Web addresses (`SEPUTARAN.COM`, `kompas.com`) are one token. Offsets are UTF-16 indices into the text.
 */

export const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

const TLD = new Set(['com', 'net', 'org', 'id', 'co', 'tv']);
/** Shared instance: `tokenize` is not re-entrant and resets `lastIndex` itself. */
const TOKEN_RE = new RegExp(WORD_RE.source, 'gu');

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased lookup key (’ → ', ‐ → -). */
  key: string;
}

const QUOTE_RE = /[’‐]/g;

export function tokenKey(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('’') || lower.includes('‐') ? lower.replace(QUOTE_RE, (c) => (c === '’' ? "'" : '-')) : lower;
}

/** Tokens of `text.slice(start, end)`, with absolute offsets. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const re = TOKEN_RE;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let t = m[0];
    if (m.index >= end) break;
    if (m.index + t.length > end) t = t.slice(0, end - m.index);
    const k = tokenKey(t);
    // `SEPUTARAN.COM`, `kompas.co.id`: join a web address into one token
    const n = out.length;
    if (n >= 2 && TLD.has(k) && out[n - 1].text === '.' && out[n - 1].end === m.index && out[n - 2].end === out[n - 1].start && /[\p{L}\p{N}]/u.test(out[n - 2].text)) {
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
