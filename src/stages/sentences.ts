import { ANALYSED_SECTIONS } from '../doc.js';
import { defineStage } from '../stage.js';

/** First version: split analysed sections after . ! ? followed by space. The sentence issue owns the real splitter. */
export const sentencesStage = defineStage({
  name: 'sentences',
  description: 'Sentence spans inside analysed sections',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => (doc) => {
    doc.sections.forEach((section, sectionIndex) => {
      if (!ANALYSED_SECTIONS.has(section.type)) return;
      const re = /[^.!?\n]+(?:[.!?]+|$)/gm;
      const part = doc.text.slice(section.start, section.end);
      for (const m of part.matchAll(re)) {
        const raw = m[0];
        const lead = raw.length - raw.trimStart().length;
        const trimmed = raw.trim();
        if (!trimmed) continue;
        const start = section.start + m.index! + lead;
        doc.sentences.push({ index: doc.sentences.length, start, end: start + trimmed.length, section: sectionIndex });
      }
    });
  },
});
