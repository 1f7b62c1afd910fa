/**
 * `npm run train:ner -- --lang id|en`: trains the NER tagger of a language on
 * its training splits in `../shared/dev-data/` (see `corpora.ts`), optionally
 * cross-validates it (`--cv K`: folds of whole pseudo-documents; the held-out
 * predictions also calibrate span scores), prints the dev splits as a check,
 * and writes `models/ner-<lang>.json`. Deterministic for a given seed.
 *
 *   node dist/ner/train.js --lang id|en [--no-conll] [--cv K] [--data DIR] [--epochs N] [--seed N] [--ensemble N]
 *     [--algorithm crf|perceptron] [--eta X] [--l2 X] [--prune X] [--add-templates A,B] [--drop-templates A,B]
 *     [--add-corpora NAME,...] [--headline-share X] [--doc-layer learn|none|FILE] [--no-doc-layer] [--doc-layer-out FILE] [--doc-epochs N] [--no-clusters]
 *     [--out FILE] [--no-save] [--quiet]
 *
 * Defaults: CRF (SGD, L2 1e-4, learning rate 0.05, weights averaged over the second half of the
 * epochs: 20 for Indonesian, 12 for English, see DEFAULT_EPOCHS), models of 3 consecutive seeds averaged
 * (DEFAULT_ENSEMBLE), rows under 0.001 pruned; English learns its document layer, Indonesian borrows
 * `models/ner-doc-layer.json` (BORROWED_DOC_LAYER).
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lang/data.js';
import { DEV_CORPORA, TRAIN_CORPORA, foldsOf, readCorpora, readNerJsonl, type CorpusSentence } from './corpora.js';
import { CLUSTER_TEMPLATES, DEFAULT_TEMPLATES } from './tagger/features.js';
import { countDocumentLayer, holdOut, trainDocumentLayer, type HeldOutSentence } from './tagger/document-trainer.js';
import { defaultModelPath, readModelFile, type DocLayerFile, type ModelLanguage, type TaggedSpan } from './tagger/index.js';
import { TYPES } from './tagger/model.js';
import { evaluate, trainTagger, type LabeledSentence, type PRF, type TrainOptions } from './tagger/trainer.js';
import { buildLexicons } from './train-resources.js';
import { headlineCopies, headlineLowercaseWords } from './headline-case.js';

interface Args {
  lang: ModelLanguage;
  conll: boolean;
  data: string;
  epochs: number;
  seed: number;
  out: string;
  save: boolean;
  quiet: boolean;
  prune: number;
  templates: string[];
  cv: number;
  ensemble: number;
  algorithm: 'perceptron' | 'crf';
  l2: number;
  eta: number;
  /** Where the document layer comes from: learned from this language's documents, another model's, or none. */
  docLayer: 'learn' | 'none' | string;
  /** Where a learned document layer is also written on its own (for a model that borrows it). */
  docLayerOut: string;
  docEpochs: number;
  clusters: boolean;
  /** Name lists from the other language's training data (`known-*` list features). */
  crossNames: boolean;
  /** Training corpora of the other language added to every training run (never scored). */
  addCorpora: string[];
  /** Share of the training sentences added again as Title Case headlines (`headline-case.ts`). */
  headlineShare: number;
}

/**
 * Epochs per language, chosen by 5-fold cross-validation on the training splits: Indonesian
 * 12 → 20 epochs raised micro-F1 0.794 → 0.798 (NERGrit and NER-UI up, IDNer-news-2k the same; the
 * same with another seed; 30 epochs no better).
 */
export const DEFAULT_EPOCHS: Record<ModelLanguage, number> = { id: 20, en: 12 };

/**
 * Models averaged per language (consecutive seeds), chosen by the same cross-validation: for Indonesian,
 * 3 models raised micro-F1 0.798 → 0.799, every corpus and every type up a little (NERGrit 0.741 → 0.743,
 * IDNer-news-2k 0.819 → 0.822, NER-UI 0.867 → 0.868); for English, 3 raised micro-F1 with the document
 * layer 0.858 → 0.861 (CoNLL-2003 0.923 → 0.926, wikigold 0.743 → 0.745). An averaged model has as many
 * rows, so tagging costs the same. Training takes three times as long.
 */
export const DEFAULT_ENSEMBLE: Record<ModelLanguage, number> = { id: 3, en: 3 };

/**
 * Share of the training sentences added again in Title Case (`headline-case.ts`), per language, chosen
 * by cross-validation on the training splits scored both as written and written as headlines (one seed,
 * micro-F1 as written / as headlines): Indonesian 0 → 0.799 / 0.741, 0.2 → 0.799 / 0.791, 0.4 → 0.799 /
 * 0.799, 0.6 → 0.800 / 0.802, 1 (every sentence of 3–30 words) → 0.801 / 0.808. English is left at 0:
 * 0 → 0.856 / 0.700, 0.25 → 0.852 / 0.775, 1 → 0.850 / 0.795; the headlines gain, but prose loses
 * (CoNLL-2003 0.919 → 0.913–0.915), and newswire prose is what English is judged on.
 */
export const DEFAULT_HEADLINE_SHARE: Record<ModelLanguage, number> = { id: 1, en: 0 };

/**
 * The document layer the Indonesian model borrows (its corpora are single sentences, so it has no
 * articles to learn one from): learned on the held-out decisions of a single-seed English model, by
 * `npm run train:ner -- --lang en --ensemble 1 --no-save --doc-layer-out models/ner-doc-layer.json`.
 * It is a file of its own so that retraining English does not change the Indonesian model: the layer
 * of the three-seed English model typed `Kim Jong Un` an organisation in the example article.
 */
export const BORROWED_DOC_LAYER = path.join(PACKAGE_ROOT, 'models', 'ner-doc-layer.json');

export function parseArgs(argv: string[]): Args {
  const args: Args = {
    lang: 'id',
    conll: true,
    data: path.resolve(PACKAGE_ROOT, '..', 'shared', 'dev-data'),
    epochs: 0,
    seed: 1,
    out: '',
    save: true,
    quiet: false,
    prune: 0.001,
    templates: DEFAULT_TEMPLATES,
    cv: 5,
    ensemble: 0,
    algorithm: 'crf',
    l2: 1e-4,
    eta: 0.05,
    docLayer: '',
    docLayerOut: '',
    docEpochs: 6,
    clusters: true,
    crossNames: true,
    addCorpora: [],
    headlineShare: -1,
  };
  const add: string[] = [];
  const drop = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = () => {
      const v = Number(next());
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--lang') {
      const v = next();
      if (v !== 'id' && v !== 'en') throw new Error('--lang must be id or en');
      args.lang = v;
    } else if (a === '--no-conll') {
      // the English word clusters were learned with CoNLL-2003's sentence text among their corpora
      args.conll = false;
      args.clusters = false;
    }
    else if (a === '--data') args.data = path.resolve(next());
    else if (a === '--epochs') args.epochs = num();
    else if (a === '--seed') args.seed = num();
    else if (a === '--out') args.out = path.resolve(next());
    else if (a === '--prune') args.prune = num();
    else if (a === '--templates') args.templates = next().split(',');
    else if (a === '--drop-templates') for (const t of next().split(',')) drop.add(t);
    else if (a === '--add-templates') add.push(...next().split(','));
    else if (a === '--cv') args.cv = num();
    else if (a === '--ensemble') args.ensemble = num();
    else if (a === '--algorithm') {
      const v = next();
      if (v !== 'crf' && v !== 'perceptron') throw new Error('--algorithm must be crf or perceptron');
      args.algorithm = v;
    } else if (a === '--l2') args.l2 = num();
    else if (a === '--eta') args.eta = num();
    else if (a === '--doc-layer') args.docLayer = next();
    else if (a === '--no-doc-layer') args.docLayer = 'none';
    else if (a === '--doc-layer-out') args.docLayerOut = path.resolve(next());
    else if (a === '--doc-epochs') args.docEpochs = num();
    else if (a === '--no-clusters') args.clusters = false;
    else if (a === '--no-cross-names') args.crossNames = false;
    else if (a === '--add-corpora') args.addCorpora = next().split(',');
    else if (a === '--headline-share') args.headlineShare = num();
    else if (a === '--no-save') args.save = false;
    else if (a === '--quiet') args.quiet = true;
    else throw new Error(`unknown option ${a}`);
  }
  args.templates = [...args.templates.filter((t) => !drop.has(t)), ...add];
  if (args.epochs <= 0) args.epochs = DEFAULT_EPOCHS[args.lang];
  if (args.ensemble <= 0) args.ensemble = DEFAULT_ENSEMBLE[args.lang];
  if (args.headlineShare < 0) args.headlineShare = DEFAULT_HEADLINE_SHARE[args.lang];
  // English training data has articles (CoNLL-2003, wikigold) to learn the document layer from; the Indonesian
  // corpora are single sentences, so the Indonesian model borrows an English-learned layer
  if (!args.docLayer) args.docLayer = args.lang === 'en' ? 'learn' : BORROWED_DOC_LAYER;
  if (args.cv < 2 && args.docLayer === 'learn') args.docLayer = 'none';
  if (!args.out) args.out = args.lang === 'en' && !args.conll ? path.join(PACKAGE_ROOT, 'models', 'ner-en-noconll.json') : defaultModelPath(args.lang);
  return args;
}

/**
 * Writes a learned document layer on its own, in the shape `--doc-layer FILE` reads (a model file's
 * `doc`), with what it was learned from.
 */
export function writeDocLayerFile(file: string, layer: DocLayerFile, learnedBy: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ doc: layer, meta: { documentLayerOnly: true, learnedBy } }) + '\n');
}

function fmt(x: number): string {
  return x.toFixed(3);
}

/** Exact-span counts per type of one evaluation, added into `into`. */
type Counts = Record<string, [tp: number, fp: number, fn: number]>;

function newCounts(): Counts {
  return Object.fromEntries(TYPES.map((t) => [t, [0, 0, 0]])) as Counts;
}

function addEval(into: Counts, perType: Record<string, PRF>): void {
  for (const t of TYPES) {
    into[t][0] += perType[t].tp;
    into[t][1] += perType[t].fp;
    into[t][2] += perType[t].fn;
  }
}

function prfOf(tp: number, fp: number, fn: number): { p: number; r: number; f1: number } {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export interface SetFigures {
  PERSON: number;
  LOCATION: number;
  ORGANIZATION: number;
  micro: { p: number; r: number; f1: number };
}

function figures(c: Counts): SetFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const out: Record<string, unknown> = {};
  for (const t of TYPES) {
    out[t] = Number(prfOf(...c[t]).f1.toFixed(4));
    tp += c[t][0];
    fp += c[t][1];
    fn += c[t][2];
  }
  const m = prfOf(tp, fp, fn);
  out.micro = { p: Number(m.p.toFixed(4)), r: Number(m.r.toFixed(4)), f1: Number(m.f1.toFixed(4)) };
  return out as unknown as SetFigures;
}

function table(rows: Array<[name: string, c: Counts]>): string {
  const lines = ['| set | PER F1 | LOC F1 | ORG F1 | micro P | micro R | micro F1 |', '|---|---|---|---|---|---|---|'];
  for (const [name, c] of rows) {
    const f = figures(c);
    lines.push(`| ${name} | ${fmt(f.PERSON)} | ${fmt(f.LOCATION)} | ${fmt(f.ORGANIZATION)} | ${fmt(f.micro.p)} | ${fmt(f.micro.r)} | ${fmt(f.micro.f1)} |`);
  }
  return lines.join('\n');
}

/** Logistic fit of P(span correct) on the raw margin by Newton's method (deterministic). */
function calibrate(samples: Array<[number, boolean]>): { a: number; b: number } {
  let a = 0;
  let b = 0;
  if (samples.length < 2) return { a: 1, b: 0 };
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (const [m, y] of samples) {
      const p = 1 / (1 + Math.exp(-(a * m + b)));
      const d = p - (y ? 1 : 0);
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a: Math.round(a * 1e6) / 1e6, b: Math.round(b * 1e4) / 1e4 };
}

function marginSamples(data: readonly LabeledSentence[], predictions: TaggedSpan[][]): Array<[number, boolean]> {
  const out: Array<[number, boolean]> = [];
  data.forEach((s, i) => {
    const gold = new Set(s.entities.map((e) => `${e.type}:${e.start}:${e.end}`));
    for (const p of predictions[i]) out.push([p.score, gold.has(`${p.type}:${p.start}:${p.end}`)]);
  });
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => {
    if (!args.quiet) process.stderr.write(s + '\n');
  };
  const corpora = TRAIN_CORPORA[args.lang].filter((c) => args.conll || !c.research);
  const missing = corpora.filter((c) => !existsSync(path.join(args.data, c.file)));
  if (missing.length > 0) {
    process.stderr.write(`train:ner: training data not found in ${args.data}: ${missing.map((c) => c.file).join(', ')} (give --data DIR); nothing trained\n`);
    return;
  }
  const t0 = performance.now();
  const { lexicons, lists, unlabelledArticles } = await buildLexicons(args.data, args.lang, { clusters: args.clusters, crossNames: args.crossNames, research: args.conll });
  const templates = lexicons.clusters && Object.keys(lexicons.clusters).length > 0 ? [...args.templates, ...CLUSTER_TEMPLATES] : args.templates;
  const train = readCorpora(args.data, corpora);
  const extraCorpora = args.addCorpora.map((name) => {
    const c = [...TRAIN_CORPORA.id, ...TRAIN_CORPORA.en].find((x) => x.name === name);
    if (!c) throw new Error(`--add-corpora: unknown corpus ${name}`);
    if (c.research && !args.conll) throw new Error(`--add-corpora ${name}: research-licensed text with --no-conll`);
    return c;
  });
  const extra = readCorpora(args.data, extraCorpora);
  const keepLower = headlineLowercaseWords(args.lang);
  log(
    `${args.lang}: ${train.length} training sentences (${corpora.map((c) => c.name).join(', ')}), ${templates.length} templates, ` +
      `${args.epochs} epochs, seed ${args.seed}; lexicons ${((performance.now() - t0) / 1000).toFixed(1)} s (${unlabelledArticles} unlabelled articles)`,
  );
  const options: TrainOptions = {
    language: args.lang,
    lexicons,
    lists,
    epochs: args.epochs,
    seed: args.seed,
    templates,
    prune: args.prune,
    ensemble: args.ensemble,
    algorithm: args.algorithm,
    l2: args.l2,
    eta: args.eta,
  };

  const meta: Record<string, unknown> = {
    language: args.lang,
    trainedOn: [...corpora, ...extraCorpora].map((c) => ({ corpus: c.name, file: c.file, sentences: [...train, ...extra].filter((s) => s.corpus === c.name).length })),
    algorithm: args.algorithm,
    epochs: args.epochs,
    seed: args.seed,
    ensemble: args.ensemble,
    headlineShare: args.headlineShare,
    prune: args.prune,
    l2: args.l2,
    eta: args.eta,
    unlabelledArticles,
    clusters: Object.keys(lexicons.clusters ?? {}).length,
  };
  let calibrationSamples: Array<[number, boolean]> = [];
  const heldOut: HeldOutSentence[] = [];
  let lastFoldTagger: ReturnType<typeof trainTagger>['tagger'] | null = null;
  if (args.cv > 1) {
    const folds = foldsOf(train, args.cv);
    const perCorpus = new Map<string, Counts>(corpora.map((c) => [c.name, newCounts()]));
    const all = newCounts();
    const headlines = newCounts();
    for (let f = 0; f < args.cv; f++) {
      const trainFold = train.filter((_, i) => folds[i] !== f);
      const tr = [...trainFold, ...extra, ...headlineCopies(trainFold, args.headlineShare, keepLower, args.seed)];
      const te = train.filter((_, i) => folds[i] === f);
      const r = trainTagger(tr, options);
      r.tagger.rawMargins = true;
      const res = evaluate(r.tagger, te);
      calibrationSamples = calibrationSamples.concat(marginSamples(te, res.predictions));
      r.tagger.rawMargins = false;
      for (const c of corpora) {
        const part = te.filter((s: CorpusSentence) => s.corpus === c.name);
        if (part.length === 0) continue;
        addEval(perCorpus.get(c.name)!, evaluate(r.tagger, part).perType);
      }
      addEval(all, evaluate(r.tagger, te).perType);
      // every held-out sentence of headline length, written as a headline: how the tagger reads Title Case
      addEval(headlines, evaluate(r.tagger, headlineCopies(te, 1, keepLower, args.seed)).perType);
      if (args.docLayer === 'learn') for (const s of te) heldOut.push(holdOut(r.tagger, s, s.doc, f));
      lastFoldTagger = r.tagger;
      log(`fold ${f + 1}/${args.cv}: F1 ${fmt(res.micro.f1)}`);
    }
    const rows: Array<[string, Counts]> = [...perCorpus, ['all', all], ['all, as headlines', headlines]];
    console.log(`cross-validation (${args.cv} folds of whole pseudo-documents), tagger alone, exact spans:`);
    console.log(table(rows));
    meta.cv = { folds: args.cv, sets: Object.fromEntries(rows.map(([n, c]) => [n, figures(c)])) };
  }

  // the document layer: learned on the held-out decisions (and cross-validated the same way), or borrowed
  let docLayer: DocLayerFile | undefined;
  if (args.docLayer === 'learn' && heldOut.length > 0 && lastFoldTagger) {
    const docOptions = { epochs: args.docEpochs, seed: args.seed, l2: args.l2, eta: args.eta };
    const perCorpus = new Map<string, Counts>(corpora.map((c) => [c.name, newCounts()]));
    const all = newCounts();
    for (let f = 0; f < args.cv; f++) {
      const layer = trainDocumentLayer(heldOut.filter((h) => h.fold !== f), docOptions);
      const test = heldOut.filter((h) => h.fold === f);
      for (const c of corpora) countDocumentLayer(lastFoldTagger, layer, test.filter((h) => (h.sentence as CorpusSentence).corpus === c.name), perCorpus.get(c.name)!);
      countDocumentLayer(lastFoldTagger, layer, test, all);
    }
    const rows: Array<[string, Counts]> = [...perCorpus, ['all', all]];
    console.log(`cross-validation with the document layer (pseudo-documents of ${20} consecutive sentences in ordered corpora):`);
    console.log(table(rows));
    meta.cvDocument = { folds: args.cv, sets: Object.fromEntries(rows.map(([n, c]) => [n, figures(c)])) };
    docLayer = trainDocumentLayer(heldOut, docOptions);
    meta.documentLayer = { learned: true, features: docLayer.features.length, epochs: args.docEpochs };
    if (args.docLayerOut) {
      const learnedBy = { language: args.lang, trainedOn: meta.trainedOn, epochs: args.epochs, ensemble: args.ensemble, docEpochs: args.docEpochs, cvDocument: meta.cvDocument };
      writeDocLayerFile(args.docLayerOut, docLayer, learnedBy);
      console.log(`wrote the document layer to ${path.relative(process.cwd(), args.docLayerOut) || args.docLayerOut}`);
    }
  } else if (args.docLayer !== 'none' && args.docLayer !== 'learn') {
    const from = readModelFile(path.resolve(args.docLayer));
    if (from?.doc) {
      docLayer = { ...from.doc };
      meta.documentLayer = { learned: false, from: path.basename(args.docLayer), features: from.doc.features.length };
    } else log(`no document layer in ${args.docLayer}: trained without one`);
  }

  const t1 = performance.now();
  const result = trainTagger([...train, ...extra, ...headlineCopies(train, args.headlineShare, keepLower, args.seed)], options);
  const trainMs = performance.now() - t1;
  const tagger = result.tagger;
  if (docLayer) {
    // a borrowed layer keeps this model's own transitions
    if (args.docLayer !== 'learn') docLayer = { ...docLayer, trans: result.model.trans, end: result.model.end };
    result.model.doc = docLayer;
    tagger.docLayer = docLayer;
  }
  if (calibrationSamples.length > 0) {
    const calibration = calibrate(calibrationSamples);
    result.model.calibration = calibration;
    Object.assign(tagger.calibration, calibration);
  }
  const devRows: Array<[string, Counts]> = [];
  for (const d of DEV_CORPORA[args.lang]) {
    const file = path.join(args.data, d.file);
    if (!existsSync(file)) continue;
    const c = newCounts();
    addEval(c, evaluate(tagger, readNerJsonl(file)).perType);
    devRows.push([d.name, c]);
  }
  if (devRows.length) {
    console.log('dev splits (a check, not used for any choice), tagger alone on sentences, exact spans:');
    console.log(table(devRows));
    meta.dev = Object.fromEntries(devRows.map(([n, c]) => [n, figures(c)]));
  }
  meta.rows = tagger.space.nRows;
  result.model.meta = meta;
  const json = JSON.stringify(result.model);
  console.log(
    `training ${(trainMs / 1000).toFixed(1)} s, rows ${result.rowsBeforePrune} -> ${tagger.space.nRows} after pruning, model ${(json.length / 1e6).toFixed(2)} MB, ` +
      `calibration a=${result.model.calibration.a} b=${result.model.calibration.b}`,
  );
  if (args.save) {
    mkdirSync(path.dirname(args.out), { recursive: true });
    writeFileSync(args.out, json + '\n');
    console.log(`wrote ${path.relative(process.cwd(), args.out) || args.out}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((error) => {
    console.error(`train:ner: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
