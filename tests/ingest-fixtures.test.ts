/**
 * Every ingest fixture (scraped text in each dateline form, HTML with and without JSON-LD, a
 * Windows-1252 page, JSON/JSONL exports and a CSV with Indonesian column names) read through
 * the real readers and the normalize + structure stages, against hand-written expectations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../src/analyze.js';
import type { Doc } from '../src/doc.js';
import { readArticles } from '../src/ingest/readers.js';
import { loadPipelineConfig } from '../src/pipeline.js';
import { normalizeStage } from '../src/stages/normalize.js';
import { structureStage } from '../src/stages/structure.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/ingest');

type SectionExpectation = [string, string] | [string, string, string];
interface Expected {
  file: string;
  record: number | null;
  id?: string;
  pipeline?: string;
  title?: string | null;
  published_at?: string | null;
  source_name?: string | null;
  dateline?: string | null;
  author?: string | null;
  url?: string | null;
  sections: SectionExpectation[];
  text_contains?: string[];
}

const expected = (JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as { fixtures: Expected[] }).fixtures;

const normalize = normalizeStage.setup(normalizeStage.defaults, { pipelineDir: ROOT });
const structure = structureStage.setup(structureStage.defaults, { pipelineDir: ROOT });

async function load(entry: Expected): Promise<Doc> {
  const file = path.join(ROOT, entry.file);
  const fields = entry.pipeline ? loadPipelineConfig(path.join(ROOT, entry.pipeline)).fields : undefined;
  const { docs, failures } = await readArticles(file, { root: path.dirname(file), fields });
  expect(failures).toEqual([]);
  const doc = docs.find((d) => d.source.record === entry.record);
  if (!doc) throw new Error(`${entry.file}: no record ${entry.record}`);
  normalize(doc);
  structure(doc);
  return doc;
}

function checkSectionInvariants(doc: Doc): void {
  let previousEnd = 0;
  for (const s of doc.sections) {
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(doc.text.length);
    const slice = doc.text.slice(s.start, s.end);
    expect(slice).toBe(slice.trim());
    // Text between sections is only whitespace: every visible character belongs to a section.
    expect(doc.text.slice(previousEnd, s.start).trim()).toBe('');
    previousEnd = s.end;
  }
  expect(doc.text.slice(previousEnd).trim()).toBe('');
}

describe('ingest fixtures: metadata and sections match the hand-written expectations', () => {
  it('every fixture file in tests/fixtures/ingest has expectations', () => {
    const covered = new Set(expected.map((e) => path.basename(e.file)));
    const inputs = readdirSync(FIXTURES).filter((f) => /\.(txt|html?|json|jsonl|csv)$/.test(f) && f !== 'expected.json' && !f.startsWith('pipeline-'));
    expect(inputs.length).toBeGreaterThanOrEqual(15);
    for (const f of inputs) expect(covered, f).toContain(f);
  });

  for (const entry of expected) {
    const label = `${entry.file}${entry.record === null ? '' : ` #${entry.record}`}`;
    it(label, async () => {
      const doc = await load(entry);
      for (const field of ['title', 'published_at', 'source_name', 'dateline', 'author', 'url', 'id'] as const) {
        if (field in entry) expect(doc[field], `${label}: ${field}`).toBe(entry[field]);
      }
      const actual = doc.sections.map((s) => [s.type, doc.text.slice(s.start, s.end)]);
      expect(actual.map((s) => s[0]), `${label}: section types`).toEqual(entry.sections.map((s) => s[0]));
      entry.sections.forEach((want, i) => {
        const text = actual[i][1];
        if (want.length === 2) expect(text, `${label}: section ${i}`).toBe(want[1]);
        else {
          expect(text.startsWith(want[1]), `${label}: section ${i} starts with ${JSON.stringify(want[1])}: ${JSON.stringify(text.slice(0, 80))}`).toBe(true);
          expect(text.endsWith(want[2]), `${label}: section ${i} ends with ${JSON.stringify(want[2])}: ${JSON.stringify(text.slice(-80))}`).toBe(true);
        }
      });
      checkSectionInvariants(doc);
      for (const needle of entry.text_contains ?? []) expect(doc.text).toContain(needle);
    });
  }
});

describe('the example article through the whole default pipeline', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await createAnalyzer();
  });

  it('keeps calendar_month, the byline and boilerplate out of every analysed span', async () => {
    const entry = expected.find((e) => e.file === 'input/seputaran-kim-xi.txt')!;
    const { docs } = await readArticles(path.join(ROOT, entry.file), { root: path.join(ROOT, 'input') });
    const record = analyzer.analyze(docs[0]);
    expect(record.title).toBe(entry.title);
    expect(record.published_at).toBe('2025-09-06');
    expect(record.source_name).toBe('SEPUTARAN.COM');
    expect(record.dateline).toBe('Istanbul');
    expect(record.author).toBe('Tim Seputaran');
    const chars = Array.from(record.text);
    const slice = (s: { start: number; end: number }) => chars.slice(s.start, s.end).join('');
    for (const sentence of record.sentences) {
      expect(slice(sentence)).not.toContain('calendar_month');
      expect(slice(sentence)).not.toContain('Penulis:');
      expect(['title', 'caption', 'dateline', 'body']).toContain(sentence.section);
    }
    for (const section of record.sections) {
      if (['title', 'caption', 'dateline', 'body'].includes(section.type)) expect(slice(section)).not.toContain('calendar_month');
    }
    for (const e of record.entities) expect(e.section === null || ['title', 'caption', 'dateline', 'body'].includes(e.section)).toBe(true);
  });

  it('reads the Indonesian CSV export with the pipeline file field mapping', async () => {
    const pipelineFile = path.join(FIXTURES, 'pipeline-id-export.json');
    const config = loadPipelineConfig(pipelineFile);
    const csvAnalyzer = await createAnalyzer(pipelineFile);
    const { docs, failures } = await readArticles(path.join(FIXTURES, 'export-id.csv'), { root: FIXTURES, fields: config.fields });
    expect(failures).toEqual([]);
    const records = docs.map((d) => csvAnalyzer.analyze(d));
    expect(records.map((r) => r.title)).toEqual([
      'Gubernur Sulsel Tinjau Pembangunan Bendungan Jenelata',
      'Festival Layang-Layang Internasional Digelar di Pangandaran',
    ]);
    expect(records[0].author).toBe('Andi Nur Isnaeni');
    expect(records[0].dateline).toBe('Makassar');
    for (const r of records) {
      for (const s of r.sentences) expect(s.section === 'boilerplate' || s.section === 'byline').toBe(false);
    }
  });
});
