/**
 * Scraped news often glues a hyperlinked name to its neighbours
 * (`PresidenPrabowoSubianto`, `PersijaJakarta`, `Perancisdan`,
 * `SubiantoketikaQuick`). A token the unlabelled news never showed is split
 * again where the news vocabulary says it is two known words: at a lower-to-upper
 * case change when both sides are known words, and before a function word
 * (`akan`, `ketika`) glued to the end of a capitalised word. Known words
 * (`YouTube`, `Malaysia`) are never split, nor unknown compounds of ordinary
 * words (`Nottinghamshire` is no `hire`).
 *
 * A function word glued to the end of a word with no case change after it is
 * split off only after an upper-case head (`ASEANperlu`), a head that is on its
 * own a listed place or organisation (`Perancisdan`, `Medanyang`), or a head of
 * five letters or more that looks like a name (`Subiantomasih`, `Souzaakhirnya`,
 * `Atleticodan`): most unknown words that end like a function word are whole
 * names and words (`Shahidan`, `Anggraini`, `Tambahkan`, `Kenakan`, `Taeyang`).
 * Over the 4,271 Indonesian and 5,757 Malaysian articles of the unlabelled news, a
 * looser rule (any head the news writes capitalised or never showed, or the
 * first word of any listed name) split ~300 words this way, 9 of them rightly.
 * Before a case change the glue is plain (`SubiantoketikaQuick`), so there that
 * looser rule stays.
 * A lower-case word may also be glued before a name (`untukPersija`, `byBisnis.com`).
 * Tagging only: the training corpora are clean.
 */
import { lexKey } from './features.js';

/** Capitalisation class of a word in unlabelled news (`l`, `m`, `M`, `c`), undefined when unseen. */
export type CaseClassOf = (key: string) => string | undefined;

const MIN_PART = 3;
const MIN_TAIL = 3;
/**
 * Before a case change, tails shorter than this need a head the news writes capitalised or a known
 * name part: many unknown names end like a three-letter function word (`Hamdan`), and many Malay
 * words the Indonesian news never showed like a four-letter one (`Pengarah` is no `Peng` + `arah`).
 */
const SAFE_TAIL = 5;
/** Shortest listed head a tail is split from without a case change (`Medan`, not `San` of `Sanada`). */
const MIN_LISTED_HEAD = 4;
/**
 * Shortest other head a tail is split from without a case change: short heads are mostly the
 * start of a whole word (`Tam` + `bahkan`, `Ken` + `akan`, `Tae` + `yang`, `Dit` + `lantas`).
 */
const MIN_NAME_HEAD = 5;

/** What the splitter knows about words: news capitalisation, listed names, function words. */
export interface GlueLexicon {
  caseOf: CaseClassOf;
  /** Function words that may be glued after a name. */
  tails: ReadonlySet<string>;
  /** Whether a lower-case key is on its own a listed place or organisation (`perancis`, `medan`, `asean`). */
  isPlaceOrBody?: (key: string) => boolean;
  /** Whether a lower-case key is known as part of a name (the first word of a listed name). */
  isNamePart?: (key: string) => boolean;
  /**
   * Whether a lower-case key starts a listed organisation or team or a name annotated in the
   * other language's training data (`atletico`), not merely any listed place or person (`shahi`, a city).
   */
  startsKnownName?: (key: string) => boolean;
}

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function isLetters(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!isLower(c) && !isUpper(c)) return false;
  }
  return true;
}

/** Whether text[s, e) could be two glued words: long enough, letters only, capitalised. */
export function mayBeGlued(text: string, s: number, e: number): boolean {
  return e - s >= 2 * MIN_PART && isUpper(text.charCodeAt(s)) && isLetters(text, s, e);
}

/** Whether text[s, e) is all upper case. */
function isUpperWord(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isUpper(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Where a function word glued to the end of the capitalised word text[s, e)
 * starts (`Souzaakhirnya` → at `akhirnya`, `Perancisdan` → at `dan`), or -1:
 * the longest such tail. The head is never a word the news writes in lower
 * case. With `beforeCase` (a capital follows: `SubiantoketikaQuick`) it may be
 * any other word, a short tail needing one the news writes capitalised or the
 * first word of a listed name. Otherwise it must be upper case (`ASEANperlu`), a
 * listed place or organisation the news writes capitalised (`Medanyang`), or a
 * word of five letters or more that the news writes capitalised, that starts a
 * listed organisation or a known name, or that carries a long tail
 * (`Subiantomasih`, `Atleticodan`, `Souzaakhirnya`).
 */
function tailPoint(text: string, s: number, e: number, lex: GlueLexicon, beforeCase: boolean): number {
  for (let k = s + MIN_PART; k <= e - MIN_TAIL; k++) {
    if (!lex.tails.has(text.slice(k, e))) continue;
    const key = lexKey(text.slice(s, k));
    const head = lex.caseOf(key);
    if (head === 'l' || head === 'm') continue;
    const longTail = e - k >= SAFE_TAIL;
    if (beforeCase) {
      if (longTail || head === 'M' || head === 'c' || lex.isNamePart?.(key)) return k;
      continue;
    }
    if (isUpperWord(text, s, k)) return k;
    if (head === 'c' && k - s >= MIN_LISTED_HEAD && lex.isPlaceOrBody?.(key)) return k;
    if (k - s >= MIN_NAME_HEAD && (longTail || head === 'M' || head === 'c' || lex.startsKnownName?.(key))) return k;
  }
  return -1;
}

/** Split points inside text[s, e) when it is a known word or a name with a glued function word; null otherwise. */
function knownOrTailed(text: string, s: number, e: number, lex: GlueLexicon): number[] | null {
  if (lex.caseOf(lexKey(text.slice(s, e))) !== undefined) return [];
  if (!isUpper(text.charCodeAt(s)) || !isLetters(text, s, e)) return null;
  const k = tailPoint(text, s, e, lex, true);
  return k < 0 ? null : [k];
}

/** Split points inside the unknown word text[s, e) (absolute offsets, ascending), or none. */
export function splitPoints(text: string, s: number, e: number, lex: GlueLexicon, out: number[]): void {
  if (!mayBeGlued(text, s, e)) return;
  // a lower-to-upper change: `PrabowoSubianto`, `PresidenPrabowoSubianto`, `SubiantoketikaQuick`
  for (let k = s + MIN_PART; k <= e - MIN_PART; k++) {
    if (!isLower(text.charCodeAt(k - 1)) || !isUpper(text.charCodeAt(k))) continue;
    const head = knownOrTailed(text, s, k, lex);
    if (head === null) continue;
    const rest: number[] = [];
    const restKnown = lex.caseOf(lexKey(text.slice(k, e))) !== undefined;
    if (!restKnown) splitPoints(text, k, e, lex, rest);
    // after a name with a glued function word the case change is a word boundary even before an unknown word
    if (rest.length > 0 || restKnown || head.length > 0) {
      out.push(...head, k, ...rest);
      return;
    }
  }
  // a function word glued to a listed place or body: `Perancisdan`, `Madridakan`, `ASEANperlu`
  const k = tailPoint(text, s, e, lex, false);
  if (k >= 0) out.push(k);
}

/** Whether text[s, e) has a lower-case letter followed by a capital at or after s + 2. */
function hasInnerCapital(text: string, s: number, e: number): boolean {
  for (let k = s + 2; k < e; k++) if (isUpper(text.charCodeAt(k)) && isLower(text.charCodeAt(k - 1))) return true;
  return false;
}

/**
 * A lower-case word glued before a name where a link was removed
 * (`untukPersija`, `byKontan.co.id`, `pramusimPersijaJakarta`): split at the
 * first lower-to-upper change when the head is a function word or a word the
 * news writes in lower case; the name that follows may be split again. The
 * head must be letters; what follows may be a web name with dots.
 */
export function lowerHeadPoints(text: string, s: number, e: number, lex: GlueLexicon, out: number[]): void {
  for (let k = s + 2; k <= e - MIN_PART; k++) {
    if (!isLower(text.charCodeAt(k - 1)) || !isUpper(text.charCodeAt(k))) continue;
    if (!isLetters(text, s, k)) return;
    const key = lexKey(text.slice(s, k));
    const head = lex.caseOf(key);
    if (!lex.tails.has(key) && !((head === 'l' || head === 'm') && k - s >= MIN_PART)) return;
    out.push(k);
    if (mayBeGlued(text, k, e) && lex.caseOf(lexKey(text.slice(k, e))) === undefined) splitPoints(text, k, e, lex, out);
    return;
  }
}

/**
 * Splits glued tokens in place: `toks` holds n start/end pairs; `unknown(i)`
 * says whether token i is missing from the news vocabulary; returns the new token count.
 */
export function splitGluedTokens(text: string, toks: number[], n: number, unknown: (i: number) => boolean, lex: GlueLexicon): number {
  let out: number[] | null = null;
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = toks[2 * i];
    const e = toks[2 * i + 1];
    if (points.length > 0) points.length = 0;
    if (mayBeGlued(text, s, e)) {
      if (unknown(i)) splitPoints(text, s, e, lex, points);
    } else if (isLower(text.charCodeAt(s)) && e - s > MIN_PART + 1 && hasInnerCapital(text, s, e) && unknown(i)) lowerHeadPoints(text, s, e, lex, points);
    if (points.length > 0) {
      out ??= toks.slice(0, 2 * i);
      let from = s;
      for (const p of points) {
        out.push(from, p);
        from = p;
      }
      out.push(from, e);
      continue;
    }
    if (out) out.push(s, e);
  }
  if (!out) return n;
  toks.length = 0;
  for (const x of out) toks.push(x);
  return toks.length >> 1;
}
