import type { Doc, SectionType } from '../doc.js';
import { offsetConverter } from '../offsets.js';

/**
 * The output contract, as plain objects. Every offset here is in Unicode code
 * points, end exclusive, into `text`; `section` is the section's type name and
 * `sentence` the sentence index (-1 outside every sentence).
 */
export interface DocumentRecord {
  id: string;
  source: { path: string; format: string; record: number | null; sha256: string };
  url: string | null;
  title: string | null;
  published_at: string | null;
  source_name: string | null;
  dateline: string | null;
  author: string | null;
  language: string | null;
  language_confidence: number | null;
  text: string;
  sections: { type: SectionType; start: number; end: number }[];
  sentences: { index: number; start: number; end: number; section: SectionType | null }[];
  entities: {
    type: string;
    text: string;
    canonical: string;
    entity_id: string;
    start: number;
    end: number;
    sentence: number;
    section: SectionType | null;
    source?: string;
  }[];
  dates: {
    text: string;
    start: number;
    end: number;
    sentence: number;
    section: SectionType | null;
    value: string;
    granularity: string;
    resolution: string;
    end_value?: string;
    time?: string;
    timezone?: string;
  }[];
  warnings: { stage: string; code: string; message: string; start?: number; end?: number }[];
}

export function toDocumentRecord(doc: Doc): DocumentRecord {
  const cp = offsetConverter(doc.text);
  const sectionType = (i: number): SectionType | null => doc.sections[i]?.type ?? null;
  return {
    id: doc.id,
    source: { path: doc.source.path, format: doc.source.format, record: doc.source.record, sha256: doc.source.sha256 },
    url: doc.url,
    title: doc.title,
    published_at: doc.published_at,
    source_name: doc.source_name,
    dateline: doc.dateline,
    author: doc.author,
    language: doc.language,
    language_confidence: doc.language_confidence === null ? null : Math.round(doc.language_confidence * 1e4) / 1e4,
    text: doc.text,
    sections: doc.sections.map((s) => ({ type: s.type, start: cp.toCodePoint(s.start), end: cp.toCodePoint(s.end) })),
    sentences: doc.sentences.map((s) => ({
      index: s.index,
      start: cp.toCodePoint(s.start),
      end: cp.toCodePoint(s.end),
      section: sectionType(s.section),
    })),
    entities: doc.entities.map((e) => ({
      type: e.type,
      text: e.text,
      canonical: e.canonical,
      entity_id: e.entity_id,
      start: cp.toCodePoint(e.start),
      end: cp.toCodePoint(e.end),
      sentence: e.sentence,
      section: sectionType(e.section),
      ...(e.source ? { source: e.source } : {}),
    })),
    dates: doc.dates.map((d) => ({
      text: d.text,
      start: cp.toCodePoint(d.start),
      end: cp.toCodePoint(d.end),
      sentence: d.sentence,
      section: sectionType(d.section),
      value: d.value,
      granularity: d.granularity,
      resolution: d.resolution,
      ...(d.end_value !== undefined ? { end_value: d.end_value } : {}),
      ...(d.time !== undefined ? { time: d.time } : {}),
      ...(d.timezone !== undefined ? { timezone: d.timezone } : {}),
    })),
    warnings: doc.warnings.map((w) => ({
      stage: w.stage,
      code: w.code,
      message: w.message,
      ...(w.start !== undefined ? { start: cp.toCodePoint(w.start) } : {}),
      ...(w.end !== undefined ? { end: cp.toCodePoint(w.end) } : {}),
    })),
  };
}
