import { describe, expect, it } from 'vitest';
import { caseClass, emptyLexicons, KIND_NAMES, lexKey, typeAtoms, wordShape } from '../src/ner/tagger/features.js';
import { documentFeatures, DocumentLayer, type SentenceDecoding } from '../src/ner/tagger/document-layer.js';
import { countDocumentLayer, holdOut, trainDocumentLayer } from '../src/ner/tagger/document-trainer.js';
import { splitGluedTokens } from '../src/ner/tagger/glue.js';
import { defaultModelPath, readModelFile, taggerFromModel } from '../src/ner/tagger/index.js';
import { tokenize as tokenizeTagger } from '../src/ner/tagger/tokenize.js';
import { LIST_NAMES, NUM_GROUPS, PhraseLists } from '../src/ner/tagger/lists.js';
import { indonesianLocalAreaNames } from '../src/ner/gazetteer.js';
import { nameLists } from '../src/ner/train-resources.js';
import { LABELS, sentenceStyleOf } from '../src/ner/tagger/model.js';
import { evaluate, trainTagger } from '../src/ner/tagger/trainer.js';
import { labeled, TINY_CORPUS } from './helpers/ner-sentences.js';

const label = (name: string) => LABELS.indexOf(name);

describe('token features', () => {
  const lex = {
    ...emptyLexicons(),
    first: new Set(['budi']),
    last: new Set(['santoso']),
    parts: new Set(['wijaya']),
    cues: new Map([['presiden', 'T']]),
    caseRatio: new Map([['budi', 'c'], ['rumah', 'l']]),
    clusters: new Map([['budi', '0110101100101']]),
  };
  const atoms = (w: string) => Object.fromEntries(typeAtoms(w, lex).map((a, k) => [KIND_NAMES[k], a]));

  it('describes a word by its form, lexicons, capitalisation in news and cluster', () => {
    expect(atoms('Budi')).toMatchObject({ lw: 'budi', sh: 'Xxx', p2: 'bu', s3: 'udi', lex: 'T-', nm: 'F', cr: 'c', c4: '0110', c6: '011010', c10: '0110101100' });
    expect(atoms('Santoso').nm).toBe('S');
    expect(atoms('Wijaya').nm).toBe('N');
    expect(atoms('Presiden').cue).toBe('T');
    expect(atoms('rumah')).toMatchObject({ lex: 'L-', cr: 'l', nm: '-', c4: '-' });
    expect(atoms('2025').lw).toBe('0000');
  });

  it('computes shapes, case classes and lookup keys', () => {
    expect(wordShape('Jong-un')).toBe('Xxx-xx');
    expect(wordShape('KPK2025')).toBe('XXdd');
    expect(caseClass('KPK')).toBe('A');
    expect(caseClass('McDonald')).toBe('M');
    expect(caseClass('W.')).toBe('I');
    expect(caseClass('(')).toBe('P');
    expect(lexKey('Reuters’s')).toBe("reuters's");
  });

  it('tells headlines and all-capital lines from prose', () => {
    const split = (s: string) => s.split(' ');
    expect(sentenceStyleOf(split('SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN'), 7)).toBe('A');
    expect(sentenceStyleOf(split('Kim Jong Un Tegaskan Korea Utara Siap Perkuat Hubungan'), 9)).toBe('T');
    expect(sentenceStyleOf(split('Presiden Joko Widodo tiba di Jakarta pada Senin'), 8)).toBe('N');
  });
});

describe('name-list features', () => {
  const lists = new PhraseLists({ country: ['Korea Utara', 'Korea Selatan'], city: ['Jakarta', 'Manchester'], team: ['Manchester United'], person: ['Kim Jong Un'] });
  const keys = ['kim', 'jong', 'un', 'ke', 'korea', 'utara', 'dan', 'manchester', 'united'];
  const match = () => {
    const n = keys.length;
    const len = new Int32Array(NUM_GROUPS * n);
    const which = new Int32Array(NUM_GROUPS * n);
    lists.matchAll(keys, keys.map((k) => lists.first(k)), n, len, which);
    return { n, len, which };
  };

  it('reads the districts and villages of Indonesia as place lists (Indonesian models only)', async () => {
    const local = indonesianLocalAreaNames();
    expect(local.district.length).toBeGreaterThan(6000);
    expect(local.village.length).toBeGreaterThan(60000);
    expect(local.district).toContain('Randudongkal');
    expect(local.district).toContain('Kluet Utara');
    expect(local.village).toContain('Keude Bakongan');
    expect(local.village).toContain("Soka'an"); // the package writes the apostrophe as a double quote
    const places = new PhraseLists({ district: ['Randudongkal'], village: ['Keude Bakongan'] });
    const ks = ['desa', 'keude', 'bakongan', 'kecamatan', 'randudongkal'];
    const n = ks.length;
    const len = new Int32Array(NUM_GROUPS * n);
    const which = new Int32Array(NUM_GROUPS * n);
    places.matchAll(ks, ks.map((k) => places.first(k)), n, len, which);
    expect([len[1], LIST_NAMES[which[1]]]).toEqual([2, 'village']); // group 0: places
    expect([len[4], LIST_NAMES[which[4]]]).toEqual([1, 'district']);
    const id = await nameLists('id');
    expect(id.district).toContain('Randudongkal');
    expect((await nameLists('en')).district).toBeUndefined();
  });

  it('gives training the very lists the shipped models hold, so train:ner makes them again', async () => {
    // lists made from the training splits (`known-*`) are added by train.ts, not here
    for (const lang of ['id', 'en'] as const) {
      const model = readModelFile(defaultModelPath(lang));
      const now = await nameLists(lang);
      for (const [name, phrases] of Object.entries(now)) {
        expect(new Set(model.lists[name as keyof typeof model.lists]), `${lang} ${name}`).toEqual(new Set(phrases));
      }
    }
    // the gazetteer's one-word spellings of two-word regencies came later: not in the lists
    expect((await nameLists('id')).regency).not.toContain('Tanjungpinang');
  });

  it('finds the longest phrase of each group at every token', () => {
    const { n, len, which } = match();
    expect(lists.size).toBe(6);
    expect([len[0 * n + 4], LIST_NAMES[which[0 * n + 4]]]).toEqual([2, 'country']); // Korea Utara (places)
    expect([len[0 * n + 7], LIST_NAMES[which[0 * n + 7]]]).toEqual([1, 'city']); // Manchester (places)
    expect([len[1 * n + 7], LIST_NAMES[which[1 * n + 7]]]).toEqual([2, 'team']); // Manchester United (organisations)
    expect(len[2 * n + 0]).toBe(3); // Kim Jong Un (people)
    expect(len[0 * n + 3]).toBe(0);
  });
});

function sentence(words: string[], labels: string[], keys = words.map((w) => w.toLowerCase())): SentenceDecoding {
  return {
    n: words.length,
    labels: Int32Array.from(labels.map(label)),
    emissions: new Float64Array(words.length * LABELS.length),
    tokens: words.map((w, i) => ({ text: w, key: keys[i] })),
    spans: [],
    scores: [],
  };
}

describe('document-level pass', () => {
  const article = [
    sentence(['Kim', 'Jong', 'Un', 'tiba', 'di', 'Beijing'], ['B-PERSON', 'I-PERSON', 'L-PERSON', 'O', 'O', 'U-LOCATION']),
    sentence(['Pertemuan', 'Kim', 'dan', 'Xi', 'berlangsung'], ['O', 'O', 'O', 'O', 'O']),
    sentence(['Xi', 'Jinping', 'menyambut', 'Kim', 'di', 'Beijing'], ['B-PERSON', 'L-PERSON', 'O', 'U-PERSON', 'O', 'U-LOCATION']),
    sentence(['Ia', 'bicara', 'soal', 'pertemuan', 'itu'], ['O', 'O', 'O', 'O', 'O']),
  ];

  it('gives each word what the tagger said about it elsewhere in the article', () => {
    const f = documentFeatures(article);
    // `Kim` in sentence 2: a person in both other sentences, once inside a longer name
    expect(f[1][1]).toEqual(['all:PER|M', 'multi:PER|M']);
    // `Xi` in sentence 2: a person in the other sentence
    expect(f[1][3]).toEqual(['all:PER|M', 'multi:PER|M']);
    // `Pertemuan` at the start: written in lower case elsewhere
    expect(f[1][0]).toEqual(['lc|F']);
    // `Beijing` is a place in the other sentence; lower-case words get nothing
    expect(f[0][5]).toEqual(['all:LOC|M']);
    expect(f[0][3]).toEqual([]);
  });

  it('decides again with the learned weights and keeps the sentence tagger\'s emissions', () => {
    const weights = new Array(2 * LABELS.length).fill(0);
    weights[0 * LABELS.length + label('U-PERSON')] = 5; // all:PER|M pushes a lone word to a one-word person
    const layer = {
      features: ['all:PER|M', 'multi:PER|M'],
      weights,
      trans: new Array((LABELS.length + 1) * LABELS.length).fill(0),
      end: new Array(LABELS.length).fill(0),
    };
    const tiny = trainTagger([{ text: 'Budi pergi.', entities: [{ start: 0, end: 4, type: 'PERSON' }] }], { epochs: 1, prune: 0 }).tagger;
    const docs = article.map((s) => ({ ...s, labels: Int32Array.from(s.labels) }));
    new DocumentLayer(tiny, layer).redecide(docs);
    expect(Array.from(docs[1].labels, (y) => LABELS[y])).toEqual(['O', 'U-PERSON', 'O', 'U-PERSON', 'O']);
    expect(docs[1].spans.map(([a, b]) => [a, b])).toEqual([[1, 1], [3, 3]]);
    expect(docs[1].emissions.every((x) => x === 0)).toBe(true);
  });
});

describe('training', () => {
  const data = [...TINY_CORPUS, labeled('Tim Persib Bandung kalah di Medan.', [['Persib Bandung', 'ORGANIZATION'], ['Medan', 'LOCATION']])];
  const options = {
    language: 'id' as const,
    epochs: 8,
    seed: 5,
    prune: 0,
    lexicons: { first: ['budi', 'ani'], last: ['santoso'], parts: ['wijaya'], cues: { pt: 'O', di: 'R' }, caseRatio: { l: ['pergi', 'kemarin'], c: ['medan'] } },
    lists: { city: ['Medan', 'Ambon', 'Bandung'], team: ['Persib Bandung'] },
  };

  it('stores lexicons and name lists in the model and gives the same answers after a round trip', () => {
    const { model, tagger } = trainTagger(data, options);
    expect(model.lexicons.first).toEqual(['budi', 'ani']);
    expect(model.lists.team).toEqual(['Persib Bandung']);
    expect(evaluate(tagger, data).micro.f1).toBe(1);
    const again = taggerFromModel(JSON.parse(JSON.stringify(model)));
    const text = 'Budi Santoso pergi ke Ambon bersama Persib Bandung.';
    expect(again.tag(text, 0, text.length)).toEqual(tagger.tag(text, 0, text.length));
  });

  it('is deterministic for a seed, document layer included', () => {
    const a = trainTagger(data, options);
    const b = trainTagger(data, options);
    expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
    const held = data.map((s, i) => holdOut(a.tagger, s, 'doc-1', i % 2));
    const layerA = trainDocumentLayer(held, { epochs: 3, seed: 2, l2: 1e-4, eta: 0.05 });
    const layerB = trainDocumentLayer(held, { epochs: 3, seed: 2, l2: 1e-4, eta: 0.05 });
    expect(layerA).toEqual(layerB);
    const counts = { PERSON: [0, 0, 0], LOCATION: [0, 0, 0], ORGANIZATION: [0, 0, 0] } as Record<string, [number, number, number]>;
    countDocumentLayer(a.tagger, layerA, held, counts);
    expect(counts.PERSON[0] + counts.LOCATION[0] + counts.ORGANIZATION[0]).toBeGreaterThan(8);
  });
});

const tokenizeForTest = (text: string, toks: number[]) => tokenizeTagger(text, 0, text.length, toks);

describe('glued words from scraped pages', () => {
  const news: Record<string, string> = { presiden: 'l', prabowo: 'c', subianto: 'M', jokowi: 'c', quick: 'M', response: 'M', itu: 'l', ini: 'l', kata: 'l', persija: 'M', jakarta: 'c', madrid: 'c', akan: 'l', ketika: 'l', youtube: 'c', malaysia: 'c', suka: 'l', dana: 'l', hire: 'l', untuk: 'l', pelatih: 'l', by: 'l', mac: 'M', perancis: 'c', asean: 'c', ken: 'c', bahkan: 'l', yang: 'l', san: 'c', ada: 'l' };
  const known = (k: string) => news[k];
  const split = (text: string) => {
    const toks: number[] = [];
    let n = tokenizeForTest(text, toks);
    n = splitGluedTokens(text, toks, n, (i) => known(text.slice(toks[2 * i], toks[2 * i + 1]).toLowerCase()) === undefined, {
      caseOf: known,
      tails: new Set(['akan', 'ketika', 'dan', 'itu', 'ini', 'untuk', 'by', 'yang', 'ada', 'bahkan']),
      isNamePart: (k) => k === 'atletico' || k === 'shahi',
      isPlaceOrBody: (k) => ['madrid', 'perancis', 'asean', 'jakarta', 'san'].includes(k),
      startsKnownName: (k) => k === 'atletico',
    });
    return Array.from({ length: n }, (_, i) => text.slice(toks[2 * i], toks[2 * i + 1]));
  };

  it('splits case changes and lower-case words glued to a name when the news knows the parts', () => {
    expect(split('kata PresidenPrabowoSubianto di PersijaJakarta')).toEqual(['kata', 'Presiden', 'Prabowo', 'Subianto', 'di', 'Persija', 'Jakarta']);
    expect(split('Real Madridakan main, kata Perancisdan ASEANitu')).toEqual(['Real', 'Madrid', 'akan', 'main', ',', 'kata', 'Perancis', 'dan', 'ASEAN', 'itu']);
    // an upper-case head needs no list
    expect(split('kata PBSIdan KONI')).toEqual(['kata', 'PBSI', 'dan', 'KONI']);
  });

  it('splits a function word after a name-like head of five letters or more, or any capitalised head before a case change', () => {
    expect(split('kata Jokowiitu, Atleticodan Madrid, Souzaketika')).toEqual(['kata', 'Jokowi', 'itu', ',', 'Atletico', 'dan', 'Madrid', ',', 'Souza', 'ketika']);
    expect(split('Presiden Prabowo SubiantoketikaQuick Response')).toEqual(['Presiden', 'Prabowo', 'Subianto', 'ketika', 'Quick', 'Response']);
    // most words that merely end like a function word are whole: short heads, unknown heads
    // with a short tail (even when a place list knows them: `Shahi` is a city), names
    expect(split('Shahidan berkata Tambahkan dan Kenakan')).toEqual(['Shahidan', 'berkata', 'Tambahkan', 'dan', 'Kenakan']);
    expect(split('Hamdan dan Mancini')).toEqual(['Hamdan', 'dan', 'Mancini']);
    // a listed head of three letters is too short to trust (`San` + `ada`)
    expect(split('kata Sanada')).toEqual(['kata', 'Sanada']);
  });

  it('leaves known words, unknown parts and common-word heads alone', () => {
    expect(split('YouTube dan Malaysia')).toEqual(['YouTube', 'dan', 'Malaysia']);
    expect(split('WiraBlok Sukadana')).toEqual(['WiraBlok', 'Sukadana']);
    // the tail must be a function word glued after a name, not part of a compound
    expect(split('Nottinghamshire')).toEqual(['Nottinghamshire']);
  });

  it('splits a lower-case word glued before a name, a web name or a glued pair of names', () => {
    expect(split('pelatih baru untukPersija Jakarta')).toEqual(['pelatih', 'baru', 'untuk', 'Persija', 'Jakarta']);
    expect(split('as reported byBisnis.com today')).toEqual(['as', 'reported', 'by', 'Bisnis.com', 'today']);
    expect(split('pelatihPersijaJakarta')).toEqual(['pelatih', 'Persija', 'Jakarta']);
    // a head the news writes capitalised, an unknown head or a one-letter prefix is no glued word
    expect(split('macOS dan iPhone')).toEqual(['macOS', 'dan', 'iPhone']);
    expect(split('pramusimPersija')).toEqual(['pramusimPersija']);
  });
});
