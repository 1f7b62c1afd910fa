/**
 * A company's first word standing alone is that company. An article that
 * writes an organisation's name with a legal form before or after it, or with
 * a word only company names end with (`Bryson Oil and Gas Plc`, `PT Adaro
 * Indonesia`, `Shanda Interactive Entertainment`;
 * `src/lang/<lang>/ner-company-words.txt`) usually shortens it to its first
 * word (`Bryson said its board ...`, `Adaro sudah membayar`), which the
 * tagger, seeing a surname, often typed a person. Such a person mention
 * becomes an organisation, unless the word is on one of the tagger's place
 * lists (`Texas` of `Texas Instruments Inc`, `Berau` of `PT Berau Coal`), is
 * part of a person's full name in the article (`Ford` beside `Harrison Ford`),
 * or the article also writes it in lower case. A place the tagger saw stays a
 * place: companies are often named after one (`Sabah Electricity Sdn Bhd`),
 * and in 300 Malaysian, 300 BBC and 300 Reuters articles turning such places
 * into companies was right 13 times and wrong 10; turning people was right 12
 * times in 13. A name the tagger typed a person that ends with a company word
 * or legal form is the company (`Lehman Brothers`, `Kim Eng Securities`).
 */
import { isCapitalised } from './certain.js';
import { mentionKey, type Mention } from './mention.js';
import type { Gazetteer } from './gazetteer.js';
import type { LangResources } from './resources.js';
import type { LinearTagger } from './tagger/index.js';
import { LIST_GROUP } from './tagger/lists.js';
import { tokenize, type Token } from './tokens.js';
import { wordSet } from './word-lists.js';

/** The language's company words (empty without a list). */
export function companyWords(language: 'id' | 'en'): Set<string> {
  return wordSet(language, 'ner-company-words.txt');
}

/**
 * Retypes (in place) the lone first words of the article's company names as
 * organisations. `isPlace(key)` says whether a word is on a place list.
 */
export function companyFirstWords(mentions: Mention[], tokens: readonly (readonly Token[])[], words: ReadonlySet<string>, res: LangResources, isPlace: (key: string) => boolean): void {
  if (words.size === 0 && res.legalPrefixes.size === 0) return;
  const firsts = new Set<string>();
  for (const m of mentions) {
    const n = m.tokens.length;
    if (n < 2 || (m.type !== 'PERSON' && m.type !== 'ORGANIZATION')) continue;
    let lead = 0;
    while (lead < n - 1 && res.legalPrefixes.has(m.tokens[lead].key)) lead++;
    let last = m.tokens[n - 1];
    if (last.text === '.' && n > 2) last = m.tokens[n - 2];
    const lastKey = last.key.endsWith('.') ? last.key.slice(0, -1) : last.key;
    const companyEnd = words.has(lastKey) || res.legalSuffixes.has(lastKey) || res.legalSuffixes.has(last.key);
    if (m.type === 'PERSON') {
      // no person's name ends with a company word (`Lehman Brothers`, `Kim Eng Securities`)
      if (!companyEnd || m.sure) continue;
      m.type = 'ORGANIZATION';
      m.source = 'coref';
      m.entry = undefined;
    }
    if (!companyEnd && lead === 0) continue;
    const head = m.tokens[lead];
    if (!isCapitalised(head) || head.text.length < 2 || res.functionWords.has(head.key) || words.has(head.key) || res.orgStarts.has(head.key)) continue;
    firsts.add(head.key);
  }
  if (firsts.size === 0) return;
  const personParts = new Set<string>();
  for (const m of mentions) if (m.type === 'PERSON' && m.tokens.length >= 2) for (const t of m.tokens) personParts.add(t.key);
  for (const key of firsts) if (personParts.has(key) || isPlace(key)) firsts.delete(key);
  if (firsts.size === 0) return;
  for (const toks of tokens) for (const t of toks) if (firsts.has(t.key) && !isCapitalised(t)) firsts.delete(t.key);
  for (const m of mentions) {
    if (m.sure || m.type !== 'PERSON' || m.tokens.length !== 1 || !firsts.has(mentionKey(m))) continue;
    m.type = 'ORGANIZATION';
    m.source = 'coref';
    m.entry = undefined;
  }
}

/** Bits of the tagger's place lists (country, province, regency, city, place, region, known location). */
const PLACE_BITS = LIST_GROUP.reduce((bits, group, l) => (group === 0 ? bits | (1 << l) : bits), 0);

/** Whether a one-word name is a place on the tagger's lists or a place of the gazetteer. */
export function placeWordTest(tagger: LinearTagger | null, gaz: Gazetteer): (key: string) => boolean {
  return (key) => {
    const node = tagger?.space.lists?.first(key);
    if (node && node.lists & PLACE_BITS) return true;
    const hit = gaz.match(tokenize(key), 0);
    return hit !== undefined && hit !== null && hit.length === 1 && hit.entry.type === 'LOCATION';
  };
}
