/**
 * Word lists the entity stage reads at run time, once per worker, from
 * `src/lang/<code>/ner-*.txt` (see each file's header): the function words
 * that are never an entity, the cues of related-article headlines, titles and
 * organisation cue words for the certain rules. All the `ner-*.txt` lists
 * (titles, cue words, reporting verbs, ...) are also the tagger's cue-word
 * features, read at training time (`train-resources.ts`).
 */
import { optionalWordList } from './word-lists.js';

export interface LangResources {
  /** Lower-case words that are never (part of the start of) a name. Month and weekday names are not among them: `Juli`, `April` are given names too. */
  functionWords: Set<string>;
  /** Lower-case cues opening a related-article headline (`baca juga`). */
  relatedCues: string[];
  /** Last words of titles and roles (`presiden`, `menteri`, `leader`): a name right after one belongs to a person. */
  titleWords: Set<string>;
  /** Last words of titles always followed by their holder's name (`presiden`, `pak`): what follows, unless a known place or organisation, is a person. */
  personTitles: Set<string>;
  /** Whole titles and roles (lower-case keys joined by spaces, `menteri keuangan`, `menkeu`): never part of a person's name. */
  titlePhrases: Set<string>;
  /** First words of organisation cues and heads (`kementerian`, `bank`, `ministry`, `majlis`): each starts an organisation name when capitalised. */
  orgStarts: Set<string>;
  /** Heads (lower-case keys joined by spaces) that make an organisation of the place right after them (`pemkot`, `kepolisian resor`). */
  placeOrgHeads: Set<string>;
  /** Legal forms of companies written before (`pt`) or after (`tbk`, `inc`) the name, single words. */
  legalPrefixes: Set<string>;
  legalSuffixes: Set<string>;
  /** Last words of organisations' names (`fc`, `united`, `council`, `records`), single words. */
  orgSuffixes: Set<string>;
  /** Lower-case words a name may start with: place and organisation cue words (`kota Pati`, `kementerian`, `klub`). */
  nameStarts: Set<string>;
  /**
   * Words that start a place or organisation's name when capitalised: `nameStarts` and the head words
   * whose lower-case use is only a description (`Gua Jepang`, `Majlis Perbandaran Klang`; `jembatan layang`).
   */
  nameHeads: Set<string>;
  /** Academic degrees written after a name (`msi`, `sh`, `phd`), lower case without dots. */
  degrees: Set<string>;
}

function list(code: string, file: string): string[] {
  return optionalWordList(code, file).map((w) => w.toLowerCase());
}

/** Lists whose words keep their lower-case use inside a name (`kota Pati`). */
const NAME_START_FILES = ['ner-loc-cues.txt', 'ner-org-cues.txt', 'ner-org-context.txt'];

function firstWords(code: string, files: readonly string[]): Set<string> {
  return new Set(files.flatMap((f) => list(code, f).map((p) => p.split(/\s+/)[0])));
}

const cache = new Map<string, LangResources>();

export function langResources(code: 'id' | 'en'): LangResources {
  const hit = cache.get(code);
  if (hit) return hit;
  const fw = new Set(list(code, 'ner-function-words.txt'));
  const lastWord = (phrase: string) => phrase.split(/\s+/).pop()!;
  const legal = list(code, 'ner-legal-forms.txt');
  const res: LangResources = {
    functionWords: fw,
    relatedCues: list(code, 'ner-related-cues.txt'),
    titleWords: new Set(list(code, 'ner-titles.txt').map(lastWord)),
    personTitles: new Set(list(code, 'ner-person-titles.txt').map(lastWord)),
    titlePhrases: new Set(list(code, 'ner-titles.txt').map((p) => p.split(/\s+/).join(' '))),
    orgStarts: firstWords(code, ['ner-org-cues.txt', 'ner-org-heads.txt']),
    placeOrgHeads: new Set(list(code, 'ner-org-of-place.txt').map((p) => p.split(/\s+/).join(' '))),
    nameStarts: firstWords(code, NAME_START_FILES),
    nameHeads: firstWords(code, [...NAME_START_FILES, 'ner-place-heads.txt', 'ner-org-heads.txt']),
    legalPrefixes: new Set(legal.filter((p) => p.endsWith(' …')).map((p) => p.slice(0, -2)).filter((p) => !p.includes(' '))),
    legalSuffixes: new Set(legal.filter((p) => p.startsWith('… ')).map((p) => p.slice(2)).filter((p) => !p.includes(' '))),
    orgSuffixes: new Set(list(code, 'ner-org-suffixes.txt').filter((p) => !p.includes(' '))),
    degrees: new Set(list(code, 'ner-degrees.txt').map((d) => d.replace(/\./g, ''))),
  };
  cache.set(code, res);
  return res;
}
