import path from 'node:path';
import { existsSync } from 'node:fs';
import { defineStage } from '../stage.js';
import { loadGazetteer } from '../ner/gazetteer.js';
import { recognizeDocument, type SentenceTagger } from '../ner/document.js';
import { compromiseProposer } from '../ner/english.js';
import { indonesianRoots, langResources } from '../ner/resources.js';

export interface EntitiesOptions {
  /** User gazetteer CSV files (`text,type,canonical`); relative paths resolve against the pipeline file's folder. */
  gazetteers: string[];
  /** Use the learned tagger (`models/ner-id.json`) for Indonesian when it is present. */
  model: boolean;
  /** Use compromise's proposals for English documents. */
  compromise: boolean;
  /** World cities below this population are not in the gazetteer (Indonesian cities use min(this, 50000)). */
  city_min_population: number;
  /** Keep rule guesses (unknown capitalised names) the tagger does not confirm. */
  keep_unconfirmed_guesses: boolean;
  /** Tagger spans that no rule candidate overlaps are ignored below this score. */
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
  defaults: { gazetteers: [], model: true, compromise: true, city_min_population: 100_000, keep_unconfirmed_guesses: false, min_model_score: 0.5 },
  async setup(options, context) {
    const files = options.gazetteers.map((f) => path.resolve(context.pipelineDir, f));
    for (const f of files) if (!existsSync(f)) throw new Error(`entities: gazetteer file not found: ${f}`);
    const gaz = loadGazetteer({ userFiles: files, cityMinPopulation: options.city_min_population });
    let tagger: SentenceTagger | null = null;
    if (options.model) tagger = await loadTagger();
    // load the word lists and build the tagger's lookup tables now, once per worker, not in the first document
    langResources('id');
    langResources('en');
    indonesianRoots();
    if (tagger) {
      const probe = 'Presiden Joko Widodo tiba di Jakarta.';
      tagger.tag(probe, 0, probe.length);
    }
    const english = options.compromise ? compromiseProposer : null;
    return (doc) => {
      doc.entities = recognizeDocument(doc, {
        gaz,
        tagger,
        english,
        keepUnconfirmedGuesses: options.keep_unconfirmed_guesses,
        minModelScore: options.min_model_score,
      });
    };
  },
});

/** The learned tagger lives in src/ner/tagger/ and may be absent (no weights file): then rules alone decide. */
async function loadTagger(): Promise<SentenceTagger | null> {
  try {
    const mod = (await import('../ner/tagger/index.js')) as { loadNerTagger?: (p?: string) => SentenceTagger | null };
    return mod.loadNerTagger?.() ?? null;
  } catch {
    return null;
  }
}
