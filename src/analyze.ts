import type { Doc } from './doc.js';
import { createPipeline, loadPipelineConfig, type Pipeline, type StageOverrides } from './pipeline.js';
import { toDocumentRecord, type DocumentRecord } from './sinks/serialize.js';

/**
 * The one code path from a `Doc` to its output record, shared by `warta run`
 * workers and by `npm run eval`, so evaluation measures exactly what users get.
 */
export interface Analyzer {
  pipeline: Pipeline;
  analyze(doc: Doc, timings?: Record<string, number>): DocumentRecord;
}

export async function createAnalyzer(pipelineFileOrName?: string, overrides: StageOverrides = {}): Promise<Analyzer> {
  const pipeline = await createPipeline(loadPipelineConfig(pipelineFileOrName), overrides);
  return {
    pipeline,
    analyze(doc, timings) {
      return toDocumentRecord(timings ? pipeline.runTimed(doc, timings) : pipeline.run(doc));
    },
  };
}
