import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Doc } from './doc.js';
import type { StageRunner } from './stage.js';
import { STAGES } from './stages/index.js';

/** A configuration error: the CLI exits 2 with this message. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface StageConfig {
  stage: string;
  options?: Record<string, unknown>;
}

export interface FieldMapping {
  [outputField: string]: string | string[];
}

export interface PipelineConfig {
  name: string;
  description?: string;
  /** Extra record-field names for structured exports (e.g. `{"text": ["isi_berita"], "title": "judul"}`). */
  fields?: FieldMapping;
  /** Largest input file accepted, in bytes: whole-file formats default to 10 MiB; streamed exports (JSONL, CSV) have no limit unless this is set. */
  max_file_bytes?: number;
  /** Largest single record of a streamed export (a JSONL line, a CSV record), in bytes (default 10 MiB). */
  max_record_bytes?: number;
  /** Time budget per article, in seconds (default 30): an article analysed longer fails alone with `timeout`. */
  max_article_seconds?: number;
  /** Database sinks every run of this pipeline writes to (`sqlite:PATH`, `postgres://…`), besides the output files. */
  sinks?: string[];
  stages: StageConfig[];
  /** Absolute path of the file this came from. */
  file: string;
}

const PIPELINE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['stages'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    fields: {
      type: 'object',
      propertyNames: { enum: ['id', 'title', 'text', 'published_at', 'url', 'source', 'author', 'language'] },
      additionalProperties: {
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
    },
    max_file_bytes: { type: 'integer', minimum: 1 },
    max_record_bytes: { type: 'integer', minimum: 1 },
    max_article_seconds: { type: 'number', exclusiveMinimum: 0 },
    sinks: { type: 'array', items: { type: 'string', minLength: 1 } },
    stages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['stage'],
        properties: { stage: { type: 'string' }, options: { type: 'object' } },
      },
    },
  },
} as const;

// Built on the first validation, not at import: analysis workers import this module but are handed
// an already validated config, and compiling the schema cost each of them ~85 ms of CPU.
let ajvInstance: Ajv | undefined;
let shapeValidator: ValidateFunction | undefined;
function schemaCompiler(): Ajv {
  return (ajvInstance ??= new Ajv({ allErrors: true, useDefaults: false, strict: false }));
}
function pipelineShapeValidator(): ValidateFunction {
  return (shapeValidator ??= schemaCompiler().compile(PIPELINE_SCHEMA));
}

export const BUILTIN_PIPELINE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pipelines');
export const DEFAULT_PIPELINE = 'news';
export const DEFAULT_MAX_ARTICLE_SECONDS = 30;

/** `--pipeline` takes a file path or the name of a pipeline in `pipelines/`. */
export function resolvePipelinePath(fileOrName: string = DEFAULT_PIPELINE): string {
  if (fileOrName.endsWith('.json') || fileOrName.includes('/') || fileOrName.includes(path.sep)) {
    return path.resolve(fileOrName);
  }
  return path.join(BUILTIN_PIPELINE_DIR, `${fileOrName}.json`);
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `${where === '(top level)' ? '' : where + '.'}${key}: unknown key`;
  }
  if (error.keyword === 'propertyNames') {
    return `${where}: unknown field name ${JSON.stringify((error.params as { propertyName: string }).propertyName)}`;
  }
  return `${where}: ${error.message}`;
}

export function loadPipelineConfig(fileOrName: string = DEFAULT_PIPELINE): PipelineConfig {
  const file = resolvePipelinePath(fileOrName);
  if (!existsSync(file)) throw new ConfigError(`pipeline ${fileOrName}: no such file ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: malformed JSON: ${(error as Error).message}`);
  }
  return validatePipelineConfig(raw, file);
}

export function validatePipelineConfig(raw: unknown, file: string): PipelineConfig {
  const validatePipelineShape = pipelineShapeValidator();
  if (!validatePipelineShape(raw)) {
    const messages = (validatePipelineShape.errors ?? []).map(describeAjvError);
    throw new ConfigError(`${file}: ${messages.join('; ')}`);
  }
  const config = raw as unknown as Omit<PipelineConfig, 'file'>;
  config.stages.forEach((entry, i) => {
    const definition = STAGES.get(entry.stage);
    if (!definition) {
      throw new ConfigError(
        `${file}: stages.${i}.stage: unknown stage ${JSON.stringify(entry.stage)} (known: ${[...STAGES.keys()].join(', ')})`,
      );
    }
    const validate = schemaCompiler().compile(definition.optionsSchema);
    if (!validate(entry.options ?? {})) {
      const messages = (validate.errors ?? []).map((e) => describeAjvError(e));
      throw new ConfigError(`${file}: stages.${i}.options (${entry.stage}): ${messages.join('; ')}`);
    }
  });
  return { ...config, name: config.name ?? path.basename(file, ".json"), file };
}

/** Options the CLI adds on top of a pipeline file, per stage name. */
export type StageOverrides = Record<string, Record<string, unknown>>;

export interface Pipeline {
  config: PipelineConfig;
  /** Stage names in order. */
  stageNames: string[];
  run(doc: Doc): Doc;
  /** Like `run`, adding each stage's elapsed milliseconds into `timings`. */
  runTimed(doc: Doc, timings: Record<string, number>): Doc;
}

export async function createPipeline(config: PipelineConfig, overrides: StageOverrides = {}): Promise<Pipeline> {
  const context = { pipelineDir: path.dirname(config.file) };
  const runners: { name: string; run: StageRunner }[] = [];
  for (const entry of config.stages) {
    const definition = STAGES.get(entry.stage)!;
    const extra = overrides[entry.stage] ?? {};
    const options = mergeOptions(definition.defaults, entry.options ?? {}, extra);
    runners.push({ name: entry.stage, run: await definition.setup(options, context) });
  }
  return {
    config,
    stageNames: runners.map((r) => r.name),
    run(doc) {
      for (const stage of runners) stage.run(doc);
      return doc;
    },
    runTimed(doc, timings) {
      for (const stage of runners) {
        const t0 = performance.now();
        stage.run(doc);
        timings[stage.name] = (timings[stage.name] ?? 0) + performance.now() - t0;
      }
      return doc;
    },
  };
}

/** Arrays from overrides are appended (e.g. extra gazetteers); scalars replace. */
function mergeOptions(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const previous = merged[key];
      merged[key] = Array.isArray(previous) && Array.isArray(value) ? [...previous, ...value] : value;
    }
  }
  return merged;
}
