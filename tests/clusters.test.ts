import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { trainClusters } from '../src/clusters/command.js';
import { Corpus, addNewsFile } from '../src/clusters/corpus.js';
import { learnClusters, type LearnOptions } from '../src/clusters/learn.js';
import { scoreCategories, sharedPrefix } from '../src/clusters/probes.js';
import { CLUSTER_PREFIX_LENGTHS, clusterKey, clusterModelPath, formatWordClusters, loadWordClusters, parseWordClusters, type WordClusters } from '../src/ner/clusters.js';
import { PACKAGE_ROOT } from '../src/lang/data.js';
import { mulberry32 } from '../src/random.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'warta-clusters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NAMES = ['Budi', 'Siti', 'Agus', 'Rina', 'Joko', 'Dewi'];
const CITIES = ['Surabaya', 'Bandung', 'Medan', 'Semarang', 'Makassar', 'Malang'];
const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni'];
const GOODS = ['beras', 'gula', 'minyak', 'cabai', 'bawang', 'telur'];

/** Seeded news-like Indonesian sentences over five word categories. */
function syntheticArticles(count: number, seed: number): Array<{ id: string; title: string; text: string }> {
  const random = mulberry32(seed);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  const templates = [
    () => `${pick(NAMES)} tiba di ${pick(CITIES)} pada hari ${pick(DAYS)} pagi.`,
    () => `Pada ${1 + Math.floor(random() * 28)} ${pick(MONTHS)} ${2015 + Math.floor(random() * 9)}, ${pick(NAMES)} berkunjung ke ${pick(CITIES)}.`,
    () => `Rapat warga digelar hari ${pick(DAYS)} di kota ${pick(CITIES)}, kata ${pick(NAMES)}.`,
    () => `Harga ${pick(GOODS)} dan ${pick(GOODS)} naik sejak bulan ${pick(MONTHS)} lalu.`,
    () => `Menurut ${pick(NAMES)}, pasokan ${pick(GOODS)} di ${pick(CITIES)} aman hingga ${pick(MONTHS)}.`,
    () => `Pedagang ${pick(GOODS)} di pasar ${pick(CITIES)} libur setiap hari ${pick(DAYS)}.`,
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    title: `Berita ${i}`,
    text: Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => pick(templates)()).join(' ')).join('\n'),
  }));
}

const SMALL: LearnOptions = { clusters: 12, dims: 12, minCount: 2, maxVocab: 1000, contextWords: 100, eigenPower: 0.5, seed: 7 };

function corpusFile(name: string, articles: ReturnType<typeof syntheticArticles>): string {
  const file = path.join(tmp, name);
  writeFileSync(file, gzipSync(articles.map((a) => JSON.stringify(a)).join('\n') + '\n'));
  return file;
}

function trainSmall(file: string): Buffer {
  const corpus = new Corpus();
  addNewsFile(corpus, file);
  const learned = learnClusters(corpus, SMALL);
  return formatWordClusters(learned.entries, { lang: 'id', clusters: learned.leaves });
}

describe('word clusters: trainer and loader on a synthetic corpus', () => {
  const file = corpusFile('news-id.jsonl.gz', syntheticArticles(300, 11));
  const bytes = trainSmall(file);
  const dir = path.join(tmp, 'models');
  const outFile = clusterModelPath('id', dir);

  it('writes a table the loader reads back word for word', async () => {
    const print: string[] = [];
    expect(await trainClusters(['--lang', 'id', '--corpus', file, '--out', outFile, '--clusters', '12', '--dims', '12', '--min-count', '2', '--context-words', '100', '--seed', '7', '--quiet'], (l) => print.push(l))).toBe(0);
    expect(print.some((l) => l.startsWith('wrote '))).toBe(true);
    // the command and the library call with the same options give the same table (headers differ)
    const entries = (b: Buffer) => readGzLines(b).filter((l) => !l.startsWith('#'));
    expect(entries(readFileSync(outFile))).toEqual(entries(bytes));
    expect(readGzLines(readFileSync(outFile))[1]).toMatch(/^# lang=id prefixes=4,6,10,20 clusters=12 words=\d+ tokens=\d+ dims=12 /);

    const clusters = loadWordClusters('id', dir)!;
    expect(clusters).not.toBeNull();
    expect(clusters.prefixLengths).toEqual(CLUSTER_PREFIX_LENGTHS);
    const text = parseWordClusters('id', bytes, 'inline');
    const lines = readGzLines(bytes).filter((l) => !l.startsWith('#'));
    expect(clusters.wordCount).toBe(lines.length);
    expect(clusters.clusterCount).toBe(12);
    for (const line of lines) {
      const [p, key, caps] = line.split('\t');
      expect(clusters.pathOf(key)).toBe(p);
      const i = clusters.indexOf(key);
      expect(clusters.path(i)).toBe(p);
      expect(clusters.capitalDecile(i)).toBe(caps === '-' ? -1 : Number(caps));
      CLUSTER_PREFIX_LENGTHS.forEach((n, level) => expect(clusters.prefix(i, level)).toBe(p.slice(0, n)));
      expect(text.pathOf(key)).toBe(p);
    }
    // prefix ids are dense and name the same prefix string
    for (let level = 0; level < CLUSTER_PREFIX_LENGTHS.length; level++) {
      const byId = new Map<number, string>();
      for (const w of clusters.words()) {
        const i = clusters.indexOf(w);
        const id = clusters.prefixId(i, level);
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThanOrEqual(clusters.prefixCount(level));
        if (byId.has(id)) expect(byId.get(id)).toBe(clusters.prefix(i, level));
        byId.set(id, clusters.prefix(i, level));
      }
      expect(new Set(byId.values()).size).toBe(byId.size);
    }
  });

  it('looks words up in any case, with digits folded, and knows unknown words', () => {
    const clusters = parseWordClusters('id', bytes, 'inline');
    expect(clusters.pathOf('Surabaya')).toBe(clusters.pathOf('surabaya'));
    expect(clusters.pathOf('SURABAYA')).toBe(clusters.pathOf('surabaya'));
    expect(clusters.pathOf('2019')).toBe(clusters.pathOf('0000'));
    expect(clusters.pathOf('2019')).toBeDefined();
    expect(clusterKey('Jum’at 17')).toBe("jum'at 00");
    expect(clusters.pathOf('Kalimantan')).toBeUndefined();
    expect(clusters.indexOf('Kalimantan')).toBe(-1);
    expect(clusters.prefixId(-1, 0)).toBe(0);
    expect(clusters.capitalDecile(-1)).toBe(-1);
  });

  it('keeps how often a word is capitalised inside a sentence', () => {
    const clusters = parseWordClusters('id', bytes, 'inline');
    expect(clusters.capitalDecile(clusters.indexOf('budi'))).toBe(9);
    expect(clusters.capitalDecile(clusters.indexOf('surabaya'))).toBe(9);
    expect(clusters.capitalDecile(clusters.indexOf('beras'))).toBe(0);
    expect(clusters.capitalDecile(clusters.indexOf('tiba'))).toBe(0);
  });

  it('groups words used alike: categories share longer path prefixes than unrelated words', () => {
    const clusters = parseWordClusters('id', bytes, 'inline');
    const lower = (list: string[]) => list.map((w) => w.toLowerCase());
    const categories = [
      { name: 'names', words: lower(NAMES) },
      { name: 'cities', words: lower(CITIES) },
      { name: 'days', words: lower(DAYS) },
      { name: 'months', words: lower(MONTHS) },
      { name: 'goods', words: GOODS },
    ];
    const score = scoreCategories(categories, (w) => clusters.pathOf(w));
    for (const c of score.perCategory) {
      expect(c.found).toBe(6);
      expect(c.within, c.name).toBeGreaterThan(c.across + 1);
    }
    expect(sharedPrefix(clusters.pathOf('senin')!, clusters.pathOf('kamis')!)).toBeGreaterThan(sharedPrefix(clusters.pathOf('senin')!, clusters.pathOf('beras')!));
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(trainSmall(file).equals(bytes)).toBe(true);
    // the same articles in another order: same vocabulary order, counts and paths, hence bytes
    const again = corpusFile('again.jsonl.gz', syntheticArticles(300, 11).reverse());
    expect(trainSmall(again).equals(bytes)).toBe(true);
  });
});

function readGzLines(bytes: Buffer): string[] {
  return gunzipSync(bytes).toString('utf8').split('\n').filter((l) => l !== '');
}

describe('word clusters: bad input and missing data', () => {
  it('names the file and line of a malformed table', () => {
    const good = formatWordClusters([{ path: '01', key: 'jakarta', capitals: 9 }], { lang: 'id' });
    expect(parseWordClusters('id', good, 'x.tsv.gz').pathOf('Jakarta')).toBe('01');
    const bad = gzipSync('# warta-word-clusters 1\n# lang=id\n01\tjakarta\t9\n0x1\tbandung\t9\n');
    expect(() => parseWordClusters('id', bad, 'models/clusters-id.tsv.gz')).toThrow(/models\/clusters-id\.tsv\.gz: line 4: expected "path<TAB>word<TAB>capitals"/);
    expect(() => parseWordClusters('id', gzipSync('hello\n'), 'f.gz')).toThrow(/f\.gz: line 1: not a warta word-cluster file/);
    expect(() => parseWordClusters('id', Buffer.from('plain'), 'f.gz')).toThrow(/f\.gz: not a gzip file/);
  });

  it('returns null when the model file is absent', () => {
    expect(loadWordClusters('en', path.join(tmp, 'no-models'))).toBeNull();
  });

  it('names the corpus file and line of a bad record', () => {
    const file = path.join(tmp, 'broken.jsonl');
    writeFileSync(file, '{"id":"a","text":"Satu dua tiga."}\n{"id":"b","text":\n');
    expect(() => addNewsFile(new Corpus(), file)).toThrow(/broken\.jsonl: line 2:/);
    writeFileSync(file, '{"id":"a","body":"no text field"}\n');
    expect(() => addNewsFile(new Corpus(), file)).toThrow(/broken\.jsonl: line 1: expected an object with a "text" string/);
  });

  it('skips with one line and exit code 0 when the unlabelled news is absent', async () => {
    const print: string[] = [];
    expect(await trainClusters(['--lang', 'en', '--data', path.join(tmp, 'nowhere'), '--no-save'], (l) => print.push(l))).toBe(0);
    expect(print).toHaveLength(1);
    expect(print[0]).toMatch(/^train:clusters: no unlabelled en news in .*nowhere.*: skipped$/);
  });

  it('rejects a missing or unknown language', async () => {
    expect(await trainClusters(['--no-save'], () => {})).toBe(1);
    expect(await trainClusters(['--lang', 'ms', '--no-save'], () => {})).toBe(1);
  });
});

/** Mean shared prefix inside a group of words vs with another group. */
function groupScore(clusters: WordClusters, group: string[], other: string[]): { within: number; across: number } {
  const score = scoreCategories([{ name: 'g', words: group }, { name: 'o', words: other }], (w) => clusters.pathOf(w));
  return { within: score.perCategory[0].within, across: score.perCategory[0].across };
}

function lcp(clusters: WordClusters, a: string, b: string): number {
  const pa = clusters.pathOf(a);
  const pb = clusters.pathOf(b);
  expect(pa, a).toBeDefined();
  expect(pb, b).toBeDefined();
  return sharedPrefix(pa!, pb!);
}

const committed = (lang: 'id' | 'en') => existsSync(clusterModelPath(lang, path.join(PACKAGE_ROOT, 'models')));

describe.skipIf(!committed('id'))('committed Indonesian clusters (models/clusters-id.tsv.gz)', () => {
  const id = loadWordClusters('id')!;

  it('is a bounded vocabulary with Brown-style paths', () => {
    expect(id.wordCount).toBeGreaterThan(20_000);
    expect(id.wordCount).toBeLessThanOrEqual(100_000);
    expect(id.clusterCount).toBeGreaterThanOrEqual(256);
    expect(id.prefixCount(0)).toBeLessThanOrEqual(16);
    expect(id.prefixCount(0)).toBeLessThan(id.prefixCount(1));
    expect(id.prefixCount(2)).toBeLessThan(id.prefixCount(3));
  });

  it('puts months, weekdays and cities together and apart from each other', () => {
    expect(lcp(id, 'januari', 'februari')).toBeGreaterThan(lcp(id, 'januari', 'surabaya'));
    expect(lcp(id, 'surabaya', 'bandung')).toBeGreaterThan(lcp(id, 'surabaya', 'senin'));
    expect(lcp(id, 'senin', 'kamis')).toBeGreaterThan(lcp(id, 'senin', 'maret'));
    expect(lcp(id, 'januari', 'oktober')).toBeGreaterThanOrEqual(10);
    const months = ['januari', 'februari', 'maret', 'april', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'];
    const cities = ['surabaya', 'bandung', 'medan', 'semarang', 'makassar', 'palembang'];
    const other = ['mengatakan', 'pemerintah', 'harga', 'rumah', 'besar', 'polisi', 'dua', 'kamis'];
    for (const group of [months, cities]) {
      const s = groupScore(id, group, other);
      expect(s.within).toBeGreaterThan(s.across + 4);
    }
  });

  it('groups ministries, parties and reporting verbs', () => {
    expect(lcp(id, 'kemenkes', 'kemenag')).toBeGreaterThan(lcp(id, 'kemenkes', 'januari'));
    expect(lcp(id, 'golkar', 'gerindra')).toBeGreaterThan(lcp(id, 'golkar', 'surabaya'));
    expect(lcp(id, 'mengatakan', 'menjelaskan')).toBeGreaterThan(lcp(id, 'mengatakan', 'gerindra'));
  });

  it('tells names from common words by capitalisation', () => {
    expect(id.capitalDecile(id.indexOf('Surabaya'))).toBe(9);
    expect(id.capitalDecile(id.indexOf('jokowi'))).toBeGreaterThanOrEqual(8);
    expect(id.capitalDecile(id.indexOf('rumah'))).toBe(0);
  });
});

describe.skipIf(!committed('en'))('committed English clusters (models/clusters-en.tsv.gz)', () => {
  const en = loadWordClusters('en')!;

  it('is a bounded vocabulary with Brown-style paths', () => {
    expect(en.wordCount).toBeGreaterThan(20_000);
    expect(en.wordCount).toBeLessThanOrEqual(100_000);
    expect(en.clusterCount).toBeGreaterThanOrEqual(256);
  });

  it('puts weekdays, months, cities and companies together and apart from each other', () => {
    expect(lcp(en, 'monday', 'tuesday')).toBeGreaterThan(lcp(en, 'monday', 'london'));
    expect(lcp(en, 'london', 'paris')).toBeGreaterThan(lcp(en, 'london', 'monday'));
    expect(lcp(en, 'january', 'march')).toBeGreaterThan(lcp(en, 'january', 'paris'));
    expect(lcp(en, 'monday', 'friday')).toBeGreaterThanOrEqual(10);
    const other = ['said', 'government', 'price', 'house', 'large', 'police', 'two', 'monday'];
    for (const group of [['london', 'paris', 'tokyo', 'frankfurt', 'sydney'], ['japan', 'germany', 'france', 'canada', 'brazil'], ['ibm', 'chrysler', 'exxon', 'texaco', 'boeing']]) {
      const s = groupScore(en, group, other);
      expect(s.within, group[0]).toBeGreaterThan(s.across + 3);
    }
  });

  it('tells names from common words by capitalisation', () => {
    expect(en.capitalDecile(en.indexOf('London'))).toBe(9);
    expect(en.capitalDecile(en.indexOf('government'))).toBe(0);
    expect(en.capitalDecile(en.indexOf('Shares'))).toBe(0);
    // `White House`, `House of Commons`: a common word that is mostly part of names
    expect(en.capitalDecile(en.indexOf('house'))).toBeGreaterThanOrEqual(5);
  });
});
