/**
 * Where an English tagger mention cannot run on. The tagger learned its
 * spans from newswire and Wikipedia that never glue two names with a comma or
 * a bracket; on other news it does (`Kosmo, Utusan`, `School of
 * Communication, School of Art`, `Utusan Melayu (M`, `MC>, <Mitsubishi Corp`)
 * and carries a sentence's full stop (`Halimah Ali.`, `Federation.`). A
 * mention is cut:
 *
 * - at a bracket without its partner inside the mention, and at `<`, `>`, `[`,
 *   `]` (no name holds one; `Yamaichi International (Europe) Ltd` keeps its pair),
 *   at a double quote without its partner (`“Tommy” Djiwandono` of `Thomas
 *   “Tommy” Djiwandono`, where the tagger started at the nickname; six gold
 *   names in the training splits hold a quoted nickname, always paired),
 *   and around an alias in brackets that a connector follows (`Crown
 *   Prosecution Service (CPS) and Association of Chief Police Officers`);
 * - at a comma, unless a connector follows the next word inside the mention
 *   (`Coffee, Sugar and Cocoa Exchange`, `Department for Culture, Media and
 *   Sport`: every gold name of the English training splits with a comma and a
 *   connector has one word between them, so `Malindo Air, Qatar Airways and
 *   Royal Brunei Airlines` is three names, cut at the comma and the `and`), a
 *   legal form, a generational suffix or a dotted abbreviation follows it
 *   (`CBS, Inc.`, `Ross Bagdasarian, Sr`, `Washington, D.C.`), or one word
 *   stands before it in a company's name (`Goldman, Sachs and Co`). In the
 *   English training splits 31 gold names of 28,024 hold a comma; all but 5
 *   (`Sarah, Duchess of York`, place-and-region pairs the tweets annotate as one,
 *   `Harcourt, D`) keep theirs under these exceptions.
 * - before a final full stop that ends no abbreviation: the stop of `U.S.`,
 *   `Inc.`, `Calif.`, `Jr.` or an initial stays (`src/lang/en/abbreviations*.txt`,
 *   `ner-legal-forms.txt`).
 *
 * The pieces keep the mention's type; each is trimmed as a tagger mention is
 * (function words, leading lower-case words) and kept when it starts with a
 * capital or digit and is more than one letter (`(M)` of `George Kent (M) Bhd`).
 */
import { isAcronymText, isCapitalised, sureEntryOf, trimMention } from './certain.js';
import type { Gazetteer } from './gazetteer.js';
import { sliceMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import type { Token } from './tokens.js';
import { readWordList } from '../lang/data.js';

const ALWAYS_BREAK = new Set(['<', '>', '[', ']', '{', '}', '|']);
const CONNECTORS = new Set(['and', '&']);
const DOUBLE_QUOTES = new Set(['"', '“', '”']);
/** One-character tokens at which a mention may break (brackets, quotes, a comma, a full stop). */
const BREAK_CHARS = new Set(['<', '>', '[', ']', '{', '}', '|', '(', ')', ',', '.', '"', '“', '”']);
const GENERATIONAL = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
const DIGIT_START_RE = /^\p{N}/u;

let stopWords: Set<string> | undefined;

/** Words whose full stop belongs to them (lower case, without the stop): abbreviations and legal forms. */
function abbreviations(): Set<string> {
  if (stopWords) return stopWords;
  const words = new Set<string>();
  for (const file of ['abbreviations.txt', 'abbreviations-terminal.txt', 'abbreviations-ambiguous.txt', 'abbreviations-numeric.txt']) {
    for (const w of readWordList('en', file)) words.add(w.toLowerCase());
  }
  for (const form of readWordList('en', 'ner-legal-forms.txt')) {
    if (form.startsWith('… ')) words.add(form.slice(2).replace(/\.$/, '').toLowerCase());
  }
  return (stopWords = words);
}

/** Whether a full stop right after `t` belongs to it: an initial, a dotted abbreviation, a listed one. */
function ownsStop(t: Token): boolean {
  if (t.text.length === 1 || t.text.includes('.')) return true;
  return abbreviations().has(t.key);
}

/** The first connector after the comma at tokens[k] and before the next comma, or -1. */
function connectorAfter(tokens: readonly Token[], k: number): number {
  for (let j = k + 1; j < tokens.length; j++) {
    if (tokens[j].text === ',') return -1;
    if (CONNECTORS.has(tokens[j].key)) return j;
  }
  return -1;
}

/** Whether the comma at tokens[k] stays inside the name (see the module comment). */
function commaStays(tokens: readonly Token[], k: number, from: number, res: LangResources): boolean {
  const next = tokens[k + 1];
  if (!next) return false;
  // a one-word item before the connector (`Alcohol, Tobacco and Firearms`), not a list of names
  // (`Malindo Air, Qatar Airways and Royal Brunei Airlines`)
  if (connectorAfter(tokens, k) === k + 2) return true;
  const bare = next.key.endsWith('.') ? next.key.slice(0, -1) : next.key;
  if (res.legalSuffixes.has(next.key) || res.legalSuffixes.has(bare) || GENERATIONAL.has(next.key)) return true;
  if ((next.text.includes('.') && next.text.length <= 6) || abbreviations().has(bare)) return true;
  const last = tokens[tokens.length - 1].key;
  const lastBare = last === '.' && tokens.length > 1 ? tokens[tokens.length - 2].key : last;
  return k - from === 1 && res.legalSuffixes.has(lastBare);
}

/** Whether the mention holds a token it may break at: most hold none, and allocate nothing here. */
function mayBreak(tokens: readonly Token[]): boolean {
  if (tokens.length < 2) return false;
  for (const t of tokens) if (t.text.length === 1 && BREAK_CHARS.has(t.text)) return true;
  return false;
}

/** Token ranges [a, b) of the mention between its breaks. */
function pieces(tokens: readonly Token[], res: LangResources): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // partners of each bracket inside the mention
  const open: number[] = [];
  const unmatched = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.text === '(') open.push(i);
    else if (t.text === ')') {
      const o = open.pop();
      if (o === undefined) unmatched.add(i);
      else if (i + 1 < tokens.length && CONNECTORS.has(tokens[i + 1].key)) {
        // `Crown Prosecution Service (CPS) and Association of ...`: the alias closes the first name
        unmatched.add(o);
        unmatched.add(i);
      }
    }
  });
  for (const i of open) unmatched.add(i);
  // double quotes pair up inside a name (`Rubin "Hurricane" Carter`); one alone closes or opens a quote around it
  const quotes: number[] = [];
  tokens.forEach((t, i) => {
    if (DOUBLE_QUOTES.has(t.text)) quotes.push(i);
  });
  if (quotes.length % 2 === 1) for (const i of quotes) unmatched.add(i);
  let from = 0;
  // the connector that ends a list of names cut at its commas separates its last two (`…, Qatar Airways and Royal Brunei Airlines`)
  let listEnd = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k].text;
    let cut = k === listEnd || unmatched.has(k) || ALWAYS_BREAK.has(t);
    if (!cut && t === ',' && !commaStays(tokens, k, from, res)) {
      cut = true;
      listEnd = connectorAfter(tokens, k);
    }
    if (cut) {
      if (k > from) out.push([from, k]);
      from = k + 1;
    }
  }
  let b = tokens.length;
  if (b - from >= 2 && tokens[b - 1].text === '.' && !ownsStop(tokens[b - 2])) b--;
  if (b > from) out.push([from, b]);
  return out;
}

/**
 * The sentence's tagger mentions cut at their breaks (sorted, as given). A
 * piece that is a certain-list name takes that entry, as a whole mention does.
 */
export function cutAtBreaks(found: Mention[], res: LangResources, gaz: Gazetteer, first: Token | undefined): Mention[] {
  let out: Mention[] | undefined;
  for (let q = 0; q < found.length; q++) {
    const m = found[q];
    if (m.source !== 'model' || !mayBreak(m.tokens)) {
      out?.push(m);
      continue;
    }
    const parts = pieces(m.tokens, res);
    if (parts.length === 1 && parts[0][0] === 0 && parts[0][1] === m.tokens.length) {
      out?.push(m);
      continue;
    }
    out ??= found.slice(0, q);
    for (const [a, b] of parts) {
      const piece = sliceMention(m, a, b);
      if (!trimMention(piece, res, first)) continue;
      const head = piece.tokens[0];
      if (!isCapitalised(head) && !isAcronymText(head.text) && !DIGIT_START_RE.test(head.text)) continue;
      // a lone letter left of `George Kent (M) Bhd`, `PHILLIPS <P>`
      if (piece.tokens.length === 1 && head.text.length === 1) continue;
      const entry = sureEntryOf(gaz, piece);
      if (entry) Object.assign(piece, { type: entry.type, entry, sure: true, source: 'gazetteer', score: 1 });
      out.push(piece);
    }
  }
  return out ?? found;
}
