/**
 * Everything the structure stage knows about article layouts, loaded once from the data files
 * under `src/lang/<code>/structure-*.txt` and `src/lang/xx/structure-*.txt`, with the regular
 * expressions compiled once per worker.
 */
import { existsSync } from 'node:fs';
import { langDataPath, readWordList } from '../lang/data.js';
import { anyOf, LinePatterns } from './line-patterns.js';

export type BylineRole = 'author' | 'editor' | 'credit';
export type IconRole = 'date' | 'author' | 'count' | 'place' | 'other';

export interface StructureLexicon {
  /** Lower-cased known outlet names. */
  outlets: Set<string>;
  /** Lower-cased places allowed in a title-case dateline without outlet. */
  datelinePlaces: Set<string>;
  /** Upper-cased words that look like an all-capital dateline but are labels. */
  notDatelines: Set<string>;
  /** Lower-case particles in re-cased place names. */
  placeParticles: Set<string>;
  icons: Map<string, IconRole>;
  /** Matches any icon word as a whole word (global). */
  iconRe: RegExp | null;
  /** Lower-cased label -> role. */
  bylineLabels: Map<string, BylineRole>;
  /** `^(label)\s*[:：]` at the start of a line, labels longest first (case-insensitive). */
  bylineLabelRe: RegExp;
  /** The same labels anywhere after a separator, for lines that hold several (`Penulis: A | Editor: B`). */
  bylineSplitRe: RegExp;
  /** Boilerplate lines: the patterns of `structure-boilerplate.txt`, each tested from the line's start (case-insensitive). */
  boilerplateRe: LinePatterns | null;
  /** Whole-line headers of link lists (`Related topics`, `Berita Terkait`); short lines under them are boilerplate. */
  listHeaderRe: RegExp | null;
  /** Photo captions and credits (`/ANTARA/HO-Kementerian`, `REUTERS/Jane Doe`): any of the patterns anywhere in the line. */
  captionRe: RegExp | null;
  /** Credit lines (`... contributed to this report.`), bylines without a name to keep: any of the patterns (case-insensitive). */
  creditRe: RegExp | null;
  /** Job titles that end a byline line (`correspondent`, `wartawan`), whole word, case-insensitive. */
  roleWordRe: RegExp | null;
  /** Lower-cased words allowed beside the date on a publication line. */
  publishedLabels: Set<string>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (a: string, b: string): number => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);

function listIfExists(code: string, file: string): string[] {
  return existsSync(langDataPath(code, file)) ? readWordList(code, file) : [];
}

function compileEach(patterns: string[], flags: string, file: string): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, flags);
    } catch (error) {
      throw new Error(`structure data ${file}: bad pattern ${JSON.stringify(p)}: ${(error as Error).message}`);
    }
  });
}

const cache = new Map<string, StructureLexicon>();

export function loadStructureLexicon(languages: readonly string[]): StructureLexicon {
  const key = languages.join(',');
  const cached = cache.get(key);
  if (cached) return cached;

  const all = (file: string): string[] => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const code of ['xx', ...languages]) {
      for (const entry of listIfExists(code, file)) {
        if (!seen.has(entry)) {
          seen.add(entry);
          out.push(entry);
        }
      }
    }
    return out;
  };

  const outlets = new Set(all('structure-outlets.txt').map((s) => s.toLowerCase()));
  const datelinePlaces = new Set(all('structure-dateline-places.txt').map((s) => s.toLowerCase()));
  const notDatelines = new Set(all('structure-not-datelines.txt').map((s) => s.toUpperCase()));
  const placeParticles = new Set(all('structure-place-particles.txt').map((s) => s.toLowerCase()));

  const icons = new Map<string, IconRole>();
  for (const line of all('structure-icons.txt')) {
    const [word, role = 'other'] = line.split(/\s+/);
    icons.set(word, role as IconRole);
  }
  const iconRe = icons.size
    ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...icons.keys()].sort(longestFirst).map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'gu')
    : null;

  const bylineLabels = new Map<string, BylineRole>();
  for (const line of all('structure-bylines.txt')) {
    const bar = line.indexOf('|');
    if (bar < 0) continue;
    const role = line.slice(0, bar).trim() as BylineRole;
    const label = line.slice(bar + 1).trim().toLowerCase();
    if (!bylineLabels.has(label)) bylineLabels.set(label, role);
  }
  const labelAlt = [...bylineLabels.keys()].sort(longestFirst).map((l) => escape(l).replace(/ /g, '\\s+')).join('|');
  const bylineLabelRe = new RegExp(`^(${labelAlt})\\s*[:：]\\s*`, 'iu');
  const bylineSplitRe = new RegExp(`\\s*[|•·;/,]\\s*(?=(?:${labelAlt})\\s*[:：])`, 'giu');

  const boilerplateFiles = ['xx', ...languages].flatMap((code) => listIfExists(code, 'structure-boilerplate.txt'));
  let boilerplateRe: LinePatterns | null = null;
  if (boilerplateFiles.length) {
    compileEach(boilerplateFiles, 'iu', 'structure-boilerplate.txt');
    boilerplateRe = new LinePatterns(boilerplateFiles, 'iu');
  }
  const listHeaders = all('structure-list-headers.txt');
  compileEach(listHeaders, 'iu', 'structure-list-headers.txt');
  const listHeaderRe = listHeaders.length ? new RegExp(`^(?:${listHeaders.map((p) => `(?:${p})`).join('|')})\\s*[:：]?$`, 'iu') : null;
  const captions = all('structure-captions.txt');
  compileEach(captions, 'u', 'structure-captions.txt');
  const captionRe = anyOf(captions, 'u');
  const credits = all('structure-credits.txt');
  compileEach(credits, 'iu', 'structure-credits.txt');
  const creditRe = anyOf(credits, 'iu');
  const roleWords = all('structure-byline-roles.txt');
  const roleWordRe = roleWords.length ? new RegExp(`^(?:${roleWords.map(escape).join('|')})$`, 'iu') : null;
  const publishedLabels = new Set(all('structure-published-labels.txt').flatMap((s) => s.toLowerCase().split(/\s+/)));

  const lexicon: StructureLexicon = {
    outlets,
    datelinePlaces,
    notDatelines,
    placeParticles,
    icons,
    iconRe,
    bylineLabels,
    bylineLabelRe,
    bylineSplitRe,
    boilerplateRe,
    listHeaderRe,
    captionRe,
    creditRe,
    roleWordRe,
    publishedLabels,
  };
  cache.set(key, lexicon);
  return lexicon;
}
