/**
 * compromise's people, places and organisations for one English sentence,
 * as proposals the document pass corrects with gazetteers, cues and
 * consistency rules. compromise is slow, so it only runs on English documents
 * and is loaded lazily.
 */
import { createRequire } from 'node:module';
import type { EnglishProposer, TaggerSpan } from './document.js';
import type { EntityType } from '../doc.js';

type Nlp = (text: string) => Record<'people' | 'places' | 'organizations', () => { json(o: object): { offset: { start: number; length: number } }[] }>;

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

export const compromiseProposer: EnglishProposer = {
  propose(text: string, start: number, end: number): TaggerSpan[] {
    const part = text.slice(start, end);
    const doc = load()(part);
    const out: TaggerSpan[] = [];
    for (const [method, type] of KINDS) {
      for (const m of doc[method]().json({ offset: true })) {
        let s = m.offset.start;
        let e = s + m.offset.length;
        // trim punctuation and possessives compromise keeps
        while (e > s && /[\s.,;:!?"'’)\]]/.test(part[e - 1])) e--;
        if (part.slice(e - 2, e) === "'s" || part.slice(e - 2, e) === '’s') e -= 2;
        while (s < e && /[\s"'“‘(\[]/.test(part[s])) s++;
        if (e > s) out.push({ start: start + s, end: start + e, type, score: 0.5 });
      }
    }
    out.sort((a, b) => a.start - b.start);
    return out;
  },
};
