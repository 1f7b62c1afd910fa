/**
 * Titles of works are no people, places or organisations: a mention right
 * after a noun that introduces one (`the film The Aviator`, `his novel
 * Godless`, `a movie called Kabali`; `src/lang/<lang>/ner-work-cues.txt`) is
 * dropped (a quoted title only when the mention is the whole quote), and so
 * is every other mention of the same name in the article that
 * no certain list gave (the film's title standing alone later, `Kabali will be
 * released on July 1`). The English tagger typed such titles by their look:
 * `Kabali` a person five times in one article, `The Plot Against America` an
 * organisation. In the English training splits none of the 22 capitalised
 * words after these nouns starts a gold name.
 */
import { isCapitalised } from './certain.js';
import { mentionKey, type Mention } from './mention.js';
import type { Token } from './tokens.js';
import { wordSet } from './word-lists.js';

/** The language's work nouns (empty without a list). */
export function workCues(language: 'id' | 'en'): Set<string> {
  return wordSet(language, 'ner-work-cues.txt');
}

const CALLED = new Set(['called', 'named', 'dubbed']);
const QUOTES = new Set(['"', "'", '“', '‘']);

/** Removes (in place) mentions that are titles of works, and their repeats. `tokens` are the document's sentences' tokens. */
export function dropWorkTitles(mentions: Mention[], tokens: readonly (readonly Token[])[], cues: ReadonlySet<string>): void {
  if (cues.size === 0 || mentions.length === 0) return;
  // start of a title -> the end it must have (a quoted title is the whole quote), or -1
  let starts: Map<number, number> | undefined;
  for (const toks of tokens) {
    for (let i = 0; i + 1 < toks.length; i++) {
      if (!cues.has(toks[i].key) || isCapitalised(toks[i])) continue;
      let j = i + 1;
      if (CALLED.has(toks[j].key) && j + 1 < toks.length) j++;
      let end = -1;
      if (QUOTES.has(toks[j].text) && j + 1 < toks.length) {
        let q = j + 1;
        while (q < toks.length && q - j <= 12 && !QUOTES.has(toks[q].text) && toks[q].text !== '”' && toks[q].text !== '’') q++;
        if (q >= toks.length || q - j > 12 || q === j + 1) continue;
        end = toks[q - 1].end;
        j++;
      }
      if (isCapitalised(toks[j])) (starts ??= new Map()).set(toks[j].start, end);
    }
  }
  if (!starts) return;
  const titles = new Set<string>();
  for (const m of mentions) {
    const end = m.sure ? undefined : starts.get(m.start);
    // a name inside a quoted title is no title (`an article titled "Tunku Ismail slights fans"`)
    if (end !== undefined && (end < 0 || end === m.end)) titles.add(mentionKey(m));
  }
  if (titles.size === 0) return;
  let w = 0;
  for (const m of mentions) if (m.sure || !titles.has(mentionKey(m))) mentions[w++] = m;
  mentions.length = w;
}
