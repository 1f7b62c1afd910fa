import { defineStage } from '../stage.js';

/** First version: the title (record title or first line) and one body section. */
export const structureStage = defineStage({
  name: 'structure',
  description: 'Title, publication line, caption, dateline, body, byline and boilerplate sections',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => (doc) => {
    const text = doc.text;
    const titleEnd = doc.meta.titleLength ?? (doc.source.format === 'txt' ? Math.max(0, text.indexOf('\n')) : 0);
    if (titleEnd > 0) {
      doc.sections.push({ type: 'title', start: 0, end: titleEnd });
      doc.title ??= text.slice(0, titleEnd);
    }
    let bodyStart = titleEnd;
    while (bodyStart < text.length && /\s/.test(text[bodyStart])) bodyStart++;
    if (bodyStart < text.length) doc.sections.push({ type: 'body', start: bodyStart, end: text.length });
  },
});
