import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { StageOverrides } from '../pipeline.js';
import { VERSION } from '../version.js';

/**
 * What the stored analyses of a run depend on besides the inputs: warta's version, the
 * pipeline's stages and options, the gazetteers' contents and the reference date. A state with
 * another fingerprint is not trusted (everything is analysed again).
 */
export function fingerprintOf(pipelineFile: string, overrides: StageOverrides, referenceDate: string | undefined): string {
  const hash = createHash('sha256');
  hash.update(VERSION);
  hash.update(analysisPart(readFileSync(pipelineFile, 'utf8')));
  for (const file of overrides.entities?.gazetteers as string[] | undefined ?? []) {
    hash.update(file);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  hash.update(JSON.stringify(overrides));
  hash.update(referenceDate ?? '');
  return hash.digest('hex');
}

/** The pipeline file without its `sinks`: adding a database does not change what is analysed. */
function analysisPart(pipelineText: string): string {
  try {
    const parsed = JSON.parse(pipelineText) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && 'sinks' in parsed) {
      delete parsed.sinks;
      return JSON.stringify(parsed);
    }
  } catch {
    // loadPipelineConfig has accepted the file; hash it as it is
  }
  return pipelineText;
}
