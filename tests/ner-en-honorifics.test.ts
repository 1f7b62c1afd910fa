import { describe, expect, it } from 'vitest';
import { englishArticleEntities } from './helpers/english-entities.js';

/** Malaysian honorifics stay outside people's names (sentences written for this test). */
describe('English: honorifics before names', () => {
  const analyze = englishArticleEntities();
  const people = (text: string) => analyze(text).filter((e) => e.type === 'PERSON').map((e) => e.text);

  it('removes every honorific leading a name, Tan Sri and Dato’ included', () => {
    const got = people(
      'Prime Minister Datuk Seri Najib Razak said the search would go on. ' +
        'Also present were Menteri Besar Tan Sri Khalid Ibrahim and Deputy Prime Minister Datuk Seri Dr Ahmad Zahid Hamidi. ' +
        'FINAS director-general Dato’ Kamil Othman said the festival would open in May, and Tun Dr Mahathir Mohamad attended.',
    );
    for (const name of ['Najib Razak', 'Khalid Ibrahim', 'Ahmad Zahid Hamidi', 'Kamil Othman', 'Mahathir Mohamad']) expect(got).toContain(name);
    for (const name of got) expect(name).not.toMatch(/^(Datuk|Tan|Sri|Seri|Dato|Tun|Dr)\b/);
  });

  it('keeps a title inside a name and never makes a person of the honorific alone', () => {
    const got = people(
      'Former premier Datuk Seri Najib Tun Razak was charged on Wednesday. ' +
        'The list is led by Tan Sri Tony Fernandes and Datuk Kamarudin Meranun of the AirAsia Group.',
    );
    expect(got).toContain('Najib Tun Razak');
    expect(got).toContain('Tony Fernandes');
    expect(got).toContain('Kamarudin Meranun');
    expect(got).not.toContain('Tan Sri');
  });

  it('leaves names without an honorific alone', () => {
    const got = people('Tony Fernandes said AirAsia would add flights, and Anwar Ibrahim welcomed the move.');
    expect(got).toEqual(expect.arrayContaining(['Tony Fernandes', 'Anwar Ibrahim']));
  });
});
