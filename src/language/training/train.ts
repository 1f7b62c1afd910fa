/**
 * `npm run train:langid`: learns the Indonesian-vs-Malay model from the
 * unlabelled news in `../shared/dev-data/unlabelled/` (or
 * `$WARTA_DEV_DATA/unlabelled`), cross-validates it by article and by outlet,
 * and writes `models/langid-id-ms.{json,bin}` (weights only, no text) and the
 * cross-validation report `bench/results/langid-cv.json` (printed by
 * `npm run eval`). Deterministic: same data and options, same bytes.
 *
 *   node dist/language/training/train.js [--data DIR] [--out DIR] [--results FILE]
 *     [--bits N] [--epochs N] [--eta X] [--l2 X] [--seed N] [--folds K] [--min-outlet N]
 *     [--max-chars N] [--id-sentences FILE,FILE] [--no-cv] [--no-outlets] [--no-save]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../../lang/data.js';
import { LanguageDetector } from '../detect.js';
import { IdMsFeatures } from '../idms-features.js';
import { encodeWeights, MODEL_BASENAME, MODEL_FORMAT, IdMsModel, type Calibration, type IdBias, type IdMsModelMeta } from '../idms-model.js';
import {
  articlePlans,
  balancedWeights,
  fitCalibration,
  inMemoryModel,
  lexicalEvidence,
  NO_BIAS,
  chooseBias,
  mergeFolds,
  outletPlans,
  scoreFold,
  trainOn,
  type FoldResult,
  type Plan,
} from './crossval.js';
import { DEFAULT_LOGISTIC, type LogisticModel, type LogisticOptions } from './logistic.js';
import { bandOf, cutCorpus, DEFAULT_CUT, loadCorpus, type Sample } from './samples.js';
import { formatReport, type CvReport } from './report.js';

interface Args {
  data: string;
  out: string;
  results: string;
  bits: number;
  logistic: LogisticOptions;
  folds: number;
  minOutlet: number;
  maxChars: number;
  cv: boolean;
  outlets: boolean;
  idSentences: string[];
  save: boolean;
}

function parseArgs(argv: string[]): Args {
  const devData = process.env.WARTA_DEV_DATA ? path.resolve(process.env.WARTA_DEV_DATA) : path.resolve(PACKAGE_ROOT, '..', 'shared', 'dev-data');
  const args: Args = {
    data: path.join(devData, 'unlabelled'),
    out: path.join(PACKAGE_ROOT, 'models'),
    results: path.join(PACKAGE_ROOT, 'bench', 'results', 'langid-cv.json'),
    bits: 19,
    logistic: { ...DEFAULT_LOGISTIC },
    folds: 5,
    minOutlet: 30,
    maxChars: 500,
    cv: true,
    outlets: true,
    idSentences: [...EXTRA_INDONESIAN],
    save: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const number = () => {
      const v = Number(next());
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--data') args.data = path.resolve(next());
    else if (a === '--out') args.out = path.resolve(next());
    else if (a === '--results') args.results = path.resolve(next());
    else if (a === '--bits') args.bits = number();
    else if (a === '--epochs') args.logistic.epochs = number();
    else if (a === '--eta') args.logistic.eta = number();
    else if (a === '--l2') args.logistic.l2 = number();
    else if (a === '--seed') args.logistic.seed = number();
    else if (a === '--folds') args.folds = number();
    else if (a === '--min-outlet') args.minOutlet = number();
    else if (a === '--max-chars') args.maxChars = number();
    else if (a === '--id-sentences') args.idSentences = next().split(',').filter((f) => f !== '');
    else if (a === '--no-cv') args.cv = false;
    else if (a === '--no-outlets') args.outlets = false;
    else if (a === '--no-save') args.save = false;
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Training splits of the Indonesian NER corpora, next to `unlabelled/`: more Indonesian registers. */
const EXTRA_INDONESIAN = ['ner-id-nergrit-train.jsonl', 'ner-id-idner2k-train.jsonl', 'ner-id-nerui-train.jsonl'];

const UNCALIBRATED: Calibration = { a: 1, lexicon: 0, b: 0 };
const SWEEP = Array.from({ length: 33 }, (_, i) => i / 8);

/**
 * Accuracy of the Indonesian/Malay decision alone per band, over the
 * out-of-fold scores, for several Indonesian biases (the `idMsBias` option).
 */
function biasSweep(tested: readonly Sample[], scores: readonly number[], lexical: readonly number[], outlets: readonly number[], c: Calibration): CvReport['biasSweep'] {
  return SWEEP.map((bias) => {
    const tally: Record<string, { n: number; correct: number }> = {};
    tested.forEach((s, i) => {
      // With the outlet names, as the detector reads the text.
      const ms = c.a * scores[i] + c.lexicon * lexical[i] + c.b + outlets[i] - bias > 0;
      const t = (tally[`${s.lang}/${bandOf(s.text)}`] ??= { n: 0, correct: 0 });
      t.n++;
      if (ms === (s.lang === 'ms')) t.correct++;
    });
    return { bias, accuracy: Object.fromEntries(Object.entries(tally).map(([k, t]) => [k, Number((t.correct / t.n).toFixed(4))])) };
  });
}

/** The same pair accuracy for the word lists alone (the detector without the model). */
function wordListAccuracy(tested: readonly Sample[]): Record<string, number> {
  const plain = new LanguageDetector({ idMsModel: false });
  const tally: Record<string, { n: number; correct: number }> = {};
  for (const s of tested) {
    const answer = plain.detect(s.text).language;
    const t = (tally[`${s.lang}/${bandOf(s.text)}`] ??= { n: 0, correct: 0 });
    t.n++;
    if ((answer === 'ms') === (s.lang === 'ms')) t.correct++;
  }
  return Object.fromEntries(Object.entries(tally).map(([k, t]) => [k, Number((t.correct / t.n).toFixed(4))]));
}

/** Trains on everything but each plan's test part; returns the fold models and held-out samples. */
function crossValidate(samples: readonly Sample[], plans: readonly Plan[], args: Args): { plan: Plan; test: Sample[]; model: LogisticModel }[] {
  return plans.map((plan, i) => {
    const train: Sample[] = [];
    const test: Sample[] = [];
    for (const s of samples) (plan.test(s) ? test : train).push(s);
    const t0 = performance.now();
    const model = trainOn(train, args.bits, args.logistic);
    log(`  ${i + 1}/${plans.length} ${plan.name}: ${test.length} held out, trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { plan, test, model };
  });
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const files = {
    id: path.join(args.data, 'news-id.jsonl.gz'),
    ms: path.join(args.data, 'news-ms.jsonl.gz'),
    idSentences: args.idSentences.map((f) => path.join(args.data, '..', f)),
  };
  const corpus = loadCorpus(files);
  if (corpus === null) {
    console.log(`train:langid: ${files.id} or ${files.ms} not found: skipped (set WARTA_DEV_DATA or --data DIR)`);
    return;
  }
  const t0 = performance.now();
  const samples = cutCorpus(corpus, DEFAULT_CUT);
  const count = (pred: (s: Sample) => boolean) => samples.filter(pred).length;
  log(
    `${corpus.id.length} Indonesian and ${corpus.ms.length} Malaysian articles -> ${samples.length} samples ` +
      `(id ${count((s) => s.lang === 'id' && s.kind === 'paragraph')} paragraphs, ${count((s) => s.lang === 'id' && s.kind === 'title')} titles, ` +
      `${count((s) => s.lang === 'id' && s.kind === 'clause')} clauses; ms ${count((s) => s.lang === 'ms' && s.kind === 'paragraph')}, ` +
      `${count((s) => s.lang === 'ms' && s.kind === 'title')}, ${count((s) => s.lang === 'ms' && s.kind === 'clause')})`,
  );
  const report: CvReport = {
    created: 'npm run train:langid',
    data: { idArticles: corpus.id.length, msArticles: corpus.ms.length, samples: samples.length, cut: DEFAULT_CUT },
    options: { bits: args.bits, maxChars: args.maxChars, ...args.logistic, folds: args.folds, minOutlet: args.minOutlet },
    calibration: UNCALIBRATED,
    idBias: NO_BIAS,
    wordLists: {},
    biasSweep: [],
    byArticle: null,
    byOutlet: [],
    model: null,
  };

  let calibration: Calibration = UNCALIBRATED;
  let idBias: IdBias = NO_BIAS;
  if (args.cv) {
    log(`cross-validation by article (${args.folds} folds):`);
    const folds = crossValidate(samples, articlePlans(args.folds), args);
    // Calibrate on out-of-fold scores, then score every fold with the calibrated detector.
    const scores: number[] = [];
    const lexical: number[] = [];
    const labels: number[] = [];
    const weights: number[] = [];
    const weighting = balancedWeights(samples);
    const plain = new LanguageDetector({ idMsModel: false });
    const foldOf: number[] = [];
    folds.forEach(({ test, model }, f) => {
      const m = inMemoryModel(model, args.bits, UNCALIBRATED, args.maxChars);
      for (const s of test) {
        foldOf.push(f);
        scores.push(m.score(s.text));
        lexical.push(lexicalEvidence(plain, s.text));
        labels.push(s.lang === 'ms' ? 1 : 0);
        weights.push(weighting.weight(s));
      }
    });
    calibration = fitCalibration(scores, lexical, labels, weights);
    report.calibration = calibration;
    const tested = folds.flatMap((f) => f.test);
    // The outlet evidence of each sample: the calibrated log-odds with and without it differ by exactly that.
    const calibrated = folds.map(({ model }) => inMemoryModel(model, args.bits, calibration, args.maxChars));
    const outlets = tested.map((s, i) => calibrated[foldOf[i]].logOdds(s.text, lexical[i]) - (calibration.a * scores[i] + calibration.lexicon * lexical[i] + calibration.b));
    report.biasSweep = biasSweep(tested, scores, lexical, outlets, calibration);
    report.wordLists = wordListAccuracy(tested);
    idBias = chooseBias(report.biasSweep, report.wordLists);
    report.idBias = idBias;
    log(`  calibration a=${calibration.a} lexicon=${calibration.lexicon} b=${calibration.b}; Indonesian bias ${JSON.stringify(idBias)}`);
    const results: FoldResult[] = folds.map(({ plan, test, model }) => {
      const m = inMemoryModel(model, args.bits, calibration, args.maxChars, idBias);
      return scoreFold(plan.name, test, m, new LanguageDetector({}, undefined, m));
    });
    report.byArticle = mergeFolds(`${args.folds} folds by article`, results);
    if (args.outlets) {
      const plans = outletPlans(samples, args.minOutlet);
      log(`cross-validation leaving one outlet out (${plans.length} groups):`);
      for (const { plan, test, model } of crossValidate(samples, plans, args)) {
        const m = inMemoryModel(model, args.bits, calibration, args.maxChars, idBias);
        report.byOutlet.push(scoreFold(plan.name, test, m, new LanguageDetector({}, undefined, m)));
      }
    }
  }

  log('final model on all samples:');
  const final = trainOn(samples, args.bits, args.logistic);
  const { bytes, scale } = encodeWeights(final.weights);
  const bin = gzipSync(bytes, { level: 9 });
  let nonzero = 0;
  for (let i = 0; i < bytes.length; i += 2) if (bytes.readInt16LE(i) !== 0) nonzero++;
  const meta: IdMsModelMeta = {
    format: MODEL_FORMAT,
    bits: args.bits,
    scale,
    bias: final.bias,
    calibration,
    idBias,
    maxChars: args.maxChars,
    weightsSha256: sha256(bin),
    trainedOn:
      `paragraphs (60-1,000 characters) and headline-like snippets (20-59) cut from ${corpus.ms.length} Malaysian and ` +
      `${corpus.id.length} Indonesian news articles (../shared/dev-data/unlabelled/news-{ms,id}.jsonl.gz, with the sentences of ` +
      'the Indonesian NER training splits as pseudo-articles); ' +
      'datelines, outlet names, domains and bylines masked; a capitalised word inside a sentence counts as its lowercase word only',
    licence:
      'derived from the malay-dataset news crawl (no data licence; its README asks for non-commercial research use) and ' +
      'Indonesian corpora listed in ../shared/dev-data/README.md: for non-commercial research use',
    training: { samples: samples.length, ...report.options, features: new IdMsFeatures(args.bits).size, nonzero },
  };
  // The shipped (quantised) model must agree with the float one it came from.
  const shipped = new IdMsModel(meta, Float32Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readInt16LE(i * 2) * scale));
  const float = inMemoryModel(final, args.bits, calibration, args.maxChars, idBias);
  let disagree = 0;
  for (const s of samples) if (shipped.logOdds(s.text) > 0 !== float.logOdds(s.text) > 0) disagree++;
  report.weightsSha256 = meta.weightsSha256;
  report.model = { bits: args.bits, slots: 2 ** args.bits, nonzero, fileBytes: bin.length, quantisedDisagreements: disagree };
  log(`  ${nonzero} non-zero weights of ${2 ** args.bits}, ${bin.length} bytes gzipped; quantised vs float answers differ on ${disagree} of ${samples.length} samples`);

  console.log(formatReport(report));
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (args.save) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(path.join(args.out, `${MODEL_BASENAME}.bin`), bin);
    writeFileSync(path.join(args.out, `${MODEL_BASENAME}.json`), JSON.stringify(meta, null, 1) + '\n');
    log(`wrote ${path.join(args.out, MODEL_BASENAME)}.{json,bin}`);
    if (args.cv) {
      mkdirSync(path.dirname(args.results), { recursive: true });
      writeFileSync(args.results, JSON.stringify(report, null, 1) + '\n');
      log(`wrote ${args.results}`);
    }
  }
}

await main();
