import { CSV_COLUMNS } from './rows.js';
import { columnsOf, type TableName } from './schema.js';
import type { DocumentRecord } from './serialize.js';

/**
 * One article's rows for the database tables, as typed values (numbers, null) rather than the CSV
 * text: the CSV columns first, in the CSV order and with the same values as `csvRows` (except the
 * spreadsheet formula guard, a CSV-only concern), then the database-only columns.
 */
export type Value = string | number | boolean | null;
export type Row = Value[];

export interface ArticleRows {
  articles: Row[];
  sentences: Row[];
  entity_mentions: Row[];
  dates: Row[];
}

export type ArticleTable = keyof ArticleRows;
export const ARTICLE_TABLES: readonly ArticleTable[] = ['articles', 'sentences', 'entity_mentions', 'dates'];

/** The row layouts built below; checked against the schema when this module loads. */
const LAYOUT: Record<ArticleTable, readonly string[]> = {
  articles: [...CSV_COLUMNS.articles, 'published_date', 'hash'],
  sentences: [...CSV_COLUMNS.sentences],
  entity_mentions: [...CSV_COLUMNS.entities, 'ordinal', 'published_at', 'published_date', 'language', 'source_name'],
  dates: [...CSV_COLUMNS.dates, 'ordinal', 'published_at', 'published_date', 'language', 'source_name'],
};
for (const table of ARTICLE_TABLES) {
  const schema = columnsOf(table as TableName).join(',');
  if (schema !== LAYOUT[table].join(',')) {
    throw new Error(`record-rows: the ${table} row layout (${LAYOUT[table].join(',')}) does not match the schema (${schema}); update both with a migration`);
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * The calendar day of an ISO `published_at` as written (local to its stated zone: a story published
 * `2025-09-06T01:00+07:00` is dated 6 September, as its readers saw it); null when the value has no
 * valid day.
 */
export function publishedDate(publishedAt: string | null): string | null {
  if (publishedAt === null) return null;
  const m = ISO_DAY.exec(publishedAt);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Code points in `text` (the `characters` column), without materialising them. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Sentence text by code-point offsets, as `sentences.csv` writes it. */
function codePointSlicer(text: string): (start: number, end: number) => string {
  if (!/[\uD800-\uDBFF]/.test(text)) return (start, end) => text.slice(start, end);
  const points = Array.from(text);
  return (start, end) => points.slice(start, end).join('');
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function articleRows(record: DocumentRecord, hash: string): ArticleRows {
  const id = record.id;
  const day = publishedDate(record.published_at);
  const context = [record.published_at, day, record.language, record.source_name];
  const slice = codePointSlicer(record.text);
  return {
    articles: [
      [
        id, record.source.path, record.source.format, record.source.record, record.source.sha256, record.url,
        record.title, record.published_at, record.source_name, record.dateline, record.author, record.language,
        record.language_confidence, codePointLength(record.text), record.sentences.length, record.entities.length,
        record.dates.length, record.warnings.map((w) => `${w.stage}/${w.code}: ${w.message}`).join(' | '),
        day, hash,
      ],
    ],
    sentences: record.sentences.map((s) => [id, s.index, s.start, s.end, s.section, slice(s.start, s.end)]),
    entity_mentions: record.entities.map((e, ordinal) => [
      id, e.type, e.text, e.canonical, e.entity_id, e.start, e.end, e.sentence, e.section, ordinal, ...context,
    ]),
    dates: record.dates.map((d, ordinal) => [
      id, d.text, d.start, d.end, d.sentence, d.section, d.value, d.granularity, d.resolution,
      orNull(d.end_value), orNull(d.time), orNull(d.timezone), ordinal, ...context,
    ]),
  };
}
