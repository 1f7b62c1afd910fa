/**
 * Word lists the entity stage reads at run time, once per worker, from
 * `src/lang/<code>/ner-*.txt` (see each file's header): the function words
 * that are never an entity, and the cues of related-article headlines. The
 * other `ner-*.txt` lists (titles, cue words, reporting verbs, ...) become the
 * tagger's cue-word features at training time (`train-resources.ts`).
 */
import { readWordList } from '../lang/data.js';

export interface LangResources {
  /** Lower-case words that are never (part of the start of) a name. Month and weekday names are not among them: `Juli`, `April` are given names too. */
  functionWords: Set<string>;
  /** Lower-case cues opening a related-article headline (`baca juga`). */
  relatedCues: string[];
}

function list(code: string, file: string): string[] {
  try {
    return readWordList(code, file).map((w) => w.toLowerCase());
  } catch {
    return [];
  }
}

const cache = new Map<string, LangResources>();

export function langResources(code: 'id' | 'en'): LangResources {
  const hit = cache.get(code);
  if (hit) return hit;
  const fw = new Set(list(code, 'ner-function-words.txt'));
  const res: LangResources = { functionWords: fw, relatedCues: list(code, 'ner-related-cues.txt') };
  cache.set(code, res);
  return res;
}
