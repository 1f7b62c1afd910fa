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

/** Fill the tagger's lookup tables with one sentence, so the first document does not pay for it. */
function warmed(tagger: LinearTagger | null): LinearTagger | null {
  const probe = 'Presiden Joko Widodo tiba di Jakarta.';
  tagger?.tag(probe, 0, probe.length);
  return tagger;
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
    // The Indonesian tagger loads now; the English one (the bigger model) on the first document
    // that needs it: a worker on an Indonesian export never pays for it.
    const id = options.model ? warmed(loadNerTagger(defaultModelPath('id'))) : null;
    let en: LinearTagger | null = null;
    let enLoaded = !options.model;
    const taggers = {
      id,
      get en(): LinearTagger | null {
        if (!enLoaded) {
          en = warmed(loadNerTagger(defaultModelPath('en')));
          enLoaded = true;
        }
        return en;
      },
    };
    // load the word lists now, once per worker, not in the first document
    langResources('id');
    langResources('en');
    return (doc) => {
      doc.entities = recognizeDocument(doc, { gaz, taggers, minModelScore: options.min_model_score });
    };
  },
});
