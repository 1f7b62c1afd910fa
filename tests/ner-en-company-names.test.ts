import { describe, expect, it } from 'vitest';
import { englishArticleEntities } from './helpers/english-entities.js';

/** A company's first word alone is the company (articles written for this test in wire style). */
describe('English: a company named by its first word', () => {
  const analyze = englishArticleEntities();
  const entities = (title: string, text: string) => analyze(text, title).map((e) => [e.text, e.type] as [string, string]);

  it('types the short form of a company written with its legal form or a company word as the company', () => {
    const got = entities(
      'Bryson buys stake in Cenergy',
      'Bryson Oil and Gas Plc said it paid 5.4 mln dlrs for about 8.6 pct of Cenergy Corp, a U.S. exploration company. ' +
        'Bryson said its board had been considering a number of possible investments. ' +
        'Oppenheimer Capital said it bought the stake in Cyclops for investment purposes, and Oppenheimer may buy more.',
    );
    expect(got).toContainEqual(['Bryson Oil and Gas Plc', 'ORGANIZATION']);
    const bryson = got.filter(([s]) => s === 'Bryson');
    expect(bryson.length).toBeGreaterThan(0);
    expect(bryson.every(([, t]) => t === 'ORGANIZATION')).toBe(true);
    expect(got.filter(([s]) => s === 'Oppenheimer').every(([, t]) => t === 'ORGANIZATION')).toBe(true);
    expect(got.filter(([, t]) => t === 'PERSON')).toEqual([]);
  });

  it('leaves a person of the same name and a place before a company word alone', () => {
    const got = entities(
      'Ford Motor Co recalls trucks',
      'Ford Motor Co said it would recall 500,000 trucks. Actor Harrison Ford, who is not related, said Ford had been a hero of his childhood. ' +
        'Texas Instruments Inc raised its forecast, and factories in Texas will hire 2,000 workers.',
    );
    expect(got).toContainEqual(['Harrison Ford', 'PERSON']);
    expect(got).toContainEqual(['Texas', 'LOCATION']);
    expect(got).not.toContainEqual(['Texas', 'ORGANIZATION']);
  });
});
