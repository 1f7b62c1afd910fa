import { codePointLength, publishedDate } from '../sinks/record-rows.js';
import type { DocumentRecord } from '../sinks/serialize.js';

/**
 * What the run report shows about the articles, gathered one article at a time in memory that
 * grows with the number of distinct entities, outlets, days and languages, never with the corpus:
 * the runner can feed every finished article as it streams past.
 */
export interface EntityTally {
  entity_id: string;
  type: string;
  articles: number;
  mentions: number;
  /** How often each canonical name was written; the shown name is the most frequent. */
  canonicals: Map<string, number>;
}

export interface ReportData {
  articles: number;
  sentences: number;
  mentions: number;
  dates: number;
  characters: number;
  /** Articles per publication day (`YYYY-MM-DD`); articles without a valid date are `undated`. */
  perDay: Map<string, number>;
  undated: number;
  /** Articles per outlet (`source_name`; empty string when unknown). */
  perOutlet: Map<string, number>;
  perLanguage: Map<string, number>;
  entities: Map<string, EntityTally>;
  /** Warnings per `stage/code`. */
  warnings: Map<string, number>;
}

const bump = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

export class ReportAggregator {
  readonly data: ReportData = {
    articles: 0,
    sentences: 0,
    mentions: 0,
    dates: 0,
    characters: 0,
    perDay: new Map(),
    undated: 0,
    perOutlet: new Map(),
    perLanguage: new Map(),
    entities: new Map(),
    warnings: new Map(),
  };

  add(record: DocumentRecord): void {
    const d = this.data;
    d.articles++;
    d.sentences += record.sentences.length;
    d.mentions += record.entities.length;
    d.dates += record.dates.length;
    d.characters += codePointLength(record.text);
    const day = publishedDate(record.published_at);
    if (day) bump(d.perDay, day);
    else d.undated++;
    bump(d.perOutlet, record.source_name?.trim() ?? '');
    bump(d.perLanguage, record.language ?? 'und');
    for (const w of record.warnings) bump(d.warnings, `${w.stage}/${w.code}`);
    const seen = new Set<string>();
    for (const e of record.entities) {
      let tally = d.entities.get(e.entity_id);
      if (!tally) d.entities.set(e.entity_id, (tally = { entity_id: e.entity_id, type: e.type, articles: 0, mentions: 0, canonicals: new Map() }));
      tally.mentions++;
      bump(tally.canonicals, e.canonical);
      if (!seen.has(e.entity_id)) {
        seen.add(e.entity_id);
        tally.articles++;
      }
    }
  }
}

/**
 * Add the figures of `from` (gathered elsewhere, e.g. by a worker thread over its articles) to
 * `into`. Every figure is a sum, so the order in which parts are merged does not matter.
 */
export function mergeReportData(into: ReportData, from: ReportData): void {
  into.articles += from.articles;
  into.sentences += from.sentences;
  into.mentions += from.mentions;
  into.dates += from.dates;
  into.characters += from.characters;
  into.undated += from.undated;
  for (const [day, n] of from.perDay) bump(into.perDay, day, n);
  for (const [outlet, n] of from.perOutlet) bump(into.perOutlet, outlet, n);
  for (const [language, n] of from.perLanguage) bump(into.perLanguage, language, n);
  for (const [warning, n] of from.warnings) bump(into.warnings, warning, n);
  for (const [id, part] of from.entities) {
    const tally = into.entities.get(id);
    if (!tally) into.entities.set(id, { ...part, canonicals: new Map(part.canonicals) });
    else {
      tally.articles += part.articles;
      tally.mentions += part.mentions;
      for (const [name, n] of part.canonicals) bump(tally.canonicals, name, n);
    }
  }
}

/** The most frequent canonical name; ties by code-unit order, so the same data gives the same name. */
export function displayName(tally: EntityTally): string {
  let best = '';
  let bestCount = -1;
  for (const [name, count] of tally.canonicals) {
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/** Entities of one type by articles, then mentions, then id. */
export function topEntities(data: ReportData, type: string, n: number): EntityTally[] {
  return [...data.entities.values()]
    .filter((e) => e.type === type)
    .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || (a.entity_id < b.entity_id ? -1 : 1))
    .slice(0, n);
}
