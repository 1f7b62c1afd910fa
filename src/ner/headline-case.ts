/**
 * Training sentences written as Title Case headlines. Indonesian news sets nearly every headline
 * in Title Case (`Eva Sundari Harap Polemik Puisi Sukmawati tidak Digiring ...`), where a capital
 * says nothing about a name, while the training corpora are almost all prose: the tagger learned
 * that a capitalised word after a name goes on with it (`Eva Sundari Harap`). A share of the
 * training sentences is added again in headline case, with the same gold spans, so that the
 * sentence-style features (`T`) and the words' capitalisation classes in unlabelled news learn to
 * decide there. Capitalising keeps every UTF-16 offset (a letter whose capital is longer is left).
 */
import { readWordList } from '../lang/data.js';
import type { LabeledSentence } from './tagger/trainer.js';

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;

/** Lower-case words a headline keeps in lower case (`src/lang/<code>/ner-headline-lowercase.txt`). */
export function headlineLowercaseWords(code: string): Set<string> {
  return new Set(readWordList(code, 'ner-headline-lowercase.txt'));
}

/** The text in Title Case: every lower-case word capitalised but the listed ones (after the first word). */
export function titleCase(text: string, keepLower: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  let first = true;
  for (const m of text.matchAll(WORD_RE)) {
    const word = m[0];
    const i = m.index;
    const c = word[0];
    const upper = c.toUpperCase();
    const lowerWord = c !== upper && upper.length === 1;
    if (lowerWord && (first || !keepLower.has(word.toLowerCase()))) {
      out += text.slice(last, i) + upper;
      last = i + 1;
    }
    first = false;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** FNV-1a over the sentence text: which sentences are headlined does not depend on their order. */
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x100000000;
}

/** Headline length in words (news headlines run 5–15; a long sentence is no headline). */
const MIN_WORDS = 3;
const MAX_WORDS = 30;

/**
 * Headline-case copies of a share of the sentences (chosen by a hash of their text and `seed`,
 * among those of 3–30 words that change when title-cased), to add to the training data.
 */
export function headlineCopies<T extends LabeledSentence>(sentences: readonly T[], share: number, keepLower: ReadonlySet<string>, seed = 1): T[] {
  if (share <= 0) return [];
  const out: T[] = [];
  for (const s of sentences) {
    if (hash(s.text, seed) >= share) continue;
    const words = s.text.match(WORD_RE)?.length ?? 0;
    if (words < MIN_WORDS || words > MAX_WORDS) continue;
    const text = titleCase(s.text, keepLower);
    if (text === s.text) continue;
    out.push({ ...s, id: s.id === undefined ? undefined : `${s.id}#headline`, text });
  }
  return out;
}
