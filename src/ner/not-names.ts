/**
 * Capitalised words that name no person, place or organisation: languages,
 * religions, scriptures and holidays (`Bahasa Melayu`, `Islam`, `Hari Raya`;
 * the list is `src/lang/<lang>/ner-not-names.txt`). The English tagger learned
 * from newswire where these are rare and typed them by their look on
 * Malaysian news (`Bahasa Melayu` a place 131 times and `Malay` an
 * organisation 98 times in 300 articles); in the English training splits no
 * gold name is one of them. Where a sentence writes one, no mention inside it
 * stands, neither the tagger's nor a listed place's (`Malaysia` of `Bahasa
 * Malaysia`), nor its abbreviation in brackets right after it (`Bahasa Melayu
 * (BM)`); a user's gazetteer entry still does. Longer names that hold one are
 * untouched (`Malay Mail`, `Christmas Island`).
 */
import { isAcronymText, isCapitalised } from './certain.js';
import { sliceMention, type Mention } from './mention.js';
import type { Token } from './tokens.js';
import { optionalWordList, phraseList, type PhraseList } from './word-lists.js';

export interface NotNames extends PhraseList {
  /** Phrases the file writes in upper case (`SARA`): they match only upper-case text, not the name `Sara`. */
  upperOnly: ReadonlySet<string>;
}

const WORD_SPLIT = /[-‐']+/g;
const JOINERS = new Set(['and', '&', 'or']);
/** A key `words` leaves as it is. */
const PLAIN_WORD = /^[^-‐'\s]+$/;

function words(s: string): string[] {
  return s.toLowerCase().replace(WORD_SPLIT, ' ').split(/\s+/).filter(Boolean);
}

const lists = new Map<string, NotNames>();
const UPPER_ENTRY = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

/** The language's list (empty for a language without one). */
export function notNames(language: 'id' | 'en'): NotNames {
  let list = lists.get(language);
  if (list === undefined) {
    const file = 'ner-not-names.txt';
    const upperOnly = new Set(optionalWordList(language, file).filter((e) => UPPER_ENTRY.test(e)).map((e) => words(e).join(' ')));
    list = { ...phraseList(language, file, words), upperOnly };
    lists.set(language, list);
  }
  return list;
}

function isUpperText(t: Token): boolean {
  return t.text === t.text.toUpperCase();
}

/** Calls `found(a, b)` for the token ranges of the sentence that are a listed phrase, capitalised, longest first. */
function phrasesIn(toks: readonly Token[], list: NotNames, found: (a: number, b: number) => void): void {
  for (let i = 0; i < toks.length; i++) {
    if (!list.firsts.has(toks[i].key) || !isCapitalised(toks[i])) continue;
    let key = '';
    let n = 0;
    let end = 0;
    for (let j = i; j < toks.length && n < list.longest; j++) {
      if (toks[j].text === '-' || toks[j].text === '‐') continue;
      const k = toks[j].key;
      if (PLAIN_WORD.test(k)) {
        key += (n > 0 ? ' ' : '') + k;
        n++;
      } else {
        for (const w of words(k)) {
          key += (n > 0 ? ' ' : '') + w;
          n++;
        }
      }
      if (!list.prefixes.has(key)) break;
      if (list.phrases.has(key) && (!list.upperOnly.has(key) || toks.slice(i, j + 1).every(isUpperText))) end = j + 1;
    }
    if (end > 0) {
      found(i, end);
      i = end - 1;
    }
  }
}

/**
 * Removes from the document's mentions (in place) those inside a listed
 * phrase, and those that are its abbreviation, bracketed right after it
 * somewhere in the article (`Bahasa Melayu (BM)` … `speak BM`); user gazetteer
 * entries stay. A mention the tagger began inside a listed phrase and ran past
 * its end loses the phrase's words (`Yang di-Pertuan Agong Al-Sultan Abdullah`:
 * `Agong Al-Sultan Abdullah` becomes `Al-Sultan Abdullah`; 30 such mentions in
 * the 5,757 Malaysian articles of the unlabelled news). `tokens` are the
 * document's sentences' tokens.
 */
export function dropNotNames(mentions: Mention[], tokens: readonly (readonly Token[])[], list: NotNames): void {
  if (list.phrases.size === 0 || mentions.length === 0) return;
  const blocked: Array<[number, number]> = [];
  const aliases = new Set<string>();
  for (const toks of tokens) {
    phrasesIn(toks, list, (a, b) => {
      blocked.push([toks[a].start, toks[b - 1].end]);
      // the phrase's own abbreviation, not that of a longer name ending in it (`Dunia Islam (DMDI)`)
      const alone = a === 0 || !isCapitalised(toks[a - 1]);
      if (alone && toks[b]?.text === '(' && toks[b + 2]?.text === ')' && isAcronymText(toks[b + 1].text)) aliases.add(toks[b + 1].key);
    });
  }
  if (blocked.length === 0) return;
  // both sorted by start: one pass
  const sorted = [...blocked].sort((x, y) => x[0] - y[0]);
  // the last phrase starting at or before `start`, or -1
  const phraseAt = (start: number) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid][0] <= start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at;
  };
  const inside = (start: number, end: number) => {
    const at = phraseAt(start);
    return at >= 0 && end <= sorted[at][1];
  };
  // inside one phrase, or listed phrases joined by `and` and commas (`Mandarin and Tamil`)
  const listed = (m: Mention) =>
    inside(m.start, m.end) || (m.tokens.length > 2 && m.tokens.every((t) => t.text === ',' || JOINERS.has(t.key) || inside(t.start, t.end)));
  let w = 0;
  for (const m of mentions) {
    if (m.entry?.kind === 'user') {
      mentions[w++] = m;
      continue;
    }
    if (listed(m) || (m.tokens.length === 1 && aliases.has(m.tokens[0].key))) continue;
    // begun inside a phrase and run past its end (not inside it: `listed` said so)
    const at = phraseAt(m.start);
    if (at >= 0 && sorted[at][0] < m.start && m.start < sorted[at][1]) {
      const from = m.tokens.findIndex((t) => t.start >= sorted[at][1]);
      if (from > 0 && isCapitalised(m.tokens[from])) {
        mentions[w++] = sliceMention(m, from, m.tokens.length);
        continue;
      }
    }
    mentions[w++] = m;
  }
  mentions.length = w;
}

