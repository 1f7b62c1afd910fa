/**
 * The tagger's emission loop finds its feature rows through caches and shortcuts (word
 * vectors, group vector caches, one probe per word pair for the word-pair templates that read it
 * at different tokens): its
 * scores must be the plain sum, over every template, of the weight row the template's key
 * selects. Checked against that sum on news-style sentences with the shipped models, and the
 * tables themselves against Maps.
 */
import { describe, expect, it } from 'vitest';
import { NUM_KINDS } from '../src/ner/tagger/features.js';
import { defaultModelPath, loadNerTagger, type LinearTagger } from '../src/ner/tagger/index.js';
import { NL, OUTSIDE_ONLY } from '../src/ner/tagger/model.js';
import { RowsTable, VectorCache, WordTable } from '../src/ner/tagger/tables.js';
import { tokenize } from '../src/ner/tagger/tokenize.js';
import { mulberry32 } from '../src/random.js';

/** Emissions as the textbook defines them: every template's row, summed. */
function textbookEmissions(tagger: LinearTagger, text: string, toks: number[], n: number): Float64Array {
  const { space, W } = tagger;
  const atoms = new Int32Array(n * NUM_KINDS);
  space.atoms(text, toks, n, atoms);
  const E = new Float64Array(n * NL);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    rows.length = 0;
    space.rows(atoms, n, i, rows, false);
    for (const r of rows) for (let y = 0; y < NL; y++) E[i * NL + y] += W[r * NL + y];
  }
  return E;
}

/** Decodes a text; with `compare`, checks each token's scores against the textbook sum and returns how many it checked. */
function decodeChecked(tagger: LinearTagger, text: string, compare = true): number {
  const toks: number[] = [];
  const n = tokenize(text, 0, text.length, toks);
  tagger.decodeTokens(text, toks, n);
  if (!compare) return 0;
  const got = tagger.lastEmissions;
  const want = textbookEmissions(tagger, text, toks, n);
  let checked = 0;
  for (let i = 0; i < n; i++) {
    // a token far from any name only allows O (see linear-tagger.ts)
    if (got[i * NL + 1] === OUTSIDE_ONLY) continue;
    for (let y = 0; y < NL; y++) expect(got[i * NL + y]).toBeCloseTo(want[i * NL + y], 4);
    checked++;
  }
  return checked;
}

const SENTENCES: Record<'id' | 'en', string[]> = {
  id: [
    'Presiden Prabowo Subianto bertemu Perdana Menteri Jepang Shigeru Ishiba di Istana Merdeka, Jakarta, Selasa (2/9/2025).',
    'Kepala BMKG Dwikorita Karnawati mengatakan hujan lebat diperkirakan turun di Kabupaten Bogor dan Kota Bekasi.',
    'PT Pertamina (Persero) dan Bank Rakyat Indonesia menandatangani kerja sama di Surabaya, kata juru bicara Fadjar Djoko Santoso.',
    'Persija Jakarta menang 2-1 atas Persib Bandung di Stadion Utama Gelora Bung Karno.',
  ],
  en: [
    'Manchester United manager Ruben Amorim said on Saturday the club would appeal the decision, Reuters reported.',
    'The Treasury and the Federal Reserve in Washington declined to comment on the report by Goldman Sachs.',
    'Indonesian President Prabowo Subianto met Chinese leader Xi Jinping in Beijing on Tuesday.',
  ],
};

describe('emission loop', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`scores every token as the sum of its template rows (${lang} model)`, () => {
      const tagger = loadNerTagger(defaultModelPath(lang))!;
      expect(tagger).not.toBeNull();
      let checked = 0;
      // twice: the second pass reads every word and group vector from the caches
      for (let pass = 0; pass < 2; pass++) for (const text of SENTENCES[lang]) checked += decodeChecked(tagger, text);
      expect(checked).toBeGreaterThan(40);
    });
  }
});

describe('word cache', () => {
  it('keeps every word\'s numbers right across cache generations, also when one turns over mid-sentence', () => {
    const tagger = loadNerTagger(defaultModelPath('id'))!;
    const known = SENTENCES.id[0];
    const random = mulberry32(7);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const freshWord = (k: number) => (random() < 0.3 ? 'K' : 'k') + Array.from({ length: 6 }, () => letters[Math.floor(random() * 26)]).join('') + k;
    let checked = 0;
    // 60 sentences of 600 new words each (the cache turns over every ~23,000 new words), each
    // with the known sentence's words inside, so they are found, kept and moved between generations
    for (let s = 0; s < 60; s++) {
      const words = Array.from({ length: 600 }, (_, k) => freshWord(s * 1000 + k));
      words.splice(300, 0, known);
      // checked every tenth sentence and around the first turnover
      checked += decodeChecked(tagger, words.join(' '), s % 10 === 9 || (s >= 36 && s <= 40));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('RowsTable', () => {
  it('finds every map\'s value of a key with one probe, -1 where a map lacks the key', () => {
    const random = mulberry32(20261207);
    const maps = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
    for (let k = 0; k < 5000; k++) {
      const key = Math.floor(random() * 2 ** 30);
      maps.forEach((map, m) => {
        if (random() < 0.6) map.set(key, m * 10_000 + k);
      });
    }
    const table = RowsTable.from(maps);
    expect(table.width).toBe(4);
    const out = new Int32Array(7).fill(99);
    const keys = [...maps.flatMap((map) => [...map.keys()]), 2 ** 30 + 1, 12345];
    for (const key of keys) {
      table.lookup(key, out, 2);
      maps.forEach((map, m) => expect(out[2 + m]).toBe(map.get(key) ?? -1));
      // nothing outside its four values is written
      expect([out[0], out[1], out[6]]).toEqual([99, 99, 99]);
    }
  });
});

describe('VectorCache', () => {
  it('packs vectors in arrival order and starts afresh when 70% full', () => {
    const cache = new VectorCache(4); // 16 slots: 11 vectors before it starts afresh
    const offsets: number[] = [];
    for (let k = 0; k < 11; k++) {
      expect(cache.find(1000 + k * 7)).toBe(-1);
      const o = cache.insert(1000 + k * 7);
      cache.pool[o] = k;
      offsets.push(o);
    }
    expect(offsets).toEqual(Array.from({ length: 11 }, (_, k) => k * NL));
    for (let k = 0; k < 11; k++) expect(cache.pool[cache.find(1000 + k * 7)]).toBe(k);
    // the twelfth empties the cache: its vector is the first again, zeroed
    const o = cache.insert(5);
    expect(o).toBe(0);
    expect(cache.pool[o]).toBe(0);
    expect(cache.find(1000)).toBe(-1);
    expect(cache.find(5)).toBe(0);
  });
});

describe('WordTable', () => {
  /** FNV-1a over UTF-16 units, computed in exact integers. */
  const fnv1a = (word: string) => {
    let h = 0x811c9dc5n;
    for (let i = 0; i < word.length; i++) h = ((h ^ BigInt(word.charCodeAt(i))) * 0x01000193n) & 0xffffffffn;
    return Number(BigInt.asIntN(32, h));
  };

  it('hashes a text range to the signed 32-bit FNV-1a of its characters', () => {
    const text = 'Presiden Prabowo Subianto tiba di Jakarta, kata Menteri Luar Negeri Sugiono — 😀 é';
    const toks: number[] = [];
    const n = tokenize(text, 0, text.length, toks);
    for (let i = 0; i < n; i++) {
      const h = WordTable.hash(text, toks[2 * i], toks[2 * i + 1]);
      expect(h).toBe(fnv1a(text.slice(toks[2 * i], toks[2 * i + 1])));
      expect(h | 0).toBe(h);
    }
  });

  it('finds words by a text range, among them words whose unsigned hash is past 2^31', () => {
    const table = new WordTable<{ word: string; hash: number; n: number }>(8);
    const words = ['Jakarta', 'Prabowo', 'Subianto', 'Kementerian', 'Keuangan', 'Bandung', 'Surabaya', 'Medan', 'Joko', 'Widodo', 'DPR', 'kata'];
    words.forEach((word, n) => table.add({ word, hash: WordTable.hash(word, 0, word.length), n }));
    expect(words.some((w) => WordTable.hash(w, 0, w.length) < 0)).toBe(true);
    const text = `Di ${words.join(' dan ')} hari ini`;
    for (const [n, word] of words.entries()) {
      const s = text.indexOf(word);
      const e = s + word.length;
      expect(table.find(text, s, e, WordTable.hash(text, s, e))?.n).toBe(n);
    }
    expect(table.find(text, 0, 2, WordTable.hash(text, 0, 2))).toBeUndefined();
  });
});

describe('tagger tokenizer', () => {
  it('reuses a longer sentence\'s token buffer and keeps only the new tokens', () => {
    const toks: number[] = [];
    const long = 'Presiden Joko Widodo meresmikan Bendungan Jatigede di Sumedang, Jawa Barat, pada Senin (31/8) pagi.';
    const short = "Germany's Prabowo-Hatta tiba.";
    const fresh: number[] = [];
    const nLong = tokenize(long, 0, long.length, toks);
    expect(nLong).toBeGreaterThan(15);
    const n = tokenize(short, 0, short.length, toks);
    expect(n).toBe(tokenize(short, 0, short.length, fresh));
    expect(toks).toEqual(fresh);
    expect(toks.length).toBe(2 * n);
    const texts = Array.from({ length: n }, (_, i) => short.slice(toks[2 * i], toks[2 * i + 1]));
    expect(texts).toEqual(['Germany', "'s", 'Prabowo', '-', 'Hatta', 'tiba', '.']);
  });
});
