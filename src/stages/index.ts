import type { StageDefinition } from '../stage.js';
import { normalizeStage } from './normalize.js';
import { structureStage } from './structure.js';
import { languageStage } from './language.js';
import { sentencesStage } from './sentences.js';
import { entitiesStage } from './entities.js';
import { datesStage } from './dates.js';

/** Every stage a pipeline file may name, by its `name`. */
export const STAGES: ReadonlyMap<string, StageDefinition<any>> = new Map(
  [normalizeStage, structureStage, languageStage, sentencesStage, entitiesStage, datesStage].map((s) => [s.name, s]),
);
