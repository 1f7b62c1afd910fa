import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../src/analyze.js';
import { recordToDoc } from '../src/ingest/record.js';

/**
 * English newswire as a user's export would hold it (sentences written for
 * this test): organisations are organisations, not people — clubs, companies,
 * agencies and governments — and the English tagger, not compromise, decides.
 */
describe('English entities', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await createAnalyzer();
  });

  const entities = (title: string, text: string) => {
    const doc = recordToDoc({ title, text }, { path: 'feed.jsonl', format: 'jsonl', record: 0, sha256: '' });
    const out = analyzer.analyze(doc);
    expect(out.language).toBe('en');
    return out.entities.map((e) => [e.text, e.type] as [string, string]);
  };

  it('types clubs, companies, agencies and governments as organisations', () => {
    const got = entities(
      'Manchester United beat Chelsea to reach the cup final',
      'Manchester United beat Chelsea 2-1 at Old Trafford on Saturday, Reuters reported. ' +
        'Coach Erik ten Hag said the club would keep its squad together. ' +
        'In a separate statement, the Treasury said it would review the tax rules after Microsoft and Toyota Motor Corp warned of higher costs. ' +
        'The World Health Organization and the European Central Bank are due to publish their reports next week.',
    );
    for (const org of ['Manchester United', 'Chelsea', 'Reuters', 'Treasury', 'Microsoft', 'World Health Organization', 'European Central Bank']) {
      expect(got).toContainEqual([org, 'ORGANIZATION']);
    }
    expect(got.filter(([, t]) => t === 'PERSON').map(([s]) => s)).not.toContain('Manchester United');
    expect(got).toContainEqual(['Erik ten Hag', 'PERSON']);
  });

  it('keeps people, places and titles apart', () => {
    const got = entities(
      'Indonesia and Japan sign energy deal',
      'JAKARTA – Indonesian President Prabowo Subianto met Japanese Prime Minister Shigeru Ishiba in Tokyo on Tuesday. ' +
        "Prabowo said Indonesia's state energy firm Pertamina would build a refinery in East Java with Japan's Inpex.",
    );
    expect(got).toContainEqual(['Prabowo Subianto', 'PERSON']);
    expect(got).toContainEqual(['Shigeru Ishiba', 'PERSON']);
    expect(got).toContainEqual(['Tokyo', 'LOCATION']);
    expect(got).toContainEqual(['Indonesia', 'LOCATION']);
    expect(got).toContainEqual(['Pertamina', 'ORGANIZATION']);
    expect(got).toContainEqual(['East Java', 'LOCATION']);
    // titles stay outside the name, adjectives are not entities
    for (const [s] of got) expect(s).not.toMatch(/^(President|Prime|Minister)|Indonesian|Japanese/);
  });
});
