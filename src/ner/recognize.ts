/**
 * Rule-based mention candidates for one sentence: capitalised token runs,
 * split and typed by gazetteers, titles, cue words and context. Language
 * specific lists come from `resources.ts`; the logic is shared by Indonesian
 * and English (English candidates are merged with compromise's in `english.ts`).
 */
import type { EntityType } from '../doc.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { isAffixedWord, type LangResources } from './resources.js';
import type { Token } from './tokens.js';

/** How sure a candidate's type is: decides conflicts with the model and within the document. */
export const enum Strength {
  /** Default guess (unknown capitalised name → PERSON) or weak context (`di X` → LOCATION). */
  Guess = 1,
  /** A context cue: a title before it, a reporting verb, an organisation suffix, a world-city match. */
  Cue = 2,
  /** A gazetteer entry (country, province, curated organisation, user list) or a cue word inside the name. */
  Sure = 3,
}

export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  strength: Strength;
  source: 'gazetteer' | 'rule' | 'model' | 'coref';
  entry?: GazetteerEntry;
  /** Only kept when the rest of the document confirms it (sentence-initial or headline words). */
  doubtful?: boolean;
  /** Tokens of the candidate, for the document pass. */
  tokens: Token[];
  sentence: number;
  /** Leading lowercase cue token count (`kota Pati`): the canonical name skips them. */
  cueTokens?: number;
  /** A person cue (title, reporting verb) stood right before it. */
  personCue?: boolean;
  /** Cached normalised key (see `normKey` in document.ts). */
  key?: string;
}

export interface RecognizerContext {
  gaz: Gazetteer;
  res: LangResources;
  roots: Set<string>;
  /** Lower-case forms seen in lower case somewhere in the document. */
  lowerVocab: Set<string>;
  language: 'id' | 'en';
}

const PARTICLES = new Set(['bin', 'binti', 'bt', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'dos', 'du', 'la', 'le', 'al', 'el', 'ibn', 'no', 'of', 'the', 'y', 'ter']);
const ORG_JOINERS = new Set(['dan', '&', 'and', 'untuk', 'for']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«', '-', '–', '—', ':', '/']);
/** English sentence-initial words with these endings are verbs or adverbs (`Speaking`, `Asked`, `Separately`). */
const EN_COMMON_SUFFIX_RE = /^[a-z]{3,}(?:ing|ed|ly)$/;
const ROMAN_RE = /^(?:[IVX]+|\d+[A-Za-z]?)$/;
const STRONG_KINDS = new Set(['user', 'organization', 'place', 'country', 'province', 'regency']);

export function isCapitalised(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = t.text[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLowerWord(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = t.text[0];
  return ch !== ch.toUpperCase();
}

export function isAcronym(t: Token): boolean {
  const s = t.text;
  if (s.length < 2 || s.length > 8) return false;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (!(c >= 48 && c <= 57) && c !== 45) return false;
  }
  return letters >= 2;
}

function isWordToken(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && t.text.length > 0 && /[\p{L}\p{N}]/u.test(t.text[0]));
}

/**
 * Candidates of one sentence. `toks` are the sentence's tokens; `titleCase`
 * marks headline-style sentences, whose unknown runs are all doubtful.
 */
export function recognizeSentence(ctx: RecognizerContext, toks: Token[], sentence: number, titleCase: boolean): Candidate[] {
  const { res, gaz } = ctx;
  const out: Candidate[] = [];
  const n = toks.length;
  let firstWord = 0;
  while (firstWord < n && !isWordToken(toks[firstWord])) firstWord++;

  let i = 0;
  while (i < n) {
    const t = toks[i];
    // lowercase location cue followed by a capitalised name: `kota Pati`, `desa Kemu`
    if (isLowerWord(t) && ctx.language === 'id') {
      const cl = res.locCues.match(toks, i);
      const country = cl > 0 ? gaz.match(toks, i + cl) : undefined;
      if (
        cl > 0 &&
        i + cl < n &&
        isCapitalised(toks[i + cl]) &&
        !res.functionWords.has(toks[i + cl].key) &&
        !(i > 0 && toks[i - 1].key === 'ibu') &&
        !(country && country.entry.kind === 'country')
      ) {
        const end = collectRun(ctx, toks, i + cl, false);
        const m = gaz.match(toks, i + cl, end);
        out.push(makeCandidate(toks, i, end, 'LOCATION', Strength.Sure, 'rule', sentence, m && m.length === end - i - cl ? m.entry : undefined, cl));
        i = end;
        continue;
      }
    }
    if (!isCapitalised(t) && !(t.key.startsWith('al-') && t.text.length > 3)) {
      i++;
      continue;
    }
    const end = collectRun(ctx, toks, i, titleCase);
    if (end === i) {
      i++;
      continue;
    }
    segment(ctx, toks, i, end, sentence, firstWord, titleCase, out);
    i = end;
  }
  return out;
}

/** End (exclusive) of the capitalised run starting at `a`. */
function collectRun(ctx: RecognizerContext, toks: Token[], a: number, titleCase: boolean): number {
  const { res } = ctx;
  const n = toks.length;
  const orgRun = res.orgCues.match(toks, a) > 0;
  let cuedRun = orgRun || res.locCues.match(toks, a) > 0;
  let j = a;
  while (j < n) {
    const t = toks[j];
    if (isCapitalised(t) || (t.key.startsWith('al-') && t.text.length > 3)) {
      if (j > a && res.functionWords.has(t.key) && !titleCase) break;
      if (!cuedRun && j > a && (res.orgCues.match(toks, j) > 0 || res.locCues.match(toks, j) > 0)) cuedRun = true;
      j++;
      continue;
    }
    if (j === a) break;
    const next = toks[j + 1];
    const nextCap = next !== undefined && isCapitalised(next);
    // name particles: bin, van, von, de, al, no (Minamoto no Yoritomo), `of the`
    if (PARTICLES.has(t.key) && isLowerWord(t)) {
      let k = j + 1;
      while (k < n && k < j + 3 && PARTICLES.has(toks[k].key) && isLowerWord(toks[k])) k++;
      if (k < n && isCapitalised(toks[k]) && (nextCap || k > j + 1)) {
        j = k;
        continue;
      }
    }
    // initials: `Stephen R. Covey`
    if (t.text === '.' && nextCap && toks[j - 1].text.length === 1 && isCapitalised(toks[j - 1]) && toks[j - 1].end === t.start) {
      j++;
      continue;
    }
    // numbers inside cued names: `SMA Negeri 4 Yogyakarta`, `Jalan Mahakam 1`
    if (cuedRun && ROMAN_RE.test(t.text) && nextCap) {
      j++;
      continue;
    }
    // `Securities and Exchange Commission`: a joiner inside a name that ends like an organisation
    if (!orgRun && nextCap && (t.key === 'and' || t.key === '&' || t.key === 'dan')) {
      let k = j + 1;
      while (k < n && isCapitalised(toks[k])) k++;
      if (res.orgSuffixes.has(toks[k - 1].key)) {
        j = k;
        continue;
      }
    }
    // `Kementerian Pendidikan dan Kebudayaan`
    if (orgRun && nextCap && ORG_JOINERS.has(t.key) && res.orgCues.match(toks, j + 1) === 0 && res.locCues.match(toks, j + 1) === 0 && !ctx.gaz.match(toks, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  // do not end on a joiner or a dot
  while (j > a && (toks[j - 1].text === '.' || ORG_JOINERS.has(toks[j - 1].key) || PARTICLES.has(toks[j - 1].key))) j--;
  return j;
}

function makeCandidate(
  toks: Token[],
  a: number,
  b: number,
  type: EntityType,
  strength: Strength,
  source: Candidate['source'],
  sentence: number,
  entry?: GazetteerEntry,
  cueTokens = 0,
): Candidate {
  return { start: toks[a].start, end: toks[b - 1].end, type, strength, source, entry, tokens: toks.slice(a, b), sentence, cueTokens };
}

function precededByPersonCue(ctx: RecognizerContext, toks: Token[], a: number): boolean {
  for (let k = Math.max(0, a - 3); k < a; k++) {
    if (ctx.res.personCues.match(toks, k, a) === a - k) return true;
  }
  // `presiden Xi`, `Drs. Ahmad`, `H. Sujono`
  let e = a;
  if (e > 0 && toks[e - 1].text === '.') e--;
  for (let k = Math.max(0, e - 3); k < e; k++) {
    if (ctx.res.titles.match(toks, k, e) === e - k) return true;
  }
  return false;
}

/** Splits the run [a, b) into mentions. */
function segment(
  ctx: RecognizerContext,
  toks: Token[],
  a: number,
  b: number,
  sentence: number,
  firstWord: number,
  titleCase: boolean,
  out: Candidate[],
): void {
  const { res, gaz } = ctx;
  let pos = a;
  let personCue = precededByPersonCue(ctx, toks, a);
  const initial = a === firstWord || (a > 0 && OPENERS.has(toks[a - 1].text));

  while (pos < b) {
    const t = toks[pos];
    // function words: `Dalam`, `Hal`, `Menurut` (a person cue), `Ia`
    if (res.functionWords.has(t.key) && !isAcronym(t)) {
      if (res.personCues.match(toks, pos, b) > 0) personCue = true;
      pos++;
      continue;
    }
    // what the lists say about the words from here (each looked up once)
    const m = gaz.match(toks, pos, b);
    const tl = res.titles.match(toks, pos, b);
    const orgCue = res.orgCues.match(toks, pos, b);
    const locCue = res.locCues.match(toks, pos, b);
    // titles and roles: `Presiden`, `Pemimpin Besar`, `Menteri Perhubungan`
    // a sentence-initial ordinary word before a name: `Penyidik KPK`, `Karier Cruyff`
    if (pos === a && initial && b - pos > 1 && !m && tl === 0 && orgCue === 0 && locCue === 0 && isDoubtfulInitial(ctx, toks, pos, pos + 1, true)) {
      pos++;
      continue;
    }
    // a title later in the run: `Chinese President Xi Jinping`: what precedes is a place or an adjective
    if (ctx.language === 'en' && tl === 0) {
      let p = pos + 1;
      while (p < b && res.titles.match(toks, p, b) === 0) p++;
      if (p < b && p + res.titles.match(toks, p, b) < b) {
        const g = gaz.match(toks, pos, p);
        if (g && pos + g.length === p) out.push(makeCandidate(toks, pos, p, g.entry.type, Strength.Sure, 'gazetteer', sentence, g.entry));
        pos = p;
        continue;
      }
    }
    if (t.key === 'ibu' && toks[pos + 1]?.key === 'kota') {
      pos += 2;
      continue;
    }
    // common words before an organisation or place cue: `Kantor Kecamatan Talang`, `Program Pascasarjana Institut Pertanian Bogor`
    // (or before a name from a list: `Saham Sinar Laut`)
    if (
      ctx.language === 'id' &&
      b - pos > 1 &&
      tl === 0 &&
      orgCue === 0 &&
      locCue === 0 &&
      !m
    ) {
      const anchor = (q: number): boolean => {
        if (res.orgCues.match(toks, q, b) > 0 || res.locCues.match(toks, q, b) > 0) return q < b - 1;
        const g = gaz.match(toks, q, b);
        return g !== undefined && STRONG_KINDS.has(g.entry.kind);
      };
      let p = pos;
      let affixed = false;
      while (p < b - 1 && isCommonWord(ctx, toks[p].key) && res.titles.match(toks, p, b) === 0 && !anchor(p)) {
        const key = toks[p].key;
        if (!ctx.roots.has(key) && !ctx.lowerVocab.has(key) && !res.functionWords.has(key)) affixed = true;
        p++;
      }
      // before a list name only plain words (`Saham`) are dropped, not derived forms (`Persema Malang`)
      const cueAnchor = p < b && (res.orgCues.match(toks, p, b) > 0 || res.locCues.match(toks, p, b) > 0);
      if (p > pos && p < b && anchor(p) && (cueAnchor || !affixed)) {
        pos = p;
        continue;
      }
    }
    if (tl > 0 && pos + tl < b) {
      pos += tl;
      let pl: number;
      while (pos < b && (pl = res.portfolios.match(toks, pos, b)) > 0 && pos + pl < b) pos += pl;
      // `Menteri Perguruan Tinggi dan ...`: affixed common words continue the title
      if (ctx.language === 'id' && pos < b && isAffixedWord(toks[pos].key, ctx.roots) && !gaz.match(toks, pos, b)) {
        pos++;
        while (pos < b && isCommonWord(ctx, toks[pos].key) && !gaz.match(toks, pos, b)) pos++;
      }
      // a dot after an abbreviated title: `Dr.`, `H.`
      personCue = true;
      continue;
    }
    if (tl > 0) {
      // a lone title (`Drs` before `. Ahmad Hamid`): the name follows in the next run
      pos = b;
      break;
    }
    if (m && pos + m.length === b && STRONG_KINDS.has(m.entry.kind)) {
      out.push(makeCandidate(toks, pos, b, m.entry.type, Strength.Sure, 'gazetteer', sentence, m.entry));
      return;
    }
    if (orgCue > 0 && pos + orgCue < b) {
      out.push(makeCandidate(toks, pos, b, 'ORGANIZATION', Strength.Sure, 'rule', sentence));
      return;
    }
    if (locCue > 0 && pos + locCue < b) {
      const rest = gaz.match(toks, pos + locCue, b);
      out.push(
        makeCandidate(toks, pos, b, 'LOCATION', Strength.Sure, 'rule', sentence, rest && pos + locCue + rest.length === b ? rest.entry : undefined),
      );
      return;
    }
    if (m && pos + m.length < b && m.entry.type === 'LOCATION' && (m.entry.kind === 'country' || m.entry.kind === 'province' || m.entry.kind === 'place')) {
      // `China Xi Jinping` (after a title), `Korea Utara Kim Jong-un`: the place, then the person
      const restCue = personCue || res.titles.match(toks, pos + m.length, b) > 0;
      if (restCue) {
        out.push(makeCandidate(toks, pos, pos + m.length, 'LOCATION', Strength.Sure, 'gazetteer', sentence, m.entry));
        pos += m.length;
        continue;
      }
    }
    if (m && pos + m.length < b && m.entry.kind === 'organization' && m.length > 1) {
      out.push(makeCandidate(toks, pos, pos + m.length, 'ORGANIZATION', Strength.Sure, 'gazetteer', sentence, m.entry));
      pos += m.length;
      continue;
    }
    // an unknown name [pos, b)
    const cand = typeUnknown(ctx, toks, pos, b, sentence, personCue, m && pos + m.length === b ? m.entry : undefined);
    if (titleCase || (initial && pos === a && isDoubtfulInitial(ctx, toks, pos, b))) cand.doubtful = true;
    out.push(cand);
    return;
  }
}

const DASHES = new Set(['-', '–', '—']);

/**
 * `WARTAWIRE, Jakarta –`: an upper-case word before a dateline place is the
 * news agency; so is the name in parentheses after an upper-case dateline
 * place (`SHARJAH (WartaWire) —`).
 */
function isDatelineAgency(ctx: RecognizerContext, toks: Token[], a: number): boolean {
  const t = toks[a];
  if (a >= 2 && toks[a - 1].text === '(' && toks[a + 1]?.text === ')' && DASHES.has(toks[a + 2]?.text ?? '')) {
    const place = toks[a - 2].text;
    return place.length >= 3 && place === place.toUpperCase() && place !== place.toLowerCase();
  }
  if (t.text.length < 3 || t.text !== t.text.toUpperCase() || toks[a + 1]?.text !== ',') return false;
  const m = ctx.gaz.match(toks, a + 2);
  return m !== undefined && m.entry.type === 'LOCATION' && DASHES.has(toks[a + 2 + m.length]?.text ?? '');
}

/** An ordinary Indonesian word (root, affixed form or seen in lower case in the document). */
function isCommonWord(ctx: RecognizerContext, key: string): boolean {
  return ctx.lowerVocab.has(key) || ctx.roots.has(key) || isAffixedWord(key, ctx.roots) || ctx.res.functionWords.has(key);
}

/** A sentence-initial capitalised word that is probably an ordinary word. */
function isDoubtfulInitial(ctx: RecognizerContext, toks: Token[], pos: number, b: number, affixedOnly = false): boolean {
  const key = toks[pos].key;
  if (ctx.lowerVocab.has(key)) return true;
  if (affixedOnly) return ctx.language === 'id' && isAffixedWord(key, ctx.roots);
  if (b - pos > 1) return false;
  if (ctx.language === 'id') return ctx.roots.has(key) || isAffixedWord(key, ctx.roots);
  return EN_COMMON_SUFFIX_RE.test(key);
}

function typeUnknown(
  ctx: RecognizerContext,
  toks: Token[],
  a: number,
  b: number,
  sentence: number,
  personCue: boolean,
  entry: GazetteerEntry | undefined,
): Candidate {
  const { res } = ctx;
  while (b - a > 1 && res.degrees.has(toks[b - 1].key)) b--;
  const last = toks[b - 1];
  if (b - a === 1 && isAcronym(toks[a]) && !entry) return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Guess, 'rule', sentence);
  if (b - a === 1 && toks[a].text.includes('.') && /\.(?:com|net|org|id|co|tv)$/i.test(toks[a].text)) {
    return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Cue, 'rule', sentence);
  }
  if (personCue && !(entry && STRONG_KINDS.has(entry.kind))) {
    const c = makeCandidate(toks, a, b, 'PERSON', Strength.Cue, 'rule', sentence);
    c.personCue = true;
    return c;
  }
  if (entry) return makeCandidate(toks, a, b, entry.type, STRONG_KINDS.has(entry.kind) ? Strength.Sure : Strength.Cue, 'gazetteer', sentence, entry);
  if (b - a === 1 && isDatelineAgency(ctx, toks, a)) return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Cue, 'rule', sentence);
  if (b - a > 1 && res.orgSuffixes.has(last.key)) return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Cue, 'rule', sentence);
  if (b - a > 1 && isAcronym(toks[a]) && !res.titles.has(toks[a].key)) {
    // `PSMS Medan`, `BMG Indonesia`, `STKS Bandung`: an acronym with a place is an organisation
    const place = ctx.gaz.match(toks, b - 1, b);
    return makeCandidate(toks, a, b, 'ORGANIZATION', place && place.entry.type === 'LOCATION' ? Strength.Cue : Strength.Guess, 'rule', sentence);
  }
  if (b - a > 1 && ctx.language === 'id') {
    // `Arema Indonesia`, `Telkom Indonesia`: a name followed by a country is an organisation
    const g = ctx.gaz.match(toks, b - 1, b);
    const g2 = b - a > 2 ? ctx.gaz.match(toks, b - 2, b) : undefined;
    if (((g && g.entry.kind === 'country') || (g2 && g2.length === 2 && g2.entry.kind === 'country')) && !isCommonWord(ctx, toks[a].key)) {
      return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Cue, 'rule', sentence);
    }
  }
  const before = toks[a - 1];
  if (before && isLowerWord(before) && res.orgContext.has(before.key)) return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Cue, 'rule', sentence);
  if (b - a === 1 && isAcronym(toks[a])) return makeCandidate(toks, a, b, 'ORGANIZATION', Strength.Guess, 'rule', sentence);
  const next = toks[b];
  if (next && res.personVerbs.has(next.key)) {
    const c = makeCandidate(toks, a, b, 'PERSON', Strength.Cue, 'rule', sentence);
    c.personCue = true;
    return c;
  }
  if (ctx.language === 'en' && next && isLowerWord(next) && res.titles.match(toks, b) > 0) {
    const c = makeCandidate(toks, a, b, 'LOCATION', Strength.Guess, 'rule', sentence);
    c.doubtful = true; // `North Korean leader`: an adjective, dropped unless confirmed
    return c;
  }
  const prev = toks[a - 1];
  if (prev && isLowerWord(prev) && res.locPreps.has(prev.key)) return makeCandidate(toks, a, b, 'LOCATION', Strength.Guess, 'rule', sentence);
  return makeCandidate(toks, a, b, 'PERSON', Strength.Guess, 'rule', sentence);
}
