/**
 * A ministry's name often lists its portfolios with commas (`Kementerian
 * Perdagangan Dalam Negeri, Koperasi dan Kepenggunaan`, `Kementerian Desa,
 * Pembangunan Daerah Tertinggal, dan Transmigrasi`); the tagger ends the name
 * at the first comma and may make the rest an organisation of its own. Over the
 * 4,271 Indonesian and 5,757 Malaysian articles of the unlabelled news such
 * names were cut in about 150 articles (`Koperasi dan Kepenggunaan` an
 * organisation in 59 of 3,000 Malaysian ones); the training splits hold none.
 *
 * The name goes on over the portfolios when they end with `dan` and a last
 * one: each portfolio one to four capitalised common words (words the news
 * writes in lower case at least one time in ten, or never showed), never a
 * title, an acronym, a function word or the head of another body
 * (`Kementerian Pendidikan, Universiti Putra Malaysia dan Universiti Malaya`
 * and `Kementerian Luar Negeri, Kementerian Pertahanan dan TNI` are lists of
 * bodies). The last portfolio may also hold a word the news always
 * capitalises if no name list knows it (`Transmigrasi`), never a listed name
 * (`Kementerian Perhubungan, Basarnas dan Polri`).
 */
import { isAcronymText, isCapitalised, tokenIndex } from './certain.js';
import { shapeMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import type { Token } from './tokens.js';
import { wordSet } from './word-lists.js';

/** What the rule asks of the tagger's lexicons: news capitalisation classes and name lists. */
export interface PortfolioLexicon {
  /** `l`, `m`, `M`, `c` (lower case … capitalised nine times in ten), undefined when unseen. */
  caseOf(key: string): string | undefined;
  /** Whether a name list holds a name starting with this word. */
  isListed(key: string): boolean;
}

const MAX_PORTFOLIO_WORDS = 4;
/** The most portfolios a ministry lists (`Kebajikan, Kesejahteraan Komuniti, Wanita, Keluarga dan Pembangunan Kanak-Kanak`). */
const MAX_PORTFOLIOS = 5;
const WORD = /^[\p{L}][\p{L}'’-]*$/u;

/** The language's ministry head words (`kementerian`), from `src/lang/<lang>/ner-ministries.txt`. */
export function ministryHeads(language: 'id' | 'en'): ReadonlySet<string> {
  return wordSet(language, 'ner-ministries.txt');
}

function portfolioWord(t: Token, last: boolean, res: LangResources, lex: PortfolioLexicon): boolean {
  if (!isCapitalised(t) || !WORD.test(t.text) || isAcronymText(t.text)) return false;
  const k = t.key;
  if (res.functionWords.has(k) || res.titleWords.has(k)) return false;
  const cased = lex.caseOf(k);
  if (cased !== 'c') return true;
  return last && !lex.isListed(k);
}

/** A head of bodies (`Koperasi`, `Dinas`): a portfolio only as a word of its own (`Koperasi dan Kepenggunaan`). */
function bodyHead(t: Token, res: LangResources): boolean {
  return res.orgStarts.has(t.key) || res.nameHeads.has(t.key);
}

/**
 * Extends each ministry's mention over the portfolios listed after it (see the
 * module comment); mentions inside the extension are dropped. Returns the list
 * (the same array when nothing changed).
 */
export function ministryPortfolios(mentions: Mention[], toks: readonly Token[], heads: ReadonlySet<string>, res: LangResources, lex: PortfolioLexicon): Mention[] {
  if (heads.size === 0) return mentions;
  let out: Mention[] | null = null;
  for (const m of mentions) {
    if (m.type !== 'ORGANIZATION' || !heads.has(m.tokens[0].key) || !isCapitalised(m.tokens[0])) continue;
    const first = tokenIndex(toks, m.tokens[0]);
    const last = tokenIndex(toks, m.tokens[m.tokens.length - 1]);
    if (first < 0 || last < 0) continue;
    const end = portfoliosEnd(toks, last + 1, heads, res, lex);
    if (end < 0) continue;
    const stop = toks[end - 1].end;
    const extended = shapeMention({ ...m, end: stop, tokens: toks.slice(first, end), source: 'rule', sure: true, score: 1, entry: undefined, key: undefined });
    const base: Mention[] = out ?? mentions;
    out = base.filter((o) => o !== m && !(o.start >= m.start && o.start < stop));
    out.push(extended);
    out.sort((a, b) => a.start - b.start);
  }
  return out ?? mentions;
}

/**
 * Token index just past the last portfolio when toks[at] starts a list of
 * them that ends with `dan` and a last portfolio; -1 otherwise.
 */
function portfoliosEnd(toks: readonly Token[], at: number, heads: ReadonlySet<string>, res: LangResources, lex: PortfolioLexicon): number {
  if (toks[at]?.text !== ',') return -1;
  let j = at;
  for (let portfolios = 1; portfolios <= MAX_PORTFOLIOS; portfolios++) {
    let joined = false;
    if (toks[j]?.text === ',') j++;
    if (toks[j]?.key === 'dan') {
      joined = true;
      j++;
    }
    const k = portfolioEnd(toks, j, joined, heads, res, lex);
    if (k < 0) return -1;
    if (joined) return k;
    j = k;
    if (toks[j]?.text !== ',' && toks[j]?.key !== 'dan') return -1;
  }
  // a longer list is one of bodies written short (`Kementerian Kewangan, Ekonomi, Kesihatan, …`)
  return -1;
}

/** Token index just past the portfolio starting at toks[j] (`last`: after `dan`), or -1. */
function portfolioEnd(toks: readonly Token[], j: number, last: boolean, heads: ReadonlySet<string>, res: LangResources, lex: PortfolioLexicon): number {
  const first = toks[j];
  if (first === undefined || heads.has(first.key) || res.functionWords.has(first.key)) return -1;
  if (bodyHead(first, res)) {
    // a body's head stands alone in its portfolio, or this is a list of bodies (`Dinas Kesehatan`)
    const next = toks[j + 1];
    return portfolioWord(first, last, res, lex) && !(next !== undefined && isCapitalised(next) && WORD.test(next.text)) ? j + 1 : -1;
  }
  let k = j;
  let words = 0;
  while (k < toks.length && words < MAX_PORTFOLIO_WORDS) {
    const t = toks[k];
    // a capitalised function word inside a portfolio belongs to it (`Alam Sekitar`)
    if (bodyHead(t, res) || !(portfolioWord(t, last, res, lex) || (k > j && isCapitalised(t) && res.functionWords.has(t.key) && WORD.test(t.text)))) break;
    k++;
    words++;
    // a hyphenated word is written as three tokens (`Kanak-Kanak`)
    const dash = toks[k];
    const after = toks[k + 1];
    if (dash?.text === '-' && after !== undefined && dash.start === toks[k - 1].end && after.start === dash.end && WORD.test(after.text)) k += 2;
  }
  return k === j ? -1 : k;
}
