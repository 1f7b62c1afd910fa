import { franc } from 'franc';
import { defineStage } from '../stage.js';

const ISO1: Record<string, string> = { ind: 'id', zlm: 'ms', eng: 'en', jav: 'jv', sun: 'su', nld: 'nl', cmn: 'zh' };

/** First version: franc over the whole text. The language issue owns the real detector. */
export const languageStage = defineStage({
  name: 'language',
  description: 'Article language (ISO 639-1 where one exists) and confidence',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => (doc) => {
    if (doc.meta.languageHint) {
      doc.language = doc.meta.languageHint;
      doc.language_confidence = 1;
      return;
    }
    const code = franc(doc.text);
    doc.language = ISO1[code] ?? code;
    doc.language_confidence = code === 'und' ? 0 : 0.5;
  },
});
