import { describe, expect, it } from 'vitest';
import { englishArticleEntities } from './helpers/english-entities.js';

/** Titles of films, books and albums are no entities (sentences written for this test). */
describe('English: titles of works', () => {
  const analyze = englishArticleEntities();
  const entities = (text: string) => analyze(text).map((e) => [e.text, e.type] as [string, string]);

  it('drops a title after its noun, and the same title elsewhere in the article', () => {
    const got = entities(
      'Rajinikanth said his much-awaited gangster movie called Kabali will be dubbed in Malay. ' +
        'Kabali will be released on July 1 in Malaysia, and fans in Malacca watched the shooting of Kabali last year. ' +
        'The singer, whose album Confessions has sold eight million copies, will tour Europe.',
    );
    const texts = got.map(([s]) => s);
    expect(texts).not.toContain('Kabali');
    expect(texts).not.toContain('Confessions');
    expect(got).toContainEqual(['Rajinikanth', 'PERSON']);
    expect(got).toContainEqual(['Malaysia', 'LOCATION']);
  });

  it('keeps a name inside a longer quoted title, and names after other nouns', () => {
    const got = entities(
      'Tunku Ismail lashed out at a Kosmo article titled “Tunku Ismail guris hati peminat” on Monday. ' +
        'Newcastle will play Manchester United on Sunday, the newspaper Le Monde reported.',
    );
    expect(got.filter(([s]) => s === 'Tunku Ismail').length).toBe(2);
    expect(got).toContainEqual(['Manchester United', 'ORGANIZATION']);
    expect(got).toContainEqual(['Le Monde', 'ORGANIZATION']);
  });
});
