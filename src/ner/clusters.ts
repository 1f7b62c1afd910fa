/**
 * Word clusters learned from unlabelled news (`models/clusters-<lang>.tsv.gz`, written by
 * `npm run train:clusters`): every word of a bounded vocabulary has a hierarchical cluster path,
 * a bit string whose prefixes are coarse-to-fine word classes (Brown et al. 1992 paths, used as
 * NER features at prefix lengths 4, 6, 10 and 20 by Ratinov & Roth 2009), and how often the word
 * is capitalised inside a sentence in cased text.
 *
 * File format: gzip of UTF-8 text, `\n`-separated lines.
 *
 *     # warta-word-clusters 1
 *     # lang=id prefixes=4,6,10,20 clusters=1000 words=41234 ...   (key=value, informative)
 *     0010110\tjanuari\t0
 *     0010110\tfebruari\t0
 *     11010\tsurabaya\t9
 *
 * After the `#` header lines, one word a line: `path TAB key TAB capitals`. `path` is the
 * cluster's bit string (`0`/`1`, words of one leaf cluster share it); `key` is the word as
 * `clusterKey` normalises it (lower case, ASCII digits as `0`, `’` as `'`); `capitals` is the
 * decile 0-9 of the word's sentence-internal occurrences (in cased text) that start with a
 * capital letter, or `-` when it was seen there fewer than 3 times. Lines are sorted by path, then
 * by frequency in the training text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../lang/data.js';

export type ClusterLang = 'id' | 'en';

/** The prefix lengths the features use (Ratinov & Roth 2009). */
export const CLUSTER_PREFIX_LENGTHS: readonly number[] = [4, 6, 10, 20];

const MAGIC = '# warta-word-clusters 1';
const PATH_RE = /^[01]*$/;

export function clusterModelPath(lang: ClusterLang, modelsDir = path.join(PACKAGE_ROOT, 'models')): string {
  return path.join(modelsDir, `clusters-${lang}.tsv.gz`);
}

/**
 * The lookup key of a word: lower case, ASCII digits as `0` (years and amounts share a class),
 * `’` as `'`. Returns the string itself (no allocation) when it is already a key.
 */
export function clusterKey(word: string): string {
  let plain = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127 || (c >= 65 && c <= 90) || (c >= 49 && c <= 57)) {
      plain = false;
      break;
    }
  }
  if (plain) return word;
  return word.toLowerCase().replace(DIGIT_QUOTE_RE, (c) => (c === '’' ? "'" : '0'));
}

const DIGIT_QUOTE_RE = /[1-9’]/g;

/** One vocabulary entry as the trainer writes it. */
export interface ClusterEntry {
  path: string;
  key: string;
  /** Decile 0-9 of capitalised sentence-internal occurrences, or -1 when unknown. */
  capitals: number;
}

/** The file's bytes for `entries` (already in file order) and header fields. */
export function formatWordClusters(entries: readonly ClusterEntry[], header: Record<string, string | number>): Buffer {
  const lines = [MAGIC];
  const fields = Object.entries(header).map(([k, v]) => {
    const value = String(v);
    if (/[\s=]/.test(k) || /[\n\t]/.test(value)) throw new Error(`clusters header: bad field ${k}=${value}`);
    return `${k}=${value.replace(/ /g, '_')}`;
  });
  lines.push(`# ${fields.join(' ')}`);
  for (const e of entries) lines.push(`${e.path}\t${e.key}\t${e.capitals < 0 ? '-' : e.capitals}`);
  // level 9 and a fixed header (no name, mtime 0): same entries, same bytes
  return gzipSync(lines.join('\n') + '\n', { level: 9 });
}

/**
 * A loaded cluster table. Lookups allocate nothing for words that are already keys: the tagger
 * asks `indexOf` once per distinct token string and reads `prefixId`/`prefix` (precomputed per
 * cluster and level) afterwards.
 */
export class WordClusters {
  readonly prefixLengths: readonly number[] = CLUSTER_PREFIX_LENGTHS;
  readonly header: Readonly<Record<string, string>>;
  private readonly index: Map<string, number>;
  private readonly clusterOf: Int32Array;
  private readonly capitals: Int8Array;
  private readonly paths: string[];
  private readonly prefixes: string[];
  private readonly prefixIds: Int32Array;
  private readonly prefixCounts: number[];

  constructor(
    readonly lang: ClusterLang,
    text: string,
    source: string,
  ) {
    const lines = text.split('\n');
    if (lines[0] !== MAGIC) throw new Error(`${source}: line 1: not a warta word-cluster file (expected "${MAGIC}")`);
    const header: Record<string, string> = {};
    let i = 1;
    for (; i < lines.length && lines[i].startsWith('#'); i++) {
      for (const field of lines[i].slice(1).trim().split(' ')) {
        const eq = field.indexOf('=');
        if (eq > 0) header[field.slice(0, eq)] = field.slice(eq + 1);
      }
    }
    this.header = header;
    const n = lines.length - i - (lines[lines.length - 1] === '' ? 1 : 0);
    this.index = new Map();
    this.clusterOf = new Int32Array(Math.max(n, 0));
    this.capitals = new Int8Array(Math.max(n, 0));
    this.paths = [];
    const clusterByPath = new Map<string, number>();
    for (let w = 0; w < n; w++) {
      const line = lines[i + w];
      const t1 = line.indexOf('\t');
      const t2 = line.indexOf('\t', t1 + 1);
      const p = line.slice(0, t1);
      const key = line.slice(t1 + 1, t2);
      const caps = line.length === t2 + 2 ? line.charCodeAt(t2 + 1) : -1;
      let c = t1 < 0 ? undefined : clusterByPath.get(p);
      // a path is checked once, when first seen
      if (t1 < 0 || t2 < 0 || key === '' || !((caps >= 48 && caps <= 57) || caps === 45) || (c === undefined && !PATH_RE.test(p))) {
        throw new Error(`${source}: line ${i + w + 1}: expected "path<TAB>word<TAB>capitals", got ${JSON.stringify(line.slice(0, 80))}`);
      }
      if (this.index.has(key)) throw new Error(`${source}: line ${i + w + 1}: word ${JSON.stringify(key)} listed twice`);
      if (c === undefined) {
        c = this.paths.length;
        clusterByPath.set(p, c);
        this.paths.push(p);
      }
      this.index.set(key, w);
      this.clusterOf[w] = c;
      this.capitals[w] = caps === 45 ? -1 : caps - 48;
    }
    // prefix strings and dense prefix ids (1-based per level; 0 = unknown word) per cluster
    const levels = this.prefixLengths.length;
    this.prefixes = new Array<string>(this.paths.length * levels);
    this.prefixIds = new Int32Array(this.paths.length * levels);
    this.prefixCounts = [];
    for (let l = 0; l < levels; l++) {
      const ids = new Map<string, number>();
      for (let c = 0; c < this.paths.length; c++) {
        const prefix = this.paths[c].slice(0, this.prefixLengths[l]);
        let id = ids.get(prefix);
        if (id === undefined) {
          id = ids.size + 1;
          ids.set(prefix, id);
        }
        this.prefixes[c * levels + l] = prefix;
        this.prefixIds[c * levels + l] = id;
      }
      this.prefixCounts.push(ids.size);
    }
  }

  /** Number of words in the vocabulary. */
  get wordCount(): number {
    return this.clusterOf.length;
  }

  /** Number of leaf clusters (distinct paths). */
  get clusterCount(): number {
    return this.paths.length;
  }

  /** Vocabulary index of a word (any case; see `clusterKey`), -1 when it is not in the vocabulary. */
  indexOf(word: string): number {
    const hit = this.index.get(word);
    if (hit !== undefined) return hit;
    const key = clusterKey(word);
    return key === word ? -1 : (this.index.get(key) ?? -1);
  }

  /** The word's full cluster path, undefined when it is not in the vocabulary. */
  pathOf(word: string): string | undefined {
    const w = this.indexOf(word);
    return w < 0 ? undefined : this.paths[this.clusterOf[w]];
  }

  /** Full path of the word at `index`. */
  path(index: number): string {
    return this.paths[this.clusterOf[index]];
  }

  /** Leaf cluster number (0 … clusterCount - 1) of the word at `index`. */
  cluster(index: number): number {
    return this.clusterOf[index];
  }

  /** The path of the word at `index` cut at `prefixLengths[level]` (a shared string). */
  prefix(index: number, level: number): string {
    return this.prefixes[this.clusterOf[index] * this.prefixLengths.length + level];
  }

  /** Dense id (1 … prefixCount(level)) of that prefix; 0 for index -1 (unknown word). */
  prefixId(index: number, level: number): number {
    return index < 0 ? 0 : this.prefixIds[this.clusterOf[index] * this.prefixLengths.length + level];
  }

  /** Number of distinct prefixes at `level`. */
  prefixCount(level: number): number {
    return this.prefixCounts[level];
  }

  /**
   * Decile 0-9 of the word's sentence-internal occurrences that were capitalised (9: nearly
   * always, a name; 0: nearly never), -1 when unknown. Keeps what lower-casing the clusters lost.
   */
  capitalDecile(index: number): number {
    return index < 0 ? -1 : this.capitals[index];
  }

  /** Words of the vocabulary in file order (for inspection and tests). */
  *words(): IterableIterator<string> {
    yield* this.index.keys();
  }
}

/** Parses a cluster file's bytes (gzip); errors name `source` and the line. */
export function parseWordClusters(lang: ClusterLang, bytes: Buffer, source: string): WordClusters {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new Error(`${source}: not a gzip file (${(error as Error).message})`);
  }
  return new WordClusters(lang, text, source);
}

/** The language's cluster table from `modelsDir` (default `models/`), or null when the file is absent. */
export function loadWordClusters(lang: ClusterLang, modelsDir?: string): WordClusters | null {
  const file = clusterModelPath(lang, modelsDir);
  if (!existsSync(file)) return null;
  return parseWordClusters(lang, readFileSync(file), file);
}
