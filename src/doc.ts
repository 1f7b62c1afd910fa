/**
 * The document model every stage works on: one `Doc` per article, its `text`
 * plus stand-off spans. Internally every `start`/`end` is a JavaScript string
 * index (UTF-16 code units, end exclusive); the sinks convert to Unicode code
 * points when writing, so stages never think about astral characters.
 */

export type InputFormat = 'txt' | 'json' | 'jsonl' | 'csv' | 'html';

export type SectionType =
  | 'title'
  | 'published'
  | 'caption'
  | 'dateline'
  | 'body'
  | 'byline'
  | 'boilerplate';

/** Sections a stage analyses; boilerplate and the publication line are skipped by NER etc. */
export const ANALYSED_SECTIONS: ReadonlySet<SectionType> = new Set(['title', 'caption', 'dateline', 'body']);

export interface Span {
  start: number;
  end: number;
}

export interface Section extends Span {
  type: SectionType;
}

export interface Sentence extends Span {
  index: number;
  /** Index into `doc.sections`. */
  section: number;
}

export type EntityType = 'PERSON' | 'LOCATION' | 'ORGANIZATION';

export interface Entity extends Span {
  type: EntityType;
  text: string;
  canonical: string;
  /** Stable across documents, e.g. `PERSON:kim-jong-un`, `LOCATION:KP`. */
  entity_id: string;
  /** Index into `doc.sentences`, -1 when the mention lies outside every sentence. */
  sentence: number;
  /** Index into `doc.sections`. */
  section: number;
  /** Which component decided (e.g. `gazetteer`, `rule`, `model`, `coref`); JSON only. */
  source?: string;
}

export type DateGranularity = 'day' | 'week' | 'month' | 'year' | 'decade';
export type DateResolution = 'absolute' | 'relative' | 'weekday';

export interface DateMention extends Span {
  text: string;
  sentence: number;
  section: number;
  /** ISO 8601 at its granularity (`2025-09-04`, `2025-W36`, `2025-09`, `2025`, `199`); '' when unresolvable. */
  value: string;
  granularity: DateGranularity;
  resolution: DateResolution;
  /** End of a range, same format as `value`. */
  end_value?: string;
  /** Time of day when stated, `HH:MM` (24h), with `timezone` offset like `+07:00` when known. */
  time?: string;
  timezone?: string;
}

/** A message with an optional position, in the spirit of vfile messages. */
export interface Warning {
  stage: string;
  code: string;
  message: string;
  start?: number;
  end?: number;
}

export interface SourceInfo {
  /** Input path relative to the working directory (POSIX separators). */
  path: string;
  format: InputFormat;
  /** Record index inside a multi-record file (JSON array, JSONL, CSV); null for one-article files. */
  record: number | null;
  /** sha256 of the whole input file. */
  sha256: string;
}

/** What an ingest reader extracted from the input, before any stage runs. */
export interface DocMeta {
  /** Language given by the input record; wins over detection. */
  languageHint?: string;
  /** `--reference-date` from the CLI, YYYY-MM-DD. */
  referenceDate?: string;
  /** Input file modification date, YYYY-MM-DD; the last-resort anchor for relative dates. */
  fileDate?: string;
  /** 1-based line of the record in its file (JSONL, CSV), for messages. */
  line?: number;
  /** Length (code units) of the title prefix when the text is `title + "\n\n" + body`. */
  titleLength?: number;
  /** Free-form extras from readers (e.g. HTML publisher). */
  [key: string]: unknown;
}

export interface Doc {
  id: string;
  source: SourceInfo;
  url: string | null;
  title: string | null;
  /** ISO 8601: `YYYY-MM-DD` or full timestamp with offset when the time is known. */
  published_at: string | null;
  source_name: string | null;
  dateline: string | null;
  author: string | null;
  language: string | null;
  language_confidence: number | null;
  text: string;
  sections: Section[];
  sentences: Sentence[];
  entities: Entity[];
  dates: DateMention[];
  warnings: Warning[];
  meta: DocMeta;
}

export function createDoc(init: Pick<Doc, 'id' | 'source' | 'text'> & Partial<Doc>): Doc {
  return {
    url: null,
    title: null,
    published_at: null,
    source_name: null,
    dateline: null,
    author: null,
    language: null,
    language_confidence: null,
    sections: [],
    sentences: [],
    entities: [],
    dates: [],
    warnings: [],
    meta: {},
    ...init,
  };
}

/** Index of the span containing `offset` in sorted, disjoint spans, or -1 (binary search). */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the section containing `offset`, or -1. */
export function sectionAt(doc: Doc, offset: number): number {
  return spanIndexAt(doc.sections, offset);
}

/** Index of the sentence containing `offset`, or -1. */
export function sentenceAt(doc: Doc, offset: number): number {
  return spanIndexAt(doc.sentences, offset);
}
