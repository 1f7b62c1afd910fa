import type { Doc, Warning } from '../doc.js';
import { defineStage } from '../stage.js';

/**
 * Text clean-up before any span exists. Clean text passes through untouched
 * (byte-identical, so offsets map 1:1 into the input); otherwise:
 *   - a lone surrogate (a JSON `\ud800` escape, a cut UTF-16 pair) becomes U+FFFD, one code
 *     unit for one, so no offset moves; documents.jsonl and the CSVs then agree and strict
 *     JSON readers accept the output. Metadata strings (id, title, author, url, ...) get the same;
 *   - CRLF and lone CR become LF;
 *   - vertical tab and form feed become LF, other C0/C1 control characters and DEL are removed
 *     (LF and tab are kept);
 *   - NBSP and the other Unicode space separators become an ASCII space;
 *   - zero-width and invisible format characters (ZWSP, word joiner, BOM, LRM/RLM, Mongolian vowel separator,
 *     and ZWJ/ZWNJ when not between two non-ASCII letters or emoji) are removed; the soft hyphen
 *     (U+00AD) is kept, as it is not zero-width and often part of mis-decoded text;
 *   - Unicode NFC.
 * Each kind of change is recorded once in `doc.warnings` with a count. When the text is
 * `title + "\n\n" + body` (`doc.meta.titleLength`), the title is normalised on its own so
 * the prefix length and `doc.title` stay exact.
 */

const ANY_CHANGE = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028\u2029\u202F\u205F\u2060-\u2064\u3000\uFEFF]/;
const CRLF = /\r\n?/g;
const LINE_CONTROLS = /[\u000B\u000C\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const INVISIBLE = /[\u180E\u200B\u200E\u200F\u2060-\u2064\uFEFF]/g;
/** ZWNJ/ZWJ are meaningful inside Persian/Indic words and emoji sequences; removed elsewhere. */
const JOINERS = /[\u200C\u200D]/g;
const JOINER_CONTEXT = /[^\u0000-\u024F\s]/u;
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface Counts {
  surrogates: number;
  crlf: number;
  control: number;
  space: number;
  invisible: number;
  nfc: boolean;
}

function countingReplace(text: string, re: RegExp, replacement: string | ((m: string) => string), add: (n: number) => void): string {
  let n = 0;
  const out = text.replace(re, (m) => {
    n++;
    return typeof replacement === 'string' ? replacement : replacement(m);
  });
  if (n) add(n);
  return out;
}

function replaceLoneSurrogates(text: string, counts: Counts): string {
  if (!SURROGATE.test(text)) return text;
  return countingReplace(text, LONE_SURROGATES, '\uFFFD', (n) => (counts.surrogates += n));
}

function normalizePart(text: string, counts: Counts): string {
  text = replaceLoneSurrogates(text, counts);
  if (ANY_CHANGE.test(text)) {
    text = countingReplace(text, CRLF, '\n', (n) => (counts.crlf += n));
    text = countingReplace(text, LINE_CONTROLS, '\n', (n) => (counts.control += n));
    text = countingReplace(text, CONTROLS, '', (n) => (counts.control += n));
    text = countingReplace(text, SPACES, ' ', (n) => (counts.space += n));
    text = countingReplace(text, INVISIBLE, '', (n) => (counts.invisible += n));
    if (text.includes('\u200C') || text.includes('\u200D')) {
      let removed = 0;
      text = text.replace(JOINERS, (m, offset: number, whole: string) => {
        const prev = offset > 0 ? whole[offset - 1] : ' ';
        const next = offset + 1 < whole.length ? whole[offset + 1] : ' ';
        if (JOINER_CONTEXT.test(prev) && JOINER_CONTEXT.test(next)) return m;
        removed++;
        return '';
      });
      counts.invisible += removed;
    }
  }
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    counts.nfc = true;
    text = nfc;
  }
  return text;
}

function warningsFor(counts: Counts): Warning[] {
  const warnings: Warning[] = [];
  const add = (code: string, message: string) => warnings.push({ stage: 'normalize', code, message });
  if (counts.surrogates) add('lone-surrogates', `replaced ${counts.surrogates} lone surrogate(s) (broken UTF-16) with U+FFFD`);
  if (counts.crlf) add('line-endings', `converted ${counts.crlf} CRLF/CR line ending(s) to LF`);
  if (counts.control) add('control-characters', `removed or replaced ${counts.control} control character(s)`);
  if (counts.space) add('unusual-spaces', `replaced ${counts.space} non-breaking or unusual space(s) with a space`);
  if (counts.invisible) add('zero-width', `removed ${counts.invisible} zero-width or invisible character(s)`);
  if (counts.nfc) add('unicode-nfc', 'applied Unicode NFC normalisation (decomposed characters composed)');
  return warnings;
}

/** Metadata strings written to the output next to `text` (the title is also normalised as part of `text`). */
const METADATA_FIELDS = ['title', 'url', 'published_at', 'source_name', 'dateline', 'author'] as const;

interface ReaderWarning {
  code?: unknown;
  message?: unknown;
}

export function normalizeDoc(doc: Doc): void {
  // Readers that cannot push warnings themselves (the HTML reader) leave them in meta.
  const pending = doc.meta.readerWarnings;
  if (Array.isArray(pending)) {
    for (const w of pending as ReaderWarning[]) {
      if (w && typeof w.code === 'string' && typeof w.message === 'string') doc.warnings.push({ stage: 'ingest', code: w.code, message: w.message });
    }
    delete doc.meta.readerWarnings;
  }

  const counts: Counts = { surrogates: 0, crlf: 0, control: 0, space: 0, invisible: 0, nfc: false };
  doc.id = replaceLoneSurrogates(doc.id, counts);
  const titleInText = Boolean(doc.meta.titleLength);
  for (const field of METADATA_FIELDS) {
    if (field === 'title' && titleInText) continue; // normalised below as the text's prefix
    const value = doc[field];
    if (value !== null) doc[field] = replaceLoneSurrogates(value, counts);
  }
  const titleLength = doc.meta.titleLength;
  const text = doc.text;
  if (titleLength && titleLength > 0 && titleLength <= text.length) {
    const title = normalizePart(text.slice(0, titleLength), counts);
    const rest = normalizePart(text.slice(titleLength), counts);
    if (title.length !== titleLength || rest.length !== text.length - titleLength || title + rest !== text) {
      doc.text = title + rest;
      doc.meta.titleLength = title.length;
      if (doc.title !== null) doc.title = title;
    }
  } else {
    const out = normalizePart(text, counts);
    if (out !== text) doc.text = out;
  }
  doc.warnings.push(...warningsFor(counts));
}

export const normalizeStage = defineStage({
  name: 'normalize',
  description: 'Line endings, control and invisible characters, Unicode NFC; clean text is left byte-identical',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  setup: () => normalizeDoc,
});
