import {
  hasVowel,
  isAlnum,
  isCloser,
  isContinuation,
  isDigit,
  isLetter,
  isLower,
  isOpener,
  isRule,
  isSpace,
  isTerminal,
  isTrailingPunct,
  isUpper,
  nextWord,
  prevNonSpace,
  skipSpace,
  wordBefore,
} from './chars.js';
import { insideQuote, LONG_QUOTE, MAX_QUOTE } from './quotes.js';
import { AbbrKind, abbreviationKind, type SplitRules } from './rules.js';

/**
 * Rule-based sentence splitter: one left-to-right pass over `text[from, to)`
 * that looks only at candidate positions (an ASCII table skips everything else):
 *
 * - `. ! ? …` followed by closers (`."` `.”` `.)`) and whitespace: split unless the word
 *   before is an abbreviation (lists in `src/lang/<code>/abbreviations*.txt`, see rules.ts),
 *   an initial (`Joko P. di`), a list number opening the line, or the next word is lower
 *   case (except after a plain word, as web text often starts sentences in lower case);
 *   numbers, decimals, times and domains (`1.500`, `19.00`, `SEPUTARAN.COM`) have no space.
 * - Indonesian: a quotation of several sentences stays whole when short or attributed
 *   (`"Kami siap. Kami menang," kata dia.`); a quoted sentence right after a lower-case
 *   word starts a new sentence (a headline without a stop before it).
 * - Line breaks: a blank line always ends a sentence; a single one ends it unless the line
 *   ends in `,` `;` `-` or the next line starts in lower case (a wrapped line); a list item
 *   on the next line always starts a new one.
 * - Web and e-mail text: emoticons, URLs and addresses before a capitalised word, e-mail
 *   header time stamps, separator lines, `(BBC)`-style credits, `<< File >>` lines,
 *   greetings and closings (`Best regards,`), inline `1)` items.
 * - A capitalised sentence opener right after a lower-case word (`persen Di sektor`).
 *
 * `emit(start, end)` receives each sentence, trimmed of surrounding whitespace, in order;
 * spans never leave `[from, to)`.
 */
export type EmitSpan = (start: number, end: number) => void;

/** A line opening with a list marker. */
const LIST_LINE_RE = /(?:\d{1,3}[.)]|[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)]|[-•*–·▪●])[ \t]/y;

const LIST_MARKER_RE = /^(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,5})$/;

const DOTTED_RE = /^[\p{L}]{1,4}(?:\.[\p{L}]{1,4})+$/u;

const VOWELLESS_RE = /^[B-DF-HJ-NP-TV-Z][b-df-hj-np-tv-xz]{1,3}$/;

/** `08/16/2000 12:05 PM`, `04/25/01 12:42:55`: an e-mail header time stamp (needs AM/PM or seconds). */
const STAMP_RE = /\d{1,2}\/\d{1,2}\/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|\s*[AaPp]\.?[Mm]\.?)(?![\p{L}\p{N}])/uy;

/** `:)`, `:-)`, `;)`, `:P`, `:D`, `:(`, `=)`, `:'(`, `XD` style emoticons (after the first char). */
const EMOTICON_RE = /[:;=8](?:['^o-]?)(?:[()\[\]DPpOo3*|\\/@$]|<3)+(?=\s|$)/y;

const URL_RE = /(?:https?|ftp):\/\/\S+|www\.\S+/y;

/** ASCII characters at which a rule may apply; every other ASCII character is skipped at once. */
const TRIGGER = new Uint8Array(128);
for (const ch of '.!?\n:;=@)>"-_*~#w,0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') TRIGGER[ch.charCodeAt(0)] = 1;

export function splitSentences(text: string, from: number, to: number, rules: SplitRules, emit: EmitSpan): void {
  // Trailing whitespace is trimmed first: the look-aheads below scan whitespace runs and give up
  // at `to`, so a long whitespace tail would be rescanned from every line break in it.
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  let sentStart = skipSpace(text, from, to);
  let i = sentStart;

  const flush = (end: number, next: number): void => {
    let e = end;
    while (e > sentStart && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > sentStart) emit(sentStart, e);
    sentStart = skipSpace(text, next, to);
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 128 && TRIGGER[c] === 0) {
      i++;
      continue;
    }

    if (isTerminal(c)) {
      let j = i + 1;
      while (j < to && isTerminal(text.charCodeAt(j))) j++;
      let k = j;
      while (k < to && isCloser(text.charCodeAt(k))) k++;
      if (k >= to) break;
      if (!isSpace(text.charCodeAt(k))) {
        if (text.charCodeAt(j - 1) >= 0x3000) {
          // 。！？ end a sentence without a following space (Chinese, Japanese).
          flush(k, k);
          i = sentStart;
          continue;
        }
        if (c === 46 && k === i + 1 && missingSpace(text, i, to, sentStart, rules)) {
          flush(k, k);
          i = sentStart;
          continue;
        }
        i = k > i + 1 ? k : i + 1;
        continue;
      }
      if (decideTerminal(text, i, j, k, to, sentStart, rules)) {
        flush(k, k);
        i = sentStart;
        continue;
      }
      i = k;
      continue;
    }

    if (c === 10) {
      // A line break: new paragraph, or a line without final punctuation followed by a new block.
      if (i > sentStart && decideNewline(text, i, to, sentStart)) {
        flush(i, i);
        i = sentStart;
        continue;
      }
      i++;
      continue;
    }

    if (isRule(c) && text.charCodeAt(i + 1) === c && (i === sentStart || isSpace(text.charCodeAt(i - 1)))) {
      // A separator (`***`, `-----`, `=====`, `____`, `--` before a signature).
      let e = i + 2;
      while (e < to && isRule(text.charCodeAt(e))) e++;
      if (e >= to || isSpace(text.charCodeAt(e))) {
        const long = e - i >= 8;
        if (e - i >= 3 || i === sentStart || isTerminal(text.charCodeAt(prevNonSpace(text, i, sentStart)))) {
          if (long && i > sentStart) {
            const p = prevNonSpace(text, i, sentStart);
            if (p >= sentStart && isAlnum(text.charCodeAt(p))) flush(i, i);
          }
          if (e < to) {
            const n = skipSpace(text, e, to);
            const f = n < to ? text.charCodeAt(n) : 32;
            if (n < to && (isUpper(f) || isOpener(f) || isDigit(f) || (long && !isLower(f)))) {
              flush(e, e);
              i = sentStart;
              continue;
            }
          }
        }
      }
      i = e;
      continue;
    }

    if (c === 41 /* ) */ && text.charCodeAt(sentStart) === 40 && i + 1 < to && isSpace(text.charCodeAt(i + 1))) {
      // A sentence that is one parenthesis, like a source credit `(BBC) The ...`.
      if (i - sentStart <= 300 && closesFirstParen(text, sentStart, i)) {
        const n = skipSpace(text, i + 1, to);
        if (n < to && (isUpper(text.charCodeAt(n)) || text.charCodeAt(n) === 40 || text.charCodeAt(n) === 34 || text.charCodeAt(n) === 0x201c)) {
          flush(i + 1, i + 1);
          i = sentStart;
          continue;
        }
      }
    }

    if (c === 62 /* > */ && i + 1 < to && isSpace(text.charCodeAt(i + 1)) && i > sentStart) {
      // `<< File: a.doc >>`, `<name@host>`: the end of an e-mail header or attachment line.
      const n = skipSpace(text, i + 1, to);
      if (n < to && isUpper(text.charCodeAt(n)) && (text.charCodeAt(i - 1) === 62 || text.charCodeAt(i - 1) === 60 || lineHasOpenAngle(text, sentStart, i))) {
        flush(i + 1, i + 1);
        i = sentStart;
        continue;
      }
    }

    if ((c === 44 || c === 58) && i - sentStart <= 24 && i > sentStart && isSalutation(text, sentStart, i, rules)) {
      // `Best regards, Debra`, `Hi, Yes ...`, `Dear All, My name ...`: a greeting or closing line.
      const n = skipSpace(text, i + 1, to);
      if (n > i + 1 && n < to && isUpper(text.charCodeAt(n))) {
        flush(i + 1, i + 1);
        i = sentStart;
        continue;
      }
    }

    if (c === 58 || c === 59 || c === 61) {
      // `:` `;` `=`: emoticon (ends a sentence) or URL scheme.
      const prev = i > from ? text.charCodeAt(i - 1) : 32;
      if (isSpace(prev) && i > sentStart) {
        EMOTICON_RE.lastIndex = i;
        if (EMOTICON_RE.test(text)) {
          const end = EMOTICON_RE.lastIndex;
          if (end < to && nextStartsSentenceLoosely(text, end, to)) {
            flush(end, end);
            i = sentStart;
            continue;
          }
          i = end;
          continue;
        }
      }
      if (c === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) {
        // scheme://  — find the token start and end
        let s = i;
        while (s > sentStart && !isSpace(text.charCodeAt(s - 1))) s--;
        URL_RE.lastIndex = s;
        if (URL_RE.test(text)) {
          const r = urlEnd(text, s, Math.min(URL_RE.lastIndex, to), to);
          if (r.split) {
            flush(r.end, r.end);
            i = sentStart;
          } else i = r.end > i ? r.end : i + 1;
          continue;
        }
      }
      i++;
      continue;
    }

    if (c === 119 /* w */ && (i === sentStart || isSpace(text.charCodeAt(i - 1))) && text.startsWith('www.', i)) {
      URL_RE.lastIndex = i;
      if (URL_RE.test(text)) {
        const r = urlEnd(text, i, Math.min(URL_RE.lastIndex, to), to);
        if (r.split) {
          flush(r.end, r.end);
          i = sentStart;
        } else i = r.end > i ? r.end : i + 1;
        continue;
      }
    }

    if (c === 64 /* @ */ && i > sentStart) {
      // e-mail address: split after it when a capitalised word follows.
      let e = i + 1;
      let dot = false;
      while (e < to && !isSpace(text.charCodeAt(e))) {
        if (text.charCodeAt(e) === 46) dot = true;
        e++;
      }
      let end = e;
      while (end > i + 1 && isTrailingPunct(text.charCodeAt(end - 1))) end--;
      if (dot && end === e && e < to) {
        const n = skipSpace(text, e, to);
        if (n < to && isUpper(text.charCodeAt(n)) && !startsStamp(text, n, to)) {
          flush(e, e);
          i = sentStart;
          continue;
        }
      }
      i = end > i ? end : i + 1;
      continue;
    }

    if (isDigit(c) && (i === sentStart || isSpace(text.charCodeAt(i - 1)))) {
      // e-mail header time stamp: its own sentence.
      STAMP_RE.lastIndex = i;
      if (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 2) === 47) {
        if (STAMP_RE.test(text) && STAMP_RE.lastIndex <= to) {
          const end = STAMP_RE.lastIndex;
          if (i > sentStart) {
            const p = prevNonSpace(text, i, sentStart);
            const w = wordBefore(text, i, sentStart);
            if (p >= 0 && !isLower(text.charCodeAt(w))) flush(i, i);
          }
          if (end < to && isSpace(text.charCodeAt(end))) {
            flush(end, end);
            i = sentStart;
            continue;
          }
          i = end;
          continue;
        }
      }
      // inline list number `1)` after a word: starts a new sentence.
      let d = i + 1;
      if (d < to && isDigit(text.charCodeAt(d))) d++;
      if (text.charCodeAt(d) === 41 && d + 1 < to && isSpace(text.charCodeAt(d + 1)) && i > sentStart) {
        const p = prevNonSpace(text, i, sentStart);
        if (p >= 0 && isAlnum(text.charCodeAt(p))) {
          flush(i, i);
          i = d + 1;
          continue;
        }
      }
      i++;
      continue;
    }

    if ((c === 34 || c === 0x201c) && rules.keepQuotations && i > sentStart + 1 && text.charCodeAt(i - 1) === 32 && isLower(text.charCodeAt(i - 2)) && i + 1 < to && isUpper(text.charCodeAt(i + 1))) {
      // Indonesian news introduces a quotation after `,` or `:`; a long quotation right after
      // a lower-case word (`... baca tulis "Sementara sisanya ...`) starts a new sentence.
      // Only a quoted sentence: it closes after `,` `.` `?` `!` and is longer than a name or title.
      const close = c === 34 ? 34 : 0x201d;
      let x = i + 1;
      const limit = Math.min(to, i + 1 + MAX_QUOTE);
      while (x < limit && text.charCodeAt(x) !== close && text.charCodeAt(x) !== 10) x++;
      const before = text.charCodeAt(x - 1);
      const sentence = x < limit && text.charCodeAt(x) === close && x - i > LONG_QUOTE && (before === 44 || isTerminal(before));
      const w = wordBefore(text, i, sentStart);
      if (sentence && !rules.quoteVerbs.has(text.slice(w, i - 1).toLowerCase())) {
        flush(i, i);
        i++;
        continue;
      }
    }

    if (c >= 65 && c <= 90 && i > sentStart + 1 && text.charCodeAt(i - 1) === 32 && isLower(text.charCodeAt(i - 2))) {
      // A capitalised sentence opener right after a lower-case word, followed by a
      // lower-case word (`... 39,98 persen Di sektor riil`): a missing full stop.
      let e = i + 1;
      while (e < to && isLower(text.charCodeAt(e))) e++;
      if (e - i <= 12 && e > i + 1 && text.charCodeAt(e) === 32 && e + 1 < to && isLower(text.charCodeAt(e + 1)) && isLower(text.charCodeAt(wordBefore(text, i, sentStart)))) {
        if (rules.starters.has(text.slice(i, e)) && !insideQuote(text, sentStart, i, to, rules)) {
          flush(i, i);
          i = e;
          continue;
        }
      }
      i = e;
      continue;
    }

    i++;
  }
  flush(to, to);
}

/**
 * `berakhir.Kemudian`: scraped text that lost the space after a full stop. Only between a
 * lower-case word of 3+ letters and a capitalised word that is not a domain label (`kompas.Com`).
 */
function missingSpace(text: string, i: number, to: number, sentStart: number, rules: SplitRules): boolean {
  if (i + 2 >= to || !isUpper(text.charCodeAt(i + 1)) || !isLower(text.charCodeAt(i + 2))) return false;
  let s = i;
  while (s > sentStart && isLower(text.charCodeAt(s - 1))) s--;
  if (i - s < 3) return false;
  if (s > sentStart && !isSpace(text.charCodeAt(s - 1)) && !isOpener(text.charCodeAt(s - 1))) return false;
  let e = i + 2;
  while (e < to && isLower(text.charCodeAt(e))) e++;
  if (e < to && (text.charCodeAt(e) === 46 || text.charCodeAt(e) === 47 || isDigit(text.charCodeAt(e)))) return false;
  return !rules.domainSuffixes.has(text.slice(i + 1, e).toLowerCase());
}

/** `(ANTARA FOTO/Akbar)` at `open`, with nothing but space after it up to `to`. */
function isCreditTail(text: string, open: number, to: number): boolean {
  let slash = false;
  let x = open + 1;
  for (; x < to && x - open < 80; x++) {
    const c = text.charCodeAt(x);
    if (c === 47) slash = true;
    else if (c === 41) break;
    else if (c === 10) return false;
  }
  if (!slash || x >= to || text.charCodeAt(x) !== 41) return false;
  return skipSpace(text, x + 1, to) >= to;
}

const DEAR_RE = /^dear(?: \S+){1,2}$/i;

/** `text[start, end)` is a greeting or closing phrase. */
function isSalutation(text: string, start: number, end: number, rules: SplitRules): boolean {
  if (!isLetter(text.charCodeAt(start))) return false;
  const phrase = text.slice(start, end);
  return rules.salutations.has(phrase.toLowerCase()) || DEAR_RE.test(phrase);
}

/** The `)` at `close` matches the `(` at `open` (no other bracket closes in between first). */
function closesFirstParen(text: string, open: number, close: number): boolean {
  let depth = 0;
  for (let x = open; x < close; x++) {
    const c = text.charCodeAt(x);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return false;
  }
  return depth === 1;
}

/** An unclosed `<` earlier in this sentence: the `>` closes an address. */
function lineHasOpenAngle(text: string, from: number, i: number): boolean {
  for (let x = i - 1; x >= from; x--) {
    const c = text.charCodeAt(x);
    if (c === 60) return true;
    if (c === 62 || isSpace(c)) return false;
  }
  return false;
}

function startsStamp(text: string, i: number, to: number): boolean {
  if (!isDigit(text.charCodeAt(i))) return false;
  STAMP_RE.lastIndex = i;
  return STAMP_RE.test(text) && STAMP_RE.lastIndex <= to;
}

/** After a URL: `end` is where scanning resumes; `split` when the URL closes a sentence. */
function urlEnd(text: string, start: number, tokenEnd: number, to: number): { end: number; split: boolean } {
  let end = tokenEnd;
  while (end > start && isTrailingPunct(text.charCodeAt(end - 1))) end--;
  if (end < tokenEnd) return { end, split: false }; // trailing punctuation: the terminal rules decide
  if (tokenEnd >= to) return { end: tokenEnd, split: false };
  const n = skipSpace(text, tokenEnd, to);
  if (n >= to) return { end: tokenEnd, split: false };
  const f = text.charCodeAt(n);
  const split = isUpper(f) || text.startsWith('http', n) || text.startsWith('www.', n) || (isRule(f) && text.charCodeAt(n + 1) === f);
  return { end: tokenEnd, split };
}

/** After an emoticon: split unless punctuation or a closing bracket follows. */
function nextStartsSentenceLoosely(text: string, end: number, to: number): boolean {
  const n = skipSpace(text, end, to);
  if (n >= to) return false;
  const f = text.charCodeAt(n);
  return isAlnum(f) || isOpener(f) || f === 92 /* \ */ || f === 58 || f === 45;
}

/**
 * A line break inside a sentence at `i`: split on a blank line, or when the line has no
 * continuation mark at its end and the next line does not start in lower case.
 */
function decideNewline(text: string, i: number, to: number, sentStart: number): boolean {
  let n = i + 1;
  let breaks = 1;
  while (n < to) {
    const c = text.charCodeAt(n);
    if (c === 10) breaks++;
    else if (!isSpace(c)) break;
    n++;
  }
  if (n >= to) return false;
  if (breaks >= 2) return true;
  const p = prevNonSpace(text, i, sentStart);
  if (p < sentStart) return false;
  // A list item on the next line (`a) ...`, `2. ...`, `- ...`, `• ...`) starts a new sentence.
  LIST_LINE_RE.lastIndex = n;
  if (LIST_LINE_RE.test(text)) return true;
  if (isContinuation(text.charCodeAt(p))) return false;
  let m = n;
  while (m < to && isOpener(text.charCodeAt(m))) m++;
  if (m >= to) return true;
  return !isLower(text.charCodeAt(m));
}

/**
 * Terminal punctuation `text[i, j)` followed by closers `[j, k)` and whitespace at `k`.
 * Returns whether the sentence ends at `k`.
 */
function decideTerminal(text: string, i: number, j: number, k: number, to: number, sentStart: number, rules: SplitRules): boolean {
  // Whitespace after, counting line breaks.
  let n = k;
  let breaks = 0;
  while (n < to) {
    const c = text.charCodeAt(n);
    if (c === 10) breaks++;
    else if (!isSpace(c)) break;
    n++;
  }
  if (n >= to) return false;
  if (breaks >= 2) return true;
  const closed = k > j;
  // First character of the next word, past opening quotes and brackets.
  let m = n;
  while (m < to && isOpener(text.charCodeAt(m))) m++;
  const f = m < to ? text.charCodeAt(m) : 32;
  const opened = m > n;

  // An emoticon right after the punctuation belongs to this sentence (`great! :P`), and so
  // does a spaced ellipsis (`. . .`) or a short dash run (`years. --`).
  const nc = text.charCodeAt(n);
  if (!opened && (nc === 58 || nc === 59 || nc === 61)) {
    EMOTICON_RE.lastIndex = n;
    if (EMOTICON_RE.test(text)) return false;
  }
  // `... next day. )`: a bracket closing after a space still belongs to this sentence.
  if (isTerminal(nc) || nc === 41 || nc === 93) return false;
  // A photo credit after a caption: `... malam. /ANTARA/HO-Kemlu`, `... malam. (ANTARA FOTO/Akbar)`.
  if (nc === 47 || (nc === 40 && isCreditTail(text, n, to))) return false;
  if ((nc === 45 || nc === 61) && text.charCodeAt(n + 1) === nc) {
    let e = n + 2;
    while (e < to && isRule(text.charCodeAt(e))) e++;
    if (e - n < 8 && (e >= to || isSpace(text.charCodeAt(e)))) return false;
  }
  // `Dial:?` (a lost character after a colon) is not a question.
  if (i > sentStart) {
    const before = text.charCodeAt(i - 1);
    if (before === 58 || before === 44 || before === 59) return false;
  }

  let strong = false; // ! or ?
  let dots = 0;
  for (let x = i; x < j; x++) {
    const c = text.charCodeAt(x);
    if (c === 46) dots++;
    else if (c === 0x2026) dots += 3;
    else strong = true;
  }

  if (strong) {
    // `?" tanya dia` / `!" kata dia`: a quote attribution continues the sentence.
    if (isLower(f)) return !closed && breaks === 0;
    return closed || !insideQuote(text, sentStart, i, to, rules);
  }
  if (dots >= 2) {
    // Ellipsis: a sentence ends only when a capitalised word (or a new line) follows.
    if (breaks > 0) return !isLower(f);
    return !isLower(f) && !isDigit(f) && f !== 44;
  }

  // A single full stop: look at the word before it.
  let ts = i;
  while (ts > sentStart && !isSpace(text.charCodeAt(ts - 1))) ts--;
  while (ts < i && isOpener(text.charCodeAt(ts))) ts++;
  if (ts === i) return !isLower(f);
  const token = text.slice(ts, i);

  if (breaks > 0) {
    if (ts === sentStart && LIST_MARKER_RE.test(token)) return false;
    return !isLower(f);
  }

  // `1.` `a.` `iv.` opening a sentence: a list item number.
  if (ts === sentStart && LIST_MARKER_RE.test(token)) return false;

  const first = token.charCodeAt(0);
  // Initials: `Joko P. di`, `Jennifer M. Anderson`; but `kuartal I. Dengan ...` ends.
  if (token.length === 1 && isUpper(first)) {
    if (closed) return !isLower(f);
    return isUpper(f) && rules.starters.has(nextWord(text, m, to)) && !insideQuote(text, sentStart, i, to, rules);
  }

  let kind = abbreviationKind(rules, token);
  if (kind === AbbrKind.None && token.indexOf('.') > 0 && DOTTED_RE.test(token)) {
    const last = token.slice(token.lastIndexOf('.') + 1).toLowerCase();
    if (!rules.domainSuffixes.has(last)) kind = AbbrKind.Ambiguous;
  }
  if (kind === AbbrKind.None && VOWELLESS_RE.test(token)) kind = AbbrKind.Ambiguous;

  // `(BBNI)` after `Tbk.`, `Ltd.` after `Co.`: the name goes on.
  const bracket = opened && text.charCodeAt(n) === 40;
  switch (kind) {
    case AbbrKind.Prefix:
      return closed && isUpper(f);
    case AbbrKind.Numeric:
      if (isDigit(f) || isRoman(text, m, to)) return false;
      break;
    case AbbrKind.Terminal:
      if (bracket || nextIsAbbreviation(text, m, to, rules)) return false;
      if (!(isUpper(f) || (opened && !isLower(f)))) return false;
      return !insideQuote(text, sentStart, i, to, rules);
    case AbbrKind.Ambiguous:
      if (bracket) return false;
      if (closed || opened) return !isLower(f);
      return isUpper(f) && rules.starters.has(nextWord(text, m, to)) && !insideQuote(text, sentStart, i, to, rules);
  }

  if (isLower(f)) {
    // Web text often starts a sentence in lower case: `... great. the food ...`.
    // Only for a plain lower-case word of 3+ letters, not a number or abbreviation-like token.
    return token.length >= 3 && isLower(first) && isLower(token.charCodeAt(token.length - 1)) && hasVowel(token) && !closed;
  }
  return closed || !insideQuote(text, sentStart, i, to, rules);
}

/** `XI` in `Peraturan Bapepam No. XI.B`: a Roman numeral where a number is expected. */
function isRoman(text: string, m: number, to: number): boolean {
  let e = m;
  while (e < to && 'IVXLC'.includes(text[e]!)) e++;
  return e > m && (e >= to || !isLetter(text.charCodeAt(e)));
}

/** The next word is itself a listed abbreviation with its stop (`Co. Ltd.`, `Pte. Ltd.`). */
function nextIsAbbreviation(text: string, m: number, to: number, rules: SplitRules): boolean {
  let e = m;
  while (e < to && isLetter(text.charCodeAt(e))) e++;
  if (e === m || text.charCodeAt(e) !== 46) return false;
  return abbreviationKind(rules, text.slice(m, e)) !== AbbrKind.None;
}
