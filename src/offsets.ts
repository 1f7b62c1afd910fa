/**
 * Converting JS string indices (UTF-16 code units) to Unicode code-point
 * offsets for output. Text without astral characters maps 1:1, which is the
 * common case, so the converter is built lazily and only when needed.
 */
export interface OffsetConverter {
  toCodePoint(utf16Index: number): number;
}

const IDENTITY: OffsetConverter = { toCodePoint: (i) => i };
const SURROGATE_HIGH = /[\uD800-\uDBFF]/;

export function offsetConverter(text: string): OffsetConverter {
  if (!SURROGATE_HIGH.test(text)) return IDENTITY;
  // prefix[i] = code points before UTF-16 index i
  const prefix = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        prefix[i + 1] = cp; // the middle of a pair maps to the pair's start
        i++;
      }
    }
    cp++;
  }
  prefix[text.length] = cp;
  return { toCodePoint: (i) => prefix[i] };
}

/** Slice `text` by code-point offsets (what consumers of the output do). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
