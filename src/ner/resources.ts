/**
 * Word lists for the rule-based recogniser, read once per worker from
 * `src/lang/<code>/ner-*.txt` (see each file's header for its meaning).
 */
import { readLangJson, readWordList } from '../lang/data.js';
import { phraseKeys, type Token } from './tokens.js';
import { rootWords } from './tagger/lexicon.js';

/** Multi-word phrases over token keys, longest match. */
export class PhraseSet {
  private root = new Map<string, { end?: boolean; next?: Map<string, any> }>();
  constructor(phrases: Iterable<string> = []) {
    for (const p of phrases) this.add(p);
  }
  add(phrase: string): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    let level = this.root;
    for (let i = 0; i < keys.length; i++) {
      let node = level.get(keys[i]);
      if (!node) {
        node = {};
        level.set(keys[i], node);
      }
      if (i === keys.length - 1) node.end = true;
      else level = node.next ??= new Map();
    }
  }
  /** Number of tokens of the longest phrase at `tokens[i]`, 0 when none. */
  match(tokens: readonly Token[], i: number, end = tokens.length): number {
    let level: Map<string, any> | undefined = this.root;
    let best = 0;
    for (let j = i; j < end && level; j++) {
      const node = level.get(tokens[j].key);
      if (!node) break;
      if (node.end) best = j - i + 1;
      level = node.next;
    }
    return best;
  }
  has(key: string): boolean {
    return this.root.get(key)?.end === true;
  }
}

export interface LangResources {
  functionWords: Set<string>;
  titles: PhraseSet;
  portfolios: PhraseSet;
  orgCues: PhraseSet;
  orgSuffixes: Set<string>;
  locCues: PhraseSet;
  personCues: PhraseSet;
  personVerbs: Set<string>;
  locPreps: Set<string>;
  /** Academic degrees and suffixes after a name (`SH`, `BA`, `Jr`): never part of it. */
  degrees: Set<string>;
  /** Lowercase words after which a capitalised name is an organisation (`band`, `klub`). */
  orgContext: Set<string>;
}

function list(code: string, file: string): string[] {
  try {
    return readWordList(code, file).map((w) => w.toLowerCase());
  } catch {
    return [];
  }
}

const cache = new Map<string, LangResources>();

export function langResources(code: 'id' | 'en'): LangResources {
  const hit = cache.get(code);
  if (hit) return hit;
  const fw = new Set(list(code, 'ner-function-words.txt'));
  try {
    const cal = readLangJson<{ months: Record<string, number>; weekdays: Record<string, number> }>(code, 'calendar.json');
    for (const k of Object.keys(cal.months)) if (k.length > 3) fw.add(k.toLowerCase());
    for (const k of Object.keys(cal.weekdays)) if (k.length > 3) fw.add(k.toLowerCase());
  } catch {
    /* no calendar for this language */
  }
  const res: LangResources = {
    functionWords: fw,
    titles: new PhraseSet(list(code, 'ner-titles.txt')),
    portfolios: new PhraseSet(list(code, 'ner-portfolios.txt')),
    orgCues: new PhraseSet(list(code, 'ner-org-cues.txt')),
    orgSuffixes: new Set(list(code, 'ner-org-suffixes.txt')),
    locCues: new PhraseSet(list(code, 'ner-loc-cues.txt')),
    personCues: new PhraseSet(list(code, 'ner-person-cues.txt')),
    personVerbs: new Set(list(code, 'ner-person-verbs.txt')),
    locPreps: new Set(list(code, 'ner-loc-preps.txt')),
    degrees: new Set(list(code, 'ner-degrees.txt')),
    orgContext: new Set(list(code, 'ner-org-context.txt')),
  };
  cache.set(code, res);
  return res;
}

/**
 * Indonesian root words (the `kata-dasar` list shipped with `natural`'s
 * Indonesian stemmer): evidence that a capitalised sentence-initial word
 * (`Pertemuan`, `Setelah`) is an ordinary word. The same Set the tagger uses
 * (read once per worker).
 */
export function indonesianRoots(): Set<string> {
  return rootWords();
}

const PREFIX_RE = /^(meng|meny|mem|men|me|peng|peny|pem|pen|per|pe|di|ter|ber|ke|se)(.+)$/;
const SUFFIX_RE = /^(.+?)(kannya|annya|nya|kan|an|i|lah)$/;

/** True when the word is an affixed form of a root word (`Pertemuan`, `menegaskan`, `Kunjungan`). */
export function isAffixedWord(lower: string, dict: Set<string>): boolean {
  if (lower.length < 5 || dict.size === 0) return false;
  const candidates = [lower];
  const s = SUFFIX_RE.exec(lower);
  if (s && s[1].length >= 3) candidates.push(s[1]);
  for (const c of [...candidates]) {
    const p = PREFIX_RE.exec(c);
    if (p && p[2].length >= 3) {
      const base = p[2];
      candidates.push(base, `k${base}`, `p${base}`, `t${base}`, `s${base}`);
    }
  }
  for (let i = 1; i < candidates.length; i++) if (dict.has(candidates[i])) return true;
  return false;
}
