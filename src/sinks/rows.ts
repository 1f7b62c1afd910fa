import { stringify } from 'csv-stringify/sync';
import { CsvWriter } from './csv-encode.js';
import type { DocumentRecord } from './serialize.js';

/**
 * The flat CSV files (RFC 4180): one row per item, `article_id` first. Every
 * cell holding a CR, LF, quote or comma is quoted. Cells that a spreadsheet
 * would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) are prefixed
 * with `'` by csv-stringify's `escape_formulas`; documents.jsonl keeps the
 * original text.
 */
export const CSV_COLUMNS = {
  articles: [
    'article_id', 'source_path', 'source_format', 'source_record', 'source_sha256', 'url', 'title', 'published_at',
    'source_name', 'dateline', 'author', 'language', 'language_confidence', 'characters', 'sentences', 'entities',
    'dates', 'warnings',
  ],
  sentences: ['article_id', 'index', 'start', 'end', 'section', 'text'],
  entities: ['article_id', 'type', 'text', 'canonical', 'entity_id', 'start', 'end', 'sentence', 'section'],
  dates: ['article_id', 'text', 'start', 'end', 'sentence', 'section', 'value', 'granularity', 'resolution', 'end_value', 'time', 'timezone'],
} as const;

export type CsvFile = keyof typeof CSV_COLUMNS;
export const CSV_FILES: readonly CsvFile[] = ['articles', 'sentences', 'entities', 'dates'];

/**
 * With an explicit `record_delimiter`, csv-stringify only quotes cells holding that exact
 * sequence (CRLF) unless `quote_record_delimiter` is set; a bare LF or CR in a sentence or
 * title would then split the row for every strict reader (Python's csv, pandas, importers).
 */
export const CSV_OPTIONS = { escape_formulas: true, record_delimiter: '\r\n', quote_record_delimiter: true } as const;

export function csvHeader(file: CsvFile): string {
  return stringify([CSV_COLUMNS[file] as unknown as string[]], CSV_OPTIONS);
}

/** Number of Unicode code points (what `characters` counts), without materialising them. */
export function countCodePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Code-point slicing for sentence text, matching the code-point offsets written next to it.
 * Sentences come in text order, so a cursor walks forward once (no array of every code point:
 * a 10 MB text would make ten million strings).
 */
function codePointSlicer(text: string): (start: number, end: number) => string {
  if (!/[\uD800-\uDBFF]/.test(text)) return (start, end) => text.slice(start, end);
  let point = 0;
  let unit = 0;
  const seek = (target: number): number => {
    if (target < point) {
      point = 0;
      unit = 0;
    }
    while (point < target && unit < text.length) {
      const c = text.charCodeAt(unit);
      const d = text.charCodeAt(unit + 1);
      unit += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      point++;
    }
    return unit;
  };
  return (start, end) => {
    const from = seek(start);
    return text.slice(from, seek(end));
  };
}

/**
 * The article's rows of each CSV file: the same bytes as `stringify(rows, CSV_OPTIONS)`, written
 * cell by cell (`CsvWriter`, see `csv-encode.ts`) with no array per row.
 */
export function csvRows(record: DocumentRecord): Record<CsvFile, string> {
  const id = record.id;
  const slice = codePointSlicer(record.text);
  const source = record.source;
  const article = new CsvWriter(CSV_COLUMNS.articles.length);
  article.cell(id); article.cell(source.path); article.cell(source.format); article.cell(source.record); article.cell(source.sha256); // prettier-ignore
  article.cell(record.url); article.cell(record.title); article.cell(record.published_at); article.cell(record.source_name); // prettier-ignore
  article.cell(record.dateline); article.cell(record.author); article.cell(record.language); article.cell(record.language_confidence); // prettier-ignore
  article.cell(countCodePoints(record.text)); article.cell(record.sentences.length); article.cell(record.entities.length); // prettier-ignore
  article.cell(record.dates.length); article.cell(record.warnings.map((w) => `${w.stage}/${w.code}: ${w.message}`).join(' | ')); // prettier-ignore
  article.endRow();
  const sentences = new CsvWriter(record.sentences.length * CSV_COLUMNS.sentences.length);
  for (const s of record.sentences) {
    sentences.cell(id); sentences.cell(s.index); sentences.cell(s.start); sentences.cell(s.end); sentences.cell(s.section); // prettier-ignore
    sentences.cell(slice(s.start, s.end));
    sentences.endRow();
  }
  const entities = new CsvWriter(record.entities.length * CSV_COLUMNS.entities.length);
  for (const e of record.entities) {
    entities.cell(id); entities.cell(e.type); entities.cell(e.text); entities.cell(e.canonical); entities.cell(e.entity_id); // prettier-ignore
    entities.cell(e.start); entities.cell(e.end); entities.cell(e.sentence); entities.cell(e.section); // prettier-ignore
    entities.endRow();
  }
  const dates = new CsvWriter(record.dates.length * CSV_COLUMNS.dates.length);
  for (const d of record.dates) {
    dates.cell(id); dates.cell(d.text); dates.cell(d.start); dates.cell(d.end); dates.cell(d.sentence); dates.cell(d.section); // prettier-ignore
    dates.cell(d.value); dates.cell(d.granularity); dates.cell(d.resolution); dates.cell(d.end_value); dates.cell(d.time); dates.cell(d.timezone); // prettier-ignore
    dates.endRow();
  }
  return { articles: article.text(), sentences: sentences.text(), entities: entities.text(), dates: dates.text() };
}
