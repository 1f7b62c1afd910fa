/**
 * The entity rules' optional word and phrase lists (`src/lang/<lang>/ner-*.txt`), read once per
 * process. A language without the file gets an empty list, so its rule changes nothing.
 */
import { readWordList } from '../lang/data.js';

/** Phrases as lower-case words joined by spaces, with the longest one's length in words. */
export interface PhraseList {
  phrases: Set<string>;
  /** First words of the phrases: only there a match is tried. */
  firsts: Set<string>;
  /** The phrases' leading words (one word, two, ...): a match stops once its words are none. */
  prefixes: Set<string>;
  longest: number;
}

// keyed by file, then language: rules look their lists up per sentence, and a joined key
// would build and hash a new string on every call
const wordSets = new Map<string, Map<string, Set<string>>>();
const phraseLists = new Map<string, Map<string, PhraseList>>();

function byLanguage<T>(cache: Map<string, Map<string, T>>, file: string): Map<string, T> {
  let m = cache.get(file);
  if (!m) cache.set(file, (m = new Map()));
  return m;
}

/** The file's entries, or none when the language has no such file. */
export function optionalWordList(language: string, file: string): string[] {
  try {
    return readWordList(language, file);
  } catch {
    return [];
  }
}

/** The file's entries in lower case. */
export function wordSet(language: string, file: string): Set<string> {
  const sets = byLanguage(wordSets, file);
  let set = sets.get(language);
  if (!set) sets.set(language, (set = new Set(optionalWordList(language, file).map((w) => w.toLowerCase()))));
  return set;
}

/** The file's entries split into words by `words` (each rule knows how its phrases are written). */
export function phraseList(language: string, file: string, words: (entry: string) => string[]): PhraseList {
  const lists = byLanguage(phraseLists, file);
  let list = lists.get(language);
  if (!list) {
    const split = optionalWordList(language, file).map(words).filter((w) => w.length > 0);
    const prefixes = new Set<string>();
    for (const w of split) for (let n = 1; n <= w.length; n++) prefixes.add(w.slice(0, n).join(' '));
    list = { phrases: new Set(split.map((w) => w.join(' '))), firsts: new Set(split.map((w) => w[0])), prefixes, longest: Math.max(0, ...split.map((w) => w.length)) };
    lists.set(language, list);
  }
  return list;
}
