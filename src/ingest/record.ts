import { createDoc, type Doc, type SourceInfo } from '../doc.js';
import type { FieldMapping } from '../pipeline.js';

/** One article as a reader found it, before the pipeline. Only the body is required. */
export interface ArticleRecord {
  id?: string;
  title?: string;
  text: string;
  published_at?: string;
  url?: string;
  source?: string;
  author?: string;
  language?: string;
  /** Extra metadata a reader found (e.g. HTML JSON-LD publisher). */
  extra?: Record<string, unknown>;
}

export type RecordField = 'id' | 'title' | 'text' | 'published_at' | 'url' | 'source' | 'author' | 'language';

/** Field names accepted by default, in order of preference; a pipeline's `fields` adds more in front. */
export const DEFAULT_FIELD_NAMES: Record<RecordField, string[]> = {
  id: ['id'],
  title: ['title'],
  text: ['text', 'body', 'content'],
  published_at: ['published_at', 'date', 'pubDate'],
  url: ['url'],
  source: ['source'],
  author: ['author'],
  language: ['language'],
};

export function fieldNames(mapping: FieldMapping | undefined): Record<RecordField, string[]> {
  if (!mapping) return DEFAULT_FIELD_NAMES;
  const names = { ...DEFAULT_FIELD_NAMES };
  for (const [field, extra] of Object.entries(mapping) as [RecordField, string | string[]][]) {
    names[field] = [...(Array.isArray(extra) ? extra : [extra]), ...DEFAULT_FIELD_NAMES[field]];
  }
  return names;
}

/** A record that cannot become an article; the message names what is wrong. */
export class RecordError extends Error {
  override name = 'RecordError';
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Pick the known fields out of a parsed JSON object or CSV row. */
export function toArticleRecord(raw: unknown, names: Record<RecordField, string[]>): ArticleRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RecordError(`expected an object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
  }
  const object = raw as Record<string, unknown>;
  const pick = (field: RecordField): string | undefined => {
    for (const name of names[field]) {
      const value = object[name];
      if (field === 'author' && Array.isArray(value)) return value.map(scalar).filter(Boolean).join(', ') || undefined;
      const text = scalar(value);
      if (text !== undefined && text !== '') return text;
    }
    return undefined;
  };
  const text = pick('text');
  if (text === undefined || text.trim() === '') {
    throw new RecordError(`no article body: none of the fields ${names.text.map((n) => JSON.stringify(n)).join(', ')} holds text`);
  }
  return {
    id: pick('id'),
    title: pick('title'),
    text,
    published_at: pick('published_at'),
    url: pick('url'),
    source: pick('source'),
    author: pick('author'),
    language: pick('language'),
  };
}

/**
 * A stable, unique, filename-safe id from the relative path and record index:
 * `news/2025/kim.txt` → `news-2025-kim`, record 3 of `feed.jsonl` → `feed-3`.
 */
export function deriveId(relativePath: string, record: number | null): string {
  const withoutExt = relativePath.replace(/\.[^./]+$/, '');
  const slug = withoutExt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const base = slug || 'article';
  return record === null ? base : `${base}-${record}`;
}

export interface DocAnchors {
  referenceDate?: string;
  fileDate?: string;
}

/**
 * With a title, the text is `title + "\n\n" + body`; without one it is exactly the body.
 * Without a record id, the id derives from `idPath` (the path relative to the input root), else `source.path`.
 */
export function recordToDoc(record: ArticleRecord, source: SourceInfo, anchors: DocAnchors = {}, line?: number, idPath?: string): Doc {
  const title = record.title?.trim() ? record.title : undefined;
  const text = title !== undefined ? `${title}\n\n${record.text}` : record.text;
  const doc = createDoc({
    id: record.id ?? deriveId(idPath ?? source.path, source.record),
    source,
    text,
    url: record.url ?? null,
    title: title ?? null,
    published_at: record.published_at ?? null,
    source_name: record.source ?? null,
    author: record.author ?? null,
  });
  if (title !== undefined) doc.meta.titleLength = title.length;
  if (record.language) doc.meta.languageHint = record.language;
  if (anchors.referenceDate) doc.meta.referenceDate = anchors.referenceDate;
  if (anchors.fileDate) doc.meta.fileDate = anchors.fileDate;
  if (line !== undefined) doc.meta.line = line;
  if (record.extra) Object.assign(doc.meta, record.extra);
  return doc;
}
