/**
 * Token "atoms" (the strings features are built from) and feature templates.
 *
 * Every token gets one atom per kind. Type-level kinds (word, shape, affixes,
 * lexical classes, word clusters) depend only on the token string, so the
 * tagger caches their ids per distinct string; position-level kinds (sentence
 * position and style, gazetteer matches) are computed per sentence. A
 * template is a list of (kind, offset) pairs; its features are the
 * combinations of atom ids found at those offsets, looked up as one number per
 * template (mixed radix), so tagging builds no strings per token.
 */
import { rootClass } from './lexicon.js';

export const K_LW = 0; // lowercased word, digits as 0
export const K_SH = 1; // word shape, runs of a class capped at two (Xxx, XX, dd, Xxx-xx)
export const K_P2 = 2;
export const K_P3 = 3;
export const K_P4 = 4;
export const K_S2 = 5;
export const K_S3 = 6;
export const K_S4 = 7;
export const K_LEX = 8; // case class + Indonesian root-dictionary class
export const K_NM = 9; // personal-name lexicon class: F given name, S surname, N other name part
export const K_CUE = 10; // cue-word classes (title, organisation cue, place cue, ...), - for none
export const K_CR = 11; // how often the word is capitalised inside sentences of unlabelled news
export const K_C4 = 12; // word-cluster path prefixes of 4, 6, 10 and 20 bits
export const K_C6 = 13;
export const K_C10 = 14;
export const K_C20 = 15;
/** Number of kinds that depend only on the token string. */
export const TYPE_KINDS = 16;
export const K_POS = 16; // sentence position and sentence style (F/M × N normal, T title case, A all capitals)
export const K_GL = 17; // place-list match: BILU × list (country, province, regency, city, place, region)
export const K_GO = 18; // organisation-list match: BILU × list (organisation, company, team)
export const K_GP = 19; // person-list match: BILU
export const NUM_KINDS = 20;

export const KIND_NAMES = ['lw', 'sh', 'p2', 'p3', 'p4', 's2', 's3', 's4', 'lex', 'nm', 'cue', 'cr', 'c4', 'c6', 'c10', 'c20', 'pos', 'gl', 'go', 'gp'];

/** Word lists the type-level atoms consult (all stored in the model file, except the root words). */
export interface Lexicons {
  /** Indonesian root words (lower case); empty for English. */
  roots: Set<string>;
  /** Given names, surnames and other name parts (lower case). */
  first: Set<string>;
  last: Set<string>;
  parts: Set<string>;
  /** Lower-case word -> cue classes (letters). */
  cues: Map<string, string>;
  /** Lower-case word -> capitalisation class in unlabelled news (`l`, `m`, `M`, `c`). */
  caseRatio: Map<string, string>;
  /** Lower-case word (digits as 0) -> word-cluster bit path. */
  clusters: Map<string, string>;
}

export function emptyLexicons(): Lexicons {
  return { roots: new Set(), first: new Set(), last: new Set(), parts: new Set(), cues: new Map(), caseRatio: new Map(), clusters: new Map() };
}

/**
 * Cue-word classes, one letter each, read at training time from the entity
 * stage's curated lists of the model's language (single words only) and stored in the model.
 */
export const CUE_FILES: Array<[letter: string, file: string]> = [
  ['T', 'ner-titles.txt'],
  ['O', 'ner-org-cues.txt'],
  ['L', 'ner-loc-cues.txt'],
  ['O', 'ner-org-heads.txt'],
  ['L', 'ner-place-heads.txt'],
  ['V', 'ner-person-verbs.txt'],
  ['P', 'ner-person-cues.txt'],
  ['R', 'ner-loc-preps.txt'],
  ['F', 'ner-function-words.txt'],
  ['S', 'ner-org-suffixes.txt'],
  ['C', 'ner-org-context.txt'],
  ['D', 'ner-degrees.txt'],
  ['Q', 'ner-portfolios.txt'],
];

/** Reserved atom ids in every kind's vocabulary. */
export const UNK = 0;
export const BOS = 1;
export const EOS = 2;
export const RESERVED = 3;

export type Template = Array<[kind: number, offset: number]>;

export function parseTemplate(spec: string): Template {
  if (spec === 'bias') return [];
  return spec.split('+').map((part) => {
    const m = /^([a-z0-9]+)@(-?\d+)$/.exec(part);
    if (!m) throw new Error(`bad template part ${part}`);
    const k = KIND_NAMES.indexOf(m[1]);
    if (k < 0) throw new Error(`unknown atom kind ${m[1]}`);
    return [k, Number(m[2])] as [number, number];
  });
}

/**
 * Templates shared by both languages; `train.ts` may add or drop some per language. The word pairs
 * two words before and after a token (`lw@-2+lw@-1`, `lw@1+lw@2`: `didirikan oleh`, `, kata`) and the
 * cluster paths two words away (`c10@-2`, `c10@2`) were chosen by 5-fold cross-validation on the
 * training splits (one seed): Indonesian micro-F1 0.806 → 0.809 (NERGrit 0.753 → 0.762, every fold up),
 * English with the document layer 0.859 → 0.862 (CoNLL-2003 0.923 → 0.927, wikigold 0.746 → 0.752);
 * the word on both sides as a pair, affixes of the neighbours and cluster conjunctions gave nothing more.
 */
export const DEFAULT_TEMPLATES = [
  'bias',
  'lw@-2', 'lw@-1', 'lw@0', 'lw@1', 'lw@2',
  'sh@-1', 'sh@0', 'sh@1',
  'sh@-1+sh@0', 'sh@0+sh@1', 'sh@-1+sh@0+sh@1',
  'p2@0', 'p3@0', 'p4@0', 's2@0', 's3@0', 's4@0',
  'lex@-1', 'lex@0', 'lex@1',
  'lex@-1+lex@0', 'lex@0+lex@1', 'lex@-1+lex@0+lex@1',
  'lw@-1+lw@0', 'lw@0+lw@1', 'lw@-2+lw@-1', 'lw@1+lw@2',
  'pos@0+lex@0', 'pos@0+cr@0+lex@0',
  'cr@-1', 'cr@0', 'cr@1', 'cr@0+lex@0',
  'gl@-1', 'gl@0', 'gl@1', 'go@-1', 'go@0', 'go@1', 'gp@0',
  'gl@0+lex@0', 'go@0+lex@0', 'gl@0+pos@0',
  'nm@-1', 'nm@0', 'nm@1', 'nm@0+lex@0', 'nm@-1+nm@0', 'nm@0+nm@1',
  'cue@-2', 'cue@-1', 'cue@0', 'cue@1', 'cue@2', 'cue@-1+lex@0', 'lex@0+cue@1',
];

/** Templates over word clusters, added when the model has clusters. */
export const CLUSTER_TEMPLATES = ['c4@0', 'c6@0', 'c10@0', 'c20@0', 'c6@-1', 'c6@1', 'c10@-1', 'c10@1', 'c4@0+lex@0', 'c10@0+lex@0', 'c10@-2', 'c10@2'];

function charClass(c: number, ch: string): string {
  if (c >= 48 && c <= 57) return 'd';
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 65 && c <= 90) return 'X';
  if (c < 128) return ch;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 'X' : 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  if (/\p{L}/u.test(ch)) return 'x';
  return ch;
}

export function wordShape(word: string): string {
  let out = '';
  let prev = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const cls = charClass(word.charCodeAt(i), word[i]);
    if (cls === prev) {
      run++;
      if (run >= 2) continue;
    } else {
      prev = cls;
      run = 0;
    }
    out += cls;
  }
  return out.length > 12 ? out.slice(0, 12) : out;
}

/** D digit, P punctuation, O caseless letter, L lower, I initial, A all capitals, T title case, M mixed. */
export function caseClass(word: string): string {
  const c0 = word[0];
  const lo0 = c0.toLowerCase();
  const up0 = c0.toUpperCase();
  if (lo0 === up0) {
    if (/\p{N}/u.test(c0)) return 'D';
    if (/\p{L}/u.test(c0)) return 'O'; // caseless letter
    return 'P';
  }
  if (c0 === lo0) return 'L';
  if (word.length === 1 || (word.length === 2 && word[1] === '.')) return 'I';
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (word === upper) return 'A';
  if (word.slice(1) === lower.slice(1)) return 'T';
  return 'M';
}

const DIGIT_RE = /[0-9]/g;

const QUOTE_RE = /[’‐]/g;

/** The lookup form of a word in the lexicons and lists: lower case, ’ as ', ‐ as - (the gazetteer's `tokenKey`). */
export function lexKey(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('’') || lower.includes('‐') ? lower.replace(QUOTE_RE, (c) => (c === '’' ? "'" : '-')) : lower;
}

/** The type-level atom strings of one token. */
export function typeAtoms(word: string, lex: Lexicons): string[] {
  const key = lexKey(word);
  const lower = key.replace(DIGIT_RE, '0');
  const cc = caseClass(word);
  const rc = cc === 'P' || cc === 'D' ? '' : rootClass(key, lex.roots);
  const nm = (lex.first.has(key) ? 'F' : '') + (lex.last.has(key) ? 'S' : '') || (lex.parts.has(key) ? 'N' : '-');
  const path = lex.clusters.get(lower);
  return [
    lower,
    wordShape(word),
    lower.slice(0, 2),
    lower.slice(0, 3),
    lower.slice(0, 4),
    lower.slice(-2),
    lower.slice(-3),
    lower.slice(-4),
    cc + rc,
    nm,
    lex.cues.get(key) ?? '-',
    lex.caseRatio.get(key) ?? '-',
    path ? path.slice(0, 4) : '-',
    path ? path.slice(0, 6) : '-',
    path ? path.slice(0, 10) : '-',
    path ? path.slice(0, 20) : '-',
  ];
}
