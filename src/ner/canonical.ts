/**
 * Document-wide decisions after tagging: one type per string (a certain type
 * wins, else the tagger's majority), aliases and acronyms in parentheses
 * (`Partai Pekerja Korea (WPK)`, `Joko Widodo (Jokowi)`), short forms joined
 * to the full name (`Kim` → `Kim Jong Un`), then canonical names and stable
 * entity ids (ISO codes for countries, `TYPE:slug` otherwise).
 */
import type { Entity, EntityType } from '../doc.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { initialsStartWith, isAcronymOf, isAcronymText } from './certain.js';
import { mentionKey, normKey, type Mention } from './mention.js';
import { slugify } from './tokens.js';

const PERSON_PARTICLES = new Set(['bin', 'binti', 'van', 'von', 'der', 'de', 'da', 'al', 'el', 'no', 'of', 'the']);

const SLUGS = new Map<string, string>();

/** `slugify` with a bounded cache: the same names recur across a corpus. */
function slug(text: string): string {
  let v = SLUGS.get(text);
  if (v === undefined) {
    if (SLUGS.size > 50_000) SLUGS.clear();
    v = slugify(text);
    SLUGS.set(text, v);
  }
  return v;
}

interface Known {
  type: EntityType;
  sure: boolean;
  entry?: GazetteerEntry;
  first: Mention;
}

/** Type votes per string: a certain mention decides, else the tagger's most frequent type (the first on a tie). */
function decideTypes(mentions: readonly Mention[]): Map<string, Known> {
  const votes = new Map<string, { sure?: Mention; score: Record<string, number>; first: Mention; entry?: GazetteerEntry }>();
  for (const m of mentions) {
    const key = mentionKey(m);
    let v = votes.get(key);
    if (!v) votes.set(key, (v = { score: { PERSON: 0, LOCATION: 0, ORGANIZATION: 0 }, first: m }));
    if (m.sure && !v.sure) v.sure = m;
    v.score[m.type]++;
    v.entry ??= m.entry;
  }
  const known = new Map<string, Known>();
  for (const [key, v] of votes) {
    if (v.sure) {
      known.set(key, { type: v.sure.type, sure: true, entry: v.sure.entry, first: v.first });
      continue;
    }
    let type = v.first.type;
    for (const t of ['PERSON', 'LOCATION', 'ORGANIZATION'] as const) if (v.score[t] > v.score[type]) type = t;
    known.set(key, { type, sure: false, entry: v.entry && v.entry.type === type ? v.entry : undefined, first: v.first });
  }
  return known;
}

/** Full names a short form can stand for: each part of a multi-word person name → the names containing it. */
function personParts(mentions: readonly Mention[], known: ReadonlyMap<string, Known>): Map<string, Set<string>> {
  const parts = new Map<string, Set<string>>();
  for (const m of mentions) {
    const key = mentionKey(m);
    if (known.get(key)?.type !== 'PERSON' || m.tokens.length < 2) continue;
    for (const part of key.split(' ')) {
      if (part.length < 2 || PERSON_PARTICLES.has(part)) continue;
      let set = parts.get(part);
      if (!set) parts.set(part, (set = new Set()));
      set.add(key);
    }
  }
  return parts;
}

/**
 * More full names than this sharing one word cannot all be spellings of one person: the short form
 * is ambiguous. The bound keeps the search linear on texts with thousands of capitalised names
 * (a list, a table's text), where comparing every pair took minutes.
 */
const MAX_NAMES_SHARING_A_WORD = 16;

/** The one full person name `key` is a short form of, if there is exactly one (`Kim Jong` and `Kim Jong Un` count as one). */
function fullNameOf(key: string, parts: ReadonlyMap<string, Set<string>>, known: ReadonlyMap<string, Known>): string | undefined {
  const set = parts.get(key);
  if (set && set.size === 1) return [...set][0];
  if (set && set.size > MAX_NAMES_SHARING_A_WORD) return undefined;
  if (set && set.size > 1) {
    const keys = [...set].sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
    const longest = keys[0].split(' ');
    if (keys.every((k) => k.split(' ').every((p) => longest.includes(p)))) return keys[0];
    return undefined;
  }
  const words = key.split(' ');
  if (words.length < 2) return undefined;
  // a particle is no part of its own (`De Ligt` at the start of a sentence, `Matthijs de Ligt`)
  const head = words.find((w) => !PERSON_PARTICLES.has(w));
  const candidates = head === undefined ? undefined : parts.get(head);
  if (!candidates || candidates.size > MAX_NAMES_SHARING_A_WORD) return undefined;
  let found: string | undefined;
  for (const full of candidates) {
    if (full === key || known.get(full)?.type !== 'PERSON') continue;
    const fp = full.split(' ');
    if (words.every((p) => fp.includes(p))) {
      if (found && found !== full) return undefined;
      found = full;
    }
  }
  return found;
}

/**
 * `X (Y)`: Y is an alias of X (an acronym of an organisation or place, a nickname of a person);
 * `X Y`, where the brackets were dropped, when Y spells X's initials (`Susilo Bambang Yudhoyono SBY`).
 */
function parenthesisedAliases(text: string, mentions: readonly Mention[]): Map<Mention, Mention> {
  const aliasOf = new Map<Mention, Mention>();
  for (let k = 0; k + 1 < mentions.length; k++) {
    const a = mentions[k];
    const b = mentions[k + 1];
    if (b.tokens.length !== 1) continue;
    const bt = b.tokens[0].text;
    if (!b.sure && a.type === b.type && a.tokens.length >= 2 && text.slice(a.end, b.start) === ' ' && initialsStartWith(a.tokens, a.tokens.length, bt)) {
      aliasOf.set(b, a);
      continue;
    }
    if (!/^\s*\($/.test(text.slice(a.end, b.start)) || text[b.end] !== ')') continue;
    const acronym = isAcronymText(bt);
    // a listed name in parentheses is itself (`Anthony Hill (Australia)`), never an alias of something else
    if (b.sure) continue;
    if (a.type === 'ORGANIZATION' || a.type === 'LOCATION') {
      if (isAcronymOf(bt, a.tokens)) aliasOf.set(b, a);
    } else if (a.type === 'PERSON' && b.type === 'PERSON' && a.tokens.length > 1 && !acronym) aliasOf.set(b, a);
  }
  return aliasOf;
}

function surfaceOf(text: string, m: Mention): string {
  const from = m.tokens[m.cueTokens ?? 0] ?? m.tokens[0];
  return text.slice(from.start, m.end);
}

/**
 * Entities of a document from its mentions (sorted by start, non-overlapping):
 * types made consistent, aliases and short forms joined, canonical names and ids.
 */
export function resolveEntities(text: string, input: readonly Mention[], gaz: Gazetteer, language: string): Entity[] {
  const mentions = [...input].sort((a, b) => a.start - b.start || b.end - a.end);
  // aliases take their full form's type before the vote
  const aliasOf = parenthesisedAliases(text, mentions);
  for (const [b, a] of aliasOf) {
    b.type = a.type;
    b.entry = a.entry ?? (b.entry?.type === a.type ? b.entry : undefined);
    b.source = 'coref';
  }
  const known = decideTypes(mentions);
  const parts = personParts(mentions, known);
  const fullMemo = new Map<string, string | undefined>();
  const fullName = (key: string) => {
    if (!fullMemo.has(key)) fullMemo.set(key, fullNameOf(key, parts, known));
    return fullMemo.get(key);
  };
  const aliasKey = new Map<string, Mention>();
  for (const [b, a] of aliasOf) aliasKey.set(normKey(b.tokens), a);

  const canonicalByKey = new Map<string, { canonical: string; id: string }>();
  const personCanonical = (fullKey: string): { canonical: string; id: string } => {
    let hit = canonicalByKey.get(fullKey);
    if (!hit) {
      const first = known.get(fullKey)!.first;
      const toks = first.tokens.slice(first.cueTokens ?? 0);
      const surface = toks.map((t, i) => t.text + (i < toks.length - 1 ? text.slice(t.end, toks[i + 1].start) : '')).join('');
      hit = { canonical: surface, id: `PERSON:${slug(surface)}` };
      canonicalByKey.set(fullKey, hit);
    }
    return hit;
  };

  const entities: Entity[] = [];
  for (const m of mentions) {
    const key = mentionKey(m);
    const k = known.get(key)!;
    let type = m.type;
    let entry = m.entry;
    let source = m.source;
    if (k.type !== m.type && !m.sure) {
      type = k.type;
      entry = k.entry ?? (entry?.type === type ? entry : undefined);
      source = 'coref';
    }
    let canonical: string | undefined;
    let id: string | undefined;
    const alias = aliasKey.get(key);
    if (alias && alias !== m && !(m.sure && m.entry && alias.entry?.entity_id !== m.entry.entity_id)) {
      const ak = mentionKey(alias);
      type = known.get(ak)?.type ?? alias.type;
      const aEntry = known.get(ak)?.entry ?? alias.entry;
      if (aEntry && aEntry.type === type) {
        canonical = gaz.canonicalFor(aEntry, language);
        id = aEntry.entity_id;
      } else if (type === 'PERSON') ({ canonical, id } = personCanonical(fullName(ak) ?? ak));
      else {
        canonical = surfaceOf(text, alias);
        id = `${type}:${slug(canonical)}`;
      }
      if (source !== 'gazetteer') source = 'coref';
    } else if (entry && entry.type === type && (entry.kind !== 'city' || type === 'LOCATION')) {
      canonical = gaz.canonicalFor(entry, language);
      id = entry.entity_id;
    } else {
      // a short form of a person named in full elsewhere (`Kim`, `Widodo`) is that person
      const full = fullName(key);
      if (full && full !== key && known.get(full)?.type === 'PERSON' && !m.sure) {
        if (source !== 'gazetteer') source = 'coref';
        type = 'PERSON';
        ({ canonical, id } = personCanonical(full));
      } else if (type === 'PERSON') ({ canonical, id } = personCanonical(key));
    }
    if (canonical === undefined || id === undefined) {
      canonical = surfaceOf(text, m);
      id = `${type}:${slug(canonical)}`;
    }
    entities.push({ start: m.start, end: m.end, type, text: text.slice(m.start, m.end), canonical, entity_id: id, sentence: m.sentence, section: m.section, source });
  }
  entities.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Entity[] = [];
  for (const e of entities) {
    const prev = result[result.length - 1];
    if (prev && e.start < prev.end) continue;
    result.push(e);
  }
  return result;
}
