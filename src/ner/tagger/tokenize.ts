/**
 * Offset-exact tokenizer for the NER tagger. Tokens are maximal runs of
 * letters, marks and digits; a hyphen, apostrophe or period between two word
 * characters stays inside the token (`Jong-un`, `Ma'ruf`, `15.022`, `U.S`),
 * an initial or a short title abbreviation keeps its period (`W.`, `Jr.`),
 * and every other non-space character is a token of its own. Two kinds of
 * joined words are split again, because entity boundaries fall inside them:
 * a possessive ending (`Germany's` → `Germany` `'s`) and a hyphen before a
 * capital letter (`Prabowo-Hatta`, `HO-Kementerian` → `Prabowo` `-` `Hatta`).
 */

const WORD_RE = /[\p{L}\p{M}\p{N}]/u;

/** Abbreviations (exact case) that keep a following period inside the token. */
const DOTTED = new Set([
  'Jr', 'Sr', 'Dr', 'dr', 'Mr', 'Mrs', 'Ms', 'St', 'Ir', 'Prof', 'Drs', 'Dra', 'Hj', 'Mt', 'Co', 'Inc', 'Ltd', 'Tbk', 'Kec', 'Kab', 'Jl', 'Jln', 'No',
  // Muhammad's short forms inside Malay and Indonesian names (`Mohd. Razali Muhamad`); none is in the training splits
  'Mohd', 'Moh', 'Muh', 'Mhd', 'Md', 'Abd',
]);

/** ASCII letters and digits (the word characters below 128). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

function isWordCode(text: string, i: number, c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
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
  // written by index and cut to length at the end: emptying the array first (`length = 0`)
  // dropped its storage, so every sentence grew it again from nothing
  let k = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordCode(text, i, c)) {
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1;
      out[k++] = i;
      out[k++] = i + w;
      i += w;
      continue;
    }
    const s = i;
    i++;
    // whether a hyphen joined two parts (only then can the token split at a hyphen)
    let hyphen = false;
    for (;;) {
      while (i < end) {
        const d = text.charCodeAt(i);
        if (d < 128 ? ASCII_WORD[d] === 0 : !isWordCode(text, i, d)) break;
        i++;
      }
      if (i + 1 < end && isJoiner(text.charCodeAt(i)) && isWordCode(text, i + 1, text.charCodeAt(i + 1))) {
        if (text.charCodeAt(i) === 46 && !isWebSuffix(text, i + 1, end)) {
          // a period joins only digit groups (15.022, 3.5), dotted letter abbreviations (U.S, a.n) and web names (kompas.com)
          const prevDigit = isDigit(text.charCodeAt(i - 1));
          const nextDigit = isDigit(text.charCodeAt(i + 1));
          if (prevDigit !== nextDigit) break;
          if (!prevDigit && !(shortSegment(text, s, i) && shortSegment2(text, i + 1, end))) break;
        }
        if (isHyphen(text.charCodeAt(i))) hyphen = true;
        i++;
        continue;
      }
      break;
    }
    // keep the period of an initial (`W.`), a dotted abbreviation (`U.S.`) or a title (`Jr.`)
    if (i < end && text.charCodeAt(i) === 46 && keepsPeriod(text, s, i, end)) i++;
    k = pushSplit(text, s, i, hyphen, out, k);
  }
  if (out.length > k) out.length = k;
  return k >> 1;
}

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/**
 * Writes the word token [s, e) to `out` from index `at`, split at hyphens before a capital letter
 * (when `hyphen`: it holds one) and before a possessive ending; returns the index after it.
 */
function pushSplit(text: string, s: number, e: number, hyphen: boolean, out: number[], at: number): number {
  let from = s;
  for (let k = s + 1; hyphen && k < e - 1; k++) {
    const c = text.charCodeAt(k);
    if (isHyphen(c) && isUpperAt(text, k + 1) && k - from >= 1) {
      out[at++] = from;
      out[at++] = k;
      out[at++] = k;
      out[at++] = k + 1;
      from = k + 1;
    }
  }
  // `Germany's`, `Reuters’s`: the name ends before the apostrophe
  if (e - from >= 3) {
    const a = text.charCodeAt(e - 2);
    const z = text.charCodeAt(e - 1);
    if ((a === 39 || a === 0x2019) && (z === 115 || z === 83) && e - 2 > from) {
      out[at++] = from;
      out[at++] = e - 2;
      out[at++] = e - 2;
      out[at++] = e;
      return at;
    }
  }
  out[at++] = from;
  out[at++] = e;
  return at;
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

const WEB_SUFFIXES = new Set(['com', 'net', 'org', 'id', 'co', 'tv', 'go', 'ac', 'or', 'info', 'news', 'my', 'sg']);

/** The letters at i are a web-address suffix (`com`, `co`, `id`, ...) ending the word (`SEPUTARAN.COM`, `kompas.co.id`). */
function isWebSuffix(text: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && j - i <= 4) {
    const c = text.charCodeAt(j);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
    j++;
  }
  if (j - i < 2 || j - i > 4) return false;
  if (j < end && (isWordCode(text, j, text.charCodeAt(j)) || (text.charCodeAt(j) === 46 && j + 1 < end && isWordCode(text, j + 1, text.charCodeAt(j + 1)) && !isWebSuffix(text, j + 1, end)))) return false;
  return WEB_SUFFIXES.has(text.slice(i, j).toLowerCase());
}

const DOTTED_LETTERS_RE = /^(?:\p{L}\.)+\p{L}$/u;

/**
 * The word text[s, e) keeps a following period: an initial, a listed abbreviation, dotted letters (`U.S`).
 * A capital letter whose period ends the range (the sentence splitter ended the sentence there) is a
 * numeral or a letter, not an initial: `Hamengku Buwono X.`, `Malcolm X.` end with the sentence.
 */
function keepsPeriod(text: string, s: number, e: number, end: number): boolean {
  if (e - s === 1) return isUpper(text.charCodeAt(s)) && !onlySpaceAfter(text, e + 1, end);
  if (e - s <= 4 && DOTTED.has(text.slice(s, e))) return true;
  return text.charCodeAt(s + 1) === 46 && DOTTED_LETTERS_RE.test(text.slice(s, e));
}

function onlySpaceAfter(text: string, i: number, end: number): boolean {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i >= end;
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
