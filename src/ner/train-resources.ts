/**
 * What `npm run train:ner` stores in a model besides weights, built from
 * maintained packages and the unlabelled news in `../shared/dev-data/`:
 *
 * - personal names: compromise's lexicon (given names, surnames), faker's
 *   person names in every Latin-script locale (given names, surnames; Indonesian
 *   ones included), cspell's people-names dictionary (name parts of all origins);
 * - cue-word classes from the entity stage's curated lists `src/lang/<lang>/ner-*.txt`;
 * - capitalisation classes: how often each word is capitalised inside sentences
 *   of the unlabelled news of the language (a common word in a headline or at
 *   the start of a sentence is still a common word);
 * - word clusters: the Brown-style paths of `models/clusters-<lang>.tsv.gz`
 *   (`npm run train:clusters`), copied into the model;
 * - name lists for the list-match features: countries, Indonesian provinces and
 *   regencies, world cities, curated places and organisations (the gazetteer's
 *   sources), compromise's cities, countries, regions, organisations, sports
 *   teams and people, cspell's company names, and the names annotated in the
 *   other language's training data.
 *
 * Only training reads these packages (dev dependencies for faker and cspell);
 * tagging reads the model file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readWordList } from '../lang/data.js';
import { loadWordClusters } from './clusters.js';
import { readNerJsonl, TRAIN_CORPORA } from './corpora.js';
import { gazetteerNames, indonesianLocalAreaNames } from './gazetteer.js';
import { CUE_FILES, lexKey } from './tagger/features.js';
import type { LexiconFile } from './tagger/index.js';
import type { ListName } from './tagger/lists.js';
import { tokenize } from './tagger/tokenize.js';

const require = createRequire(import.meta.url);
const LATIN_RE = /^[\p{Script=Latin}'’.-]+$/u;

function sorted(set: Iterable<string>): string[] {
  return [...set].sort();
}

function byKey<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface CompromiseLexicon {
  model(): { one: { lexicon: Record<string, string | string[]> } };
}

async function compromiseLexicon(): Promise<Array<[string, string[]]>> {
  const nlp = (await import('compromise')).default as unknown as CompromiseLexicon;
  return Object.entries(nlp.model().one.lexicon)
    .map(([word, tags]): [string, string[]] => [word, Array.isArray(tags) ? tags : [tags]])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Given names, surnames and other name parts (lower case). */
export async function nameLexicons(): Promise<{ first: string[]; last: string[]; parts: string[] }> {
  const first = new Set<string>();
  const last = new Set<string>();
  const parts = new Set<string>();
  for (const [word, tags] of await compromiseLexicon()) {
    if (word.includes(' ')) continue;
    if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) first.add(word);
    if (tags.includes('LastName')) last.add(word);
  }
  const { allLocales } = (await import('@faker-js/faker')) as unknown as {
    allLocales: Record<string, { person?: { first_name?: unknown; last_name?: unknown } }>;
  };
  const flat = (x: unknown): string[] =>
    !x ? [] : Array.isArray(x) ? x.flatMap(flat) : typeof x === 'object' ? Object.values(x as object).flatMap(flat) : typeof x === 'string' ? [x] : [];
  for (const code of Object.keys(allLocales).sort()) {
    const person = allLocales[code].person;
    if (!person) continue;
    for (const n of flat(person.first_name)) if (LATIN_RE.test(n) && !n.includes(' ')) first.add(lexKey(n));
    for (const n of flat(person.last_name)) if (LATIN_RE.test(n) && !n.includes(' ')) last.add(lexKey(n));
  }
  const cspell = path.join(path.dirname(require.resolve('@cspell/dict-people-names/cspell-ext.json')), 'dict', 'people-names.txt');
  for (const line of readFileSync(cspell, 'utf8').split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#') && LATIN_RE.test(w)) parts.add(lexKey(w));
  }
  return { first: sorted(first), last: sorted(last), parts: sorted(parts) };
}

/** Cue-word classes from the curated lists of the language (single words). */
export function cueClasses(language: 'id' | 'en'): Record<string, string> {
  const cues = new Map<string, string>();
  for (const [letter, file] of CUE_FILES) {
    let words: string[];
    try {
      words = readWordList(language, file);
    } catch {
      continue;
    }
    for (const w of words) {
      const word = lexKey(w);
      if (/\s/.test(word)) continue;
      const prev = cues.get(word) ?? '';
      if (!prev.includes(letter)) cues.set(word, prev + letter);
    }
  }
  return byKey(cues);
}

const SENTENCE_END = new Set(['.', '!', '?', '"', '“', '”', ':', '(', '-', '–', '—', "'", '‘']);

/**
 * Capitalisation classes from unlabelled news (`unlabelled/news-<lang>.jsonl.gz`):
 * for every word seen at least `minCount` times away from the start of a
 * sentence (paragraphs written in one case only are skipped), `l` when under 10% of those are capitalised, `m` under 50%, `M`
 * under 90%, `c` otherwise. Empty when the file is absent.
 */
export function caseClasses(dataDir: string, language: 'id' | 'en', minCount = 3): { classes: Record<string, string[]>; articles: number } {
  const file = path.join(dataDir, 'unlabelled', `news-${language}.jsonl.gz`);
  if (!existsSync(file)) return { classes: {}, articles: 0 };
  const counts = new Map<string, [capital: number, lower: number]>();
  const toks: number[] = [];
  let articles = 0;
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { text?: string };
    if (!rec.text) continue;
    articles++;
    for (const para of rec.text.split('\n')) {
      // a paragraph in one case only (lower-cased corpora, all-capitals headlines) says nothing about names
      if (para === para.toLowerCase() || para === para.toUpperCase()) continue;
      const n = tokenize(para, 0, para.length, toks);
      let initial = true;
      for (let i = 0; i < n; i++) {
        const w = para.slice(toks[2 * i], toks[2 * i + 1]);
        const ch = w[0];
        const lower = ch.toLowerCase();
        const cased = lower !== ch.toUpperCase();
        if (!cased) {
          initial = SENTENCE_END.has(w) || (initial && !/[\p{L}\p{N}]/u.test(w));
          continue;
        }
        if (!initial) {
          const key = lexKey(w);
          let e = counts.get(key);
          if (!e) counts.set(key, (e = [0, 0]));
          if (ch === lower) e[1]++;
          else e[0]++;
        }
        initial = false;
      }
    }
  }
  const classes: Record<string, string[]> = { l: [], m: [], M: [], c: [] };
  for (const [key, [cap, low]] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = cap + low;
    if (total < minCount) continue;
    const r = cap / total;
    classes[r < 0.1 ? 'l' : r < 0.5 ? 'm' : r < 0.9 ? 'M' : 'c'].push(key);
  }
  return { classes, articles };
}

/**
 * Name lists for the list-match features. Indonesian models also get the
 * districts and villages of Indonesia (5-fold cross-validation, one seed:
 * micro-F1 0.802 → 0.806, places 0.791 → 0.800, NERGrit 0.747 → 0.753); English news rarely names them.
 */
export async function nameLists(language: 'id' | 'en', cityMinPopulation = 15_000): Promise<Partial<Record<ListName, string[]>>> {
  const lists = new Map<ListName, Set<string>>();
  const add = (list: ListName, name: string) => {
    let set = lists.get(list);
    if (!set) lists.set(list, (set = new Set()));
    set.add(name);
  };
  const kinds: Record<string, ListName> = { country: 'country', province: 'province', regency: 'regency', city: 'city', place: 'place', organization: 'organization' };
  for (const [kind, names] of gazetteerNames(cityMinPopulation)) {
    const list = kinds[kind];
    if (list) for (const n of names) add(list, n);
  }
  const fromCompromise: Record<string, ListName> = { City: 'city', Country: 'country', Region: 'region', Organization: 'company', SportsTeam: 'team', Person: 'person' };
  for (const [word, tags] of await compromiseLexicon()) {
    for (const t of tags) if (fromCompromise[t]) add(fromCompromise[t], word);
  }
  if (language === 'id') {
    const local = indonesianLocalAreaNames();
    for (const n of local.district) add('district', n);
    for (const n of local.village) add('village', n);
  }
  const companies = path.join(path.dirname(require.resolve('@cspell/dict-companies/cspell-ext.json')), 'dict', 'companies.txt');
  for (const line of readFileSync(companies, 'utf8').split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#') && w.length > 1) add('company', w);
  }
  const out: Partial<Record<ListName, string[]>> = {};
  for (const [k, v] of [...lists].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = sorted(v);
  return out;
}

/** Word -> cluster path from the word-cluster model of the language (`models/clusters-<lang>.tsv.gz`), empty when absent. */
export function clusterPaths(language: 'id' | 'en'): Record<string, string> {
  const clusters = loadWordClusters(language);
  if (!clusters) return {};
  const out: Array<[string, string]> = [];
  for (const word of clusters.words()) out.push([word, clusters.pathOf(word)!]);
  return byKey(out);
}

/**
 * The names annotated in the other language's training splits, by their most
 * frequent type (`known-person`, `known-location`, `known-organization`):
 * names travel between languages (`Seattle Sounders` in Indonesian sports
 * news, `Pertamina` in English business news), and the other language's data
 * is never part of this model's cross-validation, so nothing leaks.
 * Research-licensed corpora are left out when `research` is false.
 */
export function crossLanguageNames(dataDir: string, other: 'id' | 'en', research: boolean): Partial<Record<ListName, string[]>> {
  const votes = new Map<string, Record<string, number>>();
  for (const c of TRAIN_CORPORA[other]) {
    if (c.research && !research) continue;
    const file = path.join(dataDir, c.file);
    if (!existsSync(file)) continue;
    for (const s of readNerJsonl(file)) {
      for (const e of s.entities) {
        const name = s.text.slice(e.start, e.end).trim();
        if (name.length < 2 || name === name.toLowerCase()) continue;
        const v = votes.get(name) ?? {};
        v[e.type] = (v[e.type] ?? 0) + 1;
        votes.set(name, v);
      }
    }
  }
  const lists: Record<string, string[]> = { 'known-location': [], 'known-organization': [], 'known-person': [] };
  for (const [name, v] of [...votes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let best = '';
    for (const t of ['PERSON', 'LOCATION', 'ORGANIZATION']) if ((v[t] ?? 0) > (v[best] ?? 0)) best = t;
    lists[`known-${best.toLowerCase()}`].push(name);
  }
  return lists as Partial<Record<ListName, string[]>>;
}

/** Everything a model of the language stores besides weights. */
export async function buildLexicons(
  dataDir: string,
  language: 'id' | 'en',
  options: { clusters?: boolean; crossNames?: boolean; research?: boolean } = {},
): Promise<{ lexicons: LexiconFile; lists: Partial<Record<ListName, string[]>>; unlabelledArticles: number }> {
  const names = await nameLexicons();
  const { classes, articles } = caseClasses(dataDir, language);
  const clusters = options.clusters === false ? {} : clusterPaths(language);
  const cross = options.crossNames === false ? {} : crossLanguageNames(dataDir, language === 'id' ? 'en' : 'id', options.research !== false);
  return {
    lexicons: { ...names, cues: cueClasses(language), caseRatio: classes, ...(Object.keys(clusters).length > 0 ? { clusters } : {}) },
    lists: { ...(await nameLists(language)), ...cross },
    unlabelledArticles: articles,
  };
}
