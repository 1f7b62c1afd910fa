/**
 * Offset-exact tokenizer for the NER tagger. Tokens are maximal runs of
 * letters, marks and digits; a hyphen, apostrophe or period between two word
 * characters stays inside the token (`Jong-un`, `Ma'ruf`, `15.022`, `U.S`),
 * an initial or a short title abbreviation keeps its period (`W.`, `Jr.`),
 * and every other non-space character is a token of its own.
 */

const WORD_RE = /[\p{L}\p{M}\p{N}]/u;

/** Abbreviations (exact case) that keep a following period inside the token. */
const DOTTED = new Set([
  'Jr', 'Sr', 'Dr', 'dr', 'Mr', 'Mrs', 'Ms', 'St', 'Ir', 'Prof', 'Drs', 'Dra', 'Hj', 'Mt', 'Co', 'Inc', 'Ltd', 'Tbk', 'Kec', 'Kab', 'Jl', 'Jln', 'No',
]);

function isWordCode(text: string, i: number, c: number): boolean {
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  }
  if (c >= 0xd800 && c <= 0xdbff) return WORD_RE.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return WORD_RE.test(text.slice(i - 1, i + 1));
  return WORD_RE.test(text[i]);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0xfeff || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** Joiners allowed between word characters inside one token. */
function isJoiner(c: number): boolean {
  return c === 45 /* - */ || c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 46 /* . */ || c === 0x2010 || c === 0x2011;
}

/**
 * Tokenizes `text.slice(start, end)`; pushes `[start, end)` pairs (absolute
 * offsets) into `out` (cleared first) and returns the number of tokens.
 */
export function tokenize(text: string, start: number, end: number, out: number[]): number {
  out.length = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordCode(text, i, c)) {
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1;
      out.push(i, i + w);
      i += w;
      continue;
    }
    const s = i;
    i++;
    for (;;) {
      while (i < end && isWordCode(text, i, text.charCodeAt(i))) i++;
      if (i + 1 < end && isJoiner(text.charCodeAt(i)) && isWordCode(text, i + 1, text.charCodeAt(i + 1))) {
        if (text.charCodeAt(i) === 46) {
          // a period joins only digit groups (15.022, 3.5) and dotted letter abbreviations (U.S, a.n)
          const prevDigit = isDigit(text.charCodeAt(i - 1));
          const nextDigit = isDigit(text.charCodeAt(i + 1));
          if (prevDigit !== nextDigit) break;
          if (!prevDigit && !(shortSegment(text, s, i) && shortSegment2(text, i + 1, end))) break;
        }
        i++;
        continue;
      }
      break;
    }
    // keep the period of an initial (`W.`), a dotted abbreviation (`U.S.`) or a title (`Jr.`)
    if (i < end && text.charCodeAt(i) === 46) {
      const tok = text.slice(s, i);
      if ((tok.length === 1 && isUpper(tok.charCodeAt(0))) || DOTTED.has(tok) || /^(?:\p{L}\.)+\p{L}$/u.test(tok)) i++;
    }
    out.push(s, i);
  }
  return out.length >> 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

/** The segment of the token since its last period is one or two letters long. */
function shortSegment(text: string, s: number, i: number): boolean {
  let j = i - 1;
  while (j >= s && text.charCodeAt(j) !== 46 && text.charCodeAt(j) !== 45) j--;
  return i - (j + 1) <= 2;
}

/** The letters after the period form a one- or two-letter segment. */
function shortSegment2(text: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && j - i < 3 && isWordCode(text, j, text.charCodeAt(j))) j++;
  return j - i <= 2;
}
