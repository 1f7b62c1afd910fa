import { defineStage } from '../stage.js';

/** Placeholder until the dates issue lands its parser: finds nothing. */
export const datesStage = defineStage({
  name: 'dates',
  description: 'Temporal expressions normalised against the publication date',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => () => {},
});
