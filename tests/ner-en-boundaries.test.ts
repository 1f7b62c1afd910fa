import { describe, expect, it } from 'vitest';
import { englishArticleEntities } from './helpers/english-entities.js';
import { taggerText } from '../src/ner/tagger-text.js';
import { loadGazetteer } from '../src/ner/gazetteer.js';
import type { Mention } from '../src/ner/mention.js';
import { langResources } from '../src/ner/resources.js';
import { cutAtBreaks } from '../src/ner/span-breaks.js';
import { tokenize } from '../src/ner/tokens.js';

/**
 * Where English names begin and end on news the tagger was not trained on
 * (sentences written for this test in the style of Malaysian, British and
 * wire copy): typographic possessives, commas, brackets and full stops.
 */
describe('English entity boundaries', () => {
  const analyze = englishArticleEntities();
  const entities = (text: string, title = '') => analyze(text, title).map((e) => [e.text, e.type] as [string, string]);

  it('folds typographic quotes for the tagger only, offset for offset', () => {
    const s = 'He said “Qwest’s offer” was ‘fair’.';
    const folded = taggerText(s);
    expect(folded).toBe('He said "Qwest\'s offer" was \'fair\'.');
    expect(folded.length).toBe(s.length);
    const plain = 'No quotes here.';
    expect(taggerText(plain)).toBe(plain);
  });

  it('keeps a typographic possessive out of the name, as the ASCII one', () => {
    const curly = entities(
      'But he said Azmin’s influence should not be dismissed, while Qwest’s new offer for MCI was rejected by the board. ' +
        'The crown prince said Malaysia’s football team had improved.',
    );
    expect(curly).toContainEqual(['Azmin', 'PERSON']);
    expect(curly).toContainEqual(['Qwest', 'ORGANIZATION']);
    expect(curly).toContainEqual(['Malaysia', 'LOCATION']);
    for (const [s] of curly) expect(s).not.toMatch(/’s$/);
  });

  it('cuts a name at a comma between two names, not inside one', () => {
    const got = entities(
      'The carrier will cater meals on board Malindo Air, Qatar Airways and Royal Brunei Airlines from next year. ' +
        'Honourable mentions went to the School of Communication, School of Art and the Honors Program. ' +
        'Margins rise as of the opening of trade Monday, March 23, the Coffee, Sugar and Cocoa Exchange, CSCE, said. ' +
        'The Department for Culture, Media and Sport said it would review the rules. ' +
        'Shares of Goldman, Sachs and Co rose while CBS, Inc. was flat, a dealer in Washington, D.C. said.',
    );
    expect(got).toContainEqual(['Malindo Air', 'ORGANIZATION']);
    expect(got).toContainEqual(['Qatar Airways', 'ORGANIZATION']);
    expect(got).toContainEqual(['School of Communication', 'ORGANIZATION']);
    expect(got).toContainEqual(['School of Art', 'ORGANIZATION']);
    expect(got).toContainEqual(['Royal Brunei Airlines', 'ORGANIZATION']);
    const texts = got.map(([s]) => s);
    expect(texts).toContain('Department for Culture, Media and Sport');
    expect(texts).toContain('Goldman, Sachs and Co');
    expect(texts.some((s) => s.includes('Malindo Air,') || s.includes('Communication,') || s.includes(' and Royal'))).toBe(false);
  });

  it('keeps a comma inside a name and cuts a list of names, whatever span the tagger gave', () => {
    // the rule on its own: each phrase as one tagger mention, cut (or not) by cutAtBreaks
    const res = langResources('en');
    const gaz = loadGazetteer();
    const cut = (phrase: string) => {
      const tokens = tokenize(phrase);
      const m: Mention = { start: 0, end: phrase.length, type: 'ORGANIZATION', source: 'model', sure: false, score: 0.5, tokens, sentence: 0, section: 0 };
      return cutAtBreaks([m], res, gaz, tokens[0]).map((p) => phrase.slice(p.start, p.end));
    };
    expect(cut('Coffee, Sugar and Cocoa Exchange')).toEqual(['Coffee, Sugar and Cocoa Exchange']);
    expect(cut('Bureau of Alcohol, Tobacco and Firearms')).toEqual(['Bureau of Alcohol, Tobacco and Firearms']);
    expect(cut('Goldman, Sachs and Co')).toEqual(['Goldman, Sachs and Co']);
    expect(cut('CBS, Inc.')).toEqual(['CBS, Inc.']);
    expect(cut('Malindo Air, Qatar Airways')).toEqual(['Malindo Air', 'Qatar Airways']);
    expect(cut('Malindo Air, Qatar Airways and Royal Brunei Airlines')).toEqual(['Malindo Air', 'Qatar Airways', 'Royal Brunei Airlines']);
  });

  it('cuts a name at a bracket without its partner and drops a lone letter', () => {
    const got = entities(
      'Johor crown prince Tunku Ismail told the daily Kosmo and its publisher Utusan Melayu (M) Bhd to shut down. ' +
        'The plan was drawn up jointly by the Crown Prosecution Service (CPS) and Association of Chief Police Officers (ACPO).',
    );
    const texts = got.map(([s]) => s);
    for (const s of texts) {
      expect(s.split('(').length).toBe(s.split(')').length);
      expect(s).not.toBe('M');
    }
    expect(texts).toContain('Crown Prosecution Service');
    expect(texts).toContain('Association of Chief Police Officers');
    // the aliases in brackets are the organisations' own
    expect(got).toContainEqual(['CPS', 'ORGANIZATION']);
    expect(got).toContainEqual(['ACPO', 'ORGANIZATION']);
  });

  it('cuts a name at a lone double quote but keeps a quoted nickname inside a name', () => {
    // the drop cap of a scraped Jakarta Post body lost the T of Thomas
    const got = entities(
      'homas “Tommy” Djiwandono was officially sworn in as a deputy governor of Bank Indonesia on Friday. ' +
        'Boxer Rubin "Hurricane" Carter died in Toronto.',
    );
    const texts = got.map(([s]) => s);
    for (const s of texts) expect((s.match(/["“”]/g) ?? []).length % 2).toBe(0);
    expect(got).toContainEqual(['Djiwandono', 'PERSON']);
    expect(texts.some((s) => s.includes('Rubin "Hurricane" Carter'))).toBe(true);
  });

  it('leaves a sentence’s full stop out of a name but keeps an abbreviation’s', () => {
    const got = entities(
      'Also present was Selangor state executive councillor Dr Halimah Ali.The remains were brought home. ' +
        'The deal was reported by Berita Harian. Exports to the U.S. rose, said Drexel Burnham Lambert Inc.',
    );
    const texts = got.map(([s]) => s);
    expect(texts).toContain('Halimah Ali');
    expect(texts).toContain('Berita Harian');
    expect(texts).toContain('U.S.');
    expect(texts).toContain('Drexel Burnham Lambert Inc.');
  });
});
