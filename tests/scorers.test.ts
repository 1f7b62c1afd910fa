import { describe, expect, it } from 'vitest';
import {
  boundaries,
  boundaryCounts,
  canonicalConsistency,
  codePointLength,
  DateScorer,
  matchDates,
  matchExact,
  matchLenient,
  normalizeSurface,
  prf,
  scoreLanguage,
  spanToCodePoints,
  SpanScorer,
  utf16ToCodePointTable,
} from '../src/eval/scorers.js';

const TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION'] as const;

describe('prf', () => {
  it('computes precision, recall and F1 from counts', () => {
    const s = prf(3, 1, 2);
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.6);
    expect(s.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
  });
  it('empty predictions with gold: precision 0, recall 0, F1 0', () => {
    expect(prf(0, 0, 4)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
  it('empty gold with predictions: every prediction is wrong', () => {
    expect(prf(0, 3, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
  it('empty gold and empty predictions: perfect', () => {
    expect(prf(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('code points', () => {
  const text = 'Halo 😀 Jakarta 👍🏽!';
  it('counts an emoji (surrogate pair) once; a skin-tone emoji is two code points', () => {
    expect(text.length).toBe(21);
    expect(codePointLength(text)).toBe(18);
    expect(codePointLength('')).toBe(0);
  });
  it('maps UTF-16 indices to code points after astral characters', () => {
    const table = utf16ToCodePointTable(text);
    const j = text.indexOf('Jakarta');
    expect(j).toBe(8);
    expect(table[j]).toBe(7);
    expect(spanToCodePoints(text, j, j + 7)).toEqual([7, 14]);
    expect(Array.from(text).slice(7, 14).join('')).toBe('Jakarta');
    expect(table[text.length]).toBe(18);
  });
  it('a lone surrogate counts as one code point', () => {
    expect(codePointLength('a\uD83Db')).toBe(3);
  });
});

describe('exact span matching', () => {
  const gold = [
    { type: 'PERSON', start: 0, end: 11 },
    { type: 'LOCATION', start: 20, end: 31 },
    { type: 'LOCATION', start: 40, end: 45 },
  ];
  it('counts tp, fp and fn per type', () => {
    const pred = [
      { type: 'PERSON', start: 0, end: 11 }, // tp
      { type: 'LOCATION', start: 20, end: 30 }, // boundary off by one: fp + fn
      { type: 'ORGANIZATION', start: 40, end: 45 }, // wrong type: fp ORG, fn LOC
    ];
    const scorer = new SpanScorer(TYPES);
    scorer.add(matchExact(gold, pred));
    const s = scorer.score();
    expect(s.perType.PERSON).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.perType.LOCATION).toMatchObject({ tp: 0, fp: 1, fn: 2 });
    expect(s.perType.ORGANIZATION).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(s.micro).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(s.micro.f1).toBeCloseTo(1 / 3);
  });
  it('empty predictions: recall 0 for every type with gold', () => {
    const scorer = new SpanScorer(TYPES);
    scorer.add(matchExact(gold, []));
    const s = scorer.score();
    expect(s.micro).toMatchObject({ tp: 0, fp: 0, fn: 3, recall: 0, f1: 0 });
    expect(s.perType.ORGANIZATION).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 1 });
  });
  it('empty gold: every prediction is a false positive', () => {
    const scorer = new SpanScorer(TYPES);
    scorer.add(matchExact([], [{ type: 'PERSON', start: 1, end: 3 }]));
    expect(scorer.score().micro).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
  });
  it('overlapping predictions: only the identical span counts, the other is a false positive', () => {
    const pred = [
      { type: 'LOCATION', start: 20, end: 31 },
      { type: 'LOCATION', start: 20, end: 26 }, // nested inside the gold span
      { type: 'LOCATION', start: 26, end: 31 },
    ];
    const counts = matchExact([gold[1]], pred);
    expect(counts.get('LOCATION')).toEqual({ tp: 1, fp: 2, fn: 0 });
  });
  it('a duplicated prediction matches a gold span once', () => {
    const counts = matchExact([gold[0]], [gold[0], gold[0]]);
    expect(counts.get('PERSON')).toEqual({ tp: 1, fp: 1, fn: 0 });
  });
  it('predicted types outside the declared set do not enter the micro average', () => {
    const scorer = new SpanScorer(TYPES);
    scorer.add(matchExact([gold[0]], [gold[0], { type: 'MISC', start: 50, end: 55 }]));
    const s = scorer.score();
    expect(s.micro).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.perType.MISC).toMatchObject({ fp: 1 });
  });
  it('accumulates across records', () => {
    const scorer = new SpanScorer(TYPES);
    scorer.add(matchExact([gold[0]], [gold[0]]));
    scorer.add(matchExact([gold[0]], []));
    expect(scorer.score().perType.PERSON).toMatchObject({ tp: 1, fn: 1, recall: 0.5 });
  });
});

describe('lenient matching', () => {
  it('ignores case, outer punctuation and whitespace', () => {
    expect(normalizeSurface(' “Kim  Jong Un”, ')).toBe('kim jong un');
    expect(normalizeSurface('SEPUTARAN.COM')).toBe('seputaran.com');
    expect(normalizeSurface('(KCNA).')).toBe('kcna');
  });
  it('matches the multiset of (type, surface) regardless of position', () => {
    const gold = [
      { type: 'PERSON', text: 'Kim Jong Un' },
      { type: 'PERSON', text: 'Kim Jong Un' },
      { type: 'LOCATION', text: 'Beijing' },
    ];
    const pred = [
      { type: 'PERSON', text: 'kim jong un,' },
      { type: 'LOCATION', text: 'Beijing' },
      { type: 'ORGANIZATION', text: 'Beijing' },
    ];
    const counts = matchLenient(gold, pred);
    expect(counts.get('PERSON')).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(counts.get('LOCATION')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(counts.get('ORGANIZATION')).toEqual({ tp: 0, fp: 1, fn: 0 });
  });
  it('drops punctuation-only surfaces on both sides', () => {
    expect(matchLenient([{ type: 'PERSON', text: '—' }], [{ type: 'PERSON', text: '"' }]).size).toBe(0);
  });
});

describe('sentence boundaries', () => {
  // "Ia datang. Lalu pergi!  Selesai."  sentences [0,10] [11,22] [24,32]
  const text = 'Ia datang. Lalu pergi!  Selesai.';
  const chars = Array.from(text);
  it('takes each sentence end, except the one that ends the text', () => {
    expect([...boundaries(chars, [[0, 10], [11, 22], [24, 32]])]).toEqual([10, 22]);
  });
  it('trims trailing whitespace inside a predicted span', () => {
    expect([...boundaries(chars, [[0, 11], [11, 24], [24, 32]])]).toEqual([10, 22]);
  });
  it('a text ending in whitespace: the last sentence still gives no boundary', () => {
    const t = Array.from('Satu. Dua.  \n');
    expect([...boundaries(t, [[0, 5], [6, 13]])]).toEqual([5]);
  });
  it('one sentence or no sentence: no boundaries', () => {
    expect(boundaries(chars, [[0, 32]]).size).toBe(0);
    expect(boundaries(chars, []).size).toBe(0);
  });
  it('P/R/F1 counts: spurious and missed boundaries', () => {
    const gold = boundaries(chars, [[0, 10], [11, 22], [24, 32]]);
    const pred = boundaries(chars, [[0, 4], [5, 22], [24, 32]]); // split inside "Ia datang", missed 10
    expect(boundaryCounts(gold, pred)).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(boundaryCounts(gold, new Set())).toEqual({ tp: 0, fp: 0, fn: 2 });
    expect(boundaryCounts(new Set(), pred)).toEqual({ tp: 0, fp: 2, fn: 0 });
  });
  it('uses code points: emoji before a boundary shift UTF-16 offsets but not code-point offsets', () => {
    const t = 'Ada 😀😀 di sini. Lalu pergi.';
    const cps = Array.from(t);
    // "Ada 😀😀 di sini." is 15 code points (17 UTF-16 units)
    expect(cps.slice(0, 15).join('')).toBe('Ada 😀😀 di sini.');
    const gold = boundaries(cps, [[0, 15], [16, cps.length]]);
    expect([...gold]).toEqual([15]);
    // a predictor that reports UTF-16 offsets and converts them gives the same boundary
    const [s, e] = spanToCodePoints(t, 0, t.indexOf('.') + 1);
    expect([s, e]).toEqual([0, 15]);
    expect(boundaryCounts(gold, boundaries(cps, [[s, e], [e + 1, cps.length]]))).toEqual({ tp: 1, fp: 0, fn: 0 });
    // the unconverted UTF-16 end (17) falls inside "Lalu": a wrong boundary and a missed one
    expect(boundaryCounts(gold, boundaries(cps, [[0, 17], [17, cps.length]]))).toEqual({ tp: 0, fp: 1, fn: 1 });
  });
});

describe('language scoring', () => {
  const items = [
    { gold: 'id', pred: 'id', band: 'long' },
    { gold: 'id', pred: 'ms', band: 'long' },
    { gold: 'id', pred: 'ms', band: 'short' },
    { gold: 'ms', pred: 'id', band: 'short' },
    { gold: 'ms', pred: 'ms', band: 'long' },
    { gold: 'en', pred: 'en', band: 'short' },
    { gold: 'jv', pred: null, band: 'medium' },
  ];
  const s = scoreLanguage(items);
  it('accuracy overall, per band and per language', () => {
    expect(s.n).toBe(7);
    expect(s.correct).toBe(3);
    expect(s.byBand.long).toMatchObject({ n: 3, correct: 2 });
    expect(s.byBand.short).toMatchObject({ n: 3, correct: 1 });
    expect(s.byLanguage.id.accuracy).toBeCloseTo(1 / 3);
    expect(s.byLanguageBand['ms/long'].accuracy).toBe(1);
  });
  it('counts Indonesian<->Malay confusions overall and per band', () => {
    expect(s.idAsMs).toBe(2);
    expect(s.msAsId).toBe(1);
    expect(s.idMsByBand.long).toEqual({ idAsMs: 1, msAsId: 0, n: 3 });
    expect(s.idMsByBand.short).toEqual({ idAsMs: 1, msAsId: 1, n: 2 });
  });
  it('a missing prediction is wrong and shows as `none` in the confusion matrix', () => {
    expect(s.confusion.jv).toEqual({ none: 1 });
    expect(s.confusion.id).toEqual({ id: 1, ms: 2 });
  });
  it('no items: accuracy 0, no division by zero', () => {
    expect(scoreLanguage([]).accuracy).toBe(0);
  });
});

describe('date matching', () => {
  const gold = [
    { start: 10, end: 15, value: '2025-09-03' }, // Rabu
    { start: 40, end: 44, value: '2025-09-03' }, // Rabu again
    { start: 60, end: 70, value: '2018' }, // sejak 2018
  ];
  it('matches one-to-one by overlap, so a repeated weekday needs two predictions', () => {
    const { pairs } = matchDates(gold, [{ start: 10, end: 15, value: '2025-09-03' }]);
    expect(pairs).toEqual([[0, 0]]);
  });
  it('a prediction overlapping two gold mentions matches only one of them', () => {
    const { pairs } = matchDates(gold, [{ start: 12, end: 42, value: 'x' }]);
    expect(pairs.length).toBe(1);
  });
  it('scores detection by overlap, exact spans and values', () => {
    const scorer = new DateScorer();
    scorer.add(gold, [
      { start: 10, end: 15, value: '2025-09-03' }, // exact, right value
      { start: 40, end: 50, value: '2025-09-10' }, // overlaps, wrong value
      { start: 65, end: 70, value: '2018' }, // overlaps (without "sejak"), right value
      { start: 90, end: 95, value: '2025' }, // spurious
    ]);
    const s = scorer.score();
    expect(s.detection).toMatchObject({ tp: 3, fp: 1, fn: 0 });
    expect(s.exact).toMatchObject({ tp: 1, fp: 3, fn: 2 });
    expect(s.valueCorrect).toBe(2);
    expect(s.valueAccuracy).toBeCloseTo(2 / 3);
  });
  it('empty predictions and empty gold', () => {
    const a = new DateScorer();
    a.add(gold, []);
    expect(a.score().detection).toMatchObject({ tp: 0, fn: 3, recall: 0 });
    const b = new DateScorer();
    b.add([], [{ start: 1, end: 2, value: '2020' }]);
    expect(b.score()).toMatchObject({ valueAccuracy: 0, gold: 0 });
    expect(b.score().detection.precision).toBe(0);
  });
});

describe('canonical consistency', () => {
  it('a cluster is consistent when its mentions share one id that no other cluster uses', () => {
    const r = canonicalConsistency([
      { goldCluster: 'kim-jong-un', predId: 'PERSON:kim-jong-un' },
      { goldCluster: 'kim-jong-un', predId: 'PERSON:kim-jong-un' },
      { goldCluster: 'xi-jinping', predId: 'PERSON:xi-jinping' },
      { goldCluster: 'xi-jinping', predId: 'PERSON:xi' }, // split
      { goldCluster: 'KP', predId: 'LOCATION:korea' },
      { goldCluster: 'KR', predId: 'LOCATION:korea' }, // merged with KP
    ]);
    expect(r.clusters).toBe(4);
    expect(r.consistent).toBe(1);
    expect(r.split).toEqual(['xi-jinping']);
    expect(r.merged).toEqual(['KP', 'KR']);
  });
  it('no matched mentions: no clusters', () => {
    expect(canonicalConsistency([])).toEqual({ clusters: 0, consistent: 0, split: [], merged: [] });
  });
});
