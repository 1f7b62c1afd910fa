/**
 * The structure stage's line patterns answer exactly what one anchored alternation of the
 * same patterns answers, on the shipped boilerplate lists and on lines made to hit the
 * `.{0,N}` patterns at, just inside and just past their bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWordList } from '../src/lang/data.js';
import { anyOf, LinePatterns } from '../src/structure/line-patterns.js';

const combined = (patterns: string[], flags: string) => new RegExp(`^(?:${patterns.map((p) => `(?:${p})`).join('|')})`, flags);

const shippedList = (file: string) =>
  ['xx', 'id', 'en'].flatMap((code) => {
    try {
      return readWordList(code, file);
    } catch {
      return [];
    }
  });
const shipped = shippedList('structure-boilerplate.txt');

describe('LinePatterns', () => {
  it('agrees with the anchored alternation of the shipped boilerplate patterns', () => {
    expect(shipped.some((p) => p.startsWith('.{0,'))).toBe(true);
    const fast = new LinePatterns(shipped, 'iu');
    const slow = combined(shipped, 'iu');
    const pieces = fc.constantFrom(
      'Baca juga: ', 'Copyright © 2025 ', '© 2024 Kompas', 'All rights reserved.', 'Sign up here', 'sign up here.', '(c) 2023',
      'Presiden Joko Widodo tiba di Jakarta', ' ', 'x'.repeat(60), '\r', '\u2028', 'Ikuti kami di Google News', 'Tags: ', '1 of 12',
      'Updated 6 Sep 2025 10:32', 'é', '😀', ', ', '.',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const line = parts.join('');
        expect(fast.test(line)).toBe(slow.test(line));
      }),
      { numRuns: 4000, seed: 20261206 },
    );
  });

  it('honours the bound of a leading .{0,N} and stops at a line terminator', () => {
    const p = new LinePatterns(['.{0,5}\\bend$', 'start\\b'], 'iu');
    expect(p.test('12345 end')).toBe(false); // the word starts at 6
    expect(p.test('1234 end')).toBe(true);
    expect(p.test('12\r4 end')).toBe(false);
    expect(p.test('Start here')).toBe(true);
    expect(p.test('no start')).toBe(false);
    // a top-level alternation after the lead cannot be searched alone: it stays anchored
    const alt = new LinePatterns(['.{0,3}ab|cd'], 'u');
    expect(alt.test('xxab')).toBe(true);
    expect(alt.test('xxcd')).toBe(false);
    expect(alt.test('cd')).toBe(true);
  });
});

describe('anyOf', () => {
  it('matches a line exactly when one of the shipped caption or credit patterns does', () => {
    const pieces = fc.constantFrom(
      'Presiden Joko Widodo ', '/ANTARA/', 'HO-Kementerian Luar Negeri China', 'REUTERS/', 'Jane Doe', '(Foto: ', ')', '.', 'Photo: ',
      'Getty Images', 'KOMPAS.com/', 'contributed to this report.', 'Sumber: ', 'Artikel ini ditulis oleh ', '[1/5] ', '\n', 'é', ' ',
    );
    for (const [file, flags] of [['structure-captions.txt', 'u'], ['structure-credits.txt', 'iu']] as const) {
      const patterns = shippedList(file);
      expect(patterns.length).toBeGreaterThan(3);
      const one = anyOf(patterns, flags)!;
      const each = patterns.map((p) => new RegExp(p, flags));
      let hits = 0;
      fc.assert(
        fc.property(fc.array(pieces, { maxLength: 6 }), (parts) => {
          const line = parts.join('');
          const expected = each.some((re) => re.test(line));
          if (expected) hits++;
          expect(one.test(line)).toBe(expected);
        }),
        { numRuns: 3000, seed: 20261206 },
      );
      expect(hits).toBeGreaterThan(10);
    }
    expect(anyOf([], 'u')).toBeNull();
  });
});
