import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelPath, loadNerTagger, readModelFile, taggerFromModel, type NerTagger } from '../src/ner/tagger/index.js';
import { tokenize } from '../src/ner/tagger/tokenize.js';
import { CLUSTER_TEMPLATES } from '../src/ner/tagger/features.js';
import { evaluate, trainTagger } from '../src/ner/tagger/trainer.js';
import { BORROWED_DOC_LAYER, parseArgs, writeDocLayerFile } from '../src/ner/train.js';
import { labeled, TINY_CORPUS } from './helpers/ner-sentences.js';

function tagText(tagger: NerTagger, text: string) {
  return tagger.tag(text, 0, text.length).map((s) => ({ type: s.type, text: text.slice(s.start, s.end) }));
}

function toks(text: string): string[] {
  const out: number[] = [];
  const n = tokenize(text, 0, text.length, out);
  return Array.from({ length: n }, (_, i) => text.slice(out[2 * i], out[2 * i + 1]));
}

describe('tokenizer', () => {
  it('keeps hyphenated names, numbers, initials and abbreviations whole', () => {
    expect(toks('Kim Jong-un tiba di Beijing, Kamis (4/9).')).toEqual([
      'Kim', 'Jong-un', 'tiba', 'di', 'Beijing', ',', 'Kamis', '(', '4', '/', '9', ')', '.',
    ]);
    expect(toks('Gabriel W. Bush dan Ross, Jr. membayar 15.022 dolar A.S. kemarin.')).toEqual([
      'Gabriel', 'W.', 'Bush', 'dan', 'Ross', ',', 'Jr.', 'membayar', '15.022', 'dolar', 'A.S.', 'kemarin', '.',
    ]);
    expect(toks("Ma'ruf Amin’s “kata”")).toEqual(["Ma'ruf", 'Amin', '’s', '“', 'kata', '”']);
    // Muhammad's short forms in Malay and Indonesian names keep their period
    expect(toks('Prof. Datuk Dr. Mohd. Razali dan Md. Nor hadir.')).toEqual(['Prof.', 'Datuk', 'Dr.', 'Mohd.', 'Razali', 'dan', 'Md.', 'Nor', 'hadir', '.']);
  });

  it('splits possessives and hyphens before a capital, and keeps web names whole', () => {
    expect(toks("Germany's plan, Reuters’s report")).toEqual(['Germany', "'s", 'plan', ',', 'Reuters', '’s', 'report']);
    expect(toks('pasangan Prabowo-Hatta dan /HO-Kementerian, anak-anak Jong-un')).toEqual([
      'pasangan', 'Prabowo', '-', 'Hatta', 'dan', '/', 'HO', '-', 'Kementerian', ',', 'anak-anak', 'Jong-un',
    ]);
    // Unicode hyphens (U+2010, U+2011) join and split like `-`
    expect(toks('Jean\u2010Pierre dan anak\u2011anak, U.S.-China')).toEqual(['Jean', '\u2010', 'Pierre', 'dan', 'anak\u2011anak', ',', 'U.S.', '-', 'China']);
    expect(toks('SEPUTARAN.COM, Istanbul – kata kompas.co.id dan Liputan6.com.')).toEqual([
      'SEPUTARAN.COM', ',', 'Istanbul', '–', 'kata', 'kompas.co.id', 'dan', 'Liputan6.com', '.',
    ]);
    expect(toks('dilaporkan Malaymail.com.my dan Straits.com.sg.')).toEqual(['dilaporkan', 'Malaymail.com.my', 'dan', 'Straits.com.sg', '.']);
  });

  it('leaves a capital letter ending the sentence without its period (a numeral, not an initial)', () => {
    expect(toks('Gubernur DIY Sri Sultan Hamengku Buwono X. ')).toEqual(['Gubernur', 'DIY', 'Sri', 'Sultan', 'Hamengku', 'Buwono', 'X', '.']);
    expect(toks('a follower of Malcolm X.')).toEqual(['a', 'follower', 'of', 'Malcolm', 'X', '.']);
    // inside the sentence it is still an initial
    expect(toks('Paku Alam X. Santoso hadir.')).toEqual(['Paku', 'Alam', 'X.', 'Santoso', 'hadir', '.']);
  });

  it('reports offsets relative to the whole text within [start, end)', () => {
    const text = 'Awal. Presiden Xi tiba. Akhir';
    const out: number[] = [];
    const n = tokenize(text, 6, 23, out);
    expect(n).toBe(4);
    expect(out).toEqual([6, 14, 15, 17, 18, 22, 22, 23]);
  });
});

describe('shipped Indonesian NER model', () => {
  const tagger = loadNerTagger(defaultModelPath('id'));

  it('is committed and loads', () => {
    expect(existsSync(defaultModelPath('id'))).toBe(true);
    expect(tagger).not.toBeNull();
  });

  it('tags people, places and organisations in news-style sentences', () => {
    const t = tagger!;
    const a = tagText(t, 'Presiden Joko Widodo meresmikan Bendungan Karian di Kabupaten Lebak, Banten.');
    expect(a).toContainEqual({ type: 'PERSON', text: 'Joko Widodo' });
    expect(a.some((s) => s.type === 'LOCATION' && /Lebak/.test(s.text))).toBe(true);
    expect(a).toContainEqual({ type: 'LOCATION', text: 'Banten' });
    expect(a.some((s) => /Presiden|meresmikan|di/.test(s.text))).toBe(false);

    const b = tagText(t, 'Menteri Keuangan Sri Mulyani Indrawati menghadiri rapat di Jakarta bersama Bank Indonesia.');
    // the tagger alone may leave the given name `Sri` out after a two-word title; the stage puts it
    // back (tests/entities.test.ts, `gives a person name back the given name ...`)
    expect(b.some((s) => s.type === 'PERSON' && s.text.endsWith('Mulyani Indrawati'))).toBe(true);
    expect(b.some((s) => /Menteri|Keuangan/.test(s.text))).toBe(false);
    expect(b).toContainEqual({ type: 'LOCATION', text: 'Jakarta' });
    expect(b.some((s) => s.type === 'ORGANIZATION' && /Bank Indonesia/.test(s.text))).toBe(true);

    const c = tagText(t, 'Ia lahir di Surabaya, Jawa Timur, dan kuliah di Universitas Gadjah Mada.');
    expect(c).toContainEqual({ type: 'LOCATION', text: 'Surabaya' });
    expect(c).toContainEqual({ type: 'LOCATION', text: 'Jawa Timur' });
    expect(c.some((s) => s.type === 'ORGANIZATION' && /Gadjah Mada/.test(s.text))).toBe(true);
    expect(c.some((s) => s.text === 'Ia')).toBe(false);
  });

  it('returns offsets inside the sentence that slice to the entity, with scores in (0, 1)', () => {
    const t = tagger!;
    const text = 'Judul berita.\n\nPresiden Rusia Vladimir Putin bertemu Kim Jong-un di Vladivostok. Lainnya.';
    const start = text.indexOf('Presiden');
    const end = text.indexOf(' Lainnya');
    const spans = t.tag(text, start, end);
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) {
      expect(s.start).toBeGreaterThanOrEqual(start);
      expect(s.end).toBeLessThanOrEqual(end);
      expect(s.end).toBeGreaterThan(s.start);
      expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThan(1);
    }
    const names = spans.map((s) => text.slice(s.start, s.end));
    expect(names).toContain('Vladimir Putin');
    expect(names).toContain('Kim Jong-un');
  });

  it('is deterministic and handles empty input', () => {
    const t = tagger!;
    const text = 'Gubernur Jawa Barat Ridwan Kamil berkunjung ke Bandung pada Senin.';
    const first = t.tag(text, 0, text.length);
    expect(t.tag('Lain kali di Medan.', 0, 19)).toBeDefined();
    expect(t.tag(text, 0, text.length)).toEqual(first);
    expect(loadNerTagger(defaultModelPath('id'))!.tag(text, 0, text.length)).toEqual(first);
    expect(t.tag('', 0, 0)).toEqual([]);
    expect(t.tag('   ', 0, 3)).toEqual([]);
  });
});

describe('shipped English NER model', () => {
  it('loads with its document layer, lexicons and cross-validation figures', () => {
    const model = readModelFile(defaultModelPath('en'))!;
    expect(model.language).toBe('en');
    expect(model.doc?.features.length).toBeGreaterThan(10);
    expect(model.lexicons.first.length).toBeGreaterThan(1000);
    expect(Object.keys(model.lexicons.clusters ?? {}).length).toBeGreaterThan(10_000);
    expect(model.lists.country?.length).toBeGreaterThan(200);
    expect((model.meta as { cv?: unknown }).cv).toBeDefined();
    const tagger = taggerFromModel(model);
    expect(tagger.docLayer).toBeDefined();
    const text = 'Reuters reported that Apple Inc. hired Tim Cook in Cupertino.';
    expect(tagText(tagger, text)).toEqual([
      { type: 'ORGANIZATION', text: 'Reuters' },
      { type: 'ORGANIZATION', text: 'Apple Inc.' },
      { type: 'PERSON', text: 'Tim Cook' },
      { type: 'LOCATION', text: 'Cupertino' },
    ]);
  });

  it('borrows the document layer for the Indonesian model from its own file, with its own transitions', () => {
    const id = readModelFile(defaultModelPath('id'))!;
    const borrowed = readModelFile(BORROWED_DOC_LAYER)!;
    expect(id.doc?.features).toEqual(borrowed.doc?.features);
    expect(id.doc?.weights).toEqual(borrowed.doc?.weights);
    expect(id.doc?.trans).toEqual(id.trans);
    expect(id.meta?.documentLayer).toMatchObject({ learned: false, from: 'ner-doc-layer.json' });
    // the English model learns its own layer, which may differ from the borrowed one
    const en = readModelFile(defaultModelPath('en'))!;
    expect(en.meta?.documentLayer).toMatchObject({ learned: true, features: en.doc?.features.length });
  });
});

describe('loadNerTagger', () => {
  it('names the file when a model is not readable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warta-model-'));
    const file = path.join(dir, 'ner-en.json');
    writeFileSync(file, '{"format": "warta-ner", "weights": [1, 2');
    expect(() => loadNerTagger(file)).toThrow(`${file}: not a readable NER model`);
  });

  it('returns null when the model file is missing', () => {
    expect(loadNerTagger(path.join(__dirname, 'no-such-model.json'))).toBeNull();
  });
});

describe('train:ner options', () => {
  it('lets English learn its document layer and Indonesian borrow the committed one', () => {
    expect(parseArgs(['--lang', 'en']).docLayer).toBe('learn');
    expect(parseArgs(['--lang', 'en']).ensemble).toBe(3);
    expect(parseArgs(['--lang', 'id']).docLayer).toBe(BORROWED_DOC_LAYER);
    expect(parseArgs(['--lang', 'id', '--doc-layer', 'none']).docLayer).toBe('none');
    expect(parseArgs(['--lang', 'en', '--doc-layer-out', 'layer.json']).docLayerOut).toBe(path.resolve('layer.json'));
  });

  it('trains both languages on the word pairs and cluster paths two words away', () => {
    for (const lang of ['id', 'en']) {
      const { templates } = parseArgs(['--lang', lang]);
      expect(templates).toEqual(expect.arrayContaining(['lw@-2+lw@-1', 'lw@1+lw@2', 'lw@-1+lw@0']));
    }
    expect(CLUSTER_TEMPLATES).toEqual(expect.arrayContaining(['c10@-2', 'c10@2']));
    expect(parseArgs(['--lang', 'id', '--drop-templates', 'lw@1+lw@2']).templates).not.toContain('lw@1+lw@2');
  });

  it('writes a document layer that --doc-layer reads back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warta-doc-layer-'));
    const file = path.join(dir, 'nested', 'layer.json');
    const layer = readModelFile(BORROWED_DOC_LAYER)!.doc!;
    writeDocLayerFile(file, layer, { language: 'en', ensemble: 1 });
    const back = readModelFile(file)!;
    expect(back.doc).toEqual(layer);
    expect(back.meta).toEqual({ documentLayerOnly: true, learnedBy: { language: 'en', ensemble: 1 } });
  });
});

describe('training', () => {
  const data = [...TINY_CORPUS, labeled('Tidak ada nama di sini.', [])];

  it('learns a handful of hand-made sentences and round-trips through the model file', () => {
    const { model, tagger } = trainTagger(data, { epochs: 8, seed: 3, prune: 0 });
    const res = evaluate(tagger, data);
    expect(res.micro.f1).toBe(1);
    const again = taggerFromModel(JSON.parse(JSON.stringify(model)));
    expect(evaluate(again, data).micro.f1).toBe(1);
    expect(tagText(again, 'Budi Santoso pergi ke Ambon.')).toEqual([
      { type: 'PERSON', text: 'Budi Santoso' },
      { type: 'LOCATION', text: 'Ambon' },
    ]);
  });

  it('trains with the CRF learner too', () => {
    const { tagger } = trainTagger(data, { epochs: 12, seed: 3, prune: 0, algorithm: 'crf', eta: 0.1 });
    expect(evaluate(tagger, data).micro.f1).toBe(1);
  });

  it('is deterministic for a seed', () => {
    const a = trainTagger(data, { epochs: 3, seed: 7 }).model;
    const b = trainTagger(data, { epochs: 3, seed: 7 }).model;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
