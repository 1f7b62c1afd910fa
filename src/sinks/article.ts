import { createHash } from 'node:crypto';
import { encodeFragment } from './fragment.js';
import { csvRows, type CsvFile } from './rows.js';
import type { DocumentRecord } from './serialize.js';
import type { SinkArticle } from './sink.js';

/**
 * The hash a sink keeps for an article: the fragment's content hash (the input file's sha256
 * blanked, `src/sinks/fragment.ts`) combined with that sha256, which the article's rows carry. Every
 * writer (`warta run` from its stored fragments, a queue worker from a fresh record) computes the
 * same value for the same rows, so a database filled either way holds identical rows.
 */
export function sinkArticleHash(contentHash: string, fileSha256: string): string {
  return createHash('sha256').update(contentHash).update(':').update(fileSha256).digest('hex');
}

/** A `SinkArticle` from an analysed record (a queue worker, tests, benchmarks). */
export function recordArticle(record: DocumentRecord): SinkArticle {
  const json = JSON.stringify(record);
  const csv = csvRows(record);
  return { id: record.id, hash: recordHash(record, json, csv), json, csv, record: () => record };
}

/** A `SinkArticle` from an article's rendered output: the record is parsed from `json` only when a database sink asks for it. */
export function renderedArticle(id: string, json: string, csv: Record<CsvFile, string>, hash: string): SinkArticle {
  let parsed: DocumentRecord | undefined;
  return { id, hash, json, csv, record: () => (parsed ??= JSON.parse(json) as DocumentRecord) };
}

/** The sink hash of a record rendered as `json` and `csv`. */
export function recordHash(record: DocumentRecord, json: string, csv: Record<CsvFile, string>): string {
  const { hash } = encodeFragment({ id: record.id, record: record.source.record, json, csv }, record.source.sha256);
  return sinkArticleHash(hash, record.source.sha256);
}
