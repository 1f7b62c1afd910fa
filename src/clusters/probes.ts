/**
 * Intrinsic checks of a cluster table: word categories whose members should share long path
 * prefixes (months, weekdays, cities, ...), scored as the mean shared-prefix length inside each
 * category against the mean with the other categories' words, and the nearest neighbours of probe
 * words. The category lists are data files (`src/clusters/probes-<lang>.txt`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lang/data.js';
import type { ClusterLang } from '../ner/clusters.js';

export interface Category {
  name: string;
  words: string[];
}

export function probeFile(lang: ClusterLang): string {
  return path.join(PACKAGE_ROOT, 'src', 'clusters', `probes-${lang}.txt`);
}

/** `name: word word …` lines; `#` comments. */
export function readCategories(file: string): Category[] {
  const out: Category[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`${file}: line ${i + 1}: expected "category: word word …"`);
      out.push({ name: line.slice(0, colon).trim(), words: line.slice(colon + 1).trim().split(/\s+/) });
    });
  return out;
}

/** Length of the common prefix of two paths. */
export function sharedPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export interface CategoryScore {
  name: string;
  /** Category words found in the vocabulary. */
  found: number;
  /** Mean shared-prefix length over pairs inside the category, and with other categories' words. */
  within: number;
  across: number;
  /** Share of inside pairs in the same leaf cluster. */
  sameLeaf: number;
}

export function scoreCategories(categories: readonly Category[], pathOf: (word: string) => string | undefined): { perCategory: CategoryScore[]; within: number; across: number } {
  const found = categories.map((c) => c.words.map((w) => pathOf(w)).filter((p): p is string => p !== undefined));
  const perCategory: CategoryScore[] = [];
  let withinSum = 0;
  let withinPairs = 0;
  let acrossSum = 0;
  let acrossPairs = 0;
  found.forEach((paths, c) => {
    let w = 0;
    let wp = 0;
    let same = 0;
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        w += sharedPrefix(paths[i], paths[j]);
        wp++;
        if (paths[i] === paths[j]) same++;
      }
    }
    let a = 0;
    let ap = 0;
    found.forEach((others, d) => {
      if (d === c) return;
      for (const p of paths) for (const q of others) {
        a += sharedPrefix(p, q);
        ap++;
      }
    });
    withinSum += w;
    withinPairs += wp;
    acrossSum += a;
    acrossPairs += ap;
    perCategory.push({ name: categories[c].name, found: paths.length, within: wp ? w / wp : 0, across: ap ? a / ap : 0, sameLeaf: wp ? same / wp : 0 });
  });
  return { perCategory, within: withinPairs ? withinSum / withinPairs : 0, across: acrossPairs ? acrossSum / acrossPairs : 0 };
}

/** The `k` words nearest to `word` by cosine of unit-length vectors (rows in `words` order). */
export function nearestWords(word: string, words: readonly string[], vectors: Float64Array, dims: number, k: number): string[] {
  const r = words.indexOf(word);
  if (r < 0) return [];
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < words.length; i++) {
    if (i === r) continue;
    let dot = 0;
    for (let j = 0; j < dims; j++) dot += vectors[r * dims + j] * vectors[i * dims + j];
    scored.push([dot, i]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, k).map(([, i]) => words[i]);
}
