/**
 * The `train:clusters` command (`src/clusters/train.ts` runs it): learns word clusters from the unlabelled news in
 * `../shared/dev-data/unlabelled/` (plus the text, never the labels, of the language's NER
 * training splits) and writes `models/clusters-<lang>.tsv.gz` (format: `src/ner/clusters.ts`).
 * Deterministic for a given seed. Prints the category check and neighbours of probe words.
 *
 *   node dist/clusters/train.js --lang id|en [--data DIR] [--with-ms|--no-ms] [--no-ner-text]
 *     [--corpus FILE]... [--clusters N] [--dims N] [--min-count N] [--max-vocab N]
 *     [--context-words N] [--eigen-power X] [--seed N] [--out FILE] [--no-save] [--quiet]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { devDataDir } from '../eval/data.js';
import { CLUSTER_PREFIX_LENGTHS, clusterModelPath, formatWordClusters, type ClusterLang } from '../ner/clusters.js';
import { Corpus, addNewsFile, addSentenceFile } from './corpus.js';
import { DEFAULT_LEARN_OPTIONS, learnClusters, type LearnOptions } from './learn.js';
import { nearestWords, probeFile, readCategories, scoreCategories } from './probes.js';

interface Args extends LearnOptions {
  lang: ClusterLang;
  data: string;
  malay: boolean;
  nerText: boolean;
  corpora: string[];
  out: string | null;
  save: boolean;
  quiet: boolean;
}

const NER_TRAIN: Record<ClusterLang, string[]> = {
  id: ['ner-id-nergrit-train.jsonl', 'ner-id-idner2k-train.jsonl', 'ner-id-nerui-train.jsonl'],
  en: ['ner-en-conll03-train.jsonl', 'ner-en-wikigold-train.jsonl', 'ner-en-btc-train.jsonl'],
};

function parseArgs(argv: string[]): Args {
  const args: Args = { ...DEFAULT_LEARN_OPTIONS, lang: 'id', data: devDataDir(), malay: true, nerText: true, corpora: [], out: null, save: true, quiet: false };
  let lang: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = next();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive integer, got ${v}`);
      return n;
    };
    if (a === '--lang') lang = next();
    else if (a === '--data') args.data = path.resolve(next());
    else if (a === '--with-ms') args.malay = true;
    else if (a === '--no-ms') args.malay = false;
    else if (a === '--no-ner-text') args.nerText = false;
    else if (a === '--corpus') args.corpora.push(path.resolve(next()));
    else if (a === '--clusters') args.clusters = int();
    else if (a === '--dims') args.dims = int();
    else if (a === '--min-count') args.minCount = int();
    else if (a === '--max-vocab') args.maxVocab = int();
    else if (a === '--context-words') args.contextWords = int();
    else if (a === '--eigen-power') args.eigenPower = Number(next());
    else if (a === '--seed') args.seed = int();
    else if (a === '--out') args.out = path.resolve(next());
    else if (a === '--no-save') args.save = false;
    else if (a === '--quiet') args.quiet = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (lang !== 'id' && lang !== 'en') throw new Error('--lang id|en is required');
  args.lang = lang;
  return args;
}

/** The corpus files for the language that exist, and a description of each. */
function sources(args: Args): { news: string[]; sentences: string[] } {
  if (args.corpora.length > 0) return { news: args.corpora, sentences: [] };
  const unlabelled = path.join(args.data, 'unlabelled');
  const news = [path.join(unlabelled, `news-${args.lang}.jsonl.gz`)];
  if (args.lang === 'id' && args.malay) news.push(path.join(unlabelled, 'news-ms.jsonl.gz'));
  const sentences = args.nerText ? NER_TRAIN[args.lang].map((f) => path.join(args.data, f)) : [];
  return { news: news.filter((f) => existsSync(f)), sentences: sentences.filter((f) => existsSync(f)) };
}

/**
 * Runs the command with `argv` (options only); results go to `print`, progress to stderr.
 * Returns the exit code: 0, also when the corpora are absent (one line says so), 1 on bad input.
 */
export async function trainClusters(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  try {
    await run(parseArgs(argv), print);
    return 0;
  } catch (error) {
    process.stderr.write(`train:clusters: ${(error as Error).message}\n`);
    return 1;
  }
}

async function run(args: Args, print: (line: string) => void): Promise<void> {
  const log = (line: string) => {
    if (!args.quiet) process.stderr.write(line + '\n');
  };
  const { news, sentences } = sources(args);
  if (news.length === 0) {
    print(`train:clusters: no unlabelled ${args.lang} news in ${path.join(args.data, 'unlabelled')}: skipped`);
    return;
  }
  const started = performance.now();
  const corpus = new Corpus();
  const trainedOn: string[] = [];
  for (const file of news) {
    const n = addNewsFile(corpus, file);
    trainedOn.push(`${path.basename(file)}(${n})`);
    log(`${path.basename(file)}: ${n} articles`);
  }
  for (const file of sentences) {
    const n = addSentenceFile(corpus, file);
    trainedOn.push(`${path.basename(file)}(${n},text)`);
    log(`${path.basename(file)}: ${n} sentences (text only)`);
  }
  log(`read and tokenized: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const learned = learnClusters(corpus, { ...args, log });
  const trainSeconds = (performance.now() - started) / 1000;

  const categories = readCategories(probeFile(args.lang));
  const pathByWord = new Map(learned.words.map((w, i) => [w, learned.paths[i]]));
  const score = scoreCategories(categories, (w) => pathByWord.get(w));
  print(`${args.lang}: ${learned.words.length} words, ${learned.leaves} clusters, ${corpus.tokens} tokens, ${trainSeconds.toFixed(0)} s`);
  print('| category | words found | shared prefix inside | with other categories | same leaf |');
  print('|---|---|---|---|---|');
  for (const c of score.perCategory) print(`| ${c.name} | ${c.found} | ${c.within.toFixed(1)} | ${c.across.toFixed(1)} | ${(100 * c.sameLeaf).toFixed(0)}% |`);
  print(`| all | | ${score.within.toFixed(2)} | ${score.across.toFixed(2)} | |`);
  for (const c of categories) {
    const probe = c.words[0];
    const p = pathByWord.get(probe);
    if (p === undefined) {
      print(`${probe}: not in the vocabulary`);
      continue;
    }
    const mates = learned.words.filter((w, i) => learned.paths[i] === p && w !== probe).slice(0, 8);
    print(`${probe} ${p}: cluster ${mates.join(' ')} | nearest ${nearestWords(probe, learned.words, learned.vectors, learned.dims, 8).join(' ')}`);
  }

  const bytes = formatWordClusters(learned.entries, {
    lang: args.lang,
    prefixes: CLUSTER_PREFIX_LENGTHS.join(','),
    clusters: learned.leaves,
    words: learned.words.length,
    tokens: corpus.tokens,
    dims: learned.dims,
    min_count: args.minCount,
    context_words: args.contextWords,
    eigen_power: args.eigenPower,
    seed: args.seed,
    trained_on: trainedOn.join(','),
  });
  if (args.save) {
    const out = args.out ?? clusterModelPath(args.lang);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    print(`wrote ${path.relative(process.cwd(), out) || out} (${(bytes.length / 1e6).toFixed(2)} MB)`);
  }
}
