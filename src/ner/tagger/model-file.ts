/**
 * The model file of a tagger (`models/ner-<lang>.json`, written by `npm run
 * train:ner`): its format, and building a tagger from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../lang/data.js';
import { KIND_NAMES, type Lexicons } from './features.js';
import { rootWords } from './lexicon.js';
import { LinearTagger } from './linear-tagger.js';
import { PhraseLists, type ListName } from './lists.js';
import { FeatureSpace, NL, Vocab } from './model.js';

export type ModelLanguage = 'id' | 'en';

export function defaultModelPath(language: ModelLanguage): string {
  return path.join(PACKAGE_ROOT, 'models', `ner-${language}.json`);
}

/** Lexicons stored in the model file (see `Lexicons`). */
export interface LexiconFile {
  first: string[];
  last: string[];
  parts: string[];
  cues: Record<string, string>;
  /** Capitalisation class -> words. */
  caseRatio: Record<string, string[]>;
  /** Word -> cluster bit path. */
  clusters?: Record<string, string>;
}

/** The serialised model (`models/ner-<lang>.json`). */
export interface ModelFile {
  format: 'warta-ner-tagger';
  version: 2;
  language: ModelLanguage;
  labels: string[];
  templates: string[];
  /** Atom strings per kind name; id = index + 3 (0 unknown, 1 before, 2 after the sentence). */
  vocab: Record<string, string[]>;
  lexicons: LexiconFile;
  /** Phrases of the name lists behind the `gl`/`go`/`gp` atoms. */
  lists: Partial<Record<ListName, string[]>>;
  /** Per template, base64 little-endian Int32 atom ids, one group per feature row. */
  features: string[];
  /** base64 little-endian Int16 weights, NL per row, in feature order; real weight = value * weightScale. */
  weights: string;
  weightScale: number;
  /** (NL + 1) * NL transition weights, row NL = sentence start. */
  trans: number[];
  end: number[];
  /** Span score = 1 / (1 + exp(-(a * margin + b))). */
  calibration: { a: number; b: number };
  /** The document-level second pass (see `document-layer.ts`), when trained. */
  doc?: DocLayerFile;
  meta?: Record<string, unknown>;
}

/** Weights of the document-level pass: feature strings, NL weights per feature, its own transitions. */
export interface DocLayerFile {
  features: string[];
  weights: number[];
  trans: number[];
  end: number[];
}

const LITTLE_ENDIAN = endianness() === 'LE';

function decodeInt32(b64: string): Int32Array {
  const buf = Buffer.from(b64, 'base64');
  if (LITTLE_ENDIAN) return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const out = new Int32Array(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt32LE(i * 4);
  return out;
}

function decodeInt16(b64: string): Int16Array {
  const buf = Buffer.from(b64, 'base64');
  if (LITTLE_ENDIAN) return new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const out = new Int16Array(buf.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(i * 2);
  return out;
}

/** The lexicons a model file stores (plus the Indonesian root words for Indonesian models). */
export function lexiconsFromFile(language: ModelLanguage, file: LexiconFile): Lexicons {
  const caseRatio = new Map<string, string>();
  for (const [cls, words] of Object.entries(file.caseRatio)) for (const w of words) caseRatio.set(w, cls);
  return {
    roots: language === 'id' ? rootWords() : new Set(),
    first: new Set(file.first),
    last: new Set(file.last),
    parts: new Set(file.parts),
    cues: new Map(Object.entries(file.cues)),
    caseRatio,
    clusters: new Map(Object.entries(file.clusters ?? {})),
  };
}

/** Builds a tagger from a parsed model file. */
export function taggerFromModel(model: ModelFile): LinearTagger {
  if (model.format !== 'warta-ner-tagger' || model.version !== 2) throw new Error('unsupported NER model format (retrain with npm run train:ner)');
  const vocabs = KIND_NAMES.map((name) => new Vocab(model.vocab[name] ?? []));
  const lists = Object.keys(model.lists).length > 0 ? new PhraseLists(model.lists) : null;
  const space = new FeatureSpace(model.templates, lexiconsFromFile(model.language, model.lexicons), lists, vocabs);
  space.freeze();
  let row = 0;
  for (let t = 0; t < space.templates.length; t++) {
    const parts = space.templates[t];
    const ids = decodeInt32(model.features[t]);
    const m = parts.length;
    const map = space.rowMaps[t];
    if (m === 0) {
      if (ids.length > 0) map.set(0, row++); // the bias row is stored as one dummy id
      continue;
    }
    for (let j = 0; j < ids.length; j += m) {
      let key = 0;
      for (let q = 0; q < m; q++) key = key * vocabs[parts[q][0]].size + ids[j + q];
      map.set(key, row++);
    }
  }
  space.nRows = row;
  const q = decodeInt16(model.weights);
  if (q.length !== row * NL) throw new Error('NER model weights do not match its features');
  const W = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) W[i] = q[i] * model.weightScale;
  const tagger = new LinearTagger(space, W, Float64Array.from(model.trans), Float64Array.from(model.end), model.calibration);
  tagger.docLayer = model.doc;
  return tagger;
}

/** Reads a model file, or returns null when it is absent. */
export function readModelFile(modelPath: string): ModelFile | null {
  if (!existsSync(modelPath)) return null;
  try {
    return JSON.parse(readFileSync(modelPath, 'utf8')) as ModelFile;
  } catch (error) {
    // the English model loads on the first English article: its error must name the file
    throw new Error(`${modelPath}: not a readable NER model (${(error as Error).message})`);
  }
}

/** Loads the tagger of a model file, or returns null when the file is absent. */
export function loadNerTagger(modelPath: string): LinearTagger | null {
  const model = readModelFile(modelPath);
  return model ? taggerFromModel(model) : null;
}
