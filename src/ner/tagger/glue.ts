/**
 * Scraped news often glues a hyperlinked name to its neighbours
 * (`PresidenPrabowoSubianto`, `PersijaJakarta`, `Atletico Madridakan`,
 * `SubiantoketikaQuick`). A token the unlabelled news never showed is split
 * again where the news vocabulary says it is two known words: at a lower-to-upper
 * case change when both sides are known words, and before a function word
 * (`akan`, `ketika`) glued to the end of a capitalised word the news writes
 * capitalised or never showed. Known words (`YouTube`, `Malaysia`) are never
 * split, nor unknown compounds of ordinary words (`Nottinghamshire` is no
 * `hire`). Tagging only: the training corpora are clean.
 */
import { lexKey } from './features.js';

/** Capitalisation class of a word in unlabelled news (`l`, `m`, `M`, `c`), undefined when unseen. */
export type CaseClassOf = (key: string) => string | undefined;

const MIN_PART = 3;
const MIN_TAIL = 4;

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

/** Split points inside the unknown word text[s, e) (absolute offsets, ascending), or none. */
export function splitPoints(text: string, s: number, e: number, known: CaseClassOf, tails: ReadonlySet<string>, out: number[]): void {
  if (!mayBeGlued(text, s, e)) return;
  // a lower-to-upper change: `PrabowoSubianto`, `PresidenPrabowoSubianto`
  for (let k = s + MIN_PART; k <= e - MIN_PART; k++) {
    if (!isLower(text.charCodeAt(k - 1)) || !isUpper(text.charCodeAt(k))) continue;
    if (known(lexKey(text.slice(s, k))) === undefined) continue;
    const rest: number[] = [];
    if (known(lexKey(text.slice(k, e))) === undefined) splitPoints(text, k, e, known, tails, rest);
    if (rest.length > 0 || known(lexKey(text.slice(k, e))) !== undefined) {
      out.push(k, ...rest);
      return;
    }
  }
  // a function word glued to a name: `Madridakan`, `Subiantoketika`, `Souzaakhirnya` (the
  // longest such tail of at least four letters, after a head the news writes capitalised or never showed)
  for (let k = s + MIN_PART; k <= e - MIN_TAIL; k++) {
    const head = known(lexKey(text.slice(s, k)));
    if (head === 'l' || head === 'm') continue;
    if (tails.has(text.slice(k, e))) {
      out.push(k);
      return;
    }
  }
}

/**
 * Splits glued tokens in place: `toks` holds n start/end pairs; `unknown(i)`
 * says whether token i is missing from the news vocabulary; `tails` are the
 * words that may be glued after a name; returns the new token count.
 */
export function splitGluedTokens(text: string, toks: number[], n: number, unknown: (i: number) => boolean, known: CaseClassOf, tails: ReadonlySet<string>): number {
  let out: number[] | null = null;
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = toks[2 * i];
    const e = toks[2 * i + 1];
    points.length = 0;
    if (mayBeGlued(text, s, e) && unknown(i)) splitPoints(text, s, e, known, tails, points);
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
