/**
 * Quotations in the rule splitter: a quoted passage of several sentences stays whole when it
 * is short or attributed (`"Kami siap. Kami menang," kata dia.`), as news treebanks annotate it.
 */
import { isLower, isSpace } from './chars.js';
import type { SplitRules } from './rules.js';

/** How far a quotation is looked for its closing mark. */
export const MAX_QUOTE = 600;

/** A quotation longer than this (or unclosed in its line) is more than a quoted name or phrase. */
export const LONG_QUOTE = 40;

/** A quotation closing within this many characters is kept whole even without attribution. */
export const SHORT_QUOTE = 150;

/**
 * Whether position `i` lies inside a double quotation that opened in this sentence and
 * closes later in the same paragraph: a quoted passage of several sentences is kept
 * whole (`"Kami siap. Kami akan menang," kata dia.`), as news treebanks annotate it.
 */
const quoteCache = { text: '', start: -1, pos: 0, straight: false, curly: 0 };

export function insideQuote(text: string, sentStart: number, i: number, to: number, rules: SplitRules): boolean {
  if (!rules.keepQuotations) return false;
  // The quotation state at `i` is computed incrementally within one sentence.
  if (quoteCache.text !== text || quoteCache.start !== sentStart || quoteCache.pos > i) {
    quoteCache.text = text;
    quoteCache.start = sentStart;
    quoteCache.pos = sentStart;
    quoteCache.straight = false;
    quoteCache.curly = 0;
  }
  let openStraight = quoteCache.straight;
  let curly = quoteCache.curly;
  for (let x = quoteCache.pos; x < i; x++) {
    const c = text.charCodeAt(x);
    if (c === 34) openStraight = opensQuote(text, x, sentStart, to);
    else if (c === 0x201c) curly++;
    else if (c === 0x201d && curly > 0) curly--;
  }
  quoteCache.pos = i;
  quoteCache.straight = openStraight;
  quoteCache.curly = curly;
  if (!openStraight && curly === 0) return false;
  const limit = Math.min(to, i + MAX_QUOTE);
  for (let x = i; x < limit; x++) {
    const c = text.charCodeAt(x);
    if (c === 10) return false;
    if (openStraight ? c === 34 : c === 0x201d) {
      if (openStraight && opensQuote(text, x, sentStart, to) && !isLower(text.charCodeAt(x + 1))) return false;
      return x - i <= SHORT_QUOTE || isAttributed(text, x, to);
    }
    if (!openStraight && c === 0x201c) return false;
  }
  return false;
}

/** A straight double quote at `x` opens a quotation: start of text or space/bracket before, a non-space after. */
export function opensQuote(text: string, x: number, from: number, to: number): boolean {
  const before = x > from ? text.charCodeAt(x - 1) : 32;
  const after = x + 1 < to ? text.charCodeAt(x + 1) : 32;
  return (isSpace(before) || before === 40 || before === 91) && !isSpace(after);
}

/** A closing quote at `q` that is followed by its attribution: `...," kata dia`, `..." ujar Xi`. */
export function isAttributed(text: string, q: number, to: number): boolean {
  const before = text.charCodeAt(q - 1);
  if (before === 44) return true;
  let n = q + 1;
  while (n < to && isSpace(text.charCodeAt(n))) n++;
  if (n >= to) return false;
  const f = text.charCodeAt(n);
  return f === 44 || isLower(f);
}
