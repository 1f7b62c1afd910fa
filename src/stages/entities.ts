import path from 'node:path';
import { existsSync } from 'node:fs';
import { defineStage } from '../stage.js';
import { loadGazetteer } from '../ner/gazetteer.js';
import { recognizeDocument } from '../ner/document.js';
import { langResources } from '../ner/resources.js';
import { defaultModelPath, loadNerTagger, type LinearTagger } from '../ner/tagger/index.js';

export interface EntitiesOptions {
  /** User gazetteer CSV files (`text,type,canonical`); relative paths resolve against the pipeline file's folder. */
  gazetteers: string[];
  /** Use the learned taggers (`models/ner-id.json`, `models/ner-en.json`); without them only certain-list names are found. */
  model: boolean;
  /** No longer used: the English tagger replaced compromise (accepted so existing pipeline files keep working). */
  compromise: boolean;
  /** World cities below this population are not in the gazetteer (Indonesian cities use min(this, 50000)). */
  city_min_population: number;
  /** No longer used: there are no rule guesses left to keep (accepted so existing pipeline files keep working). */
  keep_unconfirmed_guesses: boolean;
  /** Tagger mentions below this calibrated score are dropped. */
  min_model_score: number;
}

/** People, locations and organisations with canonical entity ids (see src/ner/). */
export const entitiesStage = defineStage<EntitiesOptions>({
  name: 'entities',
  description: 'People, locations and organisations with canonical entity ids',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      gazetteers: { type: 'array', items: { type: 'string' } },
      model: { type: 'boolean' },
      compromise: { type: 'boolean' },
      city_min_population: { type: 'integer', minimum: 0 },
      keep_unconfirmed_guesses: { type: 'boolean' },
      min_model_score: { type: 'number', minimum: 0, maximum: 1 },
    },
  },
  defaults: { gazetteers: [], model: true, compromise: false, city_min_population: 100_000, keep_unconfirmed_guesses: false, min_model_score: 0 },
  async setup(options, context) {
    const files = options.gazetteers.map((f) => path.resolve(context.pipelineDir, f));
    for (const f of files) if (!existsSync(f)) throw new Error(`entities: gazetteer file not found: ${f}`);
    const gaz = loadGazetteer({ userFiles: files, cityMinPopulation: options.city_min_population });
    const taggers: { id: LinearTagger | null; en: LinearTagger | null } = { id: null, en: null };
    if (options.model) {
      taggers.id = loadNerTagger(defaultModelPath('id'));
      taggers.en = loadNerTagger(defaultModelPath('en'));
    }
    // load the word lists and fill the taggers' lookup tables now, once per worker, not in the first document
    langResources('id');
    langResources('en');
    for (const tagger of [taggers.id, taggers.en]) {
      const probe = 'Presiden Joko Widodo tiba di Jakarta.';
      tagger?.tag(probe, 0, probe.length);
    }
    return (doc) => {
      doc.entities = recognizeDocument(doc, { gaz, taggers, minModelScore: options.min_model_score });
    };
  },
});
