import { defineStage } from '../stage.js';

/** First version: CRLF to LF only. The ingestion issue owns the real normaliser. */
export const normalizeStage = defineStage({
  name: 'normalize',
  description: 'Line endings, control and invisible characters, Unicode NFC',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => (doc) => {
    if (doc.text.includes('\r')) doc.text = doc.text.replace(/\r\n?/g, '\n');
  },
});
