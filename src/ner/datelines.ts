/**
 * Names a news text writes in fixed places rather than in running prose: the
 * dateline at the start of a sentence (`WARTAWIRE, Jakarta –`, `SAITAMA, Japan
 * (AP) —`) and web names (`Kompas.com`, `TRIBUN-TIMUR.COM`). These rules'
 * names win over every mention they overlap (`document.ts`).
 */
import { isCapitalised } from './certain.js';
import type { Gazetteer } from './gazetteer.js';
import type { Token } from './tokens.js';

const DASHES = new Set(['-', '–', '—']);

/** Three characters or more, a cased letter among them and no lower-case one (`JAKARTA`, `WARTAWIRE`). */
function isUpperWord(text: string): boolean {
  if (text.length < 3) return false;
  let cased = false;
  // char by char: called for the first tokens of every sentence, where a case-mapped copy of each was a cost
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) cased = true;
    else if (c > 127) {
      const ch = text[i];
      if (ch !== ch.toUpperCase()) return false;
      if (ch !== ch.toLowerCase()) cased = true;
    }
  }
  return cased;
}

/** A dateline name: token range [a, b) and its type. */
export type DatelineName = [a: number, b: number, type: 'LOCATION' | 'ORGANIZATION'];

/**
 * The names of a dateline at the start of a sentence. `WARTAWIRE, Jakarta –`:
 * an upper-case word that is no place, before `, <place> –`, is the news
 * agency; `SAITAMA, Japan (AP) —`: an upper-case place before `, <place>` is
 * the dateline city; the name in parentheses before the dash after a place is
 * the agency (`SAITAMA, Japan (AP) —`, `SHARJAH (WartaWire) —`).
 */
export function datelineNames(gaz: Gazetteer, toks: readonly Token[]): DatelineName[] {
  const out: DatelineName[] = [];
  for (let a = 0; a + 3 < toks.length && a < 4; a++) {
    if (toks[a + 1].text === ',' && isUpperWord(toks[a].text)) {
      const m = gaz.match(toks, a + 2);
      if (m && m.entry.type === 'LOCATION') {
        const self = gaz.match(toks, a, a + 1);
        if (self && self.entry.type === 'LOCATION') out.push([a, a + 1, 'LOCATION']);
        else if (DASHES.has(toks[a + 2 + m.length]?.text ?? '')) out.push([a, a + 1, 'ORGANIZATION']);
      }
    }
    if (a >= 1 && toks[a].text === '(' && (isUpperWord(toks[a - 1].text) || gaz.match(toks, a - 1, a)?.entry.type === 'LOCATION')) {
      let b = a + 1;
      while (b < toks.length && toks[b].text !== ')' && b - a <= 4) b++;
      if (b > a + 1 && toks[b]?.text === ')' && DASHES.has(toks[b + 1]?.text ?? '')) out.push([a + 1, b, 'ORGANIZATION']);
    }
  }
  return out;
}

/**
 * A capitalised web name (`Kompas.com`, `Liputan6.com`, `Detik.co.id`, `AKURAT.CO`,
 * `Malaymail.com.my`): an outlet or site. Outlets write their domain in capitals
 * too (`TEMPO.CO`, `TRIBUNNEWS.COM`).
 */
const WEB_NAME_RE = /^\p{L}[\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|id|co|my|sg|asia|io|uk|tv|news|info)$/iu;

/**
 * The token ranges `[a, b)` that are web names, always an organisation (an outlet, a company's
 * site). A name the tokenizer split at a hyphen is taken whole (`TRIBUN-TIMUR.COM`).
 */
export function webNames(toks: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i].text;
    if (t.length < 6 || !isCapitalised(toks[i]) || !t.includes('.') || !WEB_NAME_RE.test(t)) continue;
    let a = i;
    while (a >= 2 && toks[a - 1].text === '-' && toks[a - 1].end === toks[a].start && toks[a - 2].end === toks[a - 1].start && isCapitalised(toks[a - 2])) a -= 2;
    out.push([a, i + 1]);
  }
  return out;
}
