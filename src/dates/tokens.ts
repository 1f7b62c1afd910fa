/**
 * A flat token stream over one region of the text: words, digit runs and
 * single punctuation characters, in reusable typed arrays (no per-token
 * objects). `gap` records what separates a token from the previous one:
 * 0 nothing, 1 spaces, 2 a line break (or the region start).
 */

export const WORD = 1;
export const NUM = 2;
export const PUNCT = 3;

/** ASCII character classes: 0 punctuation, 1 space, 2 line break, 3 digit, 4 letter. */
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] = 4;
for (let c = 97; c <= 122; c++) CLASS[c] = 4;
for (let c = 48; c <= 57; c++) CLASS[c] = 3;
CLASS[32] = 1;
CLASS[9] = 1;
CLASS[11] = 1;
CLASS[12] = 1;
CLASS[10] = 2;
CLASS[13] = 2;
const NON_ASCII_LETTER = /\p{L}|\p{M}/u;

/** The class of a character at or above 128. */
function classifyNonAscii(c: number, text: string, p: number): number {
  if (c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff) return 1;
  if (c === 0x2028 || c === 0x2029 || c === 0x85) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return 0;
  return NON_ASCII_LETTER.test(text[p]) ? 4 : 0;
}

function isLetterAt(text: string, q: number): boolean {
  const d = text.charCodeAt(q);
  return d < 128 ? CLASS[d] === 4 : classifyNonAscii(d, text, q) === 4;
}

export class Tokens {
  n = 0;
  text = '';
  kind = new Uint8Array(512);
  start = new Int32Array(512);
  end = new Int32Array(512);
  gap = new Uint8Array(512);
  num = new Int32Array(512);
  ndig = new Uint8Array(512);
  /** 1 when a word starts with an upper-case letter. */
  cap = new Uint8Array(512);
  /** Lower-cased word; the character for punctuation (dashes folded to `-`, quotes to `'`); '' for numbers. */
  low: string[] = [];

  private grow(): void {
    const size = this.kind.length * 2;
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.kind = g8(this.kind);
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.gap = g8(this.gap);
    this.num = g32(this.num);
    this.ndig = g8(this.ndig);
    this.cap = g8(this.cap);
  }

  /**
   * Tokenise `text[from, to)`. `apostropheWords` are lower-cased words that
   * keep an inner apostrophe (`jum'at`); elsewhere `Thursday's` splits.
   */
  tokenize(text: string, from: number, to: number, apostropheWords: ReadonlySet<string>, filter?: WordFilter): void {
    this.text = text;
    this.n = 0;
    const low = this.low;
    let gap = 2;
    let p = from;
    while (p < to) {
      const c = text.charCodeAt(p);
      const cls = c < 128 ? CLASS[c] : classifyNonAscii(c, text, p);
      if (cls === 1) {
        if (gap === 0) gap = 1;
        p++;
        continue;
      }
      if (cls === 2) {
        gap = 2;
        p++;
        continue;
      }
      if (this.n === this.kind.length) this.grow();
      const i = this.n++;
      this.start[i] = p;
      this.gap[i] = gap;
      gap = 0;
      if (cls === 3) {
        let q = p;
        let v = 0;
        while (q < to) {
          const d = text.charCodeAt(q);
          if (d < 48 || d > 57) break;
          if (q - p < 9) v = v * 10 + (d - 48);
          q++;
        }
        this.kind[i] = NUM;
        this.end[i] = q;
        this.num[i] = v;
        this.ndig[i] = Math.min(q - p, 255);
        this.cap[i] = 0;
        low[i] = '';
        p = q;
        continue;
      }
      if (cls === 4) {
        let q = p + 1;
        while (q < to && isLetterAt(text, q)) q++;
        // Words the lexicon cannot contain are not materialised (most of the text).
        let word = !filter || filter.mayContain(text, p, q) ? text.slice(p, q).toLowerCase() : '';
        if (q + 1 < to && apostropheWords.size > 0) {
          const a = text.charCodeAt(q);
          if ((a === 39 || a === 0x2019) && isLetterAt(text, q + 1)) {
            let r = q + 2;
            while (r < to && isLetterAt(text, r)) r++;
            const joined = `${text.slice(p, q).toLowerCase()}'${text.slice(q + 1, r).toLowerCase()}`;
            if (apostropheWords.has(joined)) {
              word = joined;
              q = r;
            }
          }
        }
        this.kind[i] = WORD;
        this.end[i] = q;
        this.num[i] = -1;
        this.ndig[i] = 0;
        this.cap[i] = c < 128 ? (c <= 90 ? 1 : 0) : text[p] !== text[p].toLowerCase() ? 1 : 0;
        low[i] = word;
        p = q;
        continue;
      }
      // punctuation: one code unit (a surrogate pair stays together)
      let q = p + 1;
      if (c >= 0xd800 && c <= 0xdbff && q < to) q++;
      this.kind[i] = PUNCT;
      this.end[i] = q;
      this.num[i] = -1;
      this.ndig[i] = 0;
      this.cap[i] = 0;
      low[i] =
        c === 0x2013 || c === 0x2014 || c === 0x2012 || c === 0x2010 || c === 0x2011 || c === 0x2212
          ? '-'
          : c === 0x2019 || c === 0x2018
            ? "'"
            : text.slice(p, q);
      p = q;
    }
  }
}

/** Split a lexicon phrase (`sampai dengan`, `s/d`, `a.m.`) into token strings the way `Tokens` would. */
export function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  const re = /\p{L}+(?:'\p{L}+)?|\d+|\S/gu;
  for (const m of phrase.toLowerCase().matchAll(re)) {
    const s = m[0];
    out.push(s === '–' || s === '—' ? '-' : s);
  }
  return out;
}

/**
 * A cheap pre-check on a word's first two letters and length: a word whose
 * signature no lexicon entry has cannot match anything, so the tokenizer does
 * not slice and lower-case it.
 */
export class WordFilter {
  private readonly bits = new Uint8Array(32 * 32 * 32);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length === 0) continue;
      const key = WordFilter.key(w, 0, w.length);
      if (key < 0) continue;
      this.bits[key] = 1;
    }
  }

  /** -1 when a non-ASCII letter is among the first two (always let through). */
  private static key(text: string, p: number, q: number): number {
    const c0 = text.charCodeAt(p);
    const c1 = q - p > 1 ? text.charCodeAt(p + 1) : 64;
    if (c0 >= 128 || c1 >= 128) return -1;
    return (((c0 & 31) << 5) | (c1 & 31)) * 32 + Math.min(q - p, 31);
  }

  mayContain(text: string, p: number, q: number): boolean {
    const key = WordFilter.key(text, p, q);
    return key < 0 || this.bits[key] === 1;
  }
}
