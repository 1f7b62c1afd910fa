import { readWordList } from '../lang/data.js';
import { ALL_UPPER, CAPITALISED, wordHash, type OutletMatcher } from './idms-features.js';

/**
 * Names of Malaysian and Indonesian news outlets (`src/lang/{ms,id}/langid-outlets.txt`).
 * A mention is weak evidence for the outlet's language (capped, so that an
 * Indonesian story quoting Bernama stays Indonesian), and training blanks
 * every mention out so that the learned model cannot learn an outlet's name
 * instead of its language. Detection matches names token by token inside the
 * model's feature scan (`match`); training masks them with one regex (`mask`).
 */

export const OUTLET_FILE = 'langid-outlets.txt';

/** Most outlet evidence one text can get, per language, in logit units. */
export const MAX_OUTLET_EVIDENCE = 1;

type CaseRule = 'any' | 'capitalised' | 'upper';

interface Entry {
  /** One or two words, lowercase. */
  words: string[];
  rule: CaseRule;
  /** Positive: Malay; negative: Indonesian. */
  weight: number;
}

function caseRule(name: string): CaseRule {
  if (name === name.toUpperCase() && name !== name.toLowerCase()) return 'upper';
  return name[0] !== name[0].toLowerCase() ? 'capitalised' : 'any';
}

function readEntries(code: 'ms' | 'id', file: string): Entry[] {
  return readWordList(code, file).map((line) => {
    const m = /^(.*?)(?:\s+(\d+(?:\.\d+)?))?$/.exec(line)!;
    const name = m[1].trim();
    const words = name.toLowerCase().split(/\s+/);
    if (words.length > 2) throw new Error(`src/lang/${code}/${file}: "${name}": at most two words per name`);
    const weight = m[2] === undefined ? 0.5 : Number(m[2]);
    return { words, rule: caseRule(name), weight: code === 'ms' ? weight : -weight };
  });
}

function fits(rule: CaseRule, tokenCase: number): boolean {
  return rule === 'any' || (rule === 'capitalised' ? (tokenCase & CAPITALISED) !== 0 : (tokenCase & ALL_UPPER) !== 0);
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

/** The same match as a regex source, for masking training text. */
function entryPattern(entry: Entry): string {
  const parts = entry.words.map((word, w) =>
    Array.from(word, (c, i) => {
      const up = c.toUpperCase();
      if (c === up) return escapeChar(c);
      if (entry.rule === 'upper') return escapeChar(up);
      if (entry.rule === 'capitalised' && w === 0 && i === 0) return escapeChar(up);
      return `[${c}${up}]`;
    }).join(''),
  );
  return `(?<![\\p{L}])${parts.join('[^\\p{L}]{1,4}')}(?![\\p{L}])`;
}

export class OutletNames implements OutletMatcher {
  private readonly entries: Entry[];
  /** Entries by the hash of their last word. */
  private readonly byLast = new Map<number, { first: number; entry: Entry }[]>();
  private maskRegex: RegExp | null = null;

  constructor(ms: readonly Entry[] = readEntries('ms', OUTLET_FILE), id: readonly Entry[] = readEntries('id', OUTLET_FILE)) {
    this.entries = [...ms, ...id];
    for (const entry of this.entries) {
      const last = wordHash(entry.words[entry.words.length - 1]);
      const list = this.byLast.get(last) ?? [];
      list.push({ first: entry.words.length === 2 ? wordHash(entry.words[0]) : 0, entry });
      this.byLast.set(last, list);
    }
  }

  /**
   * Evidence of the name ending at the current token (hash and case, with the
   * token before it): positive for a Malaysian outlet, negative for an Indonesian one.
   */
  match(previous: number, previousCase: number, current: number, currentCase: number): number {
    const list = this.byLast.get(current);
    if (list === undefined) return 0;
    // A two-word name first (`Astro Awani` rather than `Awani` alone).
    let single = 0;
    for (const { first, entry } of list) {
      if (entry.words.length === 2) {
        if (first === previous && fits(entry.rule, previousCase)) return entry.weight;
      } else if (single === 0 && fits(entry.rule, currentCase)) single = entry.weight;
    }
    return single;
  }

  /** `text` with every outlet name replaced by a space (training). */
  mask(text: string): string {
    this.maskRegex ??= new RegExp(
      [...this.entries].sort((a, b) => b.words.join(' ').length - a.words.join(' ').length).map(entryPattern).join('|') || '(?!)',
      'gu',
    );
    return text.replace(this.maskRegex, ' ');
  }
}
