import type { Doc } from './doc.js';
import { createPipeline, loadPipelineConfig, type Pipeline, type PipelineConfig, type StageOverrides } from './pipeline.js';
import { toDocumentRecord, type DocumentRecord } from './sinks/serialize.js';

/**
 * The one code path from a `Doc` to its output record, shared by `warta run`
 * workers and by `npm run eval`, so evaluation measures exactly what users get.
 */
export interface Analyzer {
  pipeline: Pipeline;
  analyze(doc: Doc, timings?: Record<string, number>): DocumentRecord;
}

/** From a pipeline file or name, or (queue workers: the pipeline travels with the jobs) a validated config. */
export async function createAnalyzer(pipelineSource?: string | PipelineConfig, overrides: StageOverrides = {}): Promise<Analyzer> {
  const config = typeof pipelineSource === 'object' ? pipelineSource : loadPipelineConfig(pipelineSource);
  const pipeline = await createPipeline(config, overrides);
  return {
    pipeline,
    analyze(doc, timings) {
      return toDocumentRecord(timings ? pipeline.runTimed(doc, timings) : pipeline.run(doc));
    },
  };
}
