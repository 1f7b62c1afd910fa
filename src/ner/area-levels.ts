/**
 * Places written one after another with their administrative levels (`Dusun
 * Pancot Kelurahan Kalisoro Kecamatan Tawangmangu`) run together in the
 * tagger's spans. A level word (`src/lang/<lang>/ner-area-levels.txt`) inside a
 * place the tagger found starts a new place; one that ends the span is left
 * out (`Kalisoro Kecamatan,` before the district's name). In the Indonesian
 * training splits a gold place is followed directly by a level word's place 89
 * times and holds one inside it 25 times, mostly NERGrit's (`Kasipute
 * Kabupaten Bombana`).
 */
import { isCapitalised } from './certain.js';
import { sliceMention, type Mention } from './mention.js';
import type { LangResources } from './resources.js';
import { wordSet } from './word-lists.js';

/** The language's level words (empty without a list). */
export function areaLevels(language: 'id' | 'en'): Set<string> {
  return wordSet(language, 'ner-area-levels.txt');
}

const NAME_END_RE = /[\p{L}\p{N}]$/u;

function onlyCues(m: Mention, a: number, b: number, res: LangResources): boolean {
  for (let k = a; k < b; k++) if (!res.nameHeads.has(m.tokens[k].key) && !res.functionWords.has(m.tokens[k].key)) return false;
  return true;
}

/** The tagger's places split at the level words inside them. */
export function splitAtAreaLevels(mentions: Mention[], levels: ReadonlySet<string>, res: LangResources): Mention[] {
  if (levels.size === 0) return mentions;
  let out: Mention[] | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const n = m.tokens.length;
    let cut = -1;
    if (m.type === 'LOCATION' && !m.sure && n >= 2) {
      for (let k = 1; k < n; k++) {
        if (levels.has(m.tokens[k].key)) {
          cut = k;
          break;
        }
      }
    }
    if (cut < 0) {
      if (out) out.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    let a = 0;
    for (let k = cut; k <= n; k++) {
      if (k < n && !(k > a && levels.has(m.tokens[k].key))) continue;
      // a piece is a place when a name follows its level word (not `Kecamatan` of `Kalisoro
      // Kecamatan,`, nor `kecamatan/` of `kecamatan/kabupaten Tuban`), and the words before the
      // first level word when they hold more than cue words (`Masjid` of `Masjid Desa Kendal`)
      const first = m.tokens[a];
      const last = m.tokens[k - 1];
      const named = NAME_END_RE.test(last.text) && !levels.has(last.key);
      if (named && (levels.has(first.key) || (isCapitalised(first) && !onlyCues(m, a, k, res)))) out.push(sliceMention(m, a, k));
      a = k;
    }
  }
  return out ?? mentions;
}
