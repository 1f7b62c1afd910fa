import { readWordList } from '../lang/data.js';

/**
 * How an abbreviation written with a final full stop behaves at a possible
 * sentence end. The lists live in `src/lang/<code>/abbreviations*.txt`.
 */
export const enum AbbrKind {
  /** Not an abbreviation. */
  None = 0,
  /** Comes before a name, place or example (`Prof.`, `Jl.`, `Mr.`, `e.g.`): never ends a sentence. */
  Prefix = 1,
  /** Only an abbreviation before a number (`No. 5`, `hlm. 12`, `pp. 3`). */
  Numeric = 2,
  /** Often ends a sentence (`dll.`, `Tbk.`, `Inc.`, `S.H.`): split when a capitalised word follows. */
  Terminal = 3,
  /** Ends a sentence only before a typical sentence opener (`U.S.`, `p.m.`, `Sept.`). */
  Ambiguous = 4,
}

/** Everything the rule-based splitter needs for one language (family). */
export interface SplitRules {
  /** Entries exactly as written, without the final stop. */
  exact: Map<string, AbbrKind>;
  /** Upper-cased entries, for all-caps spellings (`PROF.`, `JL.`). */
  upper: Map<string, AbbrKind>;
  /** Lower-case entries, also matched by capitalised spellings (`Dll.`, `Etc.`). */
  lower: Map<string, AbbrKind>;
  /** Capitalised words that typically open a sentence. */
  starters: Set<string>;
  /** Last label of a domain name (`com`, `id`, `net`): `detik.com.` is a word, not an acronym. */
  domainSuffixes: Set<string>;
  /**
   * Keep a quotation of several sentences whole when it is short or followed by its
   * attribution (`"Kami siap. Kami menang," kata dia.`), as Indonesian news treebanks do;
   * English treebanks split inside quotations.
   */
  keepQuotations: boolean;
  /** Verbs of saying that may introduce a quotation without a comma (`mengatakan "Saya ..."`). */
  quoteVerbs: Set<string>;
  /** Greetings and closings (`best regards`, `hi`), lower case: a sentence of their own before a comma. */
  salutations: Set<string>;
}

export interface ExtraAbbreviations {
  prefix?: readonly string[];
  terminal?: readonly string[];
}

const FILES: [string, AbbrKind][] = [
  // Later files do not override earlier ones: the first (strongest "do not split") kind wins.
  ['abbreviations.txt', AbbrKind.Prefix],
  ['abbreviations-numeric.txt', AbbrKind.Numeric],
  ['abbreviations-terminal.txt', AbbrKind.Terminal],
  ['abbreviations-ambiguous.txt', AbbrKind.Ambiguous],
];

function strip(entry: string): string {
  return entry.endsWith('.') ? entry.slice(0, -1) : entry;
}

/** Build the rules from the lists of the given language codes (e.g. `['id']`, `['id', 'en']`). */
export function buildRules(
  codes: readonly string[],
  extra: ExtraAbbreviations = {},
  keepQuotations = codes[0] === 'id',
  starterCodes: readonly string[] = codes.slice(0, 1),
): SplitRules {
  const exact = new Map<string, AbbrKind>();
  const add = (raw: string, kind: AbbrKind) => {
    const entry = strip(raw.trim());
    if (entry && !exact.has(entry)) exact.set(entry, kind);
  };
  for (const raw of extra.prefix ?? []) add(raw, AbbrKind.Prefix);
  for (const raw of extra.terminal ?? []) add(raw, AbbrKind.Terminal);
  for (const [file, kind] of FILES) {
    for (const code of codes) {
      let entries: string[] = [];
      try {
        entries = readWordList(code, file);
      } catch {
        continue; // a language without this list
      }
      for (const entry of entries) add(entry, kind);
    }
  }
  const upper = new Map<string, AbbrKind>();
  const lower = new Map<string, AbbrKind>();
  for (const [entry, kind] of exact) {
    const up = entry.toUpperCase();
    if (!upper.has(up)) upper.set(up, kind);
    if (entry === entry.toLowerCase() && !lower.has(entry)) lower.set(entry, kind);
  }
  const starters = new Set<string>();
  for (const code of starterCodes) {
    try {
      for (const word of readWordList(code, 'sentence-starters.txt')) starters.add(word);
    } catch {
      /* no list for this language */
    }
  }
  const quoteVerbs = new Set<string>();
  for (const code of starterCodes) {
    try {
      for (const word of readWordList(code, 'sentence-quote-verbs.txt')) quoteVerbs.add(word.toLowerCase());
    } catch {
      /* no list for this language */
    }
  }
  const salutations = new Set<string>();
  for (const code of codes) {
    try {
      for (const phrase of readWordList(code, 'sentence-salutations.txt')) salutations.add(phrase.toLowerCase());
    } catch {
      /* no list for this language */
    }
  }
  const domainSuffixes = new Set(readWordList('xx', 'domain-suffixes.txt').map((s) => s.toLowerCase()));
  return { exact, upper, lower, starters, domainSuffixes, keepQuotations, quoteVerbs, salutations };
}

/** Kind of the token before a full stop (without that stop). */
export function abbreviationKind(rules: SplitRules, token: string): AbbrKind {
  const hit = rules.exact.get(token);
  if (hit !== undefined) return hit;
  if (token.length > 1 && token === token.toUpperCase()) {
    const up = rules.upper.get(token);
    if (up !== undefined) return up;
  }
  const low = rules.lower.get(token.toLowerCase());
  return low ?? AbbrKind.None;
}
