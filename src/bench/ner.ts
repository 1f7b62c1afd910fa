/**
 * The NER taggers' own bench figures: model file size and load time per
 * language (read, parse and table building, as the entity stage's setup does
 * it), against the issue's limits (< 30 MB, < 1 s). The entity stage's
 * throughput per language is measured with the other stages in `inprocess.ts`.
 *
 *   node dist/bench/ner.js   (prints the rows alone)
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultModelPath, readModelFile, taggerFromModel, type ModelLanguage } from '../ner/tagger/index.js';

export const NER_TARGETS = {
  modelMb: 30,
  loadS: 1,
  /** Entity stage throughput on one core, MB/s. */
  entitiesIdMbS: 3,
  entitiesEnMbS: 2,
};

export interface ModelLoad {
  language: ModelLanguage;
  file: string;
  bytes: number;
  /** Wall and CPU milliseconds of read + parse + building the tagger's tables. */
  loadMs: number;
  loadCpuMs: number;
  /** Feature rows and whether a document layer is stored. */
  rows: number;
  documentLayer: boolean;
}

/** Loads each language's model once, timed. Missing files are left out. */
export function measureModelLoads(languages: readonly ModelLanguage[] = ['id', 'en']): ModelLoad[] {
  const out: ModelLoad[] = [];
  for (const language of languages) {
    const file = defaultModelPath(language);
    if (!existsSync(file)) continue;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const tagger = taggerFromModel(readModelFile(file)!);
    // the first sentence builds the per-template lookup plan, as the stage's setup does
    const probe = 'Presiden Joko Widodo tiba di Jakarta.';
    tagger.tag(probe, 0, probe.length);
    const loadMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    out.push({
      language,
      file: path.relative(process.cwd(), file) || file,
      bytes: statSync(file).size,
      loadMs,
      loadCpuMs: (cpu.user + cpu.system) / 1000,
      rows: tagger.space.nRows,
      documentLayer: tagger.docLayer !== undefined,
    });
  }
  return out;
}

export interface NerRow {
  measurement: string;
  mb: string;
  s: string;
  target: string;
  met: boolean;
  note: string;
}

/** Bench table rows for the model loads. */
export function modelLoadRows(loads: readonly ModelLoad[]): NerRow[] {
  return loads.map((l) => {
    const mb = l.bytes / 1e6;
    const s = l.loadMs / 1000;
    return {
      measurement: `entities model ${l.language} (${l.file})`,
      mb: mb.toFixed(1),
      s: s.toFixed(2),
      target: `< ${NER_TARGETS.modelMb} MB, < ${NER_TARGETS.loadS} s`,
      met: mb < NER_TARGETS.modelMb && s < NER_TARGETS.loadS,
      note: `load ${s.toFixed(2)} s wall, ${(l.loadCpuMs / 1000).toFixed(2)} s CPU; ${l.rows} feature rows${l.documentLayer ? ', document layer' : ''}`,
    };
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  for (const r of modelLoadRows(measureModelLoads())) console.log(`${r.measurement}: ${r.mb} MB, ${r.note} (target ${r.target}: ${r.met ? 'met' : 'MISSED'})`);
}
