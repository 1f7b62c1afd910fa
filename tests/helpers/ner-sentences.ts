import type { LabeledSentence } from '../../src/ner/tagger/trainer.js';

type Type = 'PERSON' | 'LOCATION' | 'ORGANIZATION';

/** A training sentence with its entities given by their text (first occurrence). */
export function labeled(text: string, ents: Array<[string, Type]>): LabeledSentence {
  return {
    text,
    entities: ents.map(([s, type]) => {
      const start = text.indexOf(s);
      return { start, end: start + s.length, type };
    }),
  };
}

/** Four hand-written Indonesian sentences with people, places and an organisation. */
export const TINY_CORPUS: LabeledSentence[] = [
  labeled('Budi Santoso pergi ke Medan kemarin.', [['Budi Santoso', 'PERSON'], ['Medan', 'LOCATION']]),
  labeled('Kemarin Ani Wijaya bekerja di PT Sinar Jaya.', [['Ani Wijaya', 'PERSON'], ['PT Sinar Jaya', 'ORGANIZATION']]),
  labeled('Mereka tinggal di Medan dan Ambon.', [['Medan', 'LOCATION'], ['Ambon', 'LOCATION']]),
  labeled('Budi Santoso dan Ani Wijaya bertemu di Ambon.', [['Budi Santoso', 'PERSON'], ['Ani Wijaya', 'PERSON'], ['Ambon', 'LOCATION']]),
];
