import { data as francData } from 'franc/data.js';

/**
 * franc's trigram distance over franc's own Latin-script models, computed for
 * a chosen set of languages at once.
 *
 * `francAll` re-scans the input with ~30 script regexes, builds an object per
 * call and looks every trigram up in every language; that costs ~0.3 ms for
 * 500 characters even with `only`. Here the models of the candidate
 * languages are merged into one `Map<trigram, ranks[]>` once, so one lookup per
 * distinct trigram serves all candidates. The arithmetic is franc's (same
 * cleaning, padding, counting and `|count - rank - 1|` / 300 per trigram), so
 * the distances equal `francAll`'s before its normalisation (checked in tests).
 */

export const MAX_DIFFERENCE = 300;

const LATIN: Readonly<Record<string, string>> = francData.Latin;

/** Every Latin-script language franc has a model for (ISO 639-3). */
export const LATIN_LANGUAGES: readonly string[] = Object.keys(LATIN);

export class TrigramScorer {
  readonly languages: readonly string[];
  private readonly table = new Map<string, Int16Array>();

  constructor(languages: readonly string[]) {
    const known = languages.filter((l) => l in LATIN);
    this.languages = known;
    const n = known.length;
    known.forEach((lang, index) => {
      const model = LATIN[lang].split('|');
      for (let rank = 0; rank < model.length; rank++) {
        let ranks = this.table.get(model[rank]);
        if (!ranks) {
          ranks = new Int16Array(n).fill(-1);
          this.table.set(model[rank], ranks);
        }
        ranks[index] = rank;
      }
    });
  }

  /**
   * Raw franc distances of `sample` to each language (same order as
   * `languages`), written into `out`; returns the number of distinct trigrams.
   */
  distances(sample: string, out: Float64Array): number {
    const counts = countTrigrams(sample);
    const n = this.languages.length;
    out.fill(0, 0, n);
    for (const [gram, count] of counts) {
      const ranks = this.table.get(gram);
      if (ranks === undefined) {
        for (let i = 0; i < n; i++) out[i] += MAX_DIFFERENCE;
        continue;
      }
      for (let i = 0; i < n; i++) {
        const rank = ranks[i];
        if (rank < 0) out[i] += MAX_DIFFERENCE;
        else {
          const d = count - rank - 1;
          out[i] += d < 0 ? -d : d;
        }
      }
    }
    return counts.size;
  }
}

const PUNCT_DIGITS = /[\u0021-\u0040]+/g;
const WHITESPACE = /\s+/g;

/** franc's (trigram-utils') cleaning: ASCII punctuation and digits to space, collapse, trim, lowercase, pad. */
export function cleanForTrigrams(value: string): string {
  return ' ' + value.replace(PUNCT_DIGITS, ' ').replace(WHITESPACE, ' ').trim().toLowerCase() + ' ';
}

export function countTrigrams(value: string): Map<string, number> {
  const text = cleanForTrigrams(value);
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const gram = text.slice(i, i + 3);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}
