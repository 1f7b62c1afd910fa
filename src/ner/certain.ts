/**
 * The few rules that are certain and override the tagger: a function word is
 * never an entity (nor the first word of one), and a name on a certain list —
 * a country, an Indonesian province, a curated place or organisation, a user's
 * gazetteer entry — is that entity wherever it stands on its own. A few name
 * patterns are settled too: two organisations joined by `dan`, a country
 * between a title and a name, a government body named after its place, the
 * city and agency of a dateline, web names. The rules about people's names are
 * in `person-names.ts`. Everything else (cities, which are also teams; unknown
 * names) the tagger decides.
 */
import type { Gazetteer, GazetteerEntry, GazetteerKind } from './gazetteer.js';
import { shapeMention, sliceMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import type { Token } from './tokens.js';

/** Gazetteer kinds whose type is certain. */
export const SURE_KINDS: ReadonlySet<GazetteerKind> = new Set(['user', 'organization', 'place', 'country', 'province']);

export function isCapitalised(t: { text: string }): boolean {
  const c = t.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = t.text[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** `acronym` is written as one and starts with the initial of one of the name's words (`BPS` of `Badan Pusat Statistik`). */
export function isAcronymOf(acronym: string, name: readonly Token[]): boolean {
  if (!isAcronymText(acronym)) return false;
  for (const t of name) if (t.text[0] === acronym[0]) return true;
  return false;
}

/** Two to eight capitals, digits or hyphens with at least two capitals (`KPK`, `PDI-P`, `G20`). */
export function isAcronymText(s: string): boolean {
  if (s.length < 2 || s.length > 8) return false;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (!(c >= 48 && c <= 57) && c !== 45) return false;
  }
  return letters >= 2;
}

/**
 * Position of a sentence token in `toks` (sorted by start, one token per start): a binary
 * search, where `indexOf` made the rules quadratic on a text that is one long sentence.
 */
export function tokenIndex(toks: readonly Token[], t: Token): number {
  let lo = 0;
  let hi = toks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = toks[mid].start;
    if (s === t.start) return toks[mid] === t ? mid : -1;
    if (s < t.start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function hasLetterOrDigit(t: Token): boolean {
  return /[\p{L}\p{N}]/u.test(t.text);
}

/** A sum of money (`Rp1.000`, `Rp 29.000`, `US$5`, `RM50`): capitalised, never part of a name. */
const MONEY_RE = /^(?:Rp|RP|US\$|S\$|A\$|RM|Rs)\.?\d|^(?:Rp|RP|IDR|USD)$/;

function isMoney(t: Token): boolean {
  return MONEY_RE.test(t.text);
}

/**
 * Applies the function-word rule to a tagger mention in place: leading
 * punctuation and function words are dropped (a capitalised one only at the
 * start of the sentence, `Dalam`; mid-sentence `The Hague` keeps it), then
 * leading lower-case words before a capital unless they are place or
 * organisation cue words, and trailing punctuation; sums of money go from
 * either end (`Idul Fitri Rp1.000`, `Rp1.000` alone); returns false when
 * nothing of the name is left.
 * `first` is the sentence's first token.
 */
export function trimMention(m: Mention, res: LangResources, first?: Token): boolean {
  let a = 0;
  let b = m.tokens.length;
  const dropped = (t: Token) => !hasLetterOrDigit(t) || isMoney(t) || (res.functionWords.has(t.key) && !isAcronymText(t.text) && (!isCapitalised(t) || t === first));
  while (a < b && dropped(m.tokens[a])) a++;
  // news writes a name from its first capital: a leading common noun is no part of it (`jembatan layang Trosobo`),
  // a place or organisation cue word is (`kota Pati`, `klub Persib`)
  let c = a;
  while (c < b && isLowerWord(m.tokens[c]) && !res.nameStarts.has(m.tokens[c].key)) c++;
  if (c > a && c < b && isCapitalised(m.tokens[c])) a = c;
  b = beforeParenthesis(m.tokens, a, b);
  while (b > a && ((!hasLetterOrDigit(m.tokens[b - 1]) && m.tokens[b - 1].text !== '.') || isMoney(m.tokens[b - 1]))) b--;
  if (a === b) return false;
  if (m.tokens.slice(a, b).every((t) => (res.functionWords.has(t.key) && !isAcronymText(t.text)) || !hasLetterOrDigit(t))) return false;
  if (a > 0 || b < m.tokens.length) narrowMention(m, a, b);
  return true;
}

/**
 * Where a name ends when the tagger ran it into a parenthesis: an alias or acronym in parentheses
 * after a name is a name of its own (`Badan Pusat Statistik (BPS)`, also with the parenthesis left
 * open, `(BPS`; `acronymsAfterNames` adds it); a parenthesis inside a name stays
 * (`PT Bank Rakyat Indonesia (Persero) Tbk`).
 */
function beforeParenthesis(tokens: readonly Token[], a: number, b: number): number {
  for (let i = a + 1; i < b; i++) {
    if (tokens[i].text !== '(') continue;
    let close = i + 1;
    while (close < b && tokens[close].text !== ')') close++;
    if (close >= b - 1) return i;
  }
  return b;
}

/** Keeps tokens [a, b) of a mention, in place. */
function narrowMention(m: Mention, a: number, b: number): void {
  m.tokens = m.tokens.slice(a, b);
  m.start = m.tokens[0].start;
  m.end = m.tokens[m.tokens.length - 1].end;
  m.key = undefined;
}

/**
 * A place the tagger starts with common nouns before a country is the country
 * (`ibu kota China` → `China`, `wilayah utara Suriah` → `Suriah`): the training
 * splits write the country alone after a lower-case word 499 times and include
 * the words in a place 3 times. A cue word before a city stays (`kota Pati`), and
 * organisations keep theirs (`pemerintah Suriah`).
 */
export function dropCommonNounsBeforeCountry(m: Mention, gaz: Gazetteer): void {
  if (m.type !== 'LOCATION' || !isLowerWord(m.tokens[0])) return;
  let c = 1;
  while (c < m.tokens.length && isLowerWord(m.tokens[c])) c++;
  if (c === m.tokens.length) return;
  const hit = gaz.match(m.tokens, c);
  if (!hit || hit.entry.kind !== 'country' || c + hit.length !== m.tokens.length) return;
  narrowMention(m, c, m.tokens.length);
}

/**
 * A listed place in a comma chain of places is a place, and certain, so the
 * rest of the article follows it: a listed city before a country or province
 * (`Palu, Central Sulawesi`) and a listed place after a place (`Pemping Island,
 * Batam`), which is added when the tagger left it out. In the training splits
 * of both languages a listed city before a country or province is a place 205
 * times in 206, and a listed place after a place and a comma 589 times in 597
 * (the others are lists of actors: `Baghdad, White House`); where no gold name
 * covers the listed place there, 6 times in about 600. The tagger mostly gets
 * these right on its own; the article-wide pass can lose them when a city's
 * name also stands in a company (`Citra Palu Minerals`) or with a possessive
 * (`Batam's`). Returns the sentence's mentions, sorted.
 */
export function placesInCommaChains(found: Mention[], toks: readonly Token[], gaz: Gazetteer, make: (a: number, b: number, entry: GazetteerEntry) => Mention): Mention[] {
  let added: Mention[] | undefined;
  for (let k = 0; k < found.length; k++) {
    const left = found[k];
    const i = tokenIndex(toks, left.tokens[left.tokens.length - 1]);
    if (i < 0 || toks[i + 1]?.text !== ',' || i + 2 >= toks.length) continue;
    const right = found[k + 1];
    if (right && right.tokens[0] === toks[i + 2]) {
      const rightPlace = listedPlace(gaz, right);
      if (!rightPlace) continue;
      // whatever the tagger typed them: a listed place before a country or province, then one after a place
      if (!left.sure && right.type === 'LOCATION' && (rightPlace.kind === 'country' || rightPlace.kind === 'province')) {
        const leftPlace = listedPlace(gaz, left);
        if (leftPlace) settlePlace(left, leftPlace);
      }
      if (left.type === 'LOCATION' && !right.sure) settlePlace(right, rightPlace);
    } else if (left.type === 'LOCATION' && isCapitalised(toks[i + 2]) && (!right || right.start > toks[i + 2].start)) {
      // a listed place nobody tagged, whole: it ends before the next mention and the next capitalised word
      const hit = gaz.match(toks, i + 2);
      const b = hit ? i + 2 + hit.length : 0;
      if (!hit || hit.entry.type !== 'LOCATION' || (right && right.start < toks[b - 1].end) || (b < toks.length && isCapitalised(toks[b]))) continue;
      (added ??= []).push(make(i + 2, b, hit.entry));
    }
  }
  if (!added) return found;
  for (const m of added) settlePlace(m, m.entry!);
  return [...found, ...added].sort((x, y) => x.start - y.start);
}

/**
 * An Indonesian regency or city written in full (`Kabupaten Sleman`, `Kota Tanjungpinang`) that
 * no mention touches is a place: the tagger can miss one at a sentence start.
 * In the Indonesian training splits such a name is always in a gold place (136 times: the name
 * itself 101 times, inside a longer place 18, `Balai Kota Surabaya`, and 16 times the gold place
 * is the bare name, `Surabaya` of `Kota Surabaya`), never in a person or organisation but as the
 * place of a body (`Pemerintah Kota …`, which `organisationsOfPlaces` makes of it). `found` is
 * sorted and its mentions do not overlap; returns it with the places added, sorted.
 */
export function unclaimedRegencies(found: Mention[], toks: readonly Token[], gaz: Gazetteer, make: (a: number, b: number, entry: GazetteerEntry) => Mention): Mention[] {
  let added: Mention[] | undefined;
  let k = 0;
  for (let i = 0; i < toks.length; i++) {
    if (!ADMIN_WORDS.has(toks[i].key) || !isCapitalised(toks[i])) continue;
    const hit = gaz.match(toks, i);
    if (!hit || hit.entry.kind !== 'regency' || hit.length < 2) continue;
    const b = i + hit.length;
    // the first mention that ends after the name starts: it touches the name if it starts before its end
    while (k < found.length && found[k].end <= toks[i].start) k++;
    if (k < found.length && found[k].start < toks[b - 1].end) continue;
    (added ??= []).push(make(i, b, hit.entry));
    i = b - 1;
  }
  if (!added) return found;
  return [...found, ...added].sort((x, y) => x.start - y.start);
}

function listedPlace(gaz: Gazetteer, m: Mention): GazetteerEntry | undefined {
  const hit = gaz.match(m.tokens, 0);
  return hit && hit.length === m.tokens.length && hit.entry.type === 'LOCATION' ? hit.entry : undefined;
}

function settlePlace(m: Mention, entry: GazetteerEntry): void {
  Object.assign(m, { type: 'LOCATION', entry, sure: true, source: 'rule', score: 1 });
}

function isLowerWord(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = t.text[0];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * Two organisations joined by `dan`/`and`/`&` are two mentions when the second
 * starts with its own organisation cue word (`Kementerian Keuangan dan Bank
 * Rakyat Sejahtera`); `Kementerian Pendidikan dan Kebudayaan` stays one.
 */
export function splitCoordinatedOrganisations(mentions: Mention[], res: LangResources): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    if (m.type !== 'ORGANIZATION' || m.sure) {
      out.push(m);
      continue;
    }
    let from = 0;
    for (let k = 1; k + 1 < m.tokens.length; k++) {
      const t = m.tokens[k];
      const next = m.tokens[k + 1];
      if ((t.key === 'dan' || t.key === 'and' || t.key === '&') && isCapitalised(next) && res.orgStarts.has(next.key) && k > from) {
        out.push(sliceMention(m, from, k));
        from = k + 1;
      }
    }
    out.push(from === 0 ? m : sliceMention(m, from, m.tokens.length));
  }
  return out;
}

/** Administrative words a place name may start with (`Kota Tanjungpinang`, `Kabupaten Sleman`). */
const ADMIN_WORDS = new Set(['kota', 'kabupaten', 'kab', 'kab.', 'provinsi', 'prov', 'prov.']);

/** Longest head of `res.placeOrgHeads` written as toks[from - L, from) (capitalised), plus `extra` when given; its length or 0. */
function headBefore(toks: readonly Token[], from: number, res: LangResources, extra?: string): number {
  for (let L = Math.min(4, from); L >= 1; L--) {
    if (!isCapitalised(toks[from - L])) continue;
    let key = toks[from - L].key;
    for (let i = from - L + 1; i < from; i++) key += ' ' + toks[i].key;
    if (res.placeOrgHeads.has(key) || (extra !== undefined && res.placeOrgHeads.has(key + ' ' + extra))) return L;
  }
  return 0;
}

/**
 * A government body or office named after its place is an organisation that
 * includes the place (`Pemkot Tanjungpinang`, `Pemerintah Kota Tanjungpinang`,
 * `Kepolisian Resor Kota Sidoarjo`, from `src/lang/<lang>/ner-org-of-place.txt`);
 * so is an organisation followed by its branch's place (`NPCI Kota
 * Tanjungpinang`, `DPRD Kabupaten Sleman`). A country is never absorbed.
 */
export function organisationsOfPlaces(mentions: Mention[], toks: readonly Token[], res: LangResources): Mention[] {
  if (res.placeOrgHeads.size === 0 || mentions.length === 0) return mentions;
  // one pass with the output as a stack: an organisation swallows the mentions its head overlaps
  const out: Mention[] = [];
  for (const m of mentions) {
    const a = m.type === 'LOCATION' && m.entry?.kind !== 'country' ? tokenIndex(toks, m.tokens[0]) : -1;
    if (a < 0) {
      out.push(m);
      continue;
    }
    // the tagger's place already starts with the head (`Pemkot Tanjungpinang` as a place)
    if (headOf(m.tokens, res) > 0) {
      out.push(shapeMention({ ...m, type: 'ORGANIZATION', source: 'rule', sure: true, score: 1, entry: undefined, key: undefined }));
      continue;
    }
    const admin = ADMIN_WORDS.has(m.tokens[0].key) && isCapitalised(m.tokens[0]) ? m.tokens[0].key : undefined;
    const prev = out.length > 0 ? out[out.length - 1] : undefined;
    let from = -1;
    if (prev && prev.type === 'ORGANIZATION' && prev.end <= m.start && tokenIndex(toks, prev.tokens[prev.tokens.length - 1]) === a - 1 && (admin || headBefore(prev.tokens, prev.tokens.length, res) > 0)) {
      from = tokenIndex(toks, prev.tokens[0]);
    } else {
      const L = headBefore(toks, a, res, admin);
      if (L > 0) from = a - L;
    }
    if (from < 0) {
      out.push(m);
      continue;
    }
    const tokens = toks.slice(from, a + m.tokens.length);
    const org: Mention = shapeMention({ ...m, type: 'ORGANIZATION', source: 'rule', sure: true, score: 1, entry: undefined, key: undefined, tokens, start: tokens[0].start, end: m.end });
    while (out.length > 0 && out[out.length - 1].end > org.start) out.pop();
    out.push(org);
  }
  return out;
}

/**
 * An Indonesian regency or city name (`Sragen`, `Tanjungpinang`, `Kabupaten Bogor`) the tagger
 * typed a person is a place, and so is one after the head of a body named after its place
 * (`Pemkot Tanjungpinang`, which `organisationsOfPlaces` then makes the body). Of the 327 gold
 * names in the Indonesian training splits whose text is a regency or city, 325 are places, one an
 * organisation and one a person (`kabupaten Sragen`, an annotation slip); no name of the English
 * splits is one typed a person.
 */
export function regencyTakenForPerson(m: Mention, gaz: Gazetteer, res: LangResources): boolean {
  if (m.type !== 'PERSON') return false;
  const from = headOf(m.tokens, res);
  const hit = gaz.match(m.tokens, from);
  return hit !== undefined && from + hit.length === m.tokens.length && hit.entry.kind === 'regency';
}

/** Length of a head of `res.placeOrgHeads` starting the tokens and followed by at least one more token, or 0. */
function headOf(tokens: readonly Token[], res: LangResources): number {
  if (!isCapitalised(tokens[0])) return 0;
  let key = '';
  let best = 0;
  for (let L = 1; L < tokens.length && L <= 4; L++) {
    key += (L > 1 ? ' ' : '') + tokens[L - 1].key;
    if (res.placeOrgHeads.has(key)) best = L;
  }
  return best;
}

/**
 * A country right after a title and before a name is the title-holder's
 * country (`Presiden China Xi Jinping`, `Pemimpin Besar Korea Utara Kim
 * Jong-un`): the mention becomes the country and the person. Where the tagger
 * found only the country, `personAfterTitledCountry` (person-names.ts) adds the person.
 */
export function splitTitledCountry(mentions: Mention[], toks: readonly Token[], gaz: Gazetteer, res: LangResources): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const at = tokenIndex(toks, m.tokens[0]);
    const hit = m.tokens.length > 1 && !m.sure ? gaz.match(m.tokens, 0) : undefined;
    const before = at > 0 ? toks[at - 1] : undefined;
    if (hit && hit.entry.kind === 'country' && hit.length < m.tokens.length && before && res.titleWords.has(before.key) && isCapitalised(m.tokens[hit.length])) {
      out.push(shapeMention({ ...sliceMention(m, 0, hit.length), type: 'LOCATION', entry: hit.entry, sure: true, source: 'gazetteer', score: 1 }));
      out.push(shapeMention({ ...sliceMention(m, hit.length, m.tokens.length), type: 'PERSON', source: 'rule', sure: true, score: 1 }));
      continue;
    }
    out.push(m);
  }
  return out;
}

/** A gazetteer entry of a certain kind matching the whole mention, if any. */
export function sureEntryOf(gaz: Gazetteer, m: Mention): GazetteerEntry | undefined {
  const hit = gaz.match(m.tokens, 0);
  return hit && hit.length === m.tokens.length && SURE_KINDS.has(hit.entry.kind) ? hit.entry : undefined;
}

export interface SureMatch {
  /** Token range [a, b) in the sentence. */
  a: number;
  b: number;
  entry: GazetteerEntry;
}

/** Certain-list names in a sentence's tokens (longest match, capitalised or an exact acronym). */
export function sureMatches(gaz: Gazetteer, toks: readonly Token[]): SureMatch[] {
  const out: SureMatch[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!isCapitalised(toks[i])) {
      i++;
      continue;
    }
    const m = gaz.match(toks, i);
    if (m && SURE_KINDS.has(m.entry.kind)) {
      out.push({ a: i, b: i + m.length, entry: m.entry });
      i += m.length;
    } else i++;
  }
  return out;
}

/**
 * Merges a sentence's tagger mentions with its certain-list names: a mention
 * that is exactly a listed name takes the list's type; a listed name no
 * mention covers is added; a mention cut across by a listed name gives way to
 * it (what is left of the mention, if it still starts with a capital, keeps
 * the tagger's type); a mention inside a longer listed name becomes that name;
 * a mention that contains a listed name (`Bank Indonesia`) is kept, unless it
 * is a person's name opening with a listed organisation (`Kadin Rosan
 * Roeslani` → `Kadin`, `Rosan Roeslani`).
 */
export function applySureNames(
  mentions: Mention[],
  toks: readonly Token[],
  sure: readonly SureMatch[],
  make: (a: number, b: number, entry: GazetteerEntry) => Mention,
  res: LangResources,
): Mention[] {
  if (sure.length === 0) return mentions;
  // Listed names and mentions are both sorted and never overlap among themselves, so each name
  // only meets the mentions around it: those carried from the names before it (what is left of a
  // mention they cut, the names themselves) and the next ones of `mentions`. One pass.
  const out: Mention[] = [];
  let carry: Mention[] = [];
  let j = 0;
  for (const s of sure) {
    const span = { start: toks[s.a].start, end: toks[s.b - 1].end };
    const near = carry;
    while (j < mentions.length && mentions[j].start < span.end) near.push(mentions[j++]);
    const hit: Mention[] = [];
    for (const m of near) {
      if (m.end <= span.start) out.push(m);
      else hit.push(m);
    }
    carry = hit;
    const opened = s.entry.type === 'ORGANIZATION' ? hit.findIndex((m) => m.type === 'PERSON' && !m.sure && m.start === span.start && m.end > span.end) : -1;
    if (opened >= 0) {
      // a person's name never opens with a listed organisation (none of the gold people of the
      // training splits does): the tagger ran an organisation into a name (`Ketua Kadin Rosan Roeslani`)
      const m = hit[opened];
      const after = m.tokens.findIndex((t) => t.start >= span.end);
      hit.splice(opened, 1);
      if (isCapitalised(m.tokens[after])) {
        const r = sliceMention(m, after, m.tokens.length);
        if (trimMention(r, res, toks[0])) hit.push(r);
      }
      hit.push(make(s.a, s.b, s.entry));
      carry = hit.sort((x, y) => x.start - y.start);
      continue;
    }
    if (hit.some((m) => m.start <= span.start && m.end >= span.end && (m.start < span.start || m.end > span.end))) continue; // a longer name contains it
    const exact = hit.find((m) => m.start === span.start && m.end === span.end);
    if (exact) {
      exact.type = s.entry.type;
      exact.entry = s.entry;
      exact.sure = true;
      exact.score = 1;
      exact.source = 'gazetteer';
      continue;
    }
    const kept: Mention[] = [];
    for (const m of hit) {
      // what is left of a mention cut by the listed name
      const rest = m.tokens.filter((t) => t.end <= span.start || t.start >= span.end);
      if (rest.length > 0 && rest.length < m.tokens.length && isCapitalised(rest[0]) && !(m.start < span.start && m.end > span.end)) {
        const contiguous = rest.every((t, i) => i === 0 || m.tokens.indexOf(t) === m.tokens.indexOf(rest[i - 1]) + 1);
        if (contiguous) {
          const r: Mention = shapeMention({ ...m, tokens: rest, start: rest[0].start, end: rest[rest.length - 1].end, key: undefined, entry: undefined });
          if (trimMention(r, res, toks[0])) kept.push(r);
        }
      }
    }
    kept.push(make(s.a, s.b, s.entry));
    carry = kept.sort((x, y) => x.start - y.start);
  }
  for (const m of carry) out.push(m);
  while (j < mentions.length) out.push(mentions[j++]);
  return out;
}

/**
 * A state company's name goes on over its `(Persero)` and legal form (`PT Bank Rakyat Indonesia
 * (Persero) Tbk`, `PT Pertamina (Persero)`): the tagger stops at the parenthesis, leaving the
 * rest as a name of its own (`Persero) Tbk`).
 */
export function companiesOverPersero(mentions: Mention[], toks: readonly Token[], res: LangResources): Mention[] {
  let out: Mention[] | undefined;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (out && out.length > 0 && out[out.length - 1].end > m.start) continue;
    const i = m.type === 'ORGANIZATION' ? tokenIndex(toks, m.tokens[m.tokens.length - 1]) : -1;
    if (i < 0 || toks[i + 1]?.text !== '(' || toks[i + 2]?.key !== 'persero' || toks[i + 3]?.text !== ')') {
      out?.push(m);
      continue;
    }
    let end = i + 4;
    if (end < toks.length && res.legalSuffixes.has(toks[end].key)) end++;
    const tokens = [...m.tokens, ...toks.slice(i + 1, end)];
    out ??= mentions.slice(0, k);
    out.push(shapeMention({ ...m, tokens, end: tokens[tokens.length - 1].end, key: undefined }));
  }
  return out ?? mentions;
}

/**
 * A name the tagger ran into its own acronym written without parentheses (`Badan Pusat Statistik
 * BPS`, `Susilo Bambang Yudhoyono SBY`: corpora and scrapers that drop brackets) is the name and
 * the acronym, two mentions of its type, so the article-wide pass makes the acronym an alias. The
 * acronym's letters must be the initials of the name's capitalised words, all or the first ones
 * (`Electronic Toll Collection System ETC`); no gold name of the six training splits ends so.
 */
export function splitTrailingAcronyms(mentions: Mention[]): Mention[] {
  let out: Mention[] | undefined;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    const n = m.tokens.length;
    const last = m.tokens[n - 1];
    if (n < 3 || m.source === 'gazetteer' || !isAcronymText(last.text) || !initialsStartWith(m.tokens, n - 1, last.text)) {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, k);
    out.push(sliceMention(m, 0, n - 1), sliceMention(m, n - 1, n));
  }
  return out ?? mentions;
}

/** The initials of tokens[0, n)'s capitalised words start with all of `acronym`'s letters (two or more). */
export function initialsStartWith(tokens: readonly Token[], n: number, acronym: string): boolean {
  let j = 0;
  let letters = 0;
  for (let i = 0; i < acronym.length; i++) {
    const c = acronym.charCodeAt(i);
    if (c < 65 || c > 90) return false;
    while (j < n && !isCapitalised(tokens[j])) j++;
    if (j >= n || tokens[j].text.charCodeAt(0) !== c) return false;
    j++;
    letters++;
  }
  return letters >= 2;
}

/**
 * An acronym in parentheses right after an organisation or place, starting with the initial of one
 * of its words, is that name's acronym (`Crown Prosecution Service (CPS)`, `Badan Pusat Statistik
 * (BPS)`): added as a mention of the same type when the tagger left it out, so the article-wide
 * pass makes it an alias. Returns the sentence's mentions, sorted.
 */
export function acronymsAfterNames(mentions: Mention[], toks: readonly Token[]): Mention[] {
  let out: Mention[] | undefined;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    out?.push(m);
    if (m.type === 'PERSON') continue;
    const i = tokenIndex(toks, m.tokens[m.tokens.length - 1]);
    if (i < 0 || toks[i + 1]?.text !== '(' || toks[i + 3]?.text !== ')') continue;
    const a = toks[i + 2];
    if (!isAcronymOf(a.text, m.tokens)) continue;
    const next = mentions[k + 1];
    if (next && next.start <= a.start) continue;
    out ??= mentions.slice(0, k + 1);
    out.push(shapeMention({ ...m, tokens: [a], start: a.start, end: a.end, source: 'model', sure: false, entry: undefined, key: undefined }));
  }
  return out ?? mentions;
}
