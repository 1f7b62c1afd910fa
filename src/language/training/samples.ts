import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { mulberry32 } from '../../random.js';
import { TrainingMask } from './mask.js';

/**
 * Training and cross-validation material for the Indonesian/Malay model, cut
 * from whole news articles (`../shared/dev-data/unlabelled/news-{id,ms}.jsonl.gz`)
 * in the two shapes the detector meets: paragraphs of 60–1,000 characters and
 * headline-like snippets of 20–59 (titles, first clauses). Paragraphs longer
 * than 1,000 characters (Majoriti and Antara bodies have no breaks, sentence
 * corpora come as one 15-sentence paragraph) are cut at sentence ends into
 * pieces of varied length. The cut is deterministic: a seeded generator picks
 * piece lengths and snippets, and articles are read in file order.
 *
 * The Indonesian side also reads the sentences of the Indonesian NER training
 * splits (NERGrit's Wikipedia sentences, idner-news-2k, NER UI) when present:
 * Indonesian outside news registers (encyclopedic, informal) must not look
 * Malay to the model just because the Indonesian news corpus lacks them.
 */

export type IdMs = 'id' | 'ms';
/** A paragraph (60–1,000 characters), an article's title, or a sentence's first clause (20–59). */
export type Kind = 'paragraph' | 'title' | 'clause';

export interface Article {
  id: string;
  source: string;
  outlet: string;
  title: string | null;
  text: string;
}

export interface Sample {
  /** What the detector sees (the original text, datelines and outlet names included). */
  text: string;
  /** What the model is trained on: `text` with house-style marks blanked (see mask.ts). */
  masked: string;
  lang: IdMs;
  article: string;
  outlet: string;
  kind: Kind;
}

export const PARAGRAPH_MIN = 60;
export const PARAGRAPH_MAX = 1000;
export const HEADLINE_MIN = 20;
export const HEADLINE_MAX = 59;

/** Length bands of langid-dev and the held-out set (code points). */
export function bandOf(text: string): 'short' | 'medium' | 'long' {
  let n = 0;
  for (const _ of text) n++;
  return n < 60 ? 'short' : n < 200 ? 'medium' : 'long';
}

export function readArticles(file: string): Article[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: Article[] = [];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row.trim() === '') continue;
    let r: Partial<Article>;
    try {
      r = JSON.parse(row) as Partial<Article>;
    } catch (error) {
      throw new Error(`${file}:${line}: malformed JSON (${(error as Error).message})`);
    }
    if (typeof r.text !== 'string' || typeof r.id !== 'string') throw new Error(`${file}:${line}: record without id/text`);
    out.push({ id: r.id, source: r.source ?? 'unknown', outlet: r.outlet ?? r.source ?? 'unknown', title: r.title ?? null, text: r.text });
  }
  return out;
}

/** Sentence ends, also where a scrape glued two sentences together (`pelajar.Ini`). */
const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{Ll})/u;

/** Any sentence-final mark before a space: for text without capitals (POSP is all lower case). */
const LOOSE_END = /(?<=[.!?]["”’)]?)\s+/u;

function sentencesOf(paragraph: string): string[] {
  const out: string[] = [];
  for (const sentence of paragraph.split(SENTENCE_END)) {
    const s = sentence.trim();
    if (s === '') continue;
    if (s.length <= PARAGRAPH_MAX) out.push(s);
    else {
      // Still too long: looser sentence ends, then cuts at word boundaries.
      for (const part of s.split(LOOSE_END)) {
        for (let rest = part.trim(); rest !== ''; ) {
          const piece = rest.length <= PARAGRAPH_MAX ? rest : rest.slice(0, Math.max(rest.lastIndexOf(' ', PARAGRAPH_MAX), PARAGRAPH_MAX / 2));
          out.push(piece.trim());
          rest = rest.slice(piece.length).trim();
        }
      }
    }
  }
  return out;
}

/** Cuts `text` back to a word boundary at most `max` characters long; null when under `min`. */
function cutAtWord(text: string, min: number, max: number): string | null {
  const t = text.trim();
  if (t.length <= max) return t.length >= min ? t : null;
  const space = t.lastIndexOf(' ', max);
  if (space < min) return null;
  return t.slice(0, space).replace(/[\s,;:–—-]+$/, '');
}

export interface CutOptions {
  seed: number;
  /** At most this many paragraphs per article (a seeded choice among them). */
  maxParagraphs: number;
  /** Headline-like snippets per article besides the title. */
  snippets: number;
}

/**
 * Twelve snippets per article: short text is where the two languages are hardest to tell
 * apart, and more of it helped most (cross-validated by article, Malay headline-length text
 * called Malay at the same Indonesian error: 0.76 with 2 snippets, 0.84 with 12; 24 gave no more).
 */
export const DEFAULT_CUT: CutOptions = { seed: 20260416, maxParagraphs: 12, snippets: 12 };

/** Paragraphs and headline-like snippets of one article. */
export function cutArticle(article: Article, lang: IdMs, mask: TrainingMask, options: CutOptions, random: () => number): Sample[] {
  const out: Sample[] = [];
  const push = (text: string, kind: Kind, dateline = true) => {
    const masked = mask.apply(text, dateline);
    if (masked.length < HEADLINE_MIN / 2) return;
    out.push({ text, masked, lang, article: article.id, outlet: article.outlet, kind });
  };
  const paragraphs: string[] = [];
  const body = article.source.startsWith('indonlu-') ? TrainingMask.rejoin(article.text) : article.text;
  for (const line of body.split('\n')) {
    const p = line.trim();
    if (p.length < PARAGRAPH_MIN) continue;
    if (p.length <= PARAGRAPH_MAX) {
      paragraphs.push(p);
      continue;
    }
    // Pack sentences into pieces of a length drawn log-uniformly from 80..1000.
    let piece = '';
    let target = pieceTarget(random);
    for (const sentence of sentencesOf(p)) {
      const joined = piece === '' ? sentence : `${piece} ${sentence}`;
      if (joined.length > PARAGRAPH_MAX || (piece !== '' && joined.length > target)) {
        if (piece.length >= PARAGRAPH_MIN) paragraphs.push(piece);
        piece = sentence;
        target = pieceTarget(random);
      } else piece = joined;
    }
    if (piece.length >= PARAGRAPH_MIN) paragraphs.push(piece);
  }
  // A seeded choice of at most maxParagraphs, kept in article order.
  const chosen = paragraphs.length <= options.maxParagraphs ? paragraphs : pick(paragraphs, options.maxParagraphs, random);
  for (const p of chosen) push(p, 'paragraph');

  if (article.title) {
    const title = cutAtWord(article.title, HEADLINE_MIN, HEADLINE_MAX);
    if (title) push(title, 'title', false);
  }
  for (let k = 0; k < options.snippets && paragraphs.length > 0; k++) {
    const sentences = sentencesOf(paragraphs[Math.floor(random() * paragraphs.length)]);
    const sentence = mask.apply(sentences[Math.floor(random() * sentences.length)]);
    // The first clause when it fits, else the sentence's start cut at a word.
    const comma = sentence.indexOf(', ');
    const clause = comma >= HEADLINE_MIN && comma <= HEADLINE_MAX ? sentence.slice(0, comma) : null;
    const snippet = clause ?? cutAtWord(sentence, HEADLINE_MIN, HEADLINE_MIN + Math.floor(random() * (HEADLINE_MAX - HEADLINE_MIN + 1)));
    if (snippet) push(snippet, 'clause', false);
  }
  return out;
}

function pieceTarget(random: () => number): number {
  return Math.round(80 * Math.exp(random() * Math.log(PARAGRAPH_MAX / 80)));
}

function pick<T>(items: readonly T[], n: number, random: () => number): T[] {
  const index = items.map((_, i) => i);
  for (let i = index.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index.slice(0, n).sort((a, b) => a - b).map((i) => items[i]);
}

/** Text as compared for duplicates: lower case, letters and digits only. */
function dedupeKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Samples of both languages. Texts occurring more than once (boilerplate,
 * syndicated copy) are kept once; texts found in both languages are dropped.
 */
export function cutCorpus(articles: { id: readonly Article[]; ms: readonly Article[] }, options: CutOptions = DEFAULT_CUT, mask = new TrainingMask()): Sample[] {
  const random = mulberry32(options.seed);
  const all: Sample[] = [];
  for (const lang of ['id', 'ms'] as const) {
    for (const article of articles[lang]) all.push(...cutArticle(article, lang, mask, options, random));
  }
  const seen = new Map<string, IdMs | 'both'>();
  for (const s of all) {
    const key = dedupeKey(s.masked);
    const was = seen.get(key);
    seen.set(key, was === undefined || was === s.lang ? s.lang : 'both');
  }
  const kept: Sample[] = [];
  const taken = new Set<string>();
  for (const s of all) {
    const key = dedupeKey(s.masked);
    if (seen.get(key) === 'both' || taken.has(key)) continue;
    taken.add(key);
    kept.push(s);
  }
  return kept;
}

export interface CorpusFiles {
  id: string;
  ms: string;
  /** Sentence files (JSON Lines with `text`) of more Indonesian, read when present. */
  idSentences?: readonly string[];
}

/** Consecutive sentences per pseudo-article, as the unlabelled corpora do for sentence sources. */
const SENTENCES_PER_ARTICLE = 15;

/**
 * Sentences (one JSON record with `text` per line) grouped into pseudo-articles of
 * one paragraph each; the outlet is the file's name.
 */
export function readSentenceArticles(file: string): Article[] {
  const name = path.basename(file).replace(/\.jsonl$/, '');
  const texts: string[] = [];
  let line = 0;
  for (const row of readFileSync(file, 'utf8').split('\n')) {
    line++;
    if (row.trim() === '') continue;
    let r: { text?: unknown };
    try {
      r = JSON.parse(row) as { text?: unknown };
    } catch (error) {
      throw new Error(`${file}:${line}: malformed JSON (${(error as Error).message})`);
    }
    if (typeof r.text !== 'string') throw new Error(`${file}:${line}: record without text`);
    texts.push(r.text);
  }
  const out: Article[] = [];
  for (let i = 0; i < texts.length; i += SENTENCES_PER_ARTICLE) {
    out.push({ id: `${name}-${i / SENTENCES_PER_ARTICLE}`, source: name, outlet: `${name} (sentences)`, title: null, text: texts.slice(i, i + SENTENCES_PER_ARTICLE).join(' ') });
  }
  return out;
}

/** The two corpora (plus the extra Indonesian sentences present), or null when either corpus is missing. */
export function loadCorpus(files: CorpusFiles): { id: Article[]; ms: Article[] } | null {
  if (!existsSync(files.id) || !existsSync(files.ms)) return null;
  const extra = (files.idSentences ?? []).filter((f) => existsSync(f)).flatMap(readSentenceArticles);
  return { id: [...readArticles(files.id), ...extra], ms: readArticles(files.ms) };
}
