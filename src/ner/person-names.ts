/**
 * The certain rules about people's names: where a name starts and ends around titles, given
 * names, particles and hyphens, and the titles that always name a person. Each rule was kept
 * because the training splits' gold spans show it nearly always right (the counts are in each
 * rule's comment and in the README).
 */
import type { Gazetteer } from './gazetteer.js';
import { isAcronymText, isCapitalised, tokenIndex } from './certain.js';
import { shapeMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import type { Token } from './tokens.js';

/** A word mixing capitals and digits (`MV3`, `U-23`, `KBS2`, `AKB48`): a model, a team's age group, a channel. */
const MODEL_CODE_RE = /^(?=.*\p{Lu})(?=.*\d)[\p{L}\d-]+$/u;

/**
 * A person's name never holds a model code (`MV3 EV Pandu`, a vehicle the tagger typed a person):
 * none of the 3,884 gold people of the Indonesian training splits does (the 24 names with one are
 * organisations and places: `timnas U-23`, `KBS2`, `SMA Negeri 1B`). English is left alone: its
 * tweets hold people's handles (`OwenJones84`).
 */
export function holdsModelCode(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (MODEL_CODE_RE.test(t.text)) return true;
  return false;
}

/**
 * A given name the tagger left out just before a person's name belongs to it
 * (`Menteri Keuangan Sri Mulyani Indrawati` tagged `Mulyani Indrawati`): the
 * word must be on the given-name lexicon, written capitalised nine times in
 * ten in unlabelled news (so `Tim`, `Said`, `May` stay out), outside every
 * other mention, and no title or function word.
 */
export function givenNameBefore(mentions: Mention[], toks: readonly Token[], givenNames: ReadonlySet<string>, capitalised: ReadonlyMap<string, string>, res: LangResources): Mention[] {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.type !== 'PERSON') continue;
    const at = tokenIndex(toks, m.tokens[0]);
    if (at < 1) continue;
    const t = toks[at - 1];
    if (!isCapitalised(t) || !givenNames.has(t.key) || capitalised.get(t.key) !== 'c') continue;
    if (res.functionWords.has(t.key) || res.titleWords.has(t.key) || res.titlePhrases.has(t.key) || res.nameHeads.has(t.key)) continue;
    if (k > 0 && mentions[k - 1].end > t.start) continue;
    mentions[k] = shapeMention({ ...m, tokens: [t, ...m.tokens], start: t.start, key: undefined });
  }
  return mentions;
}


/**
 * English writes double surnames with a hyphen (`Sam Bankman-Fried`,
 * `Ocasio-Cortez`: 87 person names in the English training splits, never two
 * people), and the tokenizer splits a hyphen before a capital: a person name
 * followed, without spaces, by a hyphen and a capitalised word takes them in,
 * and a mention the tagger started on that word gives way. Only for English:
 * Indonesian joins two people that way (`Prabowo-Hatta`, 31 pairs in its
 * training splits).
 */
export function joinHyphenatedSurnames(mentions: Mention[], toks: readonly Token[]): Mention[] {
  const out: Mention[] = [];
  // end of the last joined name: the mentions starting before it were swallowed
  let until = -1;
  for (const m of mentions) {
    if (m.start < until) continue;
    out.push(m);
    if (m.type !== 'PERSON') continue;
    const j = tokenIndex(toks, m.tokens[m.tokens.length - 1]);
    const dash = toks[j + 1];
    const next = toks[j + 2];
    if (j < 0 || !dash || !next || dash.text !== '-' || dash.start !== toks[j].end || next.start !== dash.end || !isCapitalised(next)) continue;
    out[out.length - 1] = shapeMention({ ...m, tokens: [...m.tokens, dash, next], end: next.end, key: undefined });
    until = next.end;
  }
  return out;
}


/** Longest title phrases tried at the start of a person's name (`wakil ketua umum`). */
const MAX_TITLE_WORDS = 4;


/**
 * A title is never part of a person's name: a person mention the tagger
 * opened with one (`Menkeu Sri Mulyani`, `Wakil Presiden Gibran`) starts at
 * the first capitalised word after the longest title phrase (from
 * `ner-titles.txt`). Returns false when nothing capitalised is left, and for
 * a title standing alone (`Menkeu`, `Presiden`).
 */
export function dropLeadingTitle(m: Mention, res: LangResources): boolean {
  if (m.type !== 'PERSON' || res.titlePhrases.size === 0) return true;
  let key = '';
  let cut = 0;
  for (let L = 1; L <= m.tokens.length && L <= MAX_TITLE_WORDS; L++) {
    key += (L > 1 ? ' ' : '') + m.tokens[L - 1].key;
    if (res.titlePhrases.has(key)) cut = L;
  }
  if (cut === m.tokens.length) return false;
  if (cut === 0) return true;
  if (!isCapitalised(m.tokens[cut])) return false;
  m.tokens = m.tokens.slice(cut);
  m.start = m.tokens[0].start;
  m.key = undefined;
  return true;
}


const DEGREE_STYLE_RE = /\.|^[A-Z]{2,}$|^[A-Z][a-z]*[A-Z]|^[A-Z][a-z]{2,}$/;
const INITIAL_RE = /^\p{Lu}\.$/u;
const CAPITAL_START_RE = /^\p{Lu}/u;

/**
 * Academic degrees after a person's name stay outside it (`Busman Dahlan Saleh MSi`, `Andi
 * Wijaya, S.H.`), and a degree is no name on its own; returns false when nothing else is left: the Indonesian training splits write a degree after a name 4 times, never inside
 * one. A degree is written as one (capitals, dots, `MSi`, `Msi`); a surname that spells like one
 * stays (`Jack Ma`).
 */
export function dropTrailingDegrees(m: Mention, res: LangResources): boolean {
  if (m.type !== 'PERSON' || res.degrees.size === 0) return true;
  let b = m.tokens.length;
  for (;;) {
    if (b > 0 && isDegree(m.tokens[b - 1], res)) b--;
    // `M.Psi`, `S.Kom` are tokenized as an initial and a word
    else if (b > 1 && INITIAL_RE.test(m.tokens[b - 2].text) && res.degrees.has(m.tokens[b - 2].key[0] + m.tokens[b - 1].key) && CAPITAL_START_RE.test(m.tokens[b - 1].text)) b -= 2;
    else break;
  }
  // a degree alone after a name and a comma is no name (`Pingkan Rumondor, M.Psi`)
  if (b === 0) return false;
  if (b === m.tokens.length) return true;
  m.tokens = m.tokens.slice(0, b);
  m.end = m.tokens[b - 1].end;
  m.key = undefined;
  return true;
}

/** Generational suffixes are part of the name (`Clay Tice Jr.`, as the English training splits write them). */
const NAME_SUFFIXES = new Set(['jr', 'sr']);

function isDegree(t: Token, res: LangResources): boolean {
  const key = t.key.includes('.') ? t.key.replace(/\./g, '') : t.key;
  return res.degrees.has(key) && !NAME_SUFFIXES.has(key) && DEGREE_STYLE_RE.test(t.text);
}

/** Lower-case particles inside personal names (`Erik ten Hag`, `Hasan bin Ali`, `Ludwig van Beethoven`). */
const NAME_PARTICLES = new Set(['bin', 'binti', 'bt', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'dos', 'du', 'la', 'le', 'ten', 'ter', 'ibn', 'al', 'el', 'y']);


/**
 * Two person mentions of a sentence separated by one or two lower-case name
 * particles are one name (`Erik` `ten` `Hag` → `Erik ten Hag`).
 */
export function joinNameParticles(mentions: Mention[], toks: readonly Token[]): Mention[] {
  if (mentions.length < 2) return mentions;
  const out: Mention[] = [mentions[0]];
  for (let k = 1; k < mentions.length; k++) {
    const prev = out[out.length - 1];
    const m = mentions[k];
    if (prev.type === 'PERSON' && m.type === 'PERSON' && !prev.sure && !m.sure) {
      const between = toks.slice(tokenIndex(toks, prev.tokens[prev.tokens.length - 1]) + 1, tokenIndex(toks, m.tokens[0]));
      if (between.length >= 1 && between.length <= 2 && between.every((t) => NAME_PARTICLES.has(t.text))) {
        const tokens = [...prev.tokens, ...between, ...m.tokens];
        out[out.length - 1] = shapeMention({ ...prev, end: m.end, tokens, key: undefined, score: Math.min(prev.score, m.score) });
        continue;
      }
    }
    out.push(m);
  }
  return out;
}


/**
 * A name right after a title that always names its holder (`Presiden`,
 * `Pak`, from `ner-person-titles.txt`) is a person, whatever type the tagger
 * gave it, unless it is a name on any place or organisation list, an acronym
 * (`Presiden RI`) or opens with a place or organisation cue word (`Presiden
 * Partai Demokrat`). The decision is certain, so it also settles the same name
 * elsewhere in the article. The person part of `Presiden China Xi Jinping` is
 * settled the same way by `splitTitledCountry`.
 */
export function personAfterTitle(mentions: Mention[], toks: readonly Token[], gaz: Gazetteer, res: LangResources): Mention[] {
  if (res.personTitles.size === 0) return mentions;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.sure) continue;
    const at = tokenIndex(toks, m.tokens[0]);
    const before = at > 0 ? toks[at - 1] : undefined;
    if (!before || !res.personTitles.has(before.key) || !isCapitalised(before)) continue;
    const head = m.tokens[0];
    if (!isCapitalised(head) || isAcronymText(head.text) || res.nameHeads.has(head.key)) continue;
    if (endsLikeOrganisation(m.tokens, res)) continue;
    if (gaz.match(m.tokens, 0)) continue;
    mentions[k] = shapeMention({ ...m, type: 'PERSON', source: 'rule', sure: true, score: 1, entry: undefined, key: undefined });
  }
  return mentions;
}

/**
 * A name of two words or more ending with a company's legal form or an organisation's last word
 * (`Prism Berhad`, `Bar Council`, `Madura United`) is no person, even after a title that names its
 * holder (`Presiden Prism Berhad`): of the 163 such gold names in the Indonesian training splits,
 * 147 are organisations, 12 places (colleges, studios) and 4 people, two of them annotation slips.
 */
function endsLikeOrganisation(tokens: readonly Token[], res: LangResources): boolean {
  if (tokens.length < 2) return false;
  const key = tokens[tokens.length - 1].key.replace(TRAILING_DOT, '');
  return res.legalSuffixes.has(key) || res.orgSuffixes.has(key);
}

const TRAILING_DOT = /\.$/;

/**
 * The name after a title that always names its holder and a country (`Presiden China Xi Jinping`,
 * `Perdana Menteri Malaysia Anwar Ibrahim`) where the tagger found the country and left the name out:
 * the capitalised words right after the country, up to the first that is not one (or is an acronym,
 * a function word, a title, a place or organisation head, or a word unlabelled news writes in lower
 * case more than one time in ten: `Presiden Amerika Syarikat Donald Trump` has no person `Syarikat …`),
 * are a person, as certain as `personAfterTitle`'s. Models retrained for other reasons have dropped
 * such a name. `caseRatio`: the tagger's capitalisation classes (`c`: capitalised nine times in ten).
 */
export function personAfterTitledCountry(mentions: Mention[], toks: readonly Token[], res: LangResources, caseRatio: ReadonlyMap<string, string>): Mention[] {
  if (res.personTitles.size === 0) return mentions;
  let added: Mention[] | null = null;
  for (const m of mentions) {
    if (m.type !== 'LOCATION' || m.entry?.kind !== 'country') continue;
    const at = tokenIndex(toks, m.tokens[0]);
    const title = at > 0 ? toks[at - 1] : undefined;
    if (!title || !res.personTitles.has(title.key) || !isCapitalised(title)) continue;
    const from = at + m.tokens.length;
    let to = from;
    while (to < toks.length && isNameWord(toks[to], res, caseRatio)) to++;
    if (to === from) continue;
    const start = toks[from].start;
    const end = toks[to - 1].end;
    if (mentions.some((o) => o.start < end && o.end > start)) continue;
    (added ??= []).push(shapeMention({ start, end, type: 'PERSON', source: 'rule', sure: true, score: 1, tokens: toks.slice(from, to), sentence: m.sentence, section: m.section }));
  }
  return added === null ? mentions : [...mentions, ...added].sort((a, b) => a.start - b.start);
}

function isNameWord(t: Token, res: LangResources, caseRatio: ReadonlyMap<string, string>): boolean {
  if (!isCapitalised(t) || isAcronymText(t.text) || res.functionWords.has(t.key) || res.titleWords.has(t.key) || res.nameHeads.has(t.key)) return false;
  const cased = caseRatio.get(t.key);
  return cased === undefined || cased === 'c';
}

const ROMAN_NUMERAL_RE = /^[IVX]{1,4}$/;

/**
 * A title that always names its holder inside a mention the tagger took whole ends what came
 * before it: news writes office, unit, rank and name in one run (`Kasubdit I Ditresnarkoba Polda
 * Metro Jaya AKBP Jean Calvin Simanjuntak`, `Kasat Reskrim Polres Bogor AKP Teguh Kumara`), and
 * the training splits hold few such runs (police ranks: 3, all before a person). The words after
 * the title become a mention of their own, left to `personAfterTitle`; the words before it keep
 * the mention's type (a place or organisation is only cut at a title it ends with: `Polres Bogor
 * AKP` + `Teguh Kumara`, while `Jembatan Pak Dhe Karwo` is named after a person), or, when the
 * tagger called the whole run a person, become an organisation
 * if an organisation cue word is among them (`Polda`, `Polres`) and are dropped otherwise (an
 * office or a rank is no name). A unit's numeral the run starts with goes (`I Ditresnarkoba`).
 * The split needs a capitalised name after the title, in the mention or right after it, that is
 * no listed place or organisation and opens with no cue word (`Universitas Presiden` stays).
 */
export function splitAtPersonTitle(mentions: Mention[], toks: readonly Token[], gaz: Gazetteer, res: LangResources): Mention[] {
  if (res.personTitles.size === 0) return mentions;
  let out: Mention[] | undefined;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    const parts = m.sure ? undefined : splitOnce(m, toks, gaz, res);
    if (parts) out ??= mentions.slice(0, k);
    if (out) {
      if (parts) out.push(...parts);
      else out.push(m);
    }
  }
  return out ?? mentions;
}

function splitOnce(m: Mention, toks: readonly Token[], gaz: Gazetteer, res: LangResources): Mention[] | undefined {
  const n = m.tokens.length;
  for (let i = 1; i < n; i++) {
    const t = m.tokens[i];
    if (!res.personTitles.has(t.key) || !isCapitalised(t)) continue;
    // a place or organisation may be named after a titled person (`Jembatan Pak Dhe Karwo`): only a title
    // it ends with is cut off
    if (m.type !== 'PERSON' && i < n - 1) continue;
    // the name: the rest of the mention, or the words right after it
    const inside = i + 1 < n;
    const from = inside ? i + 1 : tokenIndex(toks, t) + 1;
    const words = inside ? m.tokens : toks;
    const after = words[from];
    if (!after || !isCapitalised(after) || isAcronymText(after.text) || res.nameHeads.has(after.key) || gaz.match(words, from)) continue;
    const parts: Mention[] = [];
    let before = m.tokens.slice(0, i);
    if (before.length > 1 && ROMAN_NUMERAL_RE.test(before[0].text)) before = before.slice(1);
    if (m.type !== 'PERSON') parts.push(part(m, before, m.type));
    else {
      const org = before.findIndex((b) => res.orgStarts.has(b.key) && isCapitalised(b));
      if (org >= 0) parts.push(part(m, before.slice(org), 'ORGANIZATION'));
    }
    const rest = m.tokens.slice(i + 1);
    if (rest.length > 0) parts.push(part(m, rest, 'PERSON'));
    return parts;
  }
  return undefined;
}

function part(m: Mention, tokens: Token[], type: Mention['type']): Mention {
  return shapeMention({ ...m, type, tokens, start: tokens[0].start, end: tokens[tokens.length - 1].end, entry: undefined, key: undefined });
}
