/**
 * compromise's people, places and organisations for English sentences, as
 * proposals the document pass corrects with gazetteers, cues and consistency
 * rules. compromise is slow (well under 1 MB/s on this kind of text), so it
 * is loaded lazily, runs only on English documents, only on the sentences
 * where its answer can change the result (see `document.ts`), and once per
 * document on those sentences joined by blank lines. Offsets come from the
 * terms themselves (`compute('offset')`), not from the heavy `.json()` output.
 */
import { createRequire } from 'node:module';
import type { EnglishProposer, TaggerSpan } from './document.js';
import type { EntityType } from '../doc.js';

interface Term {
  offset: { start: number; length: number };
}
interface View {
  docs: Term[][];
}
interface NlpDoc {
  compute(method: string): unknown;
  people(): View;
  places(): View;
  organizations(): View;
}
type Nlp = (text: string) => NlpDoc;

let nlp: Nlp | null = null;

function load(): Nlp {
  if (!nlp) {
    const require = createRequire(import.meta.url);
    const mod = require('compromise') as Nlp | { default: Nlp };
    nlp = typeof mod === 'function' ? mod : mod.default;
  }
  return nlp;
}

const KINDS: [('people' | 'places' | 'organizations'), EntityType][] = [
  ['people', 'PERSON'],
  ['places', 'LOCATION'],
  ['organizations', 'ORGANIZATION'],
];

/** Characters compromise may leave at either end of a match. */
function trailing(c: number): boolean {
  // whitespace . , ; : ! ? " ' ’ ) ]
  return c <= 32 || c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 34 || c === 39 || c === 0x2019 || c === 41 || c === 93;
}
function leading(c: number): boolean {
  // whitespace " ' “ ‘ ( [
  return c <= 32 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40 || c === 91;
}

/** Spans of people, places and organisations in `part` (offsets into `part`), unsorted. */
function spansOf(part: string, shift: (s: number, e: number, type: EntityType) => void): void {
  const doc = load()(part);
  doc.compute('offset');
  for (const [method, type] of KINDS) {
    for (const terms of doc[method]().docs) {
      if (terms.length === 0) continue;
      const first = terms[0].offset;
      const last = terms[terms.length - 1].offset;
      if (!first || !last) continue;
      let s = first.start;
      let e = last.start + last.length;
      // trim punctuation and possessives compromise keeps
      while (e > s && trailing(part.charCodeAt(e - 1))) e--;
      if (e - s >= 2 && part.charCodeAt(e - 1) === 115 /* s */ && (part.charCodeAt(e - 2) === 39 || part.charCodeAt(e - 2) === 0x2019)) e -= 2;
      while (s < e && leading(part.charCodeAt(s))) s++;
      if (e > s) shift(s, e, type);
    }
  }
}

const byStart = (a: TaggerSpan, b: TaggerSpan) => a.start - b.start;

export const compromiseProposer: EnglishProposer = {
  propose(text: string, start: number, end: number): TaggerSpan[] {
    const out: TaggerSpan[] = [];
    spansOf(text.slice(start, end), (s, e, type) => out.push({ start: start + s, end: start + e, type, score: 0.5 }));
    out.sort(byStart);
    return out;
  },
  proposeRanges(text: string, ranges: readonly [number, number][]): TaggerSpan[][] {
    const out: TaggerSpan[][] = ranges.map(() => []);
    if (ranges.length === 0) return out;
    // the sentences joined by blank lines (compromise splits sentences there), one call
    const bases: number[] = [];
    let joined = '';
    for (let k = 0; k < ranges.length; k++) {
      if (k > 0) joined += '\n\n';
      bases.push(joined.length);
      joined += text.slice(ranges[k][0], ranges[k][1]);
    }
    spansOf(joined, (s, e, type) => {
      // the piece holding the span (binary search over the bases)
      let lo = 0;
      let hi = bases.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bases[mid] <= s) lo = mid;
        else hi = mid - 1;
      }
      const [rs, re] = ranges[lo];
      const base = bases[lo];
      if (e - base > re - rs) return; // crosses a piece boundary
      out[lo].push({ start: rs + s - base, end: rs + e - base, type, score: 0.5 });
    });
    for (const spans of out) spans.sort(byStart);
    return out;
  },
};
