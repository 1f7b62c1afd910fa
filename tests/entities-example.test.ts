import { readFileSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { createAnalyzer, type Analyzer } from '../src/analyze.js';
import { recordToDoc } from '../src/ingest/record.js';
import { sliceCodePoints } from '../src/offsets.js';

/**
 * The example article's entities, written by hand from input/seputaran-kim-xi.txt:
 * every mention in title, caption, dateline and body, in text order.
 */
const EXPECTED: [text: string, type: string, entityId: string][] = [
  // title
  ['Kim Jong Un', 'PERSON', 'PERSON:kim-jong-un'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  // caption
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Xi Jinping', 'PERSON', 'PERSON:xi-jinping'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['Kim Jong-un', 'PERSON', 'PERSON:kim-jong-un'],
  ['Balai Besar Rakyat', 'LOCATION', 'LOCATION:great-hall-of-the-people'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['ANTARA', 'ORGANIZATION', 'ORGANIZATION:antara'],
  ['Kementerian Luar Negeri China', 'ORGANIZATION', 'ORGANIZATION:kementerian-luar-negeri-china'],
  // dateline
  ['SEPUTARAN.COM', 'ORGANIZATION', 'ORGANIZATION:seputaran-com'],
  ['Istanbul', 'LOCATION', 'LOCATION:istanbul'],
  // body
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['Kim Jong Un', 'PERSON', 'PERSON:kim-jong-un'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Xi Jinping', 'PERSON', 'PERSON:xi-jinping'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Kantor Berita Pusat Korea', 'ORGANIZATION', 'ORGANIZATION:kcna'],
  ['KCNA', 'ORGANIZATION', 'ORGANIZATION:kcna'],
  ['Kim', 'PERSON', 'PERSON:kim-jong-un'],
  ['Partai Pekerja Korea', 'ORGANIZATION', 'ORGANIZATION:workers-party-of-korea'],
  ['WPK', 'ORGANIZATION', 'ORGANIZATION:workers-party-of-korea'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Kim', 'PERSON', 'PERSON:kim-jong-un'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Kim', 'PERSON', 'PERSON:kim-jong-un'],
  ['Xi', 'PERSON', 'PERSON:xi-jinping'],
  ['Xi Jinping', 'PERSON', 'PERSON:xi-jinping'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Xi', 'PERSON', 'PERSON:xi-jinping'],
  ['Pyongyang', 'LOCATION', 'LOCATION:pyongyang'],
  ['Xi', 'PERSON', 'PERSON:xi-jinping'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Pyongyang', 'LOCATION', 'LOCATION:pyongyang'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Jepang', 'LOCATION', 'LOCATION:JP'],
  ['Rusia', 'LOCATION', 'LOCATION:RU'],
  ['Vladimir Putin', 'PERSON', 'PERSON:vladimir-putin'],
  ['Kim Jong Un', 'PERSON', 'PERSON:kim-jong-un'],
  ['China', 'LOCATION', 'LOCATION:CN'],
  ['Korea Utara', 'LOCATION', 'LOCATION:KP'],
  ['Rusia', 'LOCATION', 'LOCATION:RU'],
  ['Kim', 'PERSON', 'PERSON:kim-jong-un'],
  ['Putin', 'PERSON', 'PERSON:vladimir-putin'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Rusia', 'LOCATION', 'LOCATION:RU'],
  ['Ukraina', 'LOCATION', 'LOCATION:UA'],
  ['Beijing', 'LOCATION', 'LOCATION:beijing'],
  ['Kim Jong Un', 'PERSON', 'PERSON:kim-jong-un'],
  ['China', 'LOCATION', 'LOCATION:CN'],
];

const FUNCTION_WORDS = ['dan', 'yang', 'Hal', 'Ia', 'Dalam', 'Menurut', 'Selain', 'Tegaskan', 'Siap', 'Perkuat', 'Kamis', 'Jumat', 'Rabu', 'Tim', 'Penulis'];

describe('entities on the example article', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await createAnalyzer();
  });

  const run = () => {
    const text = readFileSync(new URL('../input/seputaran-kim-xi.txt', import.meta.url), 'utf8');
    const doc = recordToDoc({ text }, { path: 'input/seputaran-kim-xi.txt', format: 'txt', record: null, sha256: '' });
    return analyzer.analyze(doc);
  };

  it('finds every person, place and organisation with its type and entity', () => {
    const out = run();
    const got = out.entities.map((e) => [e.text, e.type, e.entity_id]);
    expect(got).toEqual(EXPECTED);
  });

  it('never emits a function word or headline verb, and every span slices to its text', () => {
    const out = run();
    for (const e of out.entities) {
      expect(FUNCTION_WORDS).not.toContain(e.text);
      expect(sliceCodePoints(out.text, e.start, e.end)).toBe(e.text);
      expect(['title', 'caption', 'dateline', 'body']).toContain(e.section);
    }
  });

  it('gives one canonical name per entity', () => {
    const out = run();
    const canon = new Map<string, Set<string>>();
    for (const e of out.entities) {
      if (!canon.has(e.entity_id)) canon.set(e.entity_id, new Set());
      canon.get(e.entity_id)!.add(e.canonical);
    }
    for (const [id, names] of canon) expect([id, names.size]).toEqual([id, 1]);
    expect([...canon.get('PERSON:kim-jong-un')!]).toEqual(['Kim Jong Un']);
    expect([...canon.get('ORGANIZATION:kcna')!]).toEqual(['Kantor Berita Pusat Korea']);
  });
});
