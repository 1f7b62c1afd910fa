import { readWordList } from '../lang/data.js';

/**
 * Lexical evidence for language identification, read from
 * `src/lang/<code>/langid-words.txt`. Each line is `entry [weight]`: a word,
 * a two-word phrase, a `-suffix` (tried on words not listed themselves) or a
 * `~sequence` found anywhere in a word. A word written `=word` counts only in
 * lower case: capitalised, it is a name more often than the word (Banjar `wan`
 * "and" against the Malay name prefix in `Wan Azizah`). Every hit adds its weight to that
 * language's score; an entry may be listed for several languages. Weight-0
 * words add nothing but mark the text as fitting the candidate languages.
 */
export class Lexicon {
  readonly languages: readonly string[];
  /** Words (listed ones and the parts of phrases), found without allocating a string per token. */
  private readonly words = new StringTable();
  /** Per word id: weights, or null for a phrase part that is not listed itself. */
  private readonly wordWeights: (Float64Array | null)[] = [];
  /** Phrases by `firstId * 2^20 + secondId`. */
  private readonly phrases = new Map<number, Float64Array>();
  /** Per word id: whether it starts some phrase. */
  private readonly startsPhrase: boolean[] = [];
  /** Per word id: whether its weights count only when it is written in lower case (`=word`). */
  private readonly lowerOnly: boolean[] = [];
  /** Suffix rules by length, longest first. */
  private readonly suffixes: { length: number; table: StringTable; weights: Float64Array[] }[] = [];
  /** Last two code units of every suffix, as one number: a cheap pre-check. */
  private readonly suffixTails = new Set<number>();
  /** `~xy` entries: letter sequences that mark a language wherever they occur in a word. */
  private readonly infixes: { part: string; weights: Float64Array }[] = [];
  /**
   * Two-letter infixes as `first * 65536 + second`, found while a word is hashed (one
   * comparison per letter instead of a search through every word); longer ones are searched.
   */
  private pairCodes = new Int32Array(0);
  private pairRules: number[] = [];
  private longRules: number[] = [];

  /**
   * Per language: factor for a capitalised word inside a sentence (a name or a title,
   * such as an English song title in an Indonesian sentence), 1 when not given.
   */
  private readonly capitalFactor: Float64Array;
  /** Whether case changes any weight (a capital factor or a lower-case-only word). */
  private readonly caseMatters: boolean;
  /** Weights of lowercase words waiting to see whether a title goes on (`Order of the Bath`). */
  private readonly pending: Float64Array;

  constructor(
    languages: readonly string[],
    entries: ReadonlyMap<string, readonly string[]>,
    capitalFactor: Readonly<Record<string, number>> = {},
  ) {
    this.languages = languages;
    const n = languages.length;
    this.capitalFactor = Float64Array.from(languages, (l) => capitalFactor[l] ?? 1);
    this.pending = new Float64Array(n);
    const wordId = (word: string, listed: boolean): number => {
      const id = this.words.add(word);
      if (id === this.wordWeights.length) {
        this.wordWeights.push(null);
        this.startsPhrase.push(false);
        this.lowerOnly.push(false);
      }
      if (listed && this.wordWeights[id] === null) this.wordWeights[id] = new Float64Array(n);
      return id;
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
        } else if (entry.startsWith('-') && entry.length > 2) {
          const suffix = entry.slice(1);
          let rules = bySuffixLength.get(suffix.length);
          if (!rules) bySuffixLength.set(suffix.length, (rules = new Map()));
          let v = rules.get(suffix);
          if (!v) rules.set(suffix, (v = new Float64Array(n)));
          v[index] = weight;
          this.suffixTails.add(suffix.charCodeAt(suffix.length - 2) * 65536 + suffix.charCodeAt(suffix.length - 1));
        } else if (entry.includes(' ')) {
          const [first, second] = entry.split(' ');
          const a = wordId(first, false);
          const b = wordId(second, false);
          this.startsPhrase[a] = true;
          const key = a * PHRASE_SHIFT + b;
          let v = this.phrases.get(key);
          if (!v) this.phrases.set(key, (v = new Float64Array(n)));
          v[index] = weight;
        } else if (entry.startsWith('=') && entry.length > 1) {
          const id = wordId(entry.slice(1), true);
          this.wordWeights[id]![index] = weight;
          this.lowerOnly[id] = true;
        } else {
          this.wordWeights[wordId(entry, true)]![index] = weight;
        }
      }
    });
    this.caseMatters = this.capitalFactor.some((f) => f !== 1) || this.lowerOnly.includes(true);
    this.infixes.forEach((rule, r) => (rule.part.length === 2 && this.pairRules.length < 31 ? this.pairRules : this.longRules).push(r));
    this.pairCodes = Int32Array.from(this.pairRules, (r) => this.infixes[r].part.charCodeAt(0) * 65536 + this.infixes[r].part.charCodeAt(1));
    for (const [length, rules] of [...bySuffixLength].sort((a, b) => b[0] - a[0])) {
      const table = new StringTable();
      const weights: Float64Array[] = [];
      for (const [suffix, v] of rules) weights[table.add(suffix)] = v;
      this.suffixes.push({ length, table, weights });
    }
  }

  static load(
    languages: readonly string[],
    capitalFactor: Readonly<Record<string, number>> = {},
    file = 'langid-words.txt',
  ): Lexicon {
    const entries = new Map<string, string[]>();
    for (const lang of languages) {
      try {
        entries.set(lang, readWordList(lang, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return new Lexicon(languages, entries, capitalFactor);
  }

  /** Whether the lexicon has any evidence for `token` as a whole word. */
  hasWord(token: string): boolean {
    const id = this.words.find(token, 0, token.length, hashRange(token, 0, token.length));
    return id >= 0 && this.wordWeights[id] !== null;
  }

  /**
   * Adds the evidence of the words of `text` to `scores`. `stats` receives
   * [tokens, known tokens, letters] (added to what it holds).
   */
  score(text: string, scores: Float64Array, stats: Int32Array): void {
    const lower = text.toLowerCase();
    const pairCodes = this.pairCodes;
    const length = lower.length;
    // Case is compared position by position, which needs lowercasing to keep the length.
    const cased = lower.length === text.length && this.caseMatters;
    let sentenceStart = true;
    let previousInner = false;
    let pendingWords = 0;
    let previous = -1;
    let tokens = 0;
    let known = 0;
    let letters = 0;
    let i = 0;
    while (i < length) {
      // Skip to the next letter, noting whether a sentence ends on the way.
      while (i < length) {
        const c = lower.charCodeAt(i);
        if (isLetter(c, lower, i)) break;
        if (c === 46 || c === 33 || c === 63 || c === 10 || c === 58) sentenceStart = true; // . ! ? newline :
        i++;
      }
      if (i >= length) break;
      const start = i;
      let h = FNV_OFFSET;
      let pairsFound = 0;
      let last = 0;
      while (i < length) {
        const c = lower.charCodeAt(i);
        if (!isLetter(c, lower, i)) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        const pair = last * 65536 + c;
        for (let r = 0; r < pairCodes.length; r++) if (pairCodes[r] === pair) pairsFound |= 1 << r;
        last = c;
        i++;
      }
      const end = i;
      tokens++;
      letters += end - start;
      const id = this.words.find(lower, start, end, h);
      const capital = cased && text.charCodeAt(start) !== lower.charCodeAt(start);
      const w = id >= 0 && !(capital && this.lowerOnly[id]) ? this.wordWeights[id] : null;
      const inner = capital && !sentenceStart;
      // A lowercase word between two capitalised ones (`Order of St Michael`) belongs to the name
      // or title too: its weight waits for the next word.
      // At most two such words (`of the`) wait; a sentence end or a third lowercase word releases them.
      if (pendingWords > 0 && (inner || sentenceStart || pendingWords === 2 || capital)) {
        if (inner) this.addScaled(scores, this.pending);
        else add(scores, this.pending);
        this.pending.fill(0);
        pendingWords = 0;
      }
      const titleRun = !sentenceStart && !capital && (previousInner || pendingWords > 0);
      previousInner = inner;
      sentenceStart = false;
      if (titleRun) pendingWords++;
      if (w !== null) {
        known++;
        if (inner) this.addScaled(scores, w);
        else if (titleRun) add(this.pending, w);
        else add(scores, w);
      } else if (end - start >= 4 && this.suffixes.length > 0) {
        const tail = lower.charCodeAt(end - 2) * 65536 + lower.charCodeAt(end - 1);
        if (this.suffixTails.has(tail)) {
          for (const { length: n, table, weights } of this.suffixes) {
            if (end - start < n + 2) continue;
            const r = table.find(lower, end - n, end, hashRange(lower, end - n, end));
            if (r >= 0) add(scores, weights[r]);
          }
        }
      }
      if (pairsFound !== 0) {
        for (let r = 0; r < pairCodes.length; r++) if ((pairsFound & (1 << r)) !== 0) add(scores, this.infixes[this.pairRules[r]].weights);
      }
      for (const r of this.longRules) {
        if (containsAt(lower, start, end, this.infixes[r].part)) add(scores, this.infixes[r].weights);
      }
      if (previous >= 0 && id >= 0 && this.startsPhrase[previous]) {
        const p = this.phrases.get(previous * PHRASE_SHIFT + id);
        if (p !== undefined) add(scores, p);
      }
      previous = id;
    }
    if (pendingWords > 0) {
      add(scores, this.pending);
      this.pending.fill(0);
    }
    stats[0] += tokens;
    stats[1] += known;
    stats[2] += letters;
  }

  private addScaled(scores: Float64Array, weights: Float64Array): void {
    for (let k = 0; k < weights.length; k++) scores[k] += weights[k] * this.capitalFactor[k];
  }
}

const PHRASE_SHIFT = 1 << 20;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function add(scores: Float64Array, weights: Float64Array): void {
  for (let k = 0; k < weights.length; k++) scores[k] += weights[k];
}

function containsAt(text: string, start: number, end: number, part: string): boolean {
  const last = end - part.length;
  outer: for (let i = start; i <= last; i++) {
    for (let k = 0; k < part.length; k++) if (text.charCodeAt(i + k) !== part.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/** Strings by FNV-1a hash in an open-addressing table; lookups compare in place, without slicing. */
class StringTable {
  private hashes = new Int32Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private readonly strings: string[] = [];
  private mask = 1023;

  add(s: string): number {
    const h = hashRange(s, 0, s.length);
    const found = this.find(s, 0, s.length, h);
    if (found >= 0) return found;
    if ((this.strings.length + 1) * 2 > this.ids.length) this.grow();
    const id = this.strings.length;
    this.strings.push(s);
    this.insert(h, id);
    return id;
  }

  find(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) return -1;
      if (this.hashes[slot] === h) {
        const s = this.strings[id];
        if (s.length === len) {
          let k = 0;
          while (k < len && s.charCodeAt(k) === text.charCodeAt(start + k)) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(h: number, id: number): void {
    let slot = h & this.mask;
    while (this.ids[slot] >= 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.ids[slot] = id;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    this.hashes = new Int32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.strings.forEach((s, id) => this.insert(hashRange(s, 0, s.length), id));
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
