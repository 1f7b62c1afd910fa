/**
 * Named-entity evaluation for `npm run eval`: every NER development set in
 * `../shared/dev-data/` (sentence sets and the whole-article `news-dev.jsonl`,
 * scored per language with its ignore spans), per type P/R/F1, micro P/R/F1 and
 * span-only F1, for warta (the default pipeline, as users run it), the entity
 * stage before the v2 tagger (figures from a run at that commit, stored in
 * `bench/results/ner-baseline.json`) and compromise on the same texts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../analyze.js';
import { recordToDoc } from '../ingest/record.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { defaultModelPath, readModelFile } from '../ner/tagger/index.js';
import { readJsonl } from './data.js';
import { compromiseEntities } from './peers.js';
import { matchByKey, matchExact, prf, SpanScorer, type PRF, type SpanScore, type TypedSpan } from './scorers.js';
import { fmt3, type Section } from './table.js';

export const ENTITY_TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION'] as const;
const SHORT: Record<string, string> = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

export interface NerGoldSpan {
  type: string;
  start: number;
  end: number;
  text: string;
}

export interface IgnoreSpan {
  kind: 'entity' | 'date' | 'any';
  start: number;
  end: number;
}

/** One scored text: a sentence, or an article (title + "\n\n" + text). */
export interface NerRecord {
  id: string;
  title?: string | null;
  text: string;
  published_at?: string | null;
  source?: string | null;
  gold: { language?: string; entities: NerGoldSpan[]; ignore?: IgnoreSpan[] };
}

export interface NerSet {
  /** `ner-id-nergrit-dev`, `news-dev-en`, ... */
  name: string;
  language: 'id' | 'en';
  records: NerRecord[];
  /** Micro-F1 target (the issue's: Wikipedia ≥ 0.80, news ≥ 0.85, newswire ≥ 0.80), when the set stands for one. */
  microTarget?: number;
}

/** The targets per set; ORGANIZATION F1 ≥ 0.70 applies to every set. */
const MICRO_TARGETS: Record<string, number> = {
  'ner-id-nergrit-dev': 0.8,
  'ner-en-conll03-dev': 0.8,
  'news-dev-id': 0.85,
  'news-dev-en': 0.85,
};
export const ORG_TARGET = 0.7;

/** The NER sets present in `dir`, in a fixed order; `messages` gets a line per missing file. */
export function loadNerSets(dir: string, messages: string[]): NerSet[] {
  const sets: NerSet[] = [];
  const sentenceSets: [file: string, language: 'id' | 'en'][] = [
    ['ner-id-nergrit-dev.jsonl', 'id'],
    ['ner-id-idner2k-dev.jsonl', 'id'],
    ['ner-id-nerui-dev.jsonl', 'id'],
    ['ner-en-conll03-dev.jsonl', 'en'],
    ['ner-en-btc-dev.jsonl', 'en'],
  ];
  for (const [file, language] of sentenceSets) {
    const p = path.join(dir, file);
    if (!existsSync(p)) {
      messages.push(`NER dev set ${file} not found in ${dir}: skipped`);
      continue;
    }
    const name = file.replace(/\.jsonl$/, '');
    sets.push({ name, language, records: readJsonl<NerRecord>(p), microTarget: MICRO_TARGETS[name] });
  }
  const news = path.join(dir, 'news-dev.jsonl');
  if (!existsSync(news)) messages.push(`NER dev set news-dev.jsonl not found in ${dir}: skipped`);
  else {
    const all = readJsonl<NerRecord>(news);
    for (const language of ['id', 'en'] as const) {
      const name = `news-dev-${language}`;
      sets.push({ name, language, records: all.filter((r) => r.gold.language === language), microTarget: MICRO_TARGETS[name] });
    }
  }
  return sets;
}

/** Predictions inside an entity (or `any`) ignore span count neither as right nor as wrong. */
export function dropIgnored<T extends { start: number; end: number }>(pred: readonly T[], ignore: readonly IgnoreSpan[] | undefined): T[] {
  if (!ignore || ignore.length === 0) return [...pred];
  const spans = ignore.filter((g) => g.kind !== 'date');
  return pred.filter((p) => !spans.some((g) => p.start >= g.start && p.end <= g.end));
}

/** Span-only matching: (start, end) must agree, the type is not compared. */
export function matchSpanOnly(gold: readonly TypedSpan[], pred: readonly TypedSpan[]) {
  const untyped = (s: TypedSpan) => ({ type: 'SPAN', start: s.start, end: s.end });
  return matchByKey(gold.map(untyped), pred.map(untyped), (s) => `${s.start}:${s.end}`);
}

/** Accumulated exact-span and span-only scores of one system on one set. */
export class NerScorer {
  private readonly exact = new SpanScorer(ENTITY_TYPES);
  private readonly spans = new SpanScorer(['SPAN']);
  /** Adds one record; returns the predictions that were scored (outside ignore spans). */
  add(gold: readonly TypedSpan[], pred: readonly TypedSpan[], ignore?: readonly IgnoreSpan[]): TypedSpan[] {
    const kept = dropIgnored(pred, ignore);
    this.exact.add(matchExact(gold, kept));
    this.spans.add(matchSpanOnly(gold, kept));
    return kept;
  }
  score(): NerScore {
    const exact = this.exact.score();
    return { ...exact, span: this.spans.score().micro };
  }
}

export interface NerScore extends SpanScore {
  /** Span-only micro scores (type ignored). */
  span: PRF;
}

/** Figures of the entity stage before this tagger, per set (stored, not recomputed). */
interface Baseline {
  commit: string;
  date: string;
  note: string;
  sets: Record<string, NerScore>;
}

export const BASELINE_PATH = path.join(PACKAGE_ROOT, 'bench', 'results', 'ner-baseline.json');

function loadBaseline(): Baseline | null {
  if (!existsSync(BASELINE_PATH)) return null;
  return JSON.parse(readFileSync(BASELINE_PATH, 'utf8')) as Baseline;
}

export interface NerTargetRow {
  data: string;
  metric: string;
  target: string;
  value: string;
  pass: boolean;
}

export interface NerEvaluation {
  sections: Section[];
  results: Record<string, unknown>;
  targets: NerTargetRow[];
  details: string[];
  /** Scores of warta per set (for writing a new baseline file). */
  warta: Record<string, NerScore>;
}

/** The record as `warta run` would read it from a JSON Lines export. */
function analyzeRecord(analyzer: Analyzer, set: NerSet, rec: NerRecord, index: number, stageMs: Record<string, number>) {
  const doc = recordToDoc(
    { id: rec.id, title: rec.title ?? undefined, text: rec.text, published_at: rec.published_at ?? undefined, source: rec.source ?? undefined },
    { path: `${set.name}.jsonl`, format: 'jsonl', record: index, sha256: '' },
  );
  return analyzer.analyze(doc, stageMs);
}

function cells(s: NerScore | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  for (const t of ENTITY_TYPES) {
    const p = s.perType[t];
    out.push(fmt3(p?.precision), fmt3(p?.recall), fmt3(p?.f1));
  }
  out.push(fmt3(s.micro.precision), fmt3(s.micro.recall), fmt3(s.micro.f1), fmt3(s.span.f1));
  return out;
}

const LABELS = [...ENTITY_TYPES.flatMap((t) => [`${SHORT[t]} P`, `${SHORT[t]} R`, `${SHORT[t]} F1`]), 'micro P', 'micro R', 'micro F1', 'span F1', 'ms'];
const ORG_F1 = 8;
const MICRO_F1 = 11;

/**
 * Scores warta and compromise on every NER set; `details` lists the first
 * errors of warta per set when asked.
 */
export async function evaluateNer(analyzer: Analyzer, sets: readonly NerSet[], options: { details?: boolean } = {}): Promise<NerEvaluation> {
  const compromise = await compromiseEntities();
  const baseline = loadBaseline();
  const sections: Section[] = [];
  const results: Record<string, unknown> = {};
  const targets: NerTargetRow[] = [];
  const details: string[] = [];
  const wartaScores: Record<string, NerScore> = {};
  for (const set of sets) {
    const warta = new NerScorer();
    const peer = new NerScorer();
    const stageMs: Record<string, number> = {};
    let peerMs = 0;
    const errors: string[] = [];
    set.records.forEach((rec, i) => {
      const gold = rec.gold.entities;
      const out = analyzeRecord(analyzer, set, rec, i, stageMs);
      const pred = out.entities.map((e) => ({ type: e.type, start: e.start, end: e.end, text: e.text }));
      const kept = warta.add(gold, pred, rec.gold.ignore);
      if (options.details && errors.length < 400) {
        const chars = Array.from(out.text);
        const key = (e: TypedSpan) => `${e.type} ${e.start}:${e.end} ${chars.slice(e.start, e.end).join('')}`;
        const g = new Set(gold.map(key));
        const p = new Set(kept.map(key));
        for (const x of p) if (!g.has(x)) errors.push(`  ${rec.id} spurious ${x}`);
        for (const x of g) if (!p.has(x)) errors.push(`  ${rec.id} missed   ${x}`);
      }
      const t0 = performance.now();
      const cp = compromise(out.text);
      peerMs += performance.now() - t0;
      peer.add(gold, cp, rec.gold.ignore);
    });
    const w = warta.score();
    const c = peer.score();
    wartaScores[set.name] = w;
    const nGold = set.records.reduce((a, r) => a + r.gold.entities.length, 0);
    const unit = set.name.startsWith('news-dev') ? 'art.' : 'sent.';
    const data = `${set.name} (${set.records.length} ${unit}, ${nGold} ent.)`;
    const targetCells = LABELS.map(() => '');
    targetCells[ORG_F1] = `>= ${ORG_TARGET}`;
    if (set.microTarget !== undefined) targetCells[MICRO_F1] = `>= ${set.microTarget}`;
    const wCells = [...cells(w), (stageMs.entities ?? 0).toFixed(0)];
    const missed = LABELS.map(() => false);
    missed[ORG_F1] = (w.perType.ORGANIZATION?.f1 ?? 0) < ORG_TARGET;
    targets.push({ data, metric: 'ORG F1', target: `>= ${ORG_TARGET}`, value: fmt3(w.perType.ORGANIZATION?.f1), pass: !missed[ORG_F1] });
    if (set.microTarget !== undefined) {
      missed[MICRO_F1] = w.micro.f1 < set.microTarget;
      targets.push({ data, metric: 'micro F1', target: `>= ${set.microTarget}`, value: fmt3(w.micro.f1), pass: !missed[MICRO_F1] });
    }
    const rows: Section['rows'] = [{ system: 'warta', cells: wCells, missed }];
    const before = baseline?.sets[set.name];
    if (before) rows.push({ system: `before (${baseline!.commit.slice(0, 7)})`, cells: [...cells(before), ''] });
    rows.push({ system: 'compromise', cells: [...cells(c), peerMs.toFixed(0)] });
    sections.push({ title: `entities (${set.language}): ${data}, exact spans per type, micro, span-only`, labels: LABELS, targets: targetCells, rows });
    results[set.name] = { task: 'entities', language: set.language, records: set.records.length, entities: nGold, warta: w, compromise: c, before: before ?? null, stage_ms: stageMs, peer_ms: peerMs };
    if (errors.length) details.push(`${set.name}: first warta entity errors:`, ...errors);
  }
  return { sections, results, targets, details, warta: wartaScores };
}

/** Micro PRF of several scores' counts (for summaries over sets). */
export function pooled(scores: readonly NerScore[]): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of scores) {
    tp += s.micro.tp;
    fp += s.micro.fp;
    fn += s.micro.fn;
  }
  return prf(tp, fp, fn);
}

/** Stores warta's current figures as the `before` row of later runs (`--write-ner-baseline`). */
export function writeNerBaseline(info: { commit: string; date: string }, scores: Record<string, NerScore>): void {
  const baseline: Baseline = {
    commit: info.commit,
    date: info.date,
    note: 'entity stage before the v2 taggers (rules + gazetteers + NERGrit CRF for Indonesian, compromise for English), scored by src/eval/ner.ts',
    sets: scores,
  };
  writeFileSync(BASELINE_PATH, JSON.stringify(baseline, null, 1) + '\n');
}

interface CvFigures {
  PERSON: number;
  LOCATION: number;
  ORGANIZATION: number;
  micro: { p: number; r: number; f1: number };
}

/**
 * The cross-validation figures `npm run train:ner` stored in each shipped
 * model (5 folds of whole pseudo-documents of the training splits, the tagger
 * alone; English also with its document layer), as one section.
 */
export function crossValidationSection(): Section | null {
  const rows: Section['rows'] = [];
  for (const language of ['id', 'en'] as const) {
    const model = readModelFile(defaultModelPath(language));
    const meta = model?.meta as { cv?: { folds: number; sets: Record<string, CvFigures> }; cvDocument?: { sets: Record<string, CvFigures> } } | undefined;
    if (!meta?.cv) continue;
    for (const [name, f] of Object.entries(meta.cv.sets)) {
      const d = meta.cvDocument?.sets[name];
      rows.push({
        system: `${language} ${name}`,
        cells: [fmt3(f.PERSON), fmt3(f.LOCATION), fmt3(f.ORGANIZATION), fmt3(f.micro.p), fmt3(f.micro.r), fmt3(f.micro.f1), d ? fmt3(d.micro.f1) : ''],
      });
    }
  }
  if (rows.length === 0) return null;
  return {
    title: 'entities: cross-validation on the training splits, stored in models/ner-*.json by train:ner (5 folds, tagger alone; doc = with the document layer)',
    labels: ['PER F1', 'LOC F1', 'ORG F1', 'micro P', 'micro R', 'micro F1', 'doc F1'],
    targets: ['', '', '', '', '', '', ''],
    rows,
  };
}
