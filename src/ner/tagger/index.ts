/**
 * The learned named-entity tagger (one model per language): the tagger
 * (`linear-tagger.ts`) and its model file (`model-file.ts`).
 */
export { LinearTagger, type NerTagger, type TaggedSpan, type WordEntry } from './linear-tagger.js';
export {
  defaultModelPath,
  lexiconsFromFile,
  loadNerTagger,
  readModelFile,
  taggerFromModel,
  type DocLayerFile,
  type LexiconFile,
  type ModelFile,
  type ModelLanguage,
} from './model-file.js';
