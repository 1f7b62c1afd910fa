/** Character classes and small scans the rule splitter uses (UTF-16 code units; non-ASCII via Unicode properties). */

export const UPPER_RE = /\p{Lu}|\p{Lt}/u;

export const LOWER_RE = /\p{Ll}/u;

export const LETTER_RE = /\p{L}/u;

export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0xfeff;
}

export function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_RE.test(String.fromCharCode(c));
}

export function isLower(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER_RE.test(String.fromCharCode(c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_RE.test(String.fromCharCode(c));
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** . ! ? … and their full-width / CJK forms. */
export function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x203c || c === 0x2047 || c === 0x2048 || c === 0x2049;
}

/** Quotes and brackets that may close after a full stop: `."`, `.”`, `.)`, `.’`. */
export function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a || c === 0x300d || c === 0x300f;
}

/** Quotes and brackets that may open a sentence. */
export function isOpener(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 123 || c === 0x201c || c === 0x2018 || c === 0x201e || c === 0xab || c === 0x2039 || c === 0xbf || c === 0xa1 || c === 0x300c || c === 0x300e;
}

/** Characters after which a line break does not end a sentence (the line continues). */
export function isContinuation(c: number): boolean {
  // , ; - – — & / ( +
  return c === 44 || c === 59 || c === 45 || c === 0x2013 || c === 0x2014 || c === 38 || c === 47 || c === 40 || c === 43;
}

/** Repeated to form a separator line: - _ = * ~ # + */
export function isRule(c: number): boolean {
  return c === 45 || c === 95 || c === 61 || c === 42 || c === 126 || c === 35;
}

export function skipSpace(text: string, i: number, to: number): number {
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

export function prevNonSpace(text: string, i: number, from: number): number {
  let p = i - 1;
  while (p >= from && isSpace(text.charCodeAt(p))) p--;
  return p;
}

/** Start index of the whitespace-delimited word that ends right before `i` (after skipping spaces). */
export function wordBefore(text: string, i: number, from: number): number {
  let p = prevNonSpace(text, i, from);
  while (p > from && !isSpace(text.charCodeAt(p - 1))) p--;
  return p < from ? from : p;
}

export function isTrailingPunct(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 34 || c === 39 || c === 0x201d || c === 0x2019;
}

export function hasVowel(token: string): boolean {
  return /[aeiouyAEIOUY]/.test(token);
}

export function nextWord(text: string, m: number, to: number): string {
  let e = m;
  while (e < to && isLetter(text.charCodeAt(e))) e++;
  return text.slice(m, e);
}
