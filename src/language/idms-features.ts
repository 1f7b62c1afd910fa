/**
 * Hashed features for telling Indonesian from Malay, shared by training
 * (`src/language/training/`) and detection (`idms-model.ts`), so both see
 * exactly the same evidence: each lowercased word, each pair of adjacent
 * words, and the character 3-, 4- and 5-grams of each word with its boundaries
 * (` kerana `: ` ke`, `ker`, …, `na `, ` ker`, …). Only Latin letters form
 * words; digits, punctuation and other scripts separate them. Nothing is
 * allocated per word: words are lowercased into a small buffer and hashed with
 * FNV-1a, n-grams extend the hash one letter at a time.
 *
 * Names are evidence, not a verdict: a model free to learn `Jakarta`,
 * `Malaysia`, `UNHCR` or `COVID` learns what each country's outlets wrote
 * about (and when), and would call an Indonesian report from Kuala Lumpur
 * Malay. A capitalised word inside a sentence, or an upper-case word anywhere
 * (`KUALA LUMPUR` in a dateline), counts as a name: it gives its lowercase
 * word feature only (no character n-grams, no word pairs), shared with the
 * same word in running text (`Jabatan` weighs what `jabatan` weighs), and
 * held within ±NAME_CAP. Any other word, however long and unusual, weighs at
 * most ±WORD_CAP with all its features (an unseen `kemunafikan` must not
 * decide a sentence on its character n-grams). `indices` marks both so the
 * trainer applies the same caps.
 */

/** Most a name can weigh either way, in logit units (see the class comment). */
export const NAME_CAP = 0.75;
/** Most one word (its word, pair and n-gram features together) can weigh either way. */
export const WORD_CAP = 3;
/** In `indices` output: the features up to the next mark belong to one word (capped together). */
export const WORD_MARK = -0x80000000;

/** Longest word whose character n-grams are taken (longer ones: word feature only). */
const MAX_WORD = 40;
const MIN_GRAM = 3;
const MAX_GRAM = 5;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const BOUNDARY = 32;
/** Salts keep the three kinds of feature apart when hashed into one table. */
const WORD_SALT = 0x2c1b3c6d;
const PAIR_SALT = 0x297a2d39;
const GRAM_SALT = 0x6a09e667;

/** Lowercase code of a Latin letter (ASCII and Latin-1 Supplement through Latin Extended-B), 0 otherwise. */
const LOWER = new Uint16Array(0x250);
for (let c = 0; c < 0x250; c++) {
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
  if (!isLetter) continue;
  const lower = String.fromCharCode(c).toLowerCase();
  LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
}

function finish(h: number, salt: number): number {
  // murmur3's finaliser: the low bits used as the table index depend on every input bit.
  h ^= salt;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Case of a token: capitalised (first letter upper case) and/or all upper case. */
export const CAPITALISED = 1;
export const ALL_UPPER = 2;

/** Looks up outlet names token by token (see outlets.ts); returns Malay (+) or Indonesian (-) evidence. */
export interface OutletMatcher {
  match(previous: number, previousCase: number, current: number, currentCase: number): number;
}

/** The FNV-1a hash of a word as the feature scan computes it (lowercase Latin letters). */
export function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h = Math.imul(h ^ (c < 0x250 && LOWER[c] !== 0 ? LOWER[c] : c), FNV_PRIME);
  }
  return h;
}

/** What `scan` found: the weight sum and the outlet evidence per side. */
export interface Scan {
  sum: number;
  outletsMs: number;
  outletsId: number;
}

/**
 * The feature space: a table of 2^bits weights. `visit` either sums the
 * weights of the features of a text (detection) or lists their indices
 * (training), in one loop so the two cannot drift apart.
 */
export class IdMsFeatures {
  readonly bits: number;
  readonly size: number;
  private readonly mask: number;
  private readonly word = new Uint16Array(MAX_WORD + 2);

  constructor(bits: number) {
    if (!Number.isInteger(bits) || bits < 8 || bits > 26) throw new RangeError(`feature bits must be an integer in 8..26, got ${bits}`);
    this.bits = bits;
    this.size = 2 ** bits;
    this.mask = this.size - 1;
  }

  private readonly scanned: Scan = { sum: 0, outletsMs: 0, outletsId: 0 };

  /** Sum of `weights` over the features of `text` (each occurrence counts). */
  sum(text: string, weights: ArrayLike<number>, maxChars = Infinity): number {
    return this.visit(text, maxChars, weights, null, null).sum;
  }

  /**
   * The weight sum and the outlet names' evidence of `text`, in one pass (detection).
   * The returned object is reused by the next call.
   */
  scan(text: string, weights: ArrayLike<number>, outlets: OutletMatcher | null, maxChars = Infinity): Scan {
    const v = this.visit(text, maxChars, weights, null, outlets);
    this.scanned.sum = v.sum;
    this.scanned.outletsMs = v.outletsMs;
    this.scanned.outletsId = v.outletsId;
    return this.scanned;
  }

  /**
   * Indices of the features of `text` written into `out` (grown when needed);
   * returns the array written and the number of indices. A name's feature is
   * written as `~index` (negative): its weight counts within ±NAME_CAP. Each
   * other word's features follow a WORD_MARK: together they count within ±WORD_CAP.
   */
  indices(text: string, out: Int32Array, maxChars = Infinity): { out: Int32Array; count: number } {
    return this.visit(text, maxChars, null, out, null);
  }

  private visit(
    text: string,
    maxChars: number,
    weights: ArrayLike<number> | null,
    initial: Int32Array | null,
    outlets: OutletMatcher | null,
  ): { sum: number; out: Int32Array; count: number; outletsMs: number; outletsId: number } {
    const mask = this.mask;
    const word = this.word;
    let out = initial ?? EMPTY;
    let count = 0;
    let sum = 0;
    let previous = 0;
    let havePrevious = false;
    let sentenceStart = true;
    let lastToken = 0;
    let lastCase = 0;
    let outletsMs = 0;
    let outletsId = 0;
    const end = Math.min(text.length, maxChars);
    let i = 0;
    while (i < end) {
      let c = text.charCodeAt(i);
      let lower = c < 0x250 ? LOWER[c] : 0;
      if (lower === 0) {
        // Digits and punctuation between words keep the pair chain; a sentence end breaks it.
        if (c === 46 || c === 33 || c === 63 || c === 10 || c === 58) {
          havePrevious = false;
          sentenceStart = true;
        }
        i++;
        continue;
      }
      const capitalised = lower !== c;
      const inner = !sentenceStart;
      sentenceStart = false;
      // One word: lowercase into the buffer (after a boundary mark), hash as we go.
      let length = 0;
      let upper = 0;
      let h = FNV_OFFSET;
      word[0] = BOUNDARY;
      while (i < end) {
        c = text.charCodeAt(i);
        lower = c < 0x250 ? LOWER[c] : 0;
        if (lower === 0) break;
        if (lower !== c) upper++;
        h = Math.imul(h ^ lower, FNV_PRIME);
        if (length < MAX_WORD) word[1 + length] = lower;
        length++;
        i++;
      }
      if (initial !== null && count + 3 * MAX_WORD + 9 > out.length) out = grow(out, count + 3 * MAX_WORD + 9);
      if (outlets !== null) {
        const tokenCase = (capitalised ? CAPITALISED : 0) | (upper === length ? ALL_UPPER : 0);
        const found = outlets.match(lastToken, lastCase, h, tokenCase);
        if (found > 0) outletsMs += found;
        else if (found < 0) outletsId -= found;
        lastToken = h;
        lastCase = tokenCase;
      }
      let index = finish(h, WORD_SALT) & mask;
      if ((capitalised && inner) || (upper === length && length > 1)) {
        // A name: its word feature only, its weight held within ±NAME_CAP (marked by ~index for training).
        havePrevious = false;
        if (weights !== null) {
          const w = weights[index];
          sum += w > NAME_CAP ? NAME_CAP : w < -NAME_CAP ? -NAME_CAP : w;
        } else {
          out[count++] = WORD_MARK;
          out[count++] = ~index;
        }
        continue;
      }
      // A word's features (word, pair with the word before, n-grams) count together within
      // ±WORD_CAP; for training they follow a WORD_MARK.
      let wordSum = 0;
      if (weights !== null) wordSum += weights[index];
      else {
        out[count++] = WORD_MARK;
        out[count++] = index;
      }
      if (havePrevious) {
        index = finish(Math.imul(previous, 0x9e3779b1) ^ h, PAIR_SALT) & mask;
        if (weights !== null) wordSum += weights[index];
        else out[count++] = index;
      }
      previous = h;
      havePrevious = true;
      if (length > MAX_WORD) {
        sum += wordSum > WORD_CAP ? WORD_CAP : wordSum < -WORD_CAP ? -WORD_CAP : wordSum;
        continue;
      }
      const padded = length + 2;
      word[padded - 1] = BOUNDARY;
      for (let start = 0; start + MIN_GRAM <= padded; start++) {
        let g = FNV_OFFSET;
        const last = Math.min(padded, start + MAX_GRAM);
        for (let k = start; k < last; k++) {
          g = Math.imul(g ^ word[k], FNV_PRIME);
          if (k - start + 1 >= MIN_GRAM) {
            index = finish(g, GRAM_SALT) & mask;
            if (weights !== null) wordSum += weights[index];
            else out[count++] = index;
          }
        }
      }
      sum += wordSum > WORD_CAP ? WORD_CAP : wordSum < -WORD_CAP ? -WORD_CAP : wordSum;
    }
    return { sum, out, count, outletsMs, outletsId };
  }
}

const EMPTY = new Int32Array(0);

function grow(out: Int32Array, need: number): Int32Array {
  let size = Math.max(1024, out.length);
  while (size < need) size *= 2;
  const bigger = new Int32Array(size);
  bigger.set(out);
  return bigger;
}
