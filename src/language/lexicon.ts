import { readWordList } from '../lang/data.js';

/**
 * Lexical evidence for language identification, read from
 * `src/lang/<code>/langid-words.txt`. Each line is `entry [weight]`: a word,
 * a two-word phrase, a `-suffix` (tried on words not listed themselves) or a
 * `~sequence` found anywhere in a word. Every hit adds its weight to that
 * language's score; an entry may be listed for several languages. Weight-0
 * words add nothing but mark the text as fitting the candidate languages.
 */
export class Lexicon {
  readonly languages: readonly string[];
  private readonly words = new Map<string, Float64Array>();
  private readonly phrases = new Map<string, Float64Array>();
  /** First words of the phrases, so most tokens need no phrase lookup. */
  private readonly phraseStarts = new Set<string>();
  /** Suffix rules grouped by suffix length, longest first. */
  private readonly suffixes: { length: number; rules: Map<string, Float64Array> }[] = [];
  /** `~xy` entries: letter sequences that mark a language wherever they occur in a word. */
  private readonly infixes: { part: string; weights: Float64Array }[] = [];
  /** Last two code units of every suffix, as one number: a cheap pre-check. */
  private readonly suffixTails = new Set<number>();

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
        if (entry.startsWith('~') && entry.length > 2) {
          const part = entry.slice(1);
          let rule = this.infixes.find((r) => r.part === part);
          if (!rule) this.infixes.push((rule = { part, weights: new Float64Array(n) }));
          rule.weights[index] = weight;
        } else if (entry.startsWith('-') && entry.length > 1) {
          const suffix = entry.slice(1);
          let rules = bySuffixLength.get(suffix.length);
          if (suffix.length < 2) continue;
          if (!rules) bySuffixLength.set(suffix.length, (rules = new Map()));
          vector(rules, suffix)[index] = weight;
          if (suffix.length >= 2) {
            this.suffixTails.add(suffix.charCodeAt(suffix.length - 2) * 65536 + suffix.charCodeAt(suffix.length - 1));
          }
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
   * Adds the evidence of the words of `text` to `scores`. `stats` receives
   * [tokens, known tokens, letters] (added to what it holds).
   */
  score(text: string, scores: Float64Array, stats: Int32Array): void {
    const lower = text.toLowerCase();
    const length = lower.length;
    let previous = '';
    let tokens = 0;
    let known = 0;
    let letters = 0;
    let i = 0;
    while (i < length) {
      // Skip to the next letter.
      while (i < length && !isLetter(lower.charCodeAt(i), lower, i)) i++;
      if (i >= length) break;
      const start = i;
      while (i < length && isLetter(lower.charCodeAt(i), lower, i)) i++;
      const token = lower.slice(start, i);
      tokens++;
      letters += i - start;
      const w = this.words.get(token);
      if (w !== undefined) {
        known++;
        this.add(scores, w);
      } else if (token.length >= 4 && this.suffixes.length > 0) {
        const tail = lower.charCodeAt(i - 2) * 65536 + lower.charCodeAt(i - 1);
        if (this.suffixTails.has(tail)) {
          for (const { length: n, rules } of this.suffixes) {
            if (token.length < n + 2) continue;
            const r = rules.get(token.slice(token.length - n));
            if (r !== undefined) this.add(scores, r);
          }
        }
      }
      for (let r = 0; r < this.infixes.length; r++) {
        if (token.includes(this.infixes[r].part)) this.add(scores, this.infixes[r].weights);
      }
      if (previous !== '' && this.phraseStarts.has(previous)) {
        const p = this.phrases.get(previous + ' ' + token);
        if (p !== undefined) this.add(scores, p);
      }
      previous = token;
    }
    stats[0] += tokens;
    stats[1] += known;
    stats[2] += letters;
  }

  private add(scores: Float64Array, weights: Float64Array): void {
    for (let k = 0; k < weights.length; k++) scores[k] += weights[k];
  }
}

/** Letters (any script, with combining marks); ASCII is decided without a regex. */
function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c <= 0x24f) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return ASTRAL_LETTER.test(text.slice(c <= 0xdbff ? i : i - 1, (c <= 0xdbff ? i : i - 1) + 2));
  return LETTER.test(text[i]);
}

const LETTER = /[\p{L}\p{M}]/u;
const ASTRAL_LETTER = /^[\p{L}\p{M}]/u;
