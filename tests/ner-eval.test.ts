import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossValidationSection, dropIgnored, loadNerSets, matchSpanOnly, NerScorer } from '../src/eval/ner.js';

describe('NER evaluation', () => {
  it('does not count predictions inside entity ignore spans, and keeps those inside date-only ones', () => {
    const pred = [
      { type: 'ORGANIZATION', start: 10, end: 20 },
      { type: 'LOCATION', start: 30, end: 35 },
      { type: 'PERSON', start: 50, end: 60 },
    ];
    const ignore = [
      { kind: 'entity' as const, start: 5, end: 25 },
      { kind: 'date' as const, start: 29, end: 36 },
      { kind: 'any' as const, start: 55, end: 70 },
    ];
    expect(dropIgnored(pred, ignore)).toEqual([pred[1], pred[2]]);
  });

  it('scores exact spans per type, micro, and span-only F1 where the type is wrong', () => {
    const gold = [
      { type: 'PERSON', start: 0, end: 11, text: 'Joko Widodo' },
      { type: 'ORGANIZATION', start: 20, end: 27, text: 'Reuters' },
      { type: 'LOCATION', start: 31, end: 38, text: 'Jakarta' },
    ];
    const pred = [
      { type: 'PERSON', start: 0, end: 11 },
      { type: 'PERSON', start: 20, end: 27 }, // right span, wrong type
      { type: 'LOCATION', start: 40, end: 45 }, // spurious
    ];
    const s = new NerScorer();
    s.add(gold, pred);
    const score = s.score();
    expect(score.perType.PERSON).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(score.perType.ORGANIZATION).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(score.micro).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(score.span).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(matchSpanOnly(gold, pred).get('SPAN')).toEqual({ tp: 2, fp: 1, fn: 1 });
  });

  it('splits the article set by language and reports missing files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warta-ner-eval-'));
    const rec = (id: string, language: string) =>
      JSON.stringify({ id, title: 'Judul', text: 'Isi berita.', gold: { language, entities: [], ignore: [] } });
    writeFileSync(path.join(dir, 'news-dev.jsonl'), [rec('a', 'id'), rec('b', 'en'), rec('c', 'id')].join('\n') + '\n');
    const messages: string[] = [];
    const sets = loadNerSets(dir, messages);
    expect(sets.map((s) => [s.name, s.language, s.records.length])).toEqual([
      ['news-dev-id', 'id', 2],
      ['news-dev-en', 'en', 1],
    ]);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toContain('ner-id-nergrit-dev.jsonl');
  });

  it('shows the cross-validation figures stored in the shipped models', () => {
    const section = crossValidationSection();
    expect(section).not.toBeNull();
    const systems = section!.rows.map((r) => r.system);
    expect(systems).toContain('id nergrit');
    expect(systems).toContain('id all');
    expect(systems).toContain('en conll03');
    for (const r of section!.rows) {
      const f1 = Number(r.cells[5]);
      expect(f1).toBeGreaterThan(0.5);
      expect(f1).toBeLessThan(1);
    }
    // the English model carries its document layer, learned and cross-validated on articles
    expect(section!.rows.find((r) => r.system === 'en conll03')!.cells[6]).not.toBe('');
  });
});
