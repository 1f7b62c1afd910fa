import type { Doc } from './doc.js';

/**
 * A stage is a named, small module over a `Doc`. `setup` runs once per worker
 * with the stage's validated options (load gazetteers, compile regexes there);
 * the function it returns runs once per document and may update the doc in place.
 */
export interface StageDefinition<Options extends object = Record<string, unknown>> {
  name: string;
  description: string;
  /** JSON Schema (draft-07, validated with ajv) for the stage's `options` in a pipeline file. */
  optionsSchema: Record<string, unknown>;
  defaults: Options;
  setup(options: Options, context: StageContext): StageRunner | Promise<StageRunner>;
}

export type StageRunner = (doc: Doc) => void;

export interface StageContext {
  /** Directory of the pipeline file, to resolve relative paths in options. */
  pipelineDir: string;
}

export function defineStage<Options extends object>(definition: StageDefinition<Options>): StageDefinition<Options> {
  return definition;
}
