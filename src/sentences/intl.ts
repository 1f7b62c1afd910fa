import type { EmitSpan } from './split.js';

/** One `Intl.Segmenter` per locale, created on first use. */
const SEGMENTERS = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = SEGMENTERS.get(locale);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    } catch {
      segmenter = SEGMENTERS.get('und') ?? new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    SEGMENTERS.set(locale, segmenter);
  }
  return segmenter;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0xfeff;
}

/** Sentences of `text[from, to)` by the Unicode rules (UAX #29) for `locale`, trimmed. */
export function segmentWithIntl(text: string, from: number, to: number, locale: string, emit: EmitSpan): void {
  const part = text.slice(from, to);
  for (const { index, segment } of segmenterFor(locale).segment(part)) {
    let s = from + index;
    let e = s + segment.length;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) emit(s, e);
  }
}
