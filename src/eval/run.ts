/**
 * `npm run eval`: the default pipeline, through the same code path as `warta run`
 * (createAnalyzer on Docs from recordToDoc / the file readers), scored on every
 * development set present and on the project's hand-checked gold fixtures, with
 * the peers run on the same data in the same process as columns of one table.
 *
 *   node dist/eval/run.js [--details] [--json FILE] [--no-json] [--markdown] [--write-ner-baseline]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer, type Analyzer } from '../analyze.js';
import { createDoc, type Doc } from '../doc.js';
import { readArticles } from '../ingest/readers.js';
import { recordToDoc } from '../ingest/record.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import type { DocumentRecord } from '../sinks/serialize.js';
import {
  devDataDir,
  loadDevSets,
  loadGoldFixtures,
  runInfo,
  shortCommit,
  type DevSet,
  type GoldFixture,
} from './data.js';
import {
  chronoDates,
  compromiseEntities,
  compromiseSentences,
  francLanguage,
  intlSentences,
  naturalSentences,
  type PeerDate,
  type PeerEntity,
} from './peers.js';
import {
  boundaries,
  boundaryCounts,
  canonicalConsistency,
  DateScorer,
  matchExact,
  matchLenient,
  prf,
  scoreLanguage,
  SpanScorer,
  type DateScore,
  type LanguageItem,
  type LanguageScore,
  type PRF,
} from './scorers.js';
import { htmlBodyEval } from './html-bodies.js';
import { crossValidationSection, evaluateNer, loadNerSets, writeNerBaseline } from './ner.js';
import { fmt3, renderSections, renderSectionsMarkdown, type Section } from './table.js';
import { bandsOf, crossValidation, idMsCell } from './langid.js';

const SYSTEMS = ['warta', 'franc', 'compromise', 'natural', 'Intl.Segmenter', 'chrono-en', 'chrono-id'] as const;
type System = (typeof SYSTEMS)[number];
const ENTITY_TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION'] as const;
const TYPE_SHORT: Record<string, string> = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

interface Row {
  task: string;
  data: string;
  metric: string;
  target: string;
  /** Whether warta meets the target; undefined when there is none. */
  pass?: boolean;
  values: Partial<Record<System, string>>;
}

const args = process.argv.slice(2);
const showDetails = args.includes('--details');
const writeJson = !args.includes('--no-json');
const markdown = args.includes('--markdown');
const jsonPathArg = args.indexOf('--json');
const jsonPath = jsonPathArg >= 0 ? path.resolve(args[jsonPathArg + 1]) : path.join(PACKAGE_ROOT, 'bench', 'results', 'eval.json');

const rows: (Row | string)[] = [];
const results: Record<string, unknown> = {};
const details: string[] = [];

function timeIt<T>(timings: Record<string, number>, key: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  timings[key] = (timings[key] ?? 0) + performance.now() - t0;
  return out;
}

function analyzeDev(analyzer: Analyzer, set: DevSet, index: number, stageMs: Record<string, number>): DocumentRecord {
  const rec = set.records[index];
  const doc = recordToDoc({ id: rec.id, text: rec.text }, { path: set.name, format: 'jsonl', record: index, sha256: '' });
  return analyzer.analyze(doc, stageMs);
}

function textChanged(out: DocumentRecord, input: string, counter: { n: number }): void {
  if (out.text !== input) counter.n++;
}

function msRow(task: string, data: string, values: Partial<Record<System, number>>, note = 'ms'): Row {
  const v: Partial<Record<System, string>> = {};
  for (const [k, ms] of Object.entries(values)) v[k as System] = ms === undefined ? '' : ms.toFixed(0);
  return { task, data, metric: note, target: '', values: v };
}

function prfRows(task: string, data: string, label: string, scores: Partial<Record<System, PRF>>, f1Target?: number): Row[] {
  const get = (key: 'precision' | 'recall' | 'f1') => {
    const v: Partial<Record<System, string>> = {};
    for (const [k, s] of Object.entries(scores)) if (s) v[k as System] = fmt3(s[key]);
    return v;
  };
  const warta = scores.warta;
  return [
    { task, data, metric: `${label}P`, target: '', values: get('precision') },
    { task, data, metric: `${label}R`, target: '', values: get('recall') },
    {
      task,
      data,
      metric: `${label}F1`,
      target: f1Target === undefined ? '' : f1Target === 1 ? '1.000' : `>= ${f1Target}`,
      pass: f1Target !== undefined && warta ? warta.f1 >= f1Target : undefined,
      values: get('f1'),
    },
  ];
}

// ------------------------------------------------------------------ language

function languageSection(analyzer: Analyzer, set: DevSet): void {
  const stageMs: Record<string, number> = {};
  const peerMs: Record<string, number> = {};
  const wartaItems: LanguageItem[] = [];
  const francItems: LanguageItem[] = [];
  const changed = { n: 0 };
  const t0 = performance.now();
  set.records.forEach((rec, i) => {
    const out = analyzeDev(analyzer, set, i, stageMs);
    textChanged(out, rec.text, changed);
    wartaItems.push({ gold: rec.gold.language!, pred: out.language, band: rec.gold.band });
  });
  const wartaMs = performance.now() - t0;
  for (const rec of set.records) {
    francItems.push({ gold: rec.gold.language!, pred: timeIt(peerMs, 'franc', () => francLanguage(rec.text)), band: rec.gold.band });
  }
  const w = scoreLanguage(wartaItems);
  const f = scoreLanguage(francItems);
  results[set.name] = { task: 'language', n: set.records.length, warta: w, franc: f, textChanged: changed.n, stage_ms: stageMs, warta_ms: wartaMs, franc_ms: peerMs.franc };

  const data = `${set.name.replace(/\.jsonl$/, '')} (${set.records.length})`;
  rows.push(`language: ${data}, accuracy`);
  const acc = (s: LanguageScore, pick: (s: LanguageScore) => { accuracy: number } | undefined) => fmt3(pick(s)?.accuracy);
  const add = (metric: string, pick: (s: LanguageScore) => { accuracy: number } | undefined, target?: number) => {
    const wv = pick(w)?.accuracy;
    rows.push({
      task: 'language',
      data,
      metric,
      target: target !== undefined ? `>= ${target}` : '',
      pass: target !== undefined && wv !== undefined ? wv >= target : undefined,
      values: { warta: acc(w, pick), franc: acc(f, pick) },
    });
  };
  add('all', (s) => s, 0.9);
  for (const band of ['short', 'medium', 'long']) if (w.byBand[band]) add(band, (s) => s.byBand[band]);
  for (const lang of ['id', 'ms', 'en']) {
    if (w.byLanguageBand[`${lang}/long`]) add(`${lang} long`, (s) => s.byLanguageBand[`${lang}/long`], 0.99);
    if (w.byLanguageBand[`${lang}/medium`]) add(`${lang} med.`, (s) => s.byLanguageBand[`${lang}/medium`], 0.97);
  }
  const conf = idMsCell;
  rows.push({ task: 'language', data, metric: 'id>ms+ms>id', target: '', values: { warta: conf(w), franc: conf(f) } });
  for (const band of bandsOf(w).filter((b) => b !== 'long')) {
    rows.push({ task: 'language', data, metric: `id<>ms ${band}`, target: '', values: { warta: conf(w, band), franc: conf(f, band) } });
  }
  const longC = w.idMsByBand.long;
  if (longC) {
    const rate = longC.n ? (longC.idAsMs + longC.msAsId) / longC.n : 0;
    rows.push({
      task: 'language',
      data,
      metric: 'id<>ms long',
      target: '< 1%',
      pass: rate < 0.01,
      values: { warta: conf(w, 'long'), franc: conf(f, 'long') },
    });
  }
  rows.push(msRow('language', data, { warta: stageMs.language, franc: peerMs.franc }));
  rows.push(`language: ${data}, accuracy per language`);
  for (const lang of Object.keys(w.byLanguage).sort()) add(lang, (s) => s.byLanguage[lang]);
  if (changed.n) details.push(`${set.name}: output text differs from input in ${changed.n} records`);
  if (showDetails) {
    details.push(`${set.name} confusion (gold -> predicted: count), warta:`);
    for (const [gold, preds] of Object.entries(w.confusion).sort()) {
      details.push(`  ${gold.padEnd(4)} ${Object.entries(preds).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p}:${n}`).join(' ')}`);
    }
  }
}

// ------------------------------------------------------------------ sentences

async function sentenceSection(analyzer: Analyzer, set: DevSet): Promise<void> {
  const locale = set.language ?? 'und';
  const peers: [System, (text: string) => [number, number][]][] = [
    ['compromise', await compromiseSentences()],
    ['natural', await naturalSentences()],
    ['Intl.Segmenter', intlSentences(locale)],
  ];
  const counts: Partial<Record<System, { tp: number; fp: number; fn: number }>> = {};
  const ms: Partial<Record<System, number>> = {};
  const stageMs: Record<string, number> = {};
  const changed = { n: 0 };
  const add = (sys: System, c: { tp: number; fp: number; fn: number }) => {
    const into = (counts[sys] ??= { tp: 0, fp: 0, fn: 0 });
    into.tp += c.tp;
    into.fp += c.fp;
    into.fn += c.fn;
  };
  const errors: string[] = [];
  set.records.forEach((rec, i) => {
    const chars = Array.from(rec.text);
    const gold = boundaries(chars, rec.gold.sentences ?? []);
    const out = analyzeDev(analyzer, set, i, stageMs);
    textChanged(out, rec.text, changed);
    const pred = boundaries(chars, out.sentences.map((s) => [s.start, s.end] as [number, number]));
    const c = boundaryCounts(gold, pred);
    add('warta', c);
    if (showDetails && (c.fp || c.fn) && errors.length < 12) {
      const mark = (b: number) => `…${chars.slice(Math.max(0, b - 25), b).join('')}|${chars.slice(b, b + 15).join('')}…`;
      for (const b of pred) if (!gold.has(b)) errors.push(`  spurious ${mark(b)}`);
      for (const b of gold) if (!pred.has(b)) errors.push(`  missed   ${mark(b)}`);
    }
    for (const [sys, fn] of peers) {
      const t0 = performance.now();
      const spans = fn(rec.text);
      ms[sys] = (ms[sys] ?? 0) + performance.now() - t0;
      add(sys, boundaryCounts(gold, boundaries(chars, spans)));
    }
  });
  const scores: Partial<Record<System, PRF>> = {};
  for (const [sys, c] of Object.entries(counts)) scores[sys as System] = prf(c.tp, c.fp, c.fn);
  const nSent = set.records.reduce((a, r) => a + (r.gold.sentences?.length ?? 0), 0);
  const data = `${set.name.replace(/\.jsonl$/, '')} (${nSent} sent.)`;
  const target = locale === 'id' ? 0.985 : locale === 'en' ? 0.9 : undefined;
  results[set.name] = { task: 'sentences', language: locale, records: set.records.length, sentences: nSent, scores, stage_ms: stageMs, peer_ms: ms, textChanged: changed.n };
  rows.push(`sentences (${locale}): ${data}, boundaries`);
  rows.push(...prfRows(`sentences ${locale}`, data, '', scores, target));
  rows.push(msRow(`sentences ${locale}`, data, { warta: stageMs.sentences, ...ms }));
  if (changed.n) details.push(`${set.name}: output text differs from input in ${changed.n} records`);
  if (errors.length) details.push(`${set.name}: first warta boundary errors:`, ...errors);
}

// ------------------------------------------------------------------ gold fixtures

/** Find the k-th occurrence of `needle` (code points) in `chars` at or after `from`. */
function indexOfCp(chars: readonly string[], needle: readonly string[], from: number): number {
  outer: for (let i = from; i + needle.length <= chars.length; i++) {
    for (let j = 0; j < needle.length; j++) if (chars[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * When the output text differs from the file text (a normaliser changed it),
 * move each gold span to the same occurrence of its surface in the output text.
 */
function realign<T extends { start: number; end: number; text: string }>(gold: readonly T[], goldText: string, outText: string): T[] {
  if (goldText === outText) return [...gold];
  const g = Array.from(goldText);
  const o = Array.from(outText);
  return gold.map((span) => {
    const needle = Array.from(span.text);
    let k = 0;
    for (let at = indexOfCp(g, needle, 0); at >= 0 && at < span.start; at = indexOfCp(g, needle, at + 1)) k++;
    let at = indexOfCp(o, needle, 0);
    for (let i = 0; i < k && at >= 0; i++) at = indexOfCp(o, needle, at + 1);
    return at >= 0 ? { ...span, start: at, end: at + needle.length } : span;
  });
}

async function readFixtureDoc(fixture: GoldFixture): Promise<{ doc: Doc; fileText: string }> {
  const file = path.join(PACKAGE_ROOT, fixture.input);
  const fileText = readFileSync(file, 'utf8');
  const { docs } = await readArticles(file, { root: path.dirname(file) });
  const doc = docs[0] ?? createDoc({ id: path.basename(file), source: { path: fixture.input, format: 'txt', record: null, sha256: '' }, text: fileText });
  // The file's modification date depends on the checkout; drop it so results are reproducible.
  delete doc.meta.fileDate;
  return { doc, fileText };
}

async function fixtureSection(analyzer: Analyzer, fixtures: GoldFixture[]): Promise<void> {
  if (fixtures.length === 0) return;
  const compromise = await compromiseEntities();
  const chrono = { 'chrono-en': await chronoDates('en'), 'chrono-id': await chronoDates('id') } as const;
  const exact = { warta: new SpanScorer(ENTITY_TYPES), compromise: new SpanScorer(ENTITY_TYPES) };
  const lenient = { warta: new SpanScorer(ENTITY_TYPES), compromise: new SpanScorer(ENTITY_TYPES) };
  const dateScores = { warta: new DateScorer(), 'chrono-en': new DateScorer(), 'chrono-id': new DateScorer() };
  /** Per fixture: exact micro F1 of warta and compromise, date values of warta and chrono. */
  const perFixtureCells: { short: string; entityF1: Partial<Record<System, string>>; values: Partial<Record<System, string>> }[] = [];
  const langOk = { warta: 0, franc: 0 };
  const canonical = { clusters: 0, consistent: 0 };
  const perFixture: Record<string, unknown> = {};
  let nEnt = 0;
  let nDates = 0;
  for (const fixture of fixtures) {
    const { doc, fileText } = await readFixtureDoc(fixture);
    const out = analyzer.analyze(doc);
    const goldEntities = realign(fixture.entities, fileText, out.text);
    const goldDates = realign(fixture.dates, fileText, out.text);
    nEnt += goldEntities.length;
    nDates += goldDates.length;
    if (out.language === fixture.language) langOk.warta++;
    if (francLanguage(out.text) === fixture.language) langOk.franc++;

    const pred = out.entities.map((e) => ({ type: e.type, start: e.start, end: e.end, text: e.text, entity_id: e.entity_id }));
    exact.warta.add(matchExact(goldEntities, pred));
    const one = { warta: new SpanScorer(ENTITY_TYPES), compromise: new SpanScorer(ENTITY_TYPES) };
    one.warta.add(matchExact(goldEntities, pred));
    lenient.warta.add(matchLenient(goldEntities, pred));
    const cp: PeerEntity[] = compromise(out.text);
    exact.compromise.add(matchExact(goldEntities, cp));
    one.compromise.add(matchExact(goldEntities, cp));
    const oneDates: Record<string, DateScorer> = { warta: new DateScorer(), 'chrono-en': new DateScorer(), 'chrono-id': new DateScorer() };
    lenient.compromise.add(matchLenient(goldEntities, cp));

    // canonical grouping over exactly matched mentions
    const byKey = new Map(pred.map((p) => [`${p.type}:${p.start}:${p.end}`, p.entity_id]));
    const matched = goldEntities
      .filter((g) => byKey.has(`${g.type}:${g.start}:${g.end}`))
      .map((g) => ({ goldCluster: g.cluster, predId: byKey.get(`${g.type}:${g.start}:${g.end}`)! }));
    const canon = canonicalConsistency(matched);
    const goldClusters = new Set(goldEntities.map((g) => g.cluster)).size;
    canonical.clusters += canon.clusters; // gold entities found at least once (exact span); misses count in F1 already
    canonical.consistent += canon.consistent;

    const predDates = out.dates.map((d) => ({ start: d.start, end: d.end, value: d.value, text: d.text }));
    dateScores.warta.add(goldDates, predDates);
    oneDates.warta.add(goldDates, predDates);
    const chronoOut: Record<string, PeerDate[]> = {};
    for (const [name, parse] of Object.entries(chrono)) {
      chronoOut[name] = parse(out.text, fixture.published_at);
      dateScores[name as 'chrono-en' | 'chrono-id'].add(goldDates, chronoOut[name]);
      oneDates[name].add(goldDates, chronoOut[name]);
    }

    const g = new Set(goldEntities.map((e) => `${e.type} ${e.start}:${e.end} ${e.text}`));
    const p = new Set(pred.map((e) => `${e.type} ${e.start}:${e.end} ${e.text}`));
    const missedEntities = [...g].filter((x) => !p.has(x));
    const spuriousEntities = [...p].filter((x) => !g.has(x));
    const dateKey = (d: { start: number; end: number; text: string; value: string }) => `${d.start}:${d.end} ${JSON.stringify(d.text)} ${d.value}`;
    const gd = new Set(goldDates.map(dateKey));
    const pd = new Set(predDates.map(dateKey));
    const valueCell = (d: DateScorer) => {
      const sc = d.score();
      return `${sc.valueCorrect}/${sc.gold}`;
    };
    perFixtureCells.push({
      short: fixture.name.split(/[-.]/)[0],
      entityF1: { warta: fmt3(one.warta.score().micro.f1), compromise: fmt3(one.compromise.score().micro.f1) },
      values: Object.fromEntries(Object.entries(oneDates).map(([k, d]) => [k, valueCell(d)])),
    });
    perFixture[fixture.name] = {
      input: fixture.input,
      language: out.language,
      published_at: out.published_at,
      text_equal: out.text === fileText,
      entities: { gold: goldEntities.length, predicted: pred.length, missed: missedEntities, spurious: spuriousEntities, canonical: { ...canon, goldClusters } },
      dates: { gold: goldDates.length, predicted: predDates.length, missed: [...gd].filter((x) => !pd.has(x)), spurious: [...pd].filter((x) => !gd.has(x)) },
    };
    if (showDetails) {
      details.push(`${fixture.name}: language ${out.language}, published_at ${out.published_at}, text ${out.text === fileText ? 'unchanged' : 'CHANGED'}`);
      for (const x of missedEntities) details.push(`  entity missed   ${x}`);
      for (const x of spuriousEntities) details.push(`  entity spurious ${x}`);
      if (canon.split.length) details.push(`  clusters split over several entity_ids: ${canon.split.join(', ')}`);
      if (canon.merged.length) details.push(`  clusters sharing an entity_id with another: ${canon.merged.join(', ')}`);
      for (const x of [...gd].filter((x) => !pd.has(x))) details.push(`  date missed/wrong ${x}`);
      for (const x of [...pd].filter((x) => !gd.has(x))) details.push(`  date spurious/wrong ${x}`);
    }
  }
  const data = `gold fixtures (${fixtures.length} art.)`;
  const names = fixtures.map((f) => f.name.replace(/\.json$/, '')).join(', ');
  rows.push(`gold fixtures (${names}): language`);
  rows.push({
    task: 'language',
    data,
    metric: 'articles',
    target: 'all',
    pass: langOk.warta === fixtures.length,
    values: { warta: `${langOk.warta}/${fixtures.length}`, franc: `${langOk.franc}/${fixtures.length}` },
  });
  const ex = { warta: exact.warta.score(), compromise: exact.compromise.score() };
  const le = { warta: lenient.warta.score(), compromise: lenient.compromise.score() };
  const eData = `${data.replace(/\)$/, '')}, ${nEnt} ent.)`;
  rows.push(`gold fixtures: entities (${nEnt} mentions), exact spans; lenient; entities grouped by entity_id`);
  for (const type of ENTITY_TYPES) {
    rows.push({
      task: 'entities',
      data: eData,
      metric: `${TYPE_SHORT[type]} F1`,
      target: '',
      values: { warta: fmt3(ex.warta.perType[type]?.f1), compromise: fmt3(ex.compromise.perType[type]?.f1) },
    });
  }
  rows.push(...prfRows('entities', eData, 'micro ', { warta: ex.warta.micro, compromise: ex.compromise.micro }, 1));
  rows.push({ task: 'entities', data: eData, metric: 'len. F1', target: '', values: { warta: fmt3(le.warta.micro.f1), compromise: fmt3(le.compromise.micro.f1) } });
  rows.push({
    task: 'entities',
    data: eData,
    metric: 'grouped',
    target: 'all',
    pass: canonical.consistent === canonical.clusters,
    values: { warta: `${canonical.consistent}/${canonical.clusters}` },
  });
  for (const f of perFixtureCells) {
    rows.push({ task: 'entities', data: eData, metric: `${f.short} F1`, target: '1.000', pass: f.entityF1.warta === '1.000', values: f.entityF1 });
  }
  const ds: Record<string, DateScore> = {};
  for (const [k, s] of Object.entries(dateScores)) ds[k] = s.score();
  const dData = `${data.replace(/\)$/, '')}, ${nDates} dates)`;
  const dv = (pick: (s: DateScore) => string) => Object.fromEntries(Object.entries(ds).map(([k, s]) => [k, pick(s)])) as Partial<Record<System, string>>;
  rows.push(`gold fixtures: dates (${nDates}), detection by overlap; exact spans; values`);
  rows.push(...prfRows('dates', dData, '', Object.fromEntries(Object.entries(ds).map(([k, s]) => [k, s.detection])), 1));
  rows.push({ task: 'dates', data: dData, metric: 'exact F1', target: '', values: dv((s) => fmt3(s.exact.f1)) });
  rows.push({
    task: 'dates',
    data: dData,
    metric: 'values',
    target: 'all',
    pass: ds.warta.valueCorrect === ds.warta.gold,
    values: dv((s) => `${s.valueCorrect}/${s.gold} ${fmt3(s.valueAccuracy)}`),
  });
  for (const f of perFixtureCells) {
    const [ok, n] = (f.values.warta ?? '0/1').split('/');
    rows.push({ task: 'dates', data: dData, metric: `${f.short} values`, target: 'all', pass: ok === n, values: f.values });
  }
  results.fixtures = { fixtures: perFixture, entities: { exact: ex, lenient: le, canonical }, dates: ds, language: langOk };
}

// ------------------------------------------------------------------ table

/** Metric rows grouped under their heading become sections: metrics as columns, systems as rows. */
function toSections(all: readonly (Row | string)[]): Section[] {
  const sections: Section[] = [];
  let current: { title: string; rows: Row[] } | null = null;
  const flush = () => {
    if (!current || current.rows.length === 0) return;
    const metrics = current.rows;
    const systems = SYSTEMS.filter((sys) => metrics.some((m) => (m.values[sys] ?? '') !== ''));
    sections.push({
      title: current.title,
      labels: metrics.map((m) => m.metric),
      targets: metrics.map((m) => m.target),
      rows: systems.map((sys) => ({
        system: sys,
        cells: metrics.map((m) => m.values[sys] ?? ''),
        missed: metrics.map((m) => sys === 'warta' && m.pass === false),
      })),
    });
  };
  for (const r of all) {
    if (typeof r === 'string') {
      flush();
      current = { title: r, rows: [] };
    } else {
      current ??= { title: r.task, rows: [] };
      current.rows.push(r);
    }
  }
  flush();
  return sections;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const info = runInfo(os.cpus().length);
  const messages: string[] = [];
  const dir = devDataDir();
  const sets = loadDevSets(dir, messages);
  const fixtures = loadGoldFixtures();
  const t0 = performance.now();
  const analyzer = await createAnalyzer();
  for (const m of messages) console.log(m);

  for (const set of sets) {
    if (set.task === 'language') languageSection(analyzer, set);
    else if (set.task === 'sentences') await sentenceSection(analyzer, set);
  }
  // entities: every NER set, per language, next to the stage before v2 and compromise (src/eval/ner.ts)
  const ner = await evaluateNer(analyzer, loadNerSets(dir, messages), { details: showDetails });
  Object.assign(results, ner.results);
  details.push(...ner.details);
  if (args.includes('--write-ner-baseline')) writeNerBaseline(info, ner.warta);
  await fixtureSection(analyzer, fixtures);
  const html = htmlBodyEval(analyzer);
  rows.push(...html.rows);
  details.push(...html.details);
  results.html_bodies = html.results;
  const elapsed = performance.now() - t0;

  const nerCv = crossValidationSection();
  const sections = [...toSections(rows), ...ner.sections, ...(nerCv ? [nerCv] : [])];
  console.log(`warta eval  ${info.date}  commit ${shortCommit(info)}  node ${info.node}  dev data ${sets.length ? dir : '(none)'}`);
  console.log('');
  console.log(renderSections(sections));
  console.log('');
  console.log('* warta misses the target in that column. ms = wall time of the warta stage / of the peer on the set.');
  const cv = sets.some((s) => s.task === 'language') ? crossValidation() : null;
  if (cv) {
    console.log(`\n${cv.text}`);
    results.langid_cv = cv.report;
  }
  if (details.length) console.log(['', ...details].join('\n'));
  const targets = rows.filter((r): r is Row => typeof r !== 'string' && r.pass !== undefined);
  const missed = targets.filter((r) => !r.pass);
  const nerMissed = ner.targets.filter((r) => !r.pass);
  console.log('');
  console.log(`targets met: ${targets.length + ner.targets.length - missed.length - nerMissed.length}/${targets.length + ner.targets.length}   elapsed ${(elapsed / 1000).toFixed(1)} s`);
  for (const r of missed) console.log(`  missed: ${r.task} ${r.data} ${r.metric} = ${r.values.warta ?? ''} (target ${r.target})`);
  for (const r of nerMissed) console.log(`  missed: entities ${r.data} ${r.metric} = ${r.value} (target ${r.target})`);
  if (markdown) {
    console.log('');
    console.log(renderSectionsMarkdown(sections));
  }
  if (writeJson) {
    mkdirSync(path.dirname(jsonPath), { recursive: true });
    writeFileSync(
      jsonPath,
      JSON.stringify({ ...info, dev_data: sets.length ? dir : null, dev_sets: sets.map((s) => s.name), messages, elapsed_ms: Math.round(elapsed), rows, results }, null, 1) + '\n',
    );
    console.log(`results written to ${path.relative(process.cwd(), jsonPath) || jsonPath}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
