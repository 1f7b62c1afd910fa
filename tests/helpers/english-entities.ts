import { beforeAll, expect } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../src/analyze.js';
import type { Entity } from '../../src/doc.js';
import { recordToDoc } from '../../src/ingest/record.js';
import { sliceCodePoints } from '../../src/offsets.js';

/**
 * For the calling `describe`: one analyzer, created before its tests, and a function that analyses an
 * English news record (text, optional title) and returns its entities, after checking that the
 * article was read as English and that every span slices to its text.
 */
export function englishArticleEntities(): (text: string, title?: string) => Entity[] {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await createAnalyzer();
  });
  return (text, title) => {
    const out = analyzer.analyze(recordToDoc(title ? { title, text } : { text }, { path: 'feed.jsonl', format: 'jsonl', record: 0, sha256: '' }));
    expect(out.language).toBe('en');
    for (const e of out.entities) expect(sliceCodePoints(out.text, e.start, e.end)).toBe(e.text);
    return out.entities;
  };
}
