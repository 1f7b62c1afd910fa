/**
 * Entity recognition over a whole document: every analysed sentence is
 * tokenised and tagged by the language's tagger (`tagger/`), the
 * document-level pass re-decides tokens from what the tagger said about the
 * same words elsewhere in the article (`tagger/document-layer.ts`), the
 * certain rules apply (`certain.ts`), and the document-wide decisions give
 * canonical names and entity ids (`canonical.ts`).
 */
import { ANALYSED_SECTIONS, type Doc, type Entity } from '../doc.js';
import { resolveEntities } from './canonical.js';
import {
  applySureNames,
  acronymsAfterNames,
  companiesOverPersero,
  dropCommonNounsBeforeCountry,
  placesInCommaChains,
  isCapitalised,
  organisationsOfPlaces,
  regencyTakenForPerson,
  splitCoordinatedOrganisations,
  splitTitledCountry,
  splitTrailingAcronyms,
  sureEntryOf,
  sureMatches,
  trimMention,
  unclaimedRegencies,
} from './certain.js';
import { dropLeadingTitle, dropTrailingDegrees, givenNameBefore, holdsModelCode, joinHyphenatedSurnames, joinNameParticles, personAfterTitle, personAfterTitledCountry, splitAtPersonTitle } from './person-names.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { mentionKey, normKey, shapeMention, type Mention } from './mention.js';
import { langResources, type LangResources } from './resources.js';
import { areaLevels, splitAtAreaLevels } from './area-levels.js';
import { companyFirstWords, companyWords, placeWordTest } from './company-names.js';
import { dropHonorifics, honorifics } from './honorifics.js';
import { datelineNames, webNames } from './datelines.js';
import { dropSentenceVerbs, sentenceVerbs } from './sentence-verbs.js';
import { ministryHeads, ministryPortfolios, type PortfolioLexicon } from './ministries.js';
import { dropNotNames, notNames } from './not-names.js';
import type { PhraseList } from './word-lists.js';
import { cutAtBreaks } from './span-breaks.js';
import { dropWorkTitles, workCues } from './work-titles.js';
import { taggerText } from './tagger-text.js';
import { DocumentLayer, takeDecoding, type SentenceDecoding } from './tagger/document-layer.js';
import type { LinearTagger } from './tagger/index.js';
import { NL, TYPES } from './tagger/model.js';
import { tokenize } from './tagger/tokenize.js';
import { tokenKey, type Token } from './tokens.js';

export interface DocumentNerOptions {
  gaz: Gazetteer;
  /** The tagger per language; documents in other languages use the Indonesian one. Without one, only certain-list names are found. */
  taggers: { id?: LinearTagger | null; en?: LinearTagger | null };
  /** Tagger mentions below this calibrated score are dropped (certain-list names never are). */
  minModelScore?: number;
}

interface SentenceWork {
  index: number;
  section: number;
  start: number;
  end: number;
}

/** A boilerplate section that is a related-article headline (`Baca juga: ...`): its names count too. */
function isRelatedHeadline(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 24)).toLowerCase();
  for (const lang of ['id', 'en'] as const) for (const cue of langResources(lang).relatedCues) if (head.startsWith(cue)) return true;
  return false;
}

const NO_CASES: ReadonlyMap<string, string> = new Map();

/** Some token has an upper-case letter anywhere (`eFishery`, `iPhone` count). */
function hasCapital(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.text !== t.text.toLowerCase()) return true;
  return false;
}

/** The sentences (or sections, or the whole text) whose entities the stage reports, in text order. */
function analysedRanges(doc: Doc): SentenceWork[] {
  const work: SentenceWork[] = [];
  const analysed = doc.sections.map((s) => ANALYSED_SECTIONS.has(s.type));
  if (doc.sentences.length > 0) {
    for (const s of doc.sentences) {
      if (s.section >= 0 && !analysed[s.section]) continue;
      work.push({ index: s.index, section: s.section, start: s.start, end: s.end });
    }
    // related-article headlines have no sentences (boilerplate is not split); each is one range
    let added = false;
    doc.sections.forEach((s, k) => {
      if (s.type === 'boilerplate' && isRelatedHeadline(doc.text, s.start, s.end)) {
        work.push({ index: -1, section: k, start: s.start, end: s.end });
        added = true;
      }
    });
    if (added) work.sort((a, b) => a.start - b.start);
  } else if (doc.sections.length > 0) {
    doc.sections.forEach((s, k) => {
      if (analysed[k]) work.push({ index: -1, section: k, start: s.start, end: s.end });
    });
  } else work.push({ index: -1, section: -1, start: 0, end: doc.text.length });
  return work;
}

const offsets: number[] = [];
const NO_EMISSIONS = new Float64Array(0);
/** The sentence tagger's emissions of the current document's sentences, back to back (grown as needed). */
let docEmissions = new Float64Array(4096 * NL);

/**
 * Token objects reused from document to document (the k-th token of every
 * document is the same object): nothing keeps a token once
 * `recognizeDocument` has returned its entities.
 */
const tokenPool: Token[] = [];

function pooledToken(k: number, start: number, end: number, text: string, key: string): Token {
  let t = tokenPool[k];
  if (t === undefined) tokenPool[k] = t = { start, end, text, key };
  else {
    t.start = start;
    t.end = end;
    t.text = text;
    t.key = key;
  }
  return t;
}

/** Languages whose names follow Indonesian conventions closely enough for the Indonesian tagger. */
const INDONESIAN_LIKE = new Set(['id', 'ms', 'jv', 'su', 'min', 'ban', 'bjn']);

/** Below this language confidence an Indonesian-like call is checked against the function words. */
const SURE_LANGUAGE = 0.4;

/**
 * The tagger language for a document: English for `en`, Indonesian for a
 * confident call of Indonesian or a neighbour; for anything else (short or
 * undetermined texts, other languages) whichever language's function words
 * the text uses more, English on a tie (name lists and score lines: the
 * English tagger learned those from newswire).
 */
export function taggerLanguage(doc: Doc, work: readonly { start: number; end: number }[]): 'id' | 'en' {
  if (doc.language === 'en') return 'en';
  if (doc.language && INDONESIAN_LIKE.has(doc.language) && (doc.language_confidence ?? 1) >= SURE_LANGUAGE) return 'id';
  const en = langResources('en').functionWords;
  const id = langResources('id').functionWords;
  let vote = 0;
  for (const w of work) {
    const n = tokenize(doc.text, w.start, w.end, offsets);
    for (let i = 0; i < n; i++) {
      const word = doc.text.slice(offsets[2 * i], offsets[2 * i + 1]).toLowerCase();
      if (en.has(word)) vote++;
      if (id.has(word)) vote--;
    }
  }
  return vote >= 0 ? 'en' : 'id';
}

/** Runs recognition on `doc` and returns its entities (sorted, non-overlapping). */
export function recognizeDocument(doc: Doc, opts: DocumentNerOptions): Entity[] {
  const text = doc.text;
  const work = analysedRanges(doc);
  const language = taggerLanguage(doc, work);
  // Indonesian and Malay news write every name with a capital: an unlisted span without one is a common noun
  // the tagger took for a name (`kesesakan jalan raya`, `pasar raya`); English keeps them (names in tweets and handles).
  const capitalisedNames = language !== 'en';
  const res = langResources(language);
  // the per-sentence rules' lists, looked up once per document
  const levels = areaLevels(language);
  const titles = honorifics();
  const tagger = (language === 'en' ? opts.taggers.en : opts.taggers.id) ?? null;
  const minScore = opts.minModelScore ?? 0;
  // the English tagger reads typographic quotes as ASCII ones (offsets unchanged: tagger-text.ts)
  const tagText = language === 'en' ? taggerText(text) : text;

  // 1. tokens and the tagger's first decision per sentence
  const layer = tagger ? DocumentLayer.of(tagger) : null;
  const sentences: SentenceDecoding[] = [];
  const tokens: Token[][] = [];
  let used = 0;
  let usedEmissions = 0;
  for (const w of work) {
    let n = tokenize(tagText, w.start, w.end, offsets);
    if (tagger) n = tagger.splitGlued(tagText, offsets, n, res.functionWords);
    const toks: Token[] = new Array(n);
    if (tagger) {
      const best = tagger.decodeTokens(tagText, offsets, n);
      const entries = tagger.lastEntries;
      for (let i = 0; i < n; i++) toks[i] = pooledToken(used++, offsets[2 * i], offsets[2 * i + 1], entries[i].word, entries[i].key);
      // the document layer starts from the sentence tagger's emissions, kept in one buffer per document
      let emissions = NO_EMISSIONS;
      if (layer) {
        if (docEmissions.length < usedEmissions + n * NL) {
          const grown = new Float64Array(Math.max(docEmissions.length * 2, usedEmissions + n * NL));
          grown.set(docEmissions.subarray(0, usedEmissions));
          docEmissions = grown;
        }
        docEmissions.set(tagger.lastEmissions.subarray(0, n * NL), usedEmissions);
        emissions = docEmissions.subarray(usedEmissions, usedEmissions + n * NL);
        usedEmissions += n * NL;
      }
      sentences.push(takeDecoding(tagger, n, best, emissions, toks, minScore > 0));
    } else {
      for (let i = 0; i < n; i++) {
        const t = text.slice(offsets[2 * i], offsets[2 * i + 1]);
        toks[i] = pooledToken(used++, offsets[2 * i], offsets[2 * i + 1], t, tokenKey(t));
      }
    }
    tokens.push(toks);
  }

  // 2. the document-level pass: the same words elsewhere in the article
  if (layer) layer.redecide(sentences, minScore > 0);

  // 3. mentions per sentence, with the certain rules
  const mentions: Mention[] = [];
  const ministries = ministryHeads(language);
  const verbs = sentenceVerbs(language);
  const portfolioLexicon: PortfolioLexicon | null = tagger ? { caseOf: (k) => tagger.space.lexicons.caseRatio.get(k), isListed: (k) => tagger.space.lists?.first(k) !== undefined } : null;
  work.forEach((w, k) => {
    const toks = tokens[k];
    const make = (a: number, b: number, entry: GazetteerEntry): Mention => (shapeMention({
      start: toks[a].start,
      end: toks[b - 1].end,
      type: entry.type,
      source: 'gazetteer',
      entry,
      sure: true,
      score: 1,
      tokens: toks.slice(a, b),
      sentence: w.index,
      section: w.section,
    }));
    let found: Mention[] = [];
    if (tagger) {
      const s = sentences[k];
      s.spans.forEach(([a, b, t], q) => {
        const score = s.scores ? s.scores[q] : 1;
        if (score < minScore) return;
        const m: Mention = shapeMention({ start: toks[a].start, end: toks[b].end, type: TYPES[t], source: 'model', sure: false, score, tokens: toks.slice(a, b + 1), sentence: w.index, section: w.section });
        if (!trimMention(m, res, toks[0]) || !dropLeadingTitle(m, res) || !dropTrailingDegrees(m, res)) return;
        dropCommonNounsBeforeCountry(m, opts.gaz);
        const entry = sureEntryOf(opts.gaz, m);
        if (entry) Object.assign(m, { type: entry.type, entry, sure: true, source: 'gazetteer', score: 1 });
        else {
          if (capitalisedNames && !hasCapital(m.tokens)) return;
          if (capitalisedNames && m.type === 'PERSON' && holdsModelCode(m.tokens)) return;
          if (regencyTakenForPerson(m, opts.gaz, res)) m.type = 'LOCATION';
          const loose = opts.gaz.match(m.tokens, 0);
          if (loose && loose.length === m.tokens.length && loose.entry.type === m.type) m.entry = loose.entry;
        }
        found.push(m);
      });
    }
    if (language === 'en') found = cutAtBreaks(found, res, opts.gaz, toks[0]);
    found = splitTrailingAcronyms(splitAtAreaLevels(found, levels, res));
    found = splitTitledCountry(splitCoordinatedOrganisations(joinNameParticles(found, toks), res), toks, opts.gaz, res);
    found = personAfterTitle(splitAtPersonTitle(found, toks, opts.gaz, res), toks, opts.gaz, res);
    found = personAfterTitledCountry(found, toks, res, tagger?.space.lexicons.caseRatio ?? NO_CASES);
    found = applySureNames(found, toks, sureMatches(opts.gaz, toks), make, res);
    found = unclaimedRegencies(found, toks, opts.gaz, make);
    found = acronymsAfterNames(companiesOverPersero(organisationsOfPlaces(found, toks, res), toks, res), toks);
    if (portfolioLexicon) found = ministryPortfolios(found, toks, ministries, res, portfolioLexicon);
    found = placesInCommaChains(found, toks, opts.gaz, make);
    if (tagger) found = givenNameBefore(found, toks, tagger.space.lexicons.first, tagger.space.lexicons.caseRatio, res);
    found = dropSentenceVerbs(dropHonorifics(found, titles, res), toks, verbs, res.functionWords);
    if (language === 'en') found = joinHyphenatedSurnames(found, toks);
    // a web name wins over a dateline name on the same token (`SEPUTARAN.COM, Istanbul –`)
    const webs = webNames(toks);
    const rules: Array<[number, number, 'LOCATION' | 'ORGANIZATION']> = datelineNames(opts.gaz, toks).filter(([a, b]) => !webs.some(([c, d]) => c < b && d > a));
    for (const [a, b] of webs) rules.push([a, b, 'ORGANIZATION']);
    if (rules.length > 0) {
      // the rule names win over every mention they overlap: one pass over both, sorted
      const named: Mention[] = rules
        .map(([a, b, type]): Mention => (shapeMention({ start: toks[a].start, end: toks[b - 1].end, type, source: 'rule', sure: true, score: 1, tokens: toks.slice(a, b), sentence: w.index, section: w.section })))
        .sort((x, y) => x.start - y.start);
      const kept: Mention[] = [];
      let r = 0;
      for (const m of found) {
        while (r < named.length && named[r].end <= m.start) r++;
        // the rule names overlapping m start before m ends; they are sorted and do not overlap each other
        let overlapped = false;
        for (let q = r; q < named.length && named[q].start < m.end; q++) if (named[q].end > m.start) overlapped = true;
        if (!overlapped) kept.push(m);
      }
      found = [...kept, ...named].sort((x, y) => x.start - y.start);
    }
    for (const m of found) mentions.push(m);
  });

  // 4. short forms the tagger left out, then document-wide types, aliases, canonical names and ids
  // appended one by one: a spread of a few hundred thousand mentions overflows the call stack
  // each adds to `mentions` itself: arrays returned from the three (empty literals, mapped, pushed)
  // differed in V8's element kinds and made this function deoptimise 3–8 times per worker
  if (language === 'en') dropWorkTitles(mentions, tokens, workCues(language));
  companyFirstWords(mentions, tokens, companyWords(language), res, placeWordTest(tagger, opts.gaz));
  addCompanyShortForms(mentions, tokens, work, res);
  extendToFullNames(mentions, tokens);
  addFullNameRepeats(mentions, tokens, work);
  addShortForms(mentions, tokens, work, res, titles);
  // after the short forms: a person's name holding a listed word (`Mujahid Yusof Rawa` beside `Islam`) must not make a person of it
  dropNotNames(mentions, tokens, notNames(language));
  return resolveEntities(text, mentions, opts.gaz, language);
}

/**
 * A company the article writes with its legal form (`PT Pindad`, `PT Vale
 * Indonesia Tbk`, `Nvidia Corp`) is an organisation where the article writes
 * the name alone (`Pindad`): the tagger's other types for that name give way,
 * and a one-word name standing outside every mention is added, unless the
 * article also writes it in lower case; the type is then certain (no person's
 * short form). Adds them to `mentions`.
 */
function addCompanyShortForms(mentions: Mention[], tokens: readonly Token[][], work: readonly SentenceWork[], res: LangResources): void {
  if (res.legalPrefixes.size === 0 && res.legalSuffixes.size === 0) return;
  const names = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'ORGANIZATION' || m.tokens.length < 2) continue;
    let a = 0;
    let b = m.tokens.length;
    while (a < b && res.legalPrefixes.has(m.tokens[a].key)) a++;
    while (b > a && res.legalSuffixes.has(m.tokens[b - 1].key)) b--;
    if ((a === 0 && b === m.tokens.length) || a === b || !isCapitalised(m.tokens[a]) || res.functionWords.has(m.tokens[a].key)) continue;
    names.add(normKey(m.tokens.slice(a, b)));
  }
  if (names.size === 0) return;
  for (const m of mentions) {
    if (!m.sure && m.type !== 'ORGANIZATION' && names.has(mentionKey(m))) {
      m.type = 'ORGANIZATION';
      m.source = 'coref';
      m.entry = undefined;
      m.sure = true;
    }
  }
  const lower = new Set<string>();
  for (const toks of tokens) for (const t of toks) if (names.has(t.key) && !isCapitalised(t)) lower.add(t.key);
  const covered = coverageOf(mentions);
  const added: Mention[] = [];
  tokens.forEach((toks, k) => {
    for (const t of toks) {
      if (!names.has(t.key) || lower.has(t.key) || !isCapitalised(t) || covered(t)) continue;
      added.push(shapeMention({ start: t.start, end: t.end, type: 'ORGANIZATION', source: 'coref', sure: true, score: 0.5, tokens: [t], sentence: work[k].index, section: work[k].section }));
    }
  });
  for (let i = 0; i < added.length; i++) mentions.push(added[i]);
}

/**
 * A capitalised word standing alone that is part of a person's name written
 * in full elsewhere in the article (`Kim`, `Xi` after `Kim Jong Un`, `Xi
 * Jinping`) is that person, unless the article also writes it in lower case,
 * it is a function word or an honorific.
 */
function addShortForms(mentions: Mention[], tokens: readonly Token[][], work: readonly SentenceWork[], res: { functionWords: Set<string> }, titles: PhraseList): void {
  const parts = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON' || m.tokens.length < 2) continue;
    // an honorific inside a name is part of it (`Najib Tun Razak`) but no short form of it (`Tun` alone)
    for (const t of m.tokens) if (t.text.length >= 2 && isCapitalised(t) && !titles.phrases.has(t.key)) parts.add(t.key);
  }
  if (parts.size === 0) return;
  const covered = coverageOf(mentions);
  // lone capitalised name parts outside every mention (`Kim` standing alone), then those the
  // article also writes in lower case drop out
  const found: Array<[token: Token, sentence: number]> = [];
  tokens.forEach((toks, k) => {
    toks.forEach((t, i) => {
      if (!parts.has(t.key) || !isCapitalised(t) || res.functionWords.has(t.key)) return;
      if ((i > 0 && isCapitalised(toks[i - 1])) || (i + 1 < toks.length && isCapitalised(toks[i + 1]))) return;
      if (!covered(t)) found.push([t, k]);
    });
  });
  if (found.length === 0) return;
  const candidates = new Set(found.map(([t]) => t.key));
  const lower = new Set<string>();
  for (const toks of tokens) for (const t of toks) if (candidates.has(t.key) && !isCapitalised(t)) lower.add(t.key);
  for (const [t, k] of found) {
    if (!lower.has(t.key)) mentions.push(shapeMention({ start: t.start, end: t.end, type: 'PERSON', source: 'coref', sure: false, score: 0.5, tokens: [t], sentence: work[k].index, section: work[k].section }));
  }
}

/** Full names a repeat is looked for per first word: beyond that a first word is too common to decide anything. */
const MAX_NAMES_PER_FIRST_WORD = 16;

/** The people's names of two or more capitalised words among `mentions`, as token keys, by their first key. */
function fullNamesByFirstWord(mentions: readonly Mention[]): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON' || m.tokens.length < 2 || !m.tokens.every(isCapitalised)) continue;
    const keys = m.tokens.map((t) => t.key);
    const id = keys.join(' ');
    if (seen.has(id)) continue;
    seen.add(id);
    const list = byFirst.get(keys[0]);
    if (!list) byFirst.set(keys[0], [keys]);
    else if (list.length < MAX_NAMES_PER_FIRST_WORD) list.push(keys);
  }
  return byFirst;
}

/**
 * A person mention that stops short of a full name the article writes
 * elsewhere, where the text goes on with the rest of that name, is that full
 * name (`Kim Jong` followed by `Un.` beside the headline's `Kim Jong Un`): the
 * tagger cut it, and one name keeps one extent per article. The rest must be
 * capitalised words outside every other mention; the longest name that fits wins.
 */
function extendToFullNames(mentions: Mention[], tokens: readonly Token[][]): void {
  const byFirst = fullNamesByFirstWord(mentions);
  if (byFirst.size === 0) return;
  const lastTokens = new Map<Token, number>();
  mentions.forEach((m, at) => {
    if (m.type === 'PERSON' && byFirst.has(m.tokens[0].key)) lastTokens.set(m.tokens[m.tokens.length - 1], at);
  });
  if (lastTokens.size === 0) return;
  const covered = coverageOf(mentions);
  for (const toks of tokens) {
    for (let i = 0; i + 1 < toks.length; i++) {
      const at = lastTokens.get(toks[i]);
      if (at === undefined) continue;
      const m = mentions[at];
      const have = m.tokens.length;
      let best = 0;
      for (const keys of byFirst.get(m.tokens[0].key)!) {
        const more = keys.length - have;
        if (more <= best || i + more >= toks.length) continue;
        let same = true;
        for (let j = 0; j < have && same; j++) same = m.tokens[j].key === keys[j];
        for (let j = 1; j <= more && same; j++) same = toks[i + j].key === keys[have + j - 1] && isCapitalised(toks[i + j]) && !covered(toks[i + j]);
        if (same) best = more;
      }
      if (best === 0) continue;
      const span = [...m.tokens, ...toks.slice(i + 1, i + 1 + best)];
      mentions[at] = shapeMention({ ...m, end: span[span.length - 1].end, tokens: span, key: undefined });
      i += best;
    }
  }
}

/**
 * A person's full name the tagger found in one place is that person wherever
 * the article writes it again outside every mention (the caption's `Presiden
 * China Xi Jinping` after the body's `Presiden Xi Jinping`): one name, one
 * sense per article. A repeat inside a longer run of capitalised words that no
 * mention covers is left alone (it may be part of another name).
 */
function addFullNameRepeats(mentions: Mention[], tokens: readonly Token[][], work: readonly SentenceWork[]): void {
  const byFirst = fullNamesByFirstWord(mentions);
  if (byFirst.size === 0) return;
  const covered = coverageOf(mentions);
  const loose = (t: Token | undefined) => t !== undefined && isCapitalised(t) && !covered(t);
  const found: Mention[] = [];
  tokens.forEach((toks, k) => {
    for (let i = 0; i < toks.length; i++) {
      const names = byFirst.get(toks[i].key);
      if (!names || !isCapitalised(toks[i]) || covered(toks[i])) continue;
      for (const keys of names) {
        const n = keys.length;
        if (i + n > toks.length) continue;
        let same = true;
        for (let j = 1; j < n && same; j++) same = toks[i + j].key === keys[j] && isCapitalised(toks[i + j]) && !covered(toks[i + j]);
        if (!same || loose(toks[i - 1]) || loose(toks[i + n])) continue;
        const span = toks.slice(i, i + n);
        found.push(shapeMention({ start: span[0].start, end: span[n - 1].end, type: 'PERSON', source: 'coref', sure: false, score: 0.5, tokens: span, sentence: work[k].index, section: work[k].section }));
        i += n - 1;
        break;
      }
    }
  });
  for (let i = 0; i < found.length; i++) mentions.push(found[i]);
}

/**
 * Whether a token lies inside one of `mentions`: a binary search over the mentions sorted by start
 * with the largest end so far, so that checking every token of a long text stays linear (a scan
 * of all mentions per token took minutes on texts with a hundred thousand names).
 */
function coverageOf(mentions: readonly Mention[]): (t: Token) => boolean {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const starts = new Float64Array(sorted.length);
  const maxEnd = new Float64Array(sorted.length);
  let end = -1;
  sorted.forEach((m, i) => {
    starts[i] = m.start;
    end = Math.max(end, m.end);
    maxEnd[i] = end;
  });
  return (t) => {
    // the last mention starting at or before the token
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at >= 0 && maxEnd[at] >= t.end;
  };
}
