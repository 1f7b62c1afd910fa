/**
 * The README's output contract as executable checks over a finished output folder:
 * documents.jsonl (spans in range and slicing to their text, sentences ordered and inside
 * their sections, no date or entity crossing its sentence, no lone surrogate anywhere) and
 * the four CSV files (RFC 4180 read by csv-parse in strict mode, the header, and every row
 * equal field by field to what documents.jsonl says). Used by the round-trip test, the fuzz
 * suite and `npm run fuzz`, so every caller enforces one definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, CSV_FILES, type CsvFile } from '../sinks/rows.js';
import type { DocumentRecord } from '../sinks/serialize.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** First characters csv-stringify's `escape_formulas` prefixes with `'` in string cells. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

type Cell = string | number | null | undefined;

/** The cell text a CSV reader must get back for a value of documents.jsonl. */
function expectedCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return value !== '' && FORMULA_START.has(value[0]) ? `'${value}` : value;
}

/** What each CSV file must hold for one document, in the file's column order. */
export function expectedCsvRows(doc: DocumentRecord): Record<CsvFile, Cell[][]> {
  const points = Array.from(doc.text);
  const slice = (start: number, end: number) => points.slice(start, end).join('');
  return {
    articles: [
      [
        doc.id, doc.source.path, doc.source.format, doc.source.record, doc.source.sha256, doc.url, doc.title, doc.published_at,
        doc.source_name, doc.dateline, doc.author, doc.language, doc.language_confidence, points.length, doc.sentences.length,
        doc.entities.length, doc.dates.length, doc.warnings.map((w) => `${w.stage}/${w.code}: ${w.message}`).join(' | '),
      ],
    ],
    sentences: doc.sentences.map((s) => [doc.id, s.index, s.start, s.end, s.section, slice(s.start, s.end)]),
    entities: doc.entities.map((e) => [doc.id, e.type, e.text, e.canonical, e.entity_id, e.start, e.end, e.sentence, e.section]),
    dates: doc.dates.map((d) => [
      doc.id, d.text, d.start, d.end, d.sentence, d.section, d.value, d.granularity, d.resolution, d.end_value, d.time, d.timezone,
    ]),
  };
}

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasLoneSurrogate(k) || hasLoneSurrogate(v));
  return false;
}

interface Located {
  start: number;
  end: number;
}

const inside = (inner: Located, outer: Located) => inner.start >= outer.start && inner.end <= outer.end;

/** Contract violations of one document record (empty when it is sound). */
export function documentViolations(doc: DocumentRecord): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`${doc.id}: ${message}`);
  if (hasLoneSurrogate(doc)) say('a lone surrogate in the record');
  const points = Array.from(doc.text);
  const length = points.length;
  const slice = (start: number, end: number) => points.slice(start, end).join('');
  const inRange = (what: string, s: Located, allowEmpty = false) => {
    const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && (allowEmpty ? s.end >= s.start : s.end > s.start);
    if (!ok) say(`${what} [${s.start}, ${s.end}) out of range (text has ${length} code points)`);
    return ok;
  };

  let previousEnd = 0;
  doc.sections.forEach((s, i) => {
    if (!inRange(`section ${i}`, s)) return;
    if (s.start < previousEnd) say(`section ${i} starts at ${s.start}, before the previous one ends (${previousEnd})`);
    previousEnd = s.end;
  });
  const sectionOf = (span: Located) => doc.sections.find((s) => inside(span, s));

  previousEnd = 0;
  doc.sentences.forEach((s, i) => {
    if (s.index !== i) say(`sentence ${i} has index ${s.index}`);
    if (!inRange(`sentence ${i}`, s)) return;
    if (s.start < previousEnd) say(`sentence ${i} starts at ${s.start}, before the previous one ends (${previousEnd})`);
    previousEnd = s.end;
    const section = sectionOf(s);
    if (!section) say(`sentence ${i} [${s.start}, ${s.end}) lies in no section`);
    else if (section.type !== s.section) say(`sentence ${i} says section ${s.section}, lies in ${section.type}`);
  });

  const checkMention = (what: string, m: { text: string; start: number; end: number; sentence: number; section: string | null }) => {
    if (!inRange(what, m)) return;
    const actual = slice(m.start, m.end);
    if (actual !== m.text) say(`${what} text ${JSON.stringify(m.text)} but its span slices to ${JSON.stringify(actual)}`);
    const section = sectionOf(m);
    if ((section?.type ?? null) !== m.section) say(`${what} says section ${m.section}, lies in ${section?.type ?? 'none'}`);
    if (m.sentence >= 0) {
      const sentence = doc.sentences[m.sentence];
      if (!sentence) say(`${what} names sentence ${m.sentence}, which does not exist`);
      else if (!inside(m, sentence)) say(`${what} [${m.start}, ${m.end}) crosses sentence ${m.sentence} [${sentence.start}, ${sentence.end})`);
    } else if (m.sentence !== -1) say(`${what} has sentence ${m.sentence}`);
    else if (doc.sentences.some((s) => m.start < s.end && m.end > s.start)) {
      say(`${what} [${m.start}, ${m.end}) overlaps a sentence but names none`);
    }
  };
  doc.entities.forEach((e, i) => checkMention(`entity ${i} (${e.type})`, e));
  doc.dates.forEach((d, i) => checkMention(`date ${i}`, d));
  doc.warnings.forEach((w, i) => {
    if (w.start !== undefined || w.end !== undefined) inRange(`warning ${i} (${w.code})`, { start: w.start ?? 0, end: w.end ?? length }, true);
  });
  return problems;
}

/** Rows of a CSV file read strictly: RFC 4180 quoting, one record delimiter, equal column counts. */
export function parseCsvStrict(text: string): string[][] {
  if (text !== '' && !text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const rows = parse(text, { record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false, bom: false }) as string[][];
  // A bare CR or LF outside quotes is data to the CRLF-delimited read above but a row break to
  // most readers (Python's csv, pandas): reading with every line end as a delimiter must agree.
  let anyLineEnd: string[][];
  try {
    anyLineEnd = parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new Error(`a bare CR or LF outside quotes: ${(error as Error).message}`);
  }
  if (anyLineEnd.length !== rows.length) throw new Error(`a bare CR or LF outside quotes (${rows.length} CRLF rows, ${anyLineEnd.length} rows by any line end)`);
  return rows;
}

/** Differences between CSV rows read back and what the documents imply, row by row, cell by cell. */
export function compareCsvRows(name: string, file: CsvFile, body: string[][], docs: DocumentRecord[]): string[] {
  const violations: string[] = [];
  const expected = docs.flatMap((doc) => expectedCsvRows(doc)[file].map((row) => ({ id: doc.id, cells: row.map(expectedCell) })));
  if (expected.length !== body.length) violations.push(`${name}: ${body.length} rows, documents.jsonl implies ${expected.length}`);
  const n = Math.min(expected.length, body.length);
  for (let r = 0; r < n; r++) {
    const want = expected[r].cells;
    const got = body[r];
    if (got.length !== want.length) violations.push(`${name} row ${r + 2} (${expected[r].id}): ${got.length} cells, expected ${want.length}`);
    for (let c = 0; c < want.length; c++) {
      if (got[c] !== want[c]) {
        violations.push(`${name} row ${r + 2} (${expected[r].id}) column ${CSV_COLUMNS[file][c]}: ${JSON.stringify(got[c])}, documents.jsonl says ${JSON.stringify(want[c])}`);
        break;
      }
    }
  }
  return violations;
}

/** The CSV rows one document renders to (`csvRows`), read back strictly and compared with the record. */
export function recordCsvViolations(record: DocumentRecord, rendered: Record<CsvFile, string>): string[] {
  const violations: string[] = [];
  for (const file of CSV_FILES) {
    const name = `${file}.csv`;
    let rows: string[][];
    try {
      rows = parseCsvStrict(rendered[file]);
    } catch (error) {
      violations.push(`${record.id}: ${name} rows are not strict RFC 4180: ${(error as Error).message}`);
      continue;
    }
    violations.push(...compareCsvRows(name, file, rows, [record]));
  }
  return violations;
}

export interface FolderCheck {
  documents: number;
  rows: Record<CsvFile, number>;
  violations: string[];
}

/** Check a warta output folder against the contract; `violations` is empty when it holds. */
export function checkOutputFolder(dir: string): FolderCheck {
  const violations: string[] = [];
  const rowsCount = { articles: 0, sentences: 0, entities: 0, dates: 0 } as Record<CsvFile, number>;
  const docsFile = path.join(dir, 'documents.jsonl');
  if (!existsSync(docsFile)) return { documents: 0, rows: rowsCount, violations: ['documents.jsonl is missing'] };
  const docs: DocumentRecord[] = [];
  readFileSync(docsFile, 'utf8')
    .split('\n')
    .forEach((line, i, all) => {
      if (line === '' && i === all.length - 1) return;
      try {
        docs.push(JSON.parse(line) as DocumentRecord);
      } catch (error) {
        violations.push(`documents.jsonl line ${i + 1}: ${(error as Error).message}`);
      }
    });
  for (let i = 1; i < docs.length; i++) {
    if (docs[i - 1].id >= docs[i].id) violations.push(`documents.jsonl: ids not strictly ascending at line ${i + 1} (${docs[i - 1].id}, ${docs[i].id})`);
  }
  for (const doc of docs) violations.push(...documentViolations(doc));

  for (const file of CSV_FILES) {
    const name = `${file}.csv`;
    const full = path.join(dir, name);
    if (!existsSync(full)) {
      violations.push(`${name} is missing`);
      continue;
    }
    let rows: string[][];
    try {
      rows = parseCsvStrict(readFileSync(full, 'utf8'));
    } catch (error) {
      violations.push(`${name}: not strict RFC 4180: ${(error as Error).message}`);
      continue;
    }
    const [header, ...body] = rows;
    if (JSON.stringify(header) !== JSON.stringify(CSV_COLUMNS[file])) violations.push(`${name}: header ${JSON.stringify(header)}`);
    rowsCount[file] = body.length;
    violations.push(...compareCsvRows(name, file, body, docs));
  }
  return { documents: docs.length, rows: rowsCount, violations };
}
