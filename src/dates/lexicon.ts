import { readLangJson, readWordList } from '../lang/data.js';
import { phraseTokens, WordFilter } from './tokens.js';

export type Unit = 'day' | 'week' | 'month' | 'year' | 'decade';

/** A lexicon phrase split into tokens, with its value. */
export interface Phrase<V> {
  toks: string[];
  v: V;
}

/** Phrases indexed by their first token, longest first. */
export type PhraseTable<V> = Map<string, Phrase<V>[]>;

interface CalendarJson {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  timezones: Record<string, string>;
}

interface DatesJson {
  relative_days: Record<string, number>;
  units: Record<string, Unit>;
  unit_one: Record<string, Unit>;
  plural_units: string[];
  cues_before: Record<string, number>;
  cues_after: Record<string, number>;
  ago: Record<string, number>;
  since: string[];
  until: string[];
  range_separators: string[];
  range_openers: string[];
  range_and: string[];
  parts: string[];
  heads: Record<string, 'year' | 'month' | 'day' | 'weekday'>;
  time_heads: string[];
  time_connectors: string[];
  times_of_day: Record<string, string>;
  local_time: string[];
  clock_words: Record<string, string>;
  ampm: Record<string, 'am' | 'pm'>;
  future_cues: string[];
  past_markers: string[];
  past_suffix: string;
  participle_aux: string[];
  year_cues: string[];
  year_blockers: string[];
  year_follow_ok: string[];
  year_trailers: string[];
  strict_bare_years: boolean;
  list_connectors: string[];
  decade_cues: string[];
  day_month_cues: string[];
  decade_suffixes: string[];
  ordinal_suffixes: string[];
  of: string[];
  ambiguous_months: string[];
  ambiguous_weekdays: string[];
  numbers: Record<string, number>;
  year_parts: Record<string, number>;
  ordinals: Record<string, number>;
  vague_quantities: string[];
  number_teen: string;
  number_tens: string;
}

export interface NameInfo {
  value: number;
  /** A shortening (`Sep`, `Kam`, `Thu`): only read next to an explicit date. */
  abbr: boolean;
}

/** Everything the grammar needs for one language, built once per process. */
export interface Lexicon {
  code: string;
  months: Map<string, NameInfo>;
  weekdays: Map<string, NameInfo>;
  /** Upper-case abbreviation as written (`WIB`) to offset (`+07:00`). */
  timezones: Map<string, string>;
  relativeDays: PhraseTable<number>;
  units: Map<string, Unit>;
  unitOne: Map<string, Unit>;
  /** `months`, `years`: after `last`/`next` a stretch of time, not a date. */
  pluralUnits: Set<string>;
  cuesBefore: PhraseTable<number>;
  cuesAfter: PhraseTable<number>;
  ago: PhraseTable<number>;
  since: PhraseTable<true>;
  until: PhraseTable<true>;
  rangeSeparators: PhraseTable<true>;
  rangeOpeners: PhraseTable<true>;
  rangeAnd: PhraseTable<true>;
  parts: PhraseTable<true>;
  heads: Map<string, 'year' | 'month' | 'day' | 'weekday'>;
  timeHeads: PhraseTable<true>;
  timeConnectors: PhraseTable<true>;
  timesOfDay: PhraseTable<string>;
  localTime: PhraseTable<true>;
  /** `noon`, `tengah malam` to `HH:MM`. */
  clockWords: PhraseTable<string>;
  ampm: PhraseTable<'am' | 'pm'>;
  futureCues: Set<string>;
  /** Nearer to a weekday than a future cue, these keep it in the past (`telah`, `said`). */
  pastMarkers: Set<string>;
  /** English regular past tense (`-ed`), same role. */
  pastSuffix: string;
  /** `be`, `been`: a past participle after them is no past tense. */
  participleAux: Set<string>;
  yearCues: Set<string>;
  yearBlockers: Set<string>;
  yearFollowOk: Set<string>;
  yearTrailers: Set<string>;
  /**
   * A bare year between two lower-case words needs a cue (`nearly 2000 protesters`);
   * off for Indonesian, which writes counts as `2.000`.
   */
  strictBareYears: boolean;
  /** `dan`, `and`: a year right after `2019 dan` is a year too. */
  listConnectors: Set<string>;
  decadeCues: Set<string>;
  /** Words after which a bare `31/8` is a day and month (`pada 31/8`). */
  dayMonthCues: Set<string>;
  decadeSuffixes: Set<string>;
  ordinalSuffixes: Set<string>;
  of: Set<string>;
  ambiguousMonths: Set<string>;
  ambiguousWeekdays: Set<string>;
  countWords: Set<string>;
  numbers: Map<string, number>;
  /** `kuartal` 3, `semester` 6, `quarter` 3, `half` 6: months in the part of a year. */
  yearPartWords: Map<string, number>;
  /** `ketiga`, `III`, `third`. */
  ordinals: Map<string, number>;
  /** `beberapa`, `several`: `beberapa tahun lalu` names no date. */
  vagueQuantities: Set<string>;
  numberTeen: string;
  numberTens: string;
  /** Lower-cased words that may begin an expression (a cheap first filter). */
  starters: Set<string>;
  /** Words spelled with an inner apostrophe (`jum'at`). */
  apostropheWords: Set<string>;
  /** Every word of this lexicon, as a tokenizer pre-check. */
  filter: WordFilter;
}

function table<V>(entries: [string, V][]): PhraseTable<V> {
  const map: PhraseTable<V> = new Map();
  for (const [key, v] of entries) {
    const toks = phraseTokens(key);
    if (toks.length === 0) continue;
    const list = map.get(toks[0]) ?? [];
    list.push({ toks, v });
    map.set(toks[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.toks.length - a.toks.length);
  return map;
}

const list = (words: string[]): PhraseTable<true> => table(words.map((w) => [w, true as const]));
const lowerSet = (words: string[]): Set<string> => new Set(words.map((w) => w.toLowerCase()));

/** A name is an abbreviation when it is a prefix of, or at most three letters beside, a longer name of the same value. */
function names(record: Record<string, number>): Map<string, NameInfo> {
  const byValue = new Map<number, string[]>();
  for (const [name, value] of Object.entries(record)) {
    const k = name.toLowerCase();
    byValue.set(value, [...(byValue.get(value) ?? []), k]);
  }
  const out = new Map<string, NameInfo>();
  for (const [value, all] of byValue) {
    for (const name of all) {
      const longer = all.filter((other) => other.length > name.length);
      const abbr = longer.some((other) => other.startsWith(name)) || (name.length <= 3 && longer.length > 0);
      out.set(name, { value, abbr });
    }
  }
  return out;
}

export function buildLexicon(code: string, extraTimezones: Record<string, string> = {}): Lexicon {
  const cal = readLangJson<CalendarJson>(code, 'calendar.json');
  const d = readLangJson<DatesJson>(code, 'dates-lexicon.json');
  const lex: Lexicon = {
    code,
    months: names(cal.months),
    weekdays: names(cal.weekdays),
    timezones: new Map(Object.entries({ ...extraTimezones, ...cal.timezones })),
    relativeDays: table(Object.entries(d.relative_days)),
    units: new Map(Object.entries(d.units)),
    unitOne: new Map(Object.entries(d.unit_one)),
    pluralUnits: lowerSet(d.plural_units),
    cuesBefore: table(Object.entries(d.cues_before)),
    cuesAfter: table(Object.entries(d.cues_after)),
    ago: table(Object.entries(d.ago)),
    since: list(d.since),
    until: list(d.until),
    rangeSeparators: list(d.range_separators),
    rangeOpeners: list(d.range_openers),
    rangeAnd: list(d.range_and),
    parts: list(d.parts),
    heads: new Map(Object.entries(d.heads)),
    timeHeads: list(d.time_heads),
    timeConnectors: list(d.time_connectors),
    timesOfDay: table(Object.entries(d.times_of_day)),
    localTime: list(d.local_time),
    clockWords: table(Object.entries(d.clock_words)),
    ampm: table(Object.entries(d.ampm)),
    futureCues: lowerSet(d.future_cues),
    pastMarkers: lowerSet(d.past_markers),
    pastSuffix: d.past_suffix,
    participleAux: lowerSet(d.participle_aux),
    yearCues: lowerSet(d.year_cues),
    yearBlockers: lowerSet(d.year_blockers),
    yearFollowOk: lowerSet(d.year_follow_ok),
    yearTrailers: lowerSet(d.year_trailers),
    strictBareYears: d.strict_bare_years,
    listConnectors: lowerSet(d.list_connectors),
    decadeCues: lowerSet(d.decade_cues),
    dayMonthCues: lowerSet(d.day_month_cues),
    decadeSuffixes: lowerSet(d.decade_suffixes),
    ordinalSuffixes: lowerSet(d.ordinal_suffixes),
    of: lowerSet(d.of),
    ambiguousMonths: lowerSet(d.ambiguous_months),
    ambiguousWeekdays: lowerSet(d.ambiguous_weekdays),
    countWords: lowerSet(readWordList(code, 'dates-count-words.txt')),
    numbers: new Map(Object.entries(d.numbers)),
    yearPartWords: new Map(Object.entries(d.year_parts)),
    ordinals: new Map(Object.entries(d.ordinals).map(([k, v]) => [k.toLowerCase(), v])),
    vagueQuantities: lowerSet(d.vague_quantities),
    numberTeen: d.number_teen,
    numberTens: d.number_tens,
    starters: new Set(),
    apostropheWords: new Set(),
    filter: new WordFilter([]),
  };
  const starters = lex.starters;
  for (const t of [lex.relativeDays, lex.cuesBefore, lex.since, lex.until, lex.rangeOpeners, lex.parts, lex.timeHeads, lex.clockWords] as PhraseTable<unknown>[]) {
    for (const key of t.keys()) starters.add(key);
  }
  for (const m of [lex.months, lex.weekdays, lex.units, lex.unitOne, lex.heads, lex.numbers, lex.yearPartWords] as Map<string, unknown>[]) {
    for (const key of m.keys()) starters.add(key);
  }
  if (code === 'en') for (const key of [...lex.ordinals.keys(), 'q', 'h']) starters.add(key);
  for (const key of [...lex.months.keys(), ...lex.weekdays.keys()]) if (key.includes("'")) lex.apostropheWords.add(key);
  // Every word any table, map or set holds (phrase tables: every token of every phrase).
  const words = new Set<string>([lex.numberTeen, lex.numberTens]);
  for (const value of Object.values(lex)) {
    if (value instanceof Set) for (const w of value) words.add(String(w).toLowerCase());
    else if (value instanceof Map) {
      for (const [key, entry] of value) {
        words.add(String(key).toLowerCase());
        if (Array.isArray(entry)) for (const phrase of entry as Phrase<unknown>[]) for (const tok of phrase.toks) words.add(tok);
      }
    }
  }
  lex.filter = new WordFilter(words);
  return lex;
}

let cache: Map<string, Lexicon> | null = null;

/** The Indonesian and English lexicons; time-zone abbreviations are shared. */
export function lexicons(): Map<string, Lexicon> {
  if (cache) return cache;
  const idCal = readLangJson<CalendarJson>('id', 'calendar.json');
  const enCal = readLangJson<CalendarJson>('en', 'calendar.json');
  const shared = { ...enCal.timezones, ...idCal.timezones };
  cache = new Map([
    ['id', buildLexicon('id', shared)],
    ['en', buildLexicon('en', shared)],
  ]);
  return cache;
}
