/**
 * Training corpora for the NER taggers (in `../shared/dev-data/`, see its
 * README): which train and dev splits each language uses, reading them with
 * UTF-16 offsets, and the cross-validation folds.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityType } from '../doc.js';
import type { LabeledSentence } from './tagger/trainer.js';

export interface Corpus {
  /** Short name: `nergrit`, `conll03`, ... */
  name: string;
  file: string;
  /** Consecutive records come from one document (CoNLL-2003 and wikigold keep article order). */
  ordered: boolean;
  /** Research-licensed text (CoNLL-2003's Reuters articles). */
  research?: boolean;
}

export const TRAIN_CORPORA: Record<'id' | 'en', Corpus[]> = {
  id: [
    { name: 'nergrit', file: 'ner-id-nergrit-train.jsonl', ordered: false },
    { name: 'idner2k', file: 'ner-id-idner2k-train.jsonl', ordered: false },
    { name: 'nerui', file: 'ner-id-nerui-train.jsonl', ordered: false },
  ],
  en: [
    { name: 'conll03', file: 'ner-en-conll03-train.jsonl', ordered: true, research: true },
    { name: 'wikigold', file: 'ner-en-wikigold-train.jsonl', ordered: true },
    { name: 'btc', file: 'ner-en-btc-train.jsonl', ordered: false },
  ],
};

/** Dev splits printed as a check after training (never used to choose anything). */
export const DEV_CORPORA: Record<'id' | 'en', Corpus[]> = {
  id: [
    { name: 'nergrit-dev', file: 'ner-id-nergrit-dev.jsonl', ordered: false },
    { name: 'idner2k-dev', file: 'ner-id-idner2k-dev.jsonl', ordered: false },
    { name: 'nerui-dev', file: 'ner-id-nerui-dev.jsonl', ordered: false },
  ],
  en: [
    { name: 'conll03-dev', file: 'ner-en-conll03-dev.jsonl', ordered: true, research: true },
    { name: 'btc-dev', file: 'ner-en-btc-dev.jsonl', ordered: false },
  ],
};

/** A training sentence with its corpus and pseudo-document (for folds and document features). */
export interface CorpusSentence extends LabeledSentence {
  corpus: string;
  /** Sentences with the same `doc` are treated as one article. */
  doc: string;
  /** Index of its block of `DOC_BLOCK` consecutive sentences in the corpus (the unit of cross-validation folds). */
  block: number;
}

/** Sentences per pseudo-document in ordered corpora (their article boundaries were not kept). */
export const DOC_BLOCK = 20;

/** Code point offset -> UTF-16 index table for one string. */
function cpToUtf16(text: string): number[] {
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    map.push(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
  }
  map.push(text.length);
  return map;
}

/** Reads a dev-data NER file; entity offsets become UTF-16 indices. Bad lines are reported with their number. */
export function readNerJsonl(file: string): LabeledSentence[] {
  const out: LabeledSentence[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let rec: { id: string; text: string; gold: { entities: Array<{ type: EntityType; start: number; end: number }> } };
    try {
      rec = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (typeof rec.text !== 'string' || !Array.isArray(rec.gold?.entities)) throw new Error(`${file}:${i + 1}: expected "text" and "gold.entities"`);
    const map = cpToUtf16(rec.text);
    out.push({ id: rec.id, text: rec.text, entities: rec.gold.entities.map((e) => ({ type: e.type, start: map[e.start], end: map[e.end] })) });
  });
  return out;
}

const ADMIN_PREFIX_RE = /(?:^|[^\p{L}])(Kabupaten|Kota|Provinsi) $/u;
const MAYOR_RE = /(?:Wali|Walikota|Wakil)\s+Kota $/u;

/**
 * Indonesian administrative prefixes belong to the place (`Kabupaten Sleman`,
 * `Kota Bandung`, `Provinsi Jawa Barat` are one span, as most of the training
 * data and the news annotation guideline have them); a few training spans
 * leave a capitalised prefix out, and get it back here. `Wali Kota` is a title
 * and stays out.
 */
export function includeAdminPrefixes(s: LabeledSentence): LabeledSentence {
  let changed = false;
  const entities = s.entities.map((e) => {
    if (e.type !== 'LOCATION') return e;
    const before = s.text.slice(Math.max(0, e.start - 24), e.start);
    const m = ADMIN_PREFIX_RE.exec(before);
    if (!m || MAYOR_RE.test(before)) return e;
    changed = true;
    return { ...e, start: e.start - m[1].length - 1 };
  });
  return changed ? { ...s, entities } : s;
}

/** The corpora present in `dir`, as sentences with pseudo-documents. */
export function readCorpora(dir: string, corpora: readonly Corpus[]): CorpusSentence[] {
  const out: CorpusSentence[] = [];
  for (const c of corpora) {
    const file = path.join(dir, c.file);
    if (!existsSync(file)) throw new Error(`training data ${file} not found`);
    readNerJsonl(file).forEach((raw, i) => {
      const s = c.file.startsWith('ner-id-') ? includeAdminPrefixes(raw) : raw;
      const block = Math.floor(i / DOC_BLOCK);
      out.push({ ...s, corpus: c.name, doc: c.ordered ? `${c.name}/${block}` : `${c.name}/${i}`, block });
    });
  }
  return out;
}

/**
 * Fold of each sentence for k-fold cross-validation: blocks of `DOC_BLOCK`
 * consecutive sentences (whole pseudo-documents) go round-robin to the folds,
 * so every fold holds a share of every corpus.
 */
export function foldsOf(sentences: readonly CorpusSentence[], k: number): number[] {
  return sentences.map((s) => s.block % k);
}
