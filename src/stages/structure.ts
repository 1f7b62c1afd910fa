import type { Doc, Section } from '../doc.js';
import { parsePublishedDate } from '../ingest/published-date.js';
import { defineStage } from '../stage.js';
import { LayoutAnalyser } from '../structure/layout.js';
import { loadStructureLexicon } from '../structure/lexicon.js';

/**
 * Article structure: `title`, `published` (publication line), `caption`, `dateline`, `body`,
 * `byline` and `boilerplate` sections as spans of `text` (sorted, disjoint; blank lines belong
 * to no section; body lines separated by a single newline form one section), plus `title`,
 * `published_at` (ISO 8601), `source_name` (outlet as written in the dateline), `dateline`
 * (the place, in its usual case) and `author`.
 *
 * Values the input record already gave are kept; only `published_at` is normalised to ISO
 * (`Sat, 06 Sep 2025 10:00:00 +0700` -> `2025-09-06T10:00:00+07:00`, `06/09/2025` -> `2025-09-06`).
 * A title from the record is the section [0, titleLength); for `.txt` files the first line is
 * the title when more text follows it.
 */

interface StructureOptions {
  /** Language data folders whose `structure-*.txt` lists are used (all of them: the language is not known yet). */
  languages: string[];
  head_lines: number;
  tail_lines: number;
  max_caption_length: number;
  /** Longest first line of a `.txt` file taken as its title. */
  max_title_length: number;
}

const DEFAULTS: StructureOptions = {
  languages: ['id', 'en'],
  head_lines: 8,
  tail_lines: 10,
  max_caption_length: 400,
  max_title_length: 300,
};

export const structureStage = defineStage<StructureOptions>({
  name: 'structure',
  description: 'Title, publication line, caption, dateline, body, byline and boilerplate sections; article metadata',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      languages: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2,3}$' }, minItems: 1 },
      head_lines: { type: 'integer', minimum: 0, maximum: 50 },
      tail_lines: { type: 'integer', minimum: 0, maximum: 50 },
      max_caption_length: { type: 'integer', minimum: 0 },
      max_title_length: { type: 'integer', minimum: 1 },
    },
  },
  defaults: DEFAULTS,
  setup(options) {
    const lex = loadStructureLexicon(options.languages);
    const layout = new LayoutAnalyser(lex, {
      headLines: options.head_lines,
      tailLines: options.tail_lines,
      maxCaptionLength: options.max_caption_length,
    });
    return (doc: Doc) => structureDoc(doc, layout, options);
  },
});

function structureDoc(doc: Doc, layout: LayoutAnalyser, options: StructureOptions): void {
  const text = doc.text;
  const sections: Section[] = [];

  // The title: the record's title prefix, or the first line of a .txt file.
  let regionStart = 0;
  let title: Section | null = null;
  const titleLength = doc.meta.titleLength;
  if (typeof titleLength === 'number' && titleLength > 0 && titleLength <= text.length) {
    title = trimmedSpan(text, 0, titleLength);
    regionStart = titleLength;
  } else if (doc.source.format === 'txt') {
    const first = firstLineTitle(text, layout, options.max_title_length);
    if (first) {
      title = first;
      regionStart = first.end;
    }
  }
  if (title) sections.push({ type: 'title', start: title.start, end: title.end });

  const found = layout.analyse(text, regionStart, title ? text.slice(title.start, title.end) : null);
  sections.push(...found.sections);
  doc.sections = sections;

  if (title) {
    const titleText = text.slice(title.start, title.end);
    // Surrounding whitespace of a record title is not part of it.
    if (doc.title === null || doc.title.trim() === titleText) doc.title = titleText;
  }

  if (doc.published_at !== null) {
    const iso = parsePublishedDate(doc.published_at);
    if (iso === null) {
      doc.warnings.push({
        stage: 'structure',
        code: 'unparsed-published-date',
        message: `published_at ${JSON.stringify(doc.published_at)} is not a recognised date; ${found.published ? 'used the date in the text' : 'dropped'}`,
      });
      doc.published_at = found.published;
    } else doc.published_at = iso;
  } else doc.published_at = found.published;

  doc.source_name ??= found.source;
  doc.dateline ??= found.city;
  doc.author ??= found.author;
}

function trimmedSpan(text: string, start: number, end: number): Section | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { type: 'title', start, end } : null;
}

/** The first non-blank line, when more text follows it and it is not itself a dateline paragraph. */
function firstLineTitle(text: string, layout: LayoutAnalyser, maxLength: number): Section | null {
  const nl = text.indexOf('\n');
  if (nl === -1) return null;
  let start = 0;
  let lineEnd = nl;
  // skip leading blank lines
  while (start < text.length) {
    lineEnd = text.indexOf('\n', start);
    if (lineEnd === -1) return null;
    if (text.slice(start, lineEnd).trim() !== '') break;
    start = lineEnd + 1;
  }
  const span = trimmedSpan(text, start, lineEnd);
  if (!span || span.end - span.start > maxLength) return null;
  if (text.slice(lineEnd).trim() === '') return null;
  const line = text.slice(span.start, span.end);
  if (layout.isBoilerplate(line) || layout.startsWithDateline(line) || layout.analyseMetaLine(line)) return null;
  return span;
}
