/**
 * A verb opening a sentence that a name list also holds (Malay `Cuba bayangkan`,
 * "try to imagine", not the country): the words of
 * `src/lang/<lang>/ner-sentence-verbs.txt`, first in their sentence and followed
 * by a number or by a lower-case word that is no function word and has no
 * prefix of a verb in a statement (`me-`, `ber-`, `di-`, `ter-`: `Cuba menolak`
 * is the country; an imperative takes the bare verb, `Cuba lihat`), are no
 * mention. Elsewhere they stay names (`di Cuba`, `Cuba dan Venezuela`, `Cuba
 * telah …`).
 */
import { isCapitalised } from './certain.js';
import type { Mention } from './mention.js';
import type { Token } from './tokens.js';
import { wordSet } from './word-lists.js';

/** The language's sentence-opening verbs (lower case). */
export function sentenceVerbs(language: 'id' | 'en'): ReadonlySet<string> {
  return wordSet(language, 'ner-sentence-verbs.txt');
}

const LOWER_OR_DIGIT = /^[\p{Ll}\p{N}]/u;
/** Prefixes of verbs in statements (`menolak`, `merupakan`, `berjaya`, `diembargo`, `terus`). */
const STATEMENT_VERB = /^(?:me|ber|di|ter)\p{Ll}/u;

/**
 * `found` without a one-word mention of such a verb opening the sentence `toks` (the same array
 * when none); `functionWords`: the language's (`dan`, `telah` after the verb keep the name).
 */
export function dropSentenceVerbs(found: Mention[], toks: readonly Token[], verbs: ReadonlySet<string>, functionWords: ReadonlySet<string>): Mention[] {
  if (verbs.size === 0 || toks.length < 2 || !verbs.has(toks[0].key) || !isCapitalised(toks[0])) return found;
  const next = toks[1].text;
  if (!LOWER_OR_DIGIT.test(next) || functionWords.has(toks[1].key) || STATEMENT_VERB.test(next)) return found;
  const first = toks[0];
  const kept = found.filter((m) => !(m.tokens.length === 1 && m.start === first.start));
  return kept.length === found.length ? found : kept;
}
