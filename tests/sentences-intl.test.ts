/**
 * `Intl.Segmenter` only ever sees bounded chunks (it is super-linear on long input): the
 * chunked segmentation gives the same sentences as segmenting the whole text at once, on
 * paragraphs, on one long line (chunks cut at spaces, the last sentence carried over), and
 * cuts a single sentence longer than a chunk instead of handing it over whole.
 */
import { describe, expect, it } from 'vitest';
import { segmentWithIntl } from '../src/sentences/intl.js';
import { mulberry32 } from '../src/random.js';

const DUTCH = [
  'De gemeenteraad besloot dinsdag om het busstation later te openen.',
  'Volgens de wethouder zijn de kosten met bijna twintig procent gestegen!',
  'Waarom duurt het zo lang?',
  '"We hebben begrip voor de zorgen," zei een woordvoerder.',
  'Het kabinet wil volgend jaar extra geld uittrekken (zo meldt de NOS).',
  'Dhr. Jansen en mevr. De Vries stemden tegen.',
];

function sentences(text: string, locale: string, chunked: boolean): string[] {
  const out: string[] = [];
  if (chunked) segmentWithIntl(text, 0, text.length, locale, (s, e) => out.push(text.slice(s, e)));
  else {
    for (const { segment } of new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text)) {
      const trimmed = segment.trim();
      if (trimmed) out.push(trimmed);
    }
  }
  return out;
}

function dutchText(seed: number, length: number, separator: () => string): string {
  const r = mulberry32(seed);
  let text = '';
  while (text.length < length) text += DUTCH[Math.floor(r() * DUTCH.length)] + separator();
  return text;
}

describe('chunked Intl.Segmenter', () => {
  it('matches whole-text segmentation on paragraphs of ~20 KB', () => {
    const r = mulberry32(7);
    const text = dutchText(1, 20_000, () => (r() < 0.2 ? '\n' : r() < 0.1 ? '\n\n' : ' '));
    const whole = sentences(text, 'nl', false);
    expect(whole.length).toBeGreaterThan(250);
    expect(sentences(text, 'nl', true)).toEqual(whole);
  });

  it('matches whole-text segmentation on one long line (chunks cut at spaces)', () => {
    const text = dutchText(2, 20_000, () => ' ');
    expect(text).not.toContain('\n');
    expect(sentences(text, 'nl', true)).toEqual(sentences(text, 'nl', false));
  });

  it('emits sentences in order, trimmed, covering every non-space character, on odd text', () => {
    const text = 'A. B. C. '.repeat(3000) + 'x'.repeat(5000) + ' ' + 'kata '.repeat(1000);
    const spans: [number, number][] = [];
    segmentWithIntl(text, 0, text.length, 'tzm', (s, e) => spans.push([s, e]));
    let previous = 0;
    let covered = 0;
    for (const [s, e] of spans) {
      expect(s).toBeGreaterThanOrEqual(previous);
      expect(text.slice(s, e)).toBe(text.slice(s, e).trim());
      covered += text.slice(s, e).replace(/\s/g, '').length;
      previous = e;
    }
    expect(covered).toBe(text.replace(/\s/g, '').length);
    // The 5,000-letter word is longer than a chunk: it is cut, never handed over whole.
    expect(Math.max(...spans.map(([s, e]) => e - s))).toBeLessThanOrEqual(2001);
  });

  it('never cuts a surrogate pair', () => {
    const text = '😀'.repeat(3000);
    const spans: [number, number][] = [];
    segmentWithIntl(text, 0, text.length, 'en', (s, e) => spans.push([s, e]));
    expect(spans.length).toBeGreaterThan(1);
    for (const [s, e] of spans) expect([s % 2, e % 2]).toEqual([0, 0]);
  });
});
