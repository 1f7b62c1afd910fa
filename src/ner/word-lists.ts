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
  longest: number;
}

const wordSets = new Map<string, Set<string>>();
const phraseLists = new Map<string, PhraseList>();

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
  const key = `${language}/${file}`;
  let set = wordSets.get(key);
  if (!set) wordSets.set(key, (set = new Set(optionalWordList(language, file).map((w) => w.toLowerCase()))));
  return set;
}

/** The file's entries split into words by `words` (each rule knows how its phrases are written). */
export function phraseList(language: string, file: string, words: (entry: string) => string[]): PhraseList {
  const key = `${language}/${file}`;
  let list = phraseLists.get(key);
  if (!list) {
    const split = optionalWordList(language, file).map(words).filter((w) => w.length > 0);
    list = { phrases: new Set(split.map((w) => w.join(' '))), firsts: new Set(split.map((w) => w[0])), longest: Math.max(0, ...split.map((w) => w.length)) };
    phraseLists.set(key, list);
  }
  return list;
}
