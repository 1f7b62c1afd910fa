import { stringify } from 'csv-stringify/sync';
import { encodeCsvRows, type CsvCell } from './csv-encode.js';
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

/** Same bytes as `stringify(data, CSV_OPTIONS)`, several times faster (see `csv-encode.ts`). */
function rows(data: CsvCell[][]): string {
  return encodeCsvRows(data);
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

export function csvRows(record: DocumentRecord): Record<CsvFile, string> {
  const id = record.id;
  const slice = codePointSlicer(record.text);
  return {
    articles: rows([
      [
        id, record.source.path, record.source.format, record.source.record, record.source.sha256, record.url,
        record.title, record.published_at, record.source_name, record.dateline, record.author, record.language,
        record.language_confidence, countCodePoints(record.text), record.sentences.length, record.entities.length,
        record.dates.length, record.warnings.map((w) => `${w.stage}/${w.code}: ${w.message}`).join(' | '),
      ],
    ]),
    sentences: rows(record.sentences.map((s) => [id, s.index, s.start, s.end, s.section, slice(s.start, s.end)])),
    entities: rows(
      record.entities.map((e) => [id, e.type, e.text, e.canonical, e.entity_id, e.start, e.end, e.sentence, e.section]),
    ),
    dates: rows(
      record.dates.map((d) => [
        id, d.text, d.start, d.end, d.sentence, d.section, d.value, d.granularity, d.resolution, d.end_value, d.time, d.timezone,
      ]),
    ),
  };
}
