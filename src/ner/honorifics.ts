/**
 * Honorifics before a person's name (`Tan Sri`, `Datuk Seri`, `Dato'`, and the
 * `Dr`, `Haji` that follow them; `src/lang/<lang>/ner-honorifics.txt`) stay
 * outside the name, as every title does: Malaysian English news writes them
 * before most officials' names, and the English tagger, which never saw one in
 * its training splits, took them in (`Datuk Seri Najib Razak`, `Tan Sri Musa
 * Hassan`: 150 person mentions in 300 Malaysian articles). A person mention
 * loses as many as lead it when a capitalised name of two letters or more
 * is left (`Tun M` stays whole). Mentions of other types keep theirs: honours
 * and orders are written so too (`Dato Setia Diraja Kedah`). A title inside the name is part of it
 * (`Najib Tun Razak`). Runs after the given-name rule, which would otherwise
 * put `Sri` of `Tan Sri` back.
 */
import { isCapitalised } from './certain.js';
import { shapeMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import { phraseList, type PhraseList } from './word-lists.js';

function words(s: string): string[] {
  // `Dato'` → `dato`: the apostrophe is its own token, skipped when matching
  return s.toLowerCase().replace(/['’]/g, ' ').split(/\s+/).filter(Boolean);
}

/**
 * The honorifics as lower-case words joined by spaces. Malaysian honorifics are the same in
 * English, Malay and Indonesian news (`Datuk Seri Anwar Ibrahim`), so one list serves both
 * taggers: Malay news goes to the Indonesian one, where `Tun` and `Datuk` alone were among the
 * most frequent people of 1,500 Malaysian articles. The Indonesian training splits write the
 * academic titles outside the name too (`Dr` 3 times inside a gold name, 12 before one).
 */
export function honorifics(): PhraseList {
  return phraseList('en', 'ner-honorifics.txt', words);
}

const APOSTROPHE = /^['’]$/;

/** Number of tokens of the longest honorific starting at tokens[i] (apostrophes counted, not matched), or 0. */
function honorificAt(m: Mention, i: number, list: PhraseList): number {
  if (i >= m.tokens.length) return 0;
  const first = m.tokens[i].key;
  if (!list.firsts.has(first) && !(first.endsWith('.') && list.firsts.has(first.slice(0, -1)))) return 0;
  let key = '';
  let n = 0;
  let best = 0;
  for (let j = i; j < m.tokens.length && n < list.longest; j++) {
    const t = m.tokens[j];
    if (APOSTROPHE.test(t.text)) {
      if (best === j - i) best = j - i + 1; // `Dato'`: the apostrophe goes with it
      continue;
    }
    if (!isCapitalised(t)) break;
    key += (n > 0 ? ' ' : '') + (t.key.endsWith('.') ? t.key.slice(0, -1) : t.key);
    n++;
    if (list.phrases.has(key) || list.phrases.has(key + '.')) best = j - i + 1;
    if (!list.prefixes.has(key) && !list.prefixes.has(key + '.')) break;
  }
  return best;
}

/**
 * The sentence's mentions with leading honorifics removed from people's names;
 * a mention that is nothing but honorifics (`TAN SRI` over a list entry) is
 * dropped, since the article-wide pass would spread it to every title.
 */
export function dropHonorifics(found: Mention[], list: PhraseList, res: LangResources): Mention[] {
  if (list.phrases.size === 0) return found;
  let dropped = false;
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    if (m.type !== 'PERSON' || m.source === 'gazetteer') continue;
    let cut = 0;
    for (let L = honorificAt(m, 0, list); L > 0 && cut < m.tokens.length; L = honorificAt(m, cut, list)) cut += L;
    if (cut === 0) continue;
    if (cut >= m.tokens.length) {
      if (m.type === 'PERSON') {
        found[k] = undefined as unknown as Mention;
        dropped = true;
      }
      continue;
    }
    const rest = m.tokens.slice(cut);
    const head = rest[0];
    if (!isCapitalised(head) || res.functionWords.has(head.key) || !rest.some((t) => t.text.length >= 2 && isCapitalised(t))) continue;
    if (rest.length === 1 && head.text.length < 2) continue;
    found[k] = shapeMention({ ...m, tokens: rest, start: head.start, key: undefined, entry: undefined });
  }
  return dropped ? found.filter((m) => m !== undefined) : found;
}
