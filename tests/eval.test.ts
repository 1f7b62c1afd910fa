import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDevSets, loadGoldFixtures } from '../src/eval/data.js';
import { alignPieces, FRANC_TO_CONTRACT, francLanguage, intlSentences, trimPeerSpan } from '../src/eval/peers.js';
import { renderSections, renderTable } from '../src/eval/table.js';
import { PACKAGE_ROOT } from '../src/lang/data.js';

const fixtures = loadGoldFixtures();

describe('gold fixtures', () => {
  it('include the example article with its nine dates', () => {
    const kim = fixtures.find((f) => f.input === 'input/seputaran-kim-xi.txt');
    expect(kim).toBeDefined();
    expect(kim!.dates.map((d) => [d.text, d.value])).toEqual([
      ['6 Sep 2025', '2025-09-06'],
      ['Kamis (4/9) malam', '2025-09-04'],
      ['Kamis', '2025-09-04'],
      ['Jumat', '2025-09-05'],
      ['sejak 2018', '2018'],
      ['Rabu', '2025-09-03'],
      ['1945', '1945'],
      ['Rabu', '2025-09-03'],
      ['Kamis malam', '2025-09-04'],
    ]);
    const people = new Set(kim!.entities.filter((e) => e.type === 'PERSON').map((e) => e.text));
    expect(people).toEqual(new Set(['Kim Jong Un', 'Kim Jong-un', 'Kim', 'Xi Jinping', 'Xi', 'Vladimir Putin', 'Putin']));
  });

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const raw = readFileSync(path.join(PACKAGE_ROOT, fixture.input));
      const chars = Array.from(raw.toString('utf8'));
      it('matches its input file byte for byte', () => {
        expect(createHash('sha256').update(raw).digest('hex')).toBe(fixture.text_sha256);
      });
      it('every entity span (code points) slices to its text, in order, without overlaps', () => {
        let last = -1;
        for (const e of fixture.entities) {
          expect(chars.slice(e.start, e.end).join(''), `${e.type} ${e.start}`).toBe(e.text);
          expect(['PERSON', 'LOCATION', 'ORGANIZATION']).toContain(e.type);
          expect(e.start).toBeGreaterThanOrEqual(last);
          last = e.end;
        }
      });
      it('every date span slices to its text and its value fits its granularity', () => {
        const shapes: Record<string, RegExp> = {
          day: /^\d{4}-\d{2}-\d{2}$/,
          week: /^\d{4}-W\d{2}$/,
          month: /^\d{4}-\d{2}$/,
          year: /^\d{4}$/,
          decade: /^\d{3}$/,
        };
        for (const d of fixture.dates) {
          expect(chars.slice(d.start, d.end).join('')).toBe(d.text);
          expect(d.value).toMatch(shapes[d.granularity]);
        }
      });
      it('a mention is not also listed as a date', () => {
        for (const d of fixture.dates) {
          for (const e of fixture.entities) expect(e.end <= d.start || e.start >= d.end).toBe(true);
        }
      });
    });
  }
});

describe('dev data loading', () => {
  it('a missing folder is skipped with a message, not an error', () => {
    const messages: string[] = [];
    expect(loadDevSets('/nonexistent/dev-data', messages)).toEqual([]);
    expect(messages[0]).toMatch(/not found/);
  });
  it('recognises each task by its gold and skips training splits', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warta-eval-'));
    writeFileSync(path.join(dir, 'sent-id-x-dev.jsonl'), JSON.stringify({ id: 'a', text: 'Satu. Dua.', gold: { sentences: [[0, 5], [6, 10]] } }) + '\n');
    writeFileSync(path.join(dir, 'ner-id-x-train.jsonl'), JSON.stringify({ id: 'b', text: 'Budi', gold: { entities: [] } }) + '\n');
    const messages: string[] = [];
    const sets = loadDevSets(dir, messages);
    expect(sets.map((s) => [s.name, s.task, s.language])).toEqual([['sent-id-x-dev.jsonl', 'sentences', 'id']]);
    expect(messages.some((m) => m.includes('langid-dev.jsonl'))).toBe(true);
  });
});

describe('peer adapters', () => {
  it('franc codes become contract codes', () => {
    expect(FRANC_TO_CONTRACT.ind).toBe('id');
    expect(FRANC_TO_CONTRACT.zlm).toBe('ms');
    expect(francLanguage('国家主席习近平在北京会见了朝鲜最高领导人金正恩，双方就两国关系进行了会谈。')).toBe('zh');
    expect(francLanguage('Zij hebben gisteren in het parlement een nieuwe wet aangenomen over de bescherming van het milieu.')).toBe('nl');
  });
  it('trims the punctuation compromise includes in its spans, keeping abbreviation dots', () => {
    const text = 'di Beijing, dengan Apple Inc. dan "Xi".';
    const cut = (s: string) => {
      const at = text.indexOf(s);
      const [a, b] = trimPeerSpan(text, at, at + s.length);
      return text.slice(a, b);
    };
    expect(cut('Beijing,')).toBe('Beijing');
    expect(cut('Apple Inc.')).toBe('Apple Inc.');
    expect(cut('"Xi".')).toBe('Xi');
  });
  it('aligns sentence strings back to code-point spans, across an emoji', () => {
    const text = 'Mantap 😀.  Lanjut lagi. Selesai';
    expect(alignPieces(text, ['Mantap 😀.', 'Lanjut lagi.', 'Selesai'])).toEqual([
      [0, 9],
      [11, 23],
      [24, 31],
    ]);
  });
  it('Intl.Segmenter spans are code points', () => {
    const spans = intlSentences('id')('Mantap 😀. Lanjut.');
    expect(spans[0][0]).toBe(0);
    expect(spans.at(-1)![1]).toBe(Array.from('Mantap 😀. Lanjut.').length);
  });
});

describe('table rendering', () => {
  it('aligns columns by code points and right-aligns numbers', () => {
    const out = renderTable([{ header: 'metric' }, { header: 'warta', right: true }], ['sección', ['F1 😀', '0.9'], ['accuracy', '12.345']]).split('\n');
    expect(out[0]).toBe('metric     warta');
    expect(out[2]).toMatch(/^-- sección -+$/);
    expect(out[3]).toBe('F1 😀         0.9');
    expect(out[4]).toBe('accuracy  12.345');
    expect(new Set(out.map((l) => Array.from(l).length)).size).toBe(1);
  });
});

describe('sectioned table', () => {
  it('shares the system column across sections and marks missed targets', () => {
    const out = renderSections([
      { title: 'a', labels: ['F1'], targets: ['>= 0.9'], rows: [{ system: 'warta', cells: ['0.85'], missed: [true] }, { system: 'franc', cells: ['0.61'] }] },
      { title: 'b', labels: ['P', 'R'], targets: ['', ''], rows: [{ system: 'compromise', cells: ['0.123', '1.000'] }] },
    ]).split('\n');
    expect(out[0]).toMatch(/^-- a -+$/);
    expect(out[2]).toBe('target      >= 0.9');
    expect(out[3]).toBe('warta        0.85*');
    expect(out[4]).toBe('franc         0.61');
    expect(out).not.toContain('target');
    expect(out[6]).toBe('system          P      R');
    expect(out[7]).toBe('compromise  0.123  1.000');
  });
});

