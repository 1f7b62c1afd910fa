/**
 * Unlabelled text for word clusters: news articles (gzipped JSON Lines, one article a line) and
 * the text of NER training splits, tokenized with the NER tagger's tokenizer into one stream of
 * word-type ids with segment boundaries, plus per type how often it is capitalised inside a
 * sentence.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tokenize } from '../ner/tagger/tokenize.js';
import { clusterKey } from '../ner/clusters.js';

/** Marks a segment boundary (paragraph, title, sentence of a sentence corpus) in the stream. */
export const BOUNDARY = -1;

export class Corpus {
  /** Type id per token, `BOUNDARY` between segments. */
  private ids = new Int32Array(1 << 20);
  private n = 0;
  private readonly typeIndex = new Map<string, number>();
  readonly types: string[] = [];
  counts: number[] = [];
  /** Sentence-internal occurrences in cased text, and how many of them were capitalised. */
  internal: number[] = [];
  capitalised: number[] = [];
  tokens = 0;
  segments = 0;
  private readonly offsets: number[] = [];

  get stream(): Int32Array {
    return this.ids.subarray(0, this.n);
  }

  private push(id: number): void {
    if (this.n === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.n++] = id;
  }

  private typeId(key: string): number {
    let id = this.typeIndex.get(key);
    if (id === undefined) {
      id = this.types.length;
      this.typeIndex.set(key, id);
      this.types.push(key);
      this.counts.push(0);
      this.internal.push(0);
      this.capitalised.push(0);
    }
    return id;
  }

  /**
   * Adds one segment of text. `cased` says whether its capitals mean anything (false for
   * all-lower-case sources and titles, which are left out of the capitalisation counts).
   */
  addSegment(text: string, cased: boolean): void {
    const count = tokenize(text, 0, text.length, this.offsets);
    if (count === 0) return;
    if (this.n > 0) this.push(BOUNDARY);
    // the previous token was a word or a comma: this one is inside a sentence
    let afterWord = false;
    for (let t = 0; t < count; t++) {
      const s = this.offsets[2 * t];
      const e = this.offsets[2 * t + 1];
      const id = this.typeId(clusterKey(text.slice(s, e)));
      this.push(id);
      this.counts[id]++;
      const c = text.charCodeAt(s);
      const word = isWordStart(text, s, c);
      if (cased && word && afterWord) {
        this.internal[id]++;
        const ch = text[s];
        if (ch !== ch.toLowerCase()) this.capitalised[id]++;
      }
      afterWord = word || c === 44;
    }
    this.tokens += count;
    this.segments++;
  }

  /** Adds a document: title (uncased) and its `\n`-separated paragraphs. */
  addDocument(title: string | null | undefined, body: string): void {
    const cased = UPPER_RE.test(body) && LOWER_RE.test(body);
    if (title) this.addSegment(title, false);
    for (const paragraph of body.split('\n')) this.addSegment(paragraph, cased);
  }
}

const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const WORD_START_RE = /^[\p{L}\p{N}]/u;

function isWordStart(text: string, s: number, c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_START_RE.test(text.slice(s, s + 2));
}

function jsonLines(text: string, source: string, each: (record: Record<string, unknown>, line: number) => void): void {
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (!raw.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      throw new Error(`${source}: line ${line}: ${(error as Error).message}`);
    }
    if (typeof record !== 'object' || record === null || typeof (record as { text?: unknown }).text !== 'string') {
      throw new Error(`${source}: line ${line}: expected an object with a "text" string`);
    }
    each(record as Record<string, unknown>, line);
  }
}

/** Adds every article of a gzipped (or plain) JSON Lines news file (`title`, `text`). */
export function addNewsFile(corpus: Corpus, file: string): number {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  let articles = 0;
  jsonLines(text, file, (record) => {
    corpus.addDocument(typeof record.title === 'string' ? record.title : null, record.text as string);
    articles++;
  });
  return articles;
}

/** Adds the sentence text (never the labels) of a NER JSON Lines split. */
export function addSentenceFile(corpus: Corpus, file: string): number {
  let sentences = 0;
  jsonLines(readFileSync(file, 'utf8'), file, (record) => {
    const text = record.text as string;
    corpus.addSegment(text, UPPER_RE.test(text) && LOWER_RE.test(text));
    sentences++;
  });
  return sentences;
}
