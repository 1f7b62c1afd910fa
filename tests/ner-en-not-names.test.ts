import { describe, expect, it } from 'vitest';
import { englishArticleEntities } from './helpers/english-entities.js';

/**
 * Languages, religions and holidays are no people, places or organisations
 * (sentences written for this test in the style of Malaysian English news).
 */
describe('English: names that are no entities', () => {
  const analyze = englishArticleEntities();
  const entities = (text: string) => analyze(text).map((e) => [e.text, e.type] as [string, string]);

  it('drops languages, their bracketed abbreviation everywhere, and places inside them', () => {
    const got = entities(
      'Doctors must have a pass in Bahasa Melayu (BM) at the SPM level, the Health Ministry said. ' +
        'Those who fail the BM paper in November will lose their posts. ' +
        'Civil servants who use broken Bahasa Malaysia will be fined, and schools will teach Mandarin and Tamil as well as the Malay language.',
    );
    const texts = got.map(([s]) => s);
    for (const s of ['Bahasa Melayu', 'BM', 'Bahasa Malaysia', 'Malaysia', 'Mandarin', 'Tamil', 'Malay']) expect(texts).not.toContain(s);
    expect(got).toContainEqual(['Health Ministry', 'ORGANIZATION']);
  });

  it('drops religions and holidays', () => {
    const got = entities(
      'The mufti said Islam forbids extremism, and shops in Kuala Lumpur will close early during Ramadan and on Hari Raya Aidilfitri. ' +
        'Sales rose ahead of Deepavali and Christmas, Bank Negara Malaysia said.',
    );
    const texts = got.map(([s]) => s);
    for (const s of ['Islam', 'Ramadan', 'Hari Raya Aidilfitri', 'Raya', 'Deepavali', 'Christmas']) expect(texts).not.toContain(s);
    expect(got).toContainEqual(['Kuala Lumpur', 'LOCATION']);
  });

  it('drops listed names joined by and, whatever the tagger made of them', async () => {
    const { dropNotNames, notNames } = await import('../src/ner/not-names.js');
    const { tokenize } = await import('../src/ner/tokens.js');
    const { shapeMention } = await import('../src/ner/mention.js');
    const text = 'Schools will teach Mandarin and Tamil, the Chinese Chamber said.';
    const toks = tokenize(text);
    const span = (a: number, b: number, type: 'ORGANIZATION' | 'LOCATION') =>
      shapeMention({ start: toks[a].start, end: toks[b - 1].end, type, source: 'model', sure: false, score: 1, tokens: toks.slice(a, b), sentence: 0, section: 0 });
    const mentions = [span(3, 6, 'ORGANIZATION'), span(8, 10, 'ORGANIZATION')];
    dropNotNames(mentions, [toks], notNames('en'));
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Chinese Chamber']);
  });

  it('keeps longer names that hold one, and an abbreviation of such a name', () => {
    const got = entities(
      'Rais Yatim said the Dunia Melayu Dunia Islam (DMDI) had a role to play. DMDI will meet in Melaka next month. ' +
        'The Malay Mail reported that flights to Christmas Island resumed on Monday.',
    );
    expect(got).toContainEqual(['DMDI', 'ORGANIZATION']);
    expect(got.filter(([s]) => s === 'DMDI')).toHaveLength(2);
    expect(got).toContainEqual(['Malay Mail', 'ORGANIZATION']);
    expect(got).toContainEqual(['Christmas Island', 'LOCATION']);
  });
});
