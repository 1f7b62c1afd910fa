import { DateExtractor, type DatesOptions } from '../dates/extract.js';
import { defineStage } from '../stage.js';

/**
 * Temporal expressions in Indonesian and English (dates, weekdays, relative
 * days/weeks/months/years, ranges, decades, clock times), each resolved
 * against the publication date. See src/dates/grammar.ts for the grammar.
 */
export const datesStage = defineStage<DatesOptions>({
  name: 'dates',
  description: 'Temporal expressions normalised against the publication date',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      englishNumericOrder: { enum: ['mdy', 'dmy'] },
    },
  },
  defaults: { englishNumericOrder: 'mdy' },
  setup: (options) => {
    const extractor = new DateExtractor(options);
    return (doc) => extractor.run(doc);
  },
});
