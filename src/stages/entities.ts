import { defineStage } from '../stage.js';

/** Placeholder until the entity issue lands its recogniser: finds nothing. */
export const entitiesStage = defineStage({
  name: 'entities',
  description: 'People, locations and organisations with canonical entity ids',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { gazetteers: { type: 'array', items: { type: 'string' } } },
  },
  defaults: { gazetteers: [] as string[] },
  setup: () => () => {},
});
