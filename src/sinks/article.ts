import { createHash } from 'node:crypto';
import { csvRows, type CsvFile } from './rows.js';
import type { DocumentRecord } from './serialize.js';
import type { SinkArticle } from './sink.js';

/** The content hash of an article: sha256 of its `documents.jsonl` line (hex). */
export function articleHash(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * A `SinkArticle` from an article's rendered output (what the runner stores per article): the
 * record is parsed from `json` only when a database sink asks for it.
 */
export function renderedArticle(id: string, json: string, csv: Record<CsvFile, string>): SinkArticle {
  let parsed: DocumentRecord | undefined;
  return {
    id,
    hash: articleHash(json),
    json,
    csv,
    record: () => (parsed ??= JSON.parse(json) as DocumentRecord),
  };
}

/** A `SinkArticle` from an analysed record (tests, benchmarks, a queue worker). */
export function recordArticle(record: DocumentRecord): SinkArticle {
  const json = JSON.stringify(record);
  return { id: record.id, hash: articleHash(json), json, csv: csvRows(record), record: () => record };
}
