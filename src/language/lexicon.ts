import { readWordList } from '../lang/data.js';

/**
 * Lexical evidence for language identification, read from
 * `src/lang/<code>/langid-words.txt`. Each line is `entry [weight]`: a word, a
 * two-word phrase, or a `-suffix`. Every hit adds its weight to that
 * language's score; an entry may be listed for several languages.
 */
export class Lexicon {
  readonly languages: readonly string[];
  private readonly words = new Map<string, Float64Array>();
  private readonly phrases = new Map<string, Float64Array>();
  /** First words of the phrases, so most tokens need no phrase lookup. */
  private readonly phraseStarts = new Set<string>();
  /** Suffix rules grouped by suffix length, longest first. */
  private readonly suffixes: { length: number; rules: Map<string, Float64Array> }[] = [];

  constructor(languages: readonly string[], entries: ReadonlyMap<string, readonly string[]>) {
    this.languages = languages;
    const n = languages.length;
    const vector = (map: Map<string, Float64Array>, key: string): Float64Array => {
      let v = map.get(key);
      if (!v) {
        v = new Float64Array(n);
        map.set(key, v);
      }
      return v;
    };
    const bySuffixLength = new Map<number, Map<string, Float64Array>>();
    languages.forEach((lang, index) => {
      for (const line of entries.get(lang) ?? []) {
        const match = /^(.*?)(?:\s+(-?\d+(?:\.\d+)?))?$/.exec(line);
        if (!match) continue;
        const entry = match[1].trim().toLowerCase().replace(/\s+/g, ' ');
        const weight = match[2] === undefined ? 1 : Number(match[2]);
        if (entry === '') continue;
        if (entry.startsWith('-') && entry.length > 1) {
          const suffix = entry.slice(1);
          let rules = bySuffixLength.get(suffix.length);
          if (!rules) bySuffixLength.set(suffix.length, (rules = new Map()));
          vector(rules, suffix)[index] = weight;
        } else if (entry.includes(' ')) {
          vector(this.phrases, entry)[index] = weight;
          this.phraseStarts.add(entry.slice(0, entry.indexOf(' ')));
        } else {
          vector(this.words, entry)[index] = weight;
        }
      }
    });
    for (const [length, rules] of [...bySuffixLength].sort((a, b) => b[0] - a[0])) {
      this.suffixes.push({ length, rules });
    }
  }

  static load(languages: readonly string[], file = 'langid-words.txt'): Lexicon {
    const entries = new Map<string, string[]>();
    for (const lang of languages) {
      try {
        entries.set(lang, readWordList(lang, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return new Lexicon(languages, entries);
  }

  /** Whether the lexicon has any evidence for `token` as a whole word. */
  hasWord(token: string): boolean {
    return this.words.has(token);
  }

  /**
   * Adds the evidence of the lowercased tokens of `text` to `scores`; returns
   * the number of tokens and, in `stats[1]`, how many were known words.
   */
  score(text: string, scores: Float64Array, stats: Int32Array): void {
    const n = this.languages.length;
    TOKEN.lastIndex = 0;
    let previous = '';
    let tokens = 0;
    let known = 0;
    for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
      const token = m[0].toLowerCase();
      tokens++;
      const w = this.words.get(token);
      if (w !== undefined) {
        known++;
        for (let i = 0; i < n; i++) scores[i] += w[i];
      } else if (token.length >= 4) {
        for (const { length, rules } of this.suffixes) {
          if (token.length < length + 2) continue;
          const r = rules.get(token.slice(token.length - length));
          if (r !== undefined) for (let i = 0; i < n; i++) scores[i] += r[i];
        }
      }
      if (previous !== '' && this.phraseStarts.has(previous)) {
        const p = this.phrases.get(previous + ' ' + token);
        if (p !== undefined) for (let i = 0; i < n; i++) scores[i] += p[i];
      }
      previous = token;
    }
    stats[0] += tokens;
    stats[1] += known;
  }
}

/** Words: runs of letters (and combining marks); apostrophes and hyphens split. */
const TOKEN = /[\p{L}\p{M}]+/gu;
