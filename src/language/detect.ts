import { francAll } from 'franc';
import { fromIso3 } from './codes.js';
import { bandOfLength, IdMsModel } from './idms-model.js';
import { characterJunk, diversityJunk, JUNK_LIMITS, wordShapeJunk } from './junk.js';
import { Lexicon } from './lexicon.js';
import { LATIN_LANGUAGES, MAX_DIFFERENCE, TrigramScorer } from './trigrams.js';

/**
 * Language identification tuned for Indonesian news: franc's trigram models
 * over a bounded sample, restricted to the languages likely here, plus
 * lexical evidence (distinctive function words and spellings, data files in
 * `src/lang/<code>/langid-words.txt`) that separates Indonesian from Malay and
 * recognises the regional languages, Banjar included (franc has no Banjar
 * model). When the text fits none of the candidates well, the full franc
 * candidate set decides.
 *
 * Indonesian against Malay is decided by a model learned from news of both
 * countries (`idms-model.ts`): when one of the two leads, their combined
 * score is shared out by the model's odds, so the pair's standing against the
 * other languages is unchanged and only the choice between them moves.
 */

/** The candidate languages: output code and franc's model (null: lexical only). */
export const CANDIDATES: readonly { code: string; franc: string | null }[] = [
  { code: 'id', franc: 'ind' },
  { code: 'ms', franc: 'zlm' },
  { code: 'en', franc: 'eng' },
  { code: 'nl', franc: 'nld' },
  { code: 'jv', franc: 'jav' },
  { code: 'su', franc: 'sun' },
  { code: 'min', franc: 'min' },
  { code: 'ban', franc: 'ban' },
  { code: 'bjn', franc: null },
];

/** Candidates whose trigram profile stands in for Banjar's (Malayic languages of the region). */
const BANJAR_PROXIES = ['id', 'ms', 'min', 'ban', 'jv', 'su'];
const REGIONAL = ['jv', 'su', 'min', 'ban', 'bjn'];

export interface DetectorParams {
  /** Weight of franc's trigram evidence (per missing-trigram unit) against lexical weights. */
  francWeight: number;
  /** Handicap of Banjar's borrowed trigram profile, per 100 characters of sample. */
  banjarPenalty: number;
  /** Softmax temperature turning score gaps into a confidence. */
  temperature: number;
  /** Fewer letters than this: `und`. */
  minLength: number;
  /** A confidence below this: `und`. */
  minConfidence: number;
  /** At most this many characters go into the trigram model. */
  sampleChars: number;
  /** Mean distance per trigram (0..1, of franc's maximum) above which the candidates are deemed a poor fit. */
  poorFit: number;
  /** Share of tokens found in the lexicons below which the candidates are deemed a poor fit. */
  minKnownShare: number;
  /** Fraction of franc's Indonesian-vs-Malay trigram difference that counts (0: none). */
  idMsTrigramShare: number;
  /** Bonus for Indonesian over Malay when nothing else tells them apart (lexical-weight units). */
  indonesianPrior: number;
  /** More bonus per 100 letters: long Malay text without any Malay marker is rare. */
  indonesianPriorPer100: number;
  /** Handicap of a regional language (jv, su, min, ban, bjn) with no own-word evidence, in lexical-weight units. */
  regionalPenalty: number;
  /** Factor for English words capitalised inside a sentence (titles and names quoted in other languages). */
  englishCapitalFactor: number;
  /** Handicap of a language outside the candidates when it competes (lexical-weight units). */
  foreignPenalty: number;
  /**
   * The trigram evidence of the sample counts for at most this many samples' worth of
   * text (a 4 MB text must not multiply a 1,000-character sample's verdict by 4,000).
   */
  maxTrigramScale: number;
  /** Use the learned Indonesian/Malay model (when `models/langid-id-ms.*` is present). */
  idMsModel: boolean;
  /**
   * Log-odds in favour of Indonesian in the model's decision: Malay must be this much more
   * likely before a text is called Malay. Undefined: the model's own `idBias` for the text's
   * length band, chosen at training (see `chooseBias` in training/crossval.ts).
   */
  idMsBias?: number;
}

export const DEFAULT_PARAMS: DetectorParams = {
  francWeight: 0.5,
  banjarPenalty: 1,
  temperature: 1,
  minLength: 10,
  minConfidence: 0.1,
  sampleChars: 1000,
  poorFit: 0.85,
  minKnownShare: 0.12,
  foreignPenalty: 2,
  englishCapitalFactor: 0.4,
  regionalPenalty: 1.5,
  idMsTrigramShare: 0,
  indonesianPrior: 0.3,
  indonesianPriorPer100: 0.3,
  maxTrigramScale: 8,
  idMsModel: true,
};

let defaultModel: IdMsModel | null | undefined;

/** The committed model, read once per process. */
export function defaultIdMsModel(): IdMsModel | null {
  if (defaultModel === undefined) defaultModel = IdMsModel.load();
  return defaultModel;
}

export interface Detection {
  language: string;
  confidence: number;
  /** The runner-up, for diagnostics. */
  second?: string;
}

/** Lexical evidence gathered over some text, additive over parts of it. */
export interface Evidence {
  scores: Float64Array;
  /** [tokens, known tokens, letters] */
  stats: Int32Array;
}

const UND: Detection = { language: 'und', confidence: 0 };

export class LanguageDetector {
  readonly params: DetectorParams;
  readonly codes: readonly string[];
  private readonly lexicon: Lexicon;
  private readonly trigrams: TrigramScorer;
  /** Index in `trigrams.languages` for each candidate, -1 when franc has no model. */
  private readonly francIndex: Int32Array;
  private readonly proxyIndex: number[];
  private readonly regionalIndex: number[];
  private allLatin: TrigramScorer | null = null;
  /** Fit measures of the last `decide` call, for diagnostics. */
  lastFit = { meanDistance: 0, knownShare: 0, foreignDistance: 0 };
  /** Why the last `decide` call found the text to be no language (`und`), or null. */
  lastJunk: string | null = null;
  private readonly distances: Float64Array;
  private readonly combined: Float64Array;

  /** The learned Indonesian/Malay model, or null (lexicon and prior decide, as before it). */
  readonly idMs: IdMsModel | null;

  constructor(params: Partial<DetectorParams> = {}, lexicon?: Lexicon, idMs?: IdMsModel | null) {
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.idMs = this.params.idMsModel ? (idMs === undefined ? defaultIdMsModel() : idMs) : null;
    this.codes = CANDIDATES.map((c) => c.code);
    this.lexicon = lexicon ?? Lexicon.load(this.codes, { en: this.params.englishCapitalFactor });
    const francCodes = CANDIDATES.flatMap((c) => (c.franc ? [c.franc] : []));
    this.trigrams = new TrigramScorer(francCodes);
    this.francIndex = Int32Array.from(CANDIDATES, (c) => (c.franc ? this.trigrams.languages.indexOf(c.franc) : -1));
    this.proxyIndex = BANJAR_PROXIES.map((code) => this.codes.indexOf(code));
    this.regionalIndex = REGIONAL.map((code) => this.codes.indexOf(code));
    this.distances = new Float64Array(this.trigrams.languages.length);
    this.combined = new Float64Array(this.codes.length);
  }

  newEvidence(): Evidence {
    return { scores: new Float64Array(this.codes.length), stats: new Int32Array(3) };
  }

  /** Adds the lexical evidence of `text` to `evidence`. */
  addText(evidence: Evidence, text: string): void {
    this.lexicon.score(text, evidence.scores, evidence.stats);
  }

  addEvidence(into: Evidence, from: Evidence): void {
    for (let i = 0; i < into.scores.length; i++) into.scores[i] += from.scores[i];
    into.stats[0] += from.stats[0];
    into.stats[1] += from.stats[1];
    into.stats[2] += from.stats[2];
  }

  /** Detects the language of `text` alone. */
  detect(text: string): Detection {
    const evidence = this.newEvidence();
    this.addText(evidence, text);
    return this.decide(evidence, sampleOf(text, this.params.sampleChars), text.length);
  }

  /**
   * Decides from lexical `evidence` gathered over `totalLength` characters and
   * a `sample` of that text for the trigram model.
   */
  decide(evidence: Evidence, sample: string, totalLength: number): Detection {
    const p = this.params;
    this.lastJunk = null;
    this.lastFit = { meanDistance: 1, knownShare: 0, foreignDistance: 0 };
    if (letters(evidence) < p.minLength) return UND;
    const script = dominantScript(sample);
    if (script === 'other') {
      this.lastJunk = characterJunk(sample);
      return this.lastJunk === null ? this.francFallback(sample) : UND;
    }
    this.lastJunk = wordShapeJunk(evidence.stats[0], letters(evidence));
    if (this.lastJunk !== null) return UND;

    const n = this.codes.length;
    const combined = this.combined;
    const trigramCount = this.trigrams.distances(sample, this.distances);
    this.lastJunk = diversityJunk(trigramCount, sample.length);
    if (this.lastJunk !== null) return UND;
    let best = Infinity;
    for (let i = 0; i < this.distances.length; i++) if (this.distances[i] < best) best = this.distances[i];
    // franc's evidence, in "missing trigram" units, extrapolated from the sample to the whole text
    // (up to a bound: beyond a few samples' worth, more text is not more certainty).
    const scale = sample.length > 0 ? Math.min(p.maxTrigramScale, Math.max(1, totalLength / sample.length)) : 1;
    // The word evidence of a text longer than that is scaled down alike, so the two keep the
    // balance they have on an ordinary article (a megabyte of one foreign paragraph must not
    // turn a few chance word-list hits into a verdict).
    const wordScale = sample.length > 0 && totalLength > sample.length * p.maxTrigramScale ? (sample.length * p.maxTrigramScale) / totalLength : 1;
    for (let i = 0; i < n; i++) {
      const fi = this.francIndex[i];
      combined[i] = fi >= 0 ? (-(this.distances[fi] - best) / MAX_DIFFERENCE) * scale : 0;
    }
    // Banjar borrows the closest Malayic profile, with a handicap.
    const bjn = n - 1;
    let proxy = -Infinity;
    for (const i of this.proxyIndex) if (combined[i] > proxy) proxy = combined[i];
    combined[bjn] = proxy - (p.banjarPenalty * Math.min(sample.length, totalLength) * scale) / 100;
    // franc barely separates Indonesian from Malay (~0.1% on the example article);
    // keep only a fraction of its difference and let the lexicons decide.
    const id = 0;
    const ms = 1;
    const shared = Math.max(combined[id], combined[ms]);
    combined[id] = shared + (combined[id] - shared) * p.idMsTrigramShare;
    combined[ms] = shared + (combined[ms] - shared) * p.idMsTrigramShare;
    for (let i = 0; i < n; i++) combined[i] = combined[i] * p.francWeight + evidence.scores[i] * wordScale;
    // Regional languages are rarer in news than Indonesian/Malay, and their text nearly always
    // has some of their own words: without them, they need clearly better trigram evidence.
    for (const i of this.regionalIndex) combined[i] -= evidence.scores[i] < 1 ? p.regionalPenalty : 0;
    // Indonesian is the default reading of Indonesian/Malay text without distinctive words.
    combined[id] += p.indonesianPrior + (p.indonesianPriorPer100 * Math.min(letters(evidence), 2000)) / 100;
    if (this.idMs !== null) this.shareIdMs(combined, sample, (evidence.scores[ms] - evidence.scores[id]) * wordScale);

    let top = 0;
    let second = -1;
    for (let i = 1; i < n; i++) {
      if (combined[i] > combined[top]) {
        second = top;
        top = i;
      } else if (second < 0 || combined[i] > combined[second]) second = i;
    }

    // A poor fit for the candidates: franc's other Latin-script languages compete,
    // on trigram evidence alone (they have no lexicon).
    const meanDistance = trigramCount > 0 ? best / (trigramCount * MAX_DIFFERENCE) : 1;
    const knownShare = evidence.stats[0] > 0 ? evidence.stats[1] / evidence.stats[0] : 0;
    this.lastFit = { meanDistance, knownShare, foreignDistance: 0 };
    let foreign: string | null = null;
    let foreignScore = -Infinity;
    if (knownShare < p.minKnownShare || (meanDistance > p.poorFit && knownShare < 2 * p.minKnownShare)) {
      const other = this.bestOtherLatin(sample);
      if (other !== null) {
        foreign = other.code;
        foreignScore = (-(other.distance - best) / MAX_DIFFERENCE) * scale * p.francWeight - p.foreignPenalty;
        this.lastFit.foreignDistance = trigramCount > 0 ? other.distance / (trigramCount * MAX_DIFFERENCE) : 1;
      }
    }

    const topScore = Math.max(combined[top], foreignScore);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp((combined[i] - topScore) / p.temperature);
    if (foreign !== null) sum += Math.exp((foreignScore - topScore) / p.temperature);
    const confidence = round(1 / sum);
    if (confidence < p.minConfidence) return UND;
    if (foreign !== null && foreignScore > combined[top]) {
      return { language: foreign, confidence, second: this.codes[top] };
    }
    return { language: this.codes[top], confidence, second: this.codes[second] };
  }

  /**
   * When Indonesian or Malay leads, the learned model chooses between them: its
   * choice takes the pair's best score, the other member that score minus the
   * model's log-odds (so their confidences keep the model's odds, and the pair's
   * standing against the other languages is unchanged).
   */
  private shareIdMs(combined: Float64Array, sample: string, lexical: number): void {
    const id = 0;
    const ms = 1;
    const pair = Math.max(combined[id], combined[ms]);
    for (let i = 2; i < combined.length; i++) if (combined[i] > pair) return;
    const z = this.idMs!.logOdds(sample, lexical) - this.idMsBias(sample.length);
    // The model's choice keeps the pair's score (so it wins or loses against the other
    // languages exactly as the pair did); the other member trails by the model's log-odds.
    combined[z > 0 ? ms : id] = pair;
    combined[z > 0 ? id : ms] = pair - Math.abs(z);
  }

  /** The Indonesian bias in effect for a text of `length`: the option, else the model's own for its band. */
  idMsBias(length: number): number {
    return this.params.idMsBias ?? this.idMs?.meta.idBias[bandOfLength(length)] ?? 0;
  }

  /** The closest of franc's Latin-script languages outside the candidates. */
  private bestOtherLatin(sample: string): { code: string; distance: number } | null {
    this.allLatin ??= new TrigramScorer(LATIN_LANGUAGES.filter((l) => !this.trigrams.languages.includes(l)));
    const all = this.allLatin;
    const d = new Float64Array(all.languages.length);
    all.distances(sample, d);
    let top = -1;
    for (let i = 0; i < d.length; i++) {
      if (this.codes.includes(fromIso3(all.languages[i]))) continue;
      if (top < 0 || d[i] < d[top]) top = i;
    }
    return top < 0 ? null : { code: fromIso3(all.languages[top]), distance: d[top] };
  }

  /** Scripts other than Latin: franc itself (one-language scripts such as Han come back as that language). */
  private francFallback(sample: string): Detection {
    // Latin words inside (say) Chinese text must not make franc pick the Latin script.
    const ranked = francAll(sample.replace(LATIN_WORDS, ' '), { minLength: 1 });
    const [code, score] = ranked[0];
    if (code === 'und') return UND;
    const runnerUp = ranked.length > 1 ? ranked[1][1] : 0;
    const confidence = ranked.length === 1 ? 1 : Math.min(1, 0.5 + (score - runnerUp) * 10);
    return { language: fromIso3(code), confidence: round(confidence) };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The first `max` characters of `text`, cut back to a word boundary. */
export function sampleOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

/** Letters (any script) in the text behind `evidence`. */
export function letters(evidence: Evidence): number {
  return evidence.stats[2];
}

const LETTER = /[\p{L}\p{M}]/u;
const LATIN_WORDS = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+/g;

/** `latin` when Latin letters dominate, `other` when another script does, `none` without letters. */
export function dominantScript(text: string): 'latin' | 'other' | 'none' {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) latin++;
    else if (c >= 0xc0) {
      if (c <= 0x24f || (c >= 0x1e00 && c <= 0x1eff)) latin++;
      else if (c >= 0xdc00 && c <= 0xdfff) continue; // low surrogate: counted with its high half
      // A Han, kana or Hangul character carries about as much as a short word.
      else if (c >= 0x2e80 && (c <= 0xd7ff || (c >= 0xf900 && c <= 0xfaff))) other += 3;
      else if (LETTER.test(text[i]) || (c >= 0xd800 && c <= 0xdbff)) other++;
    }
  }
  if (latin === 0 && other === 0) return 'none';
  return other > latin ? 'other' : 'latin';
}
