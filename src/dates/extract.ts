import { sectionAt, sentenceAt, type DateMention, type Doc, type SectionType } from '../doc.js';
import { parseIsoDay } from './calendar.js';
import { Grammar, type RawDate } from './grammar.js';
import { lexicons, type Lexicon } from './lexicon.js';
import { resolveRaw } from './resolve.js';
import { Tokens } from './tokens.js';

/** Sections searched for dates; bylines and boilerplate are not. */
export const DATE_SECTIONS: ReadonlySet<SectionType> = new Set(['title', 'published', 'caption', 'dateline', 'body']);

export interface DatesOptions {
  /** How English numeric dates read: `mdy` (US, `9/4/2025` = 4 September) or `dmy`. Indonesian is always day first. */
  englishNumericOrder: 'mdy' | 'dmy';
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Found {
  raw: RawDate;
  section: number;
}

/** The dates stage's work for one document, with reusable buffers. */
export class DateExtractor {
  private readonly tokens = new Tokens();
  private readonly id: { lex: Lexicon; grammar: Grammar };
  private readonly en: { lex: Lexicon; grammar: Grammar };

  constructor(options: DatesOptions) {
    const lx = lexicons();
    const id = lx.get('id')!;
    const en = lx.get('en')!;
    this.id = { lex: id, grammar: new Grammar(id, false) };
    this.en = { lex: en, grammar: new Grammar(en, options.englishNumericOrder === 'mdy') };
  }

  /** Every temporal expression in the searched sections, in text order. */
  find(doc: Doc): Found[] {
    const language = doc.language ?? doc.meta.languageHint ?? 'id';
    const { lex, grammar } = language === 'en' ? this.en : this.id;
    const found: Found[] = [];
    const raws: RawDate[] = [];
    const text = doc.text;
    const scan = (from: number, to: number, section: number) => {
      this.tokens.tokenize(text, from, to, lex.apostropheWords, lex.filter);
      raws.length = 0;
      grammar.scan(this.tokens, raws);
      for (const raw of raws) found.push({ raw, section });
    };
    // Each sentence is scanned on its own, so no expression runs across a sentence end
    // (`Kamis (4/9` | `) malam` split by the sentence stage stays two pieces).
    const sentences = doc.sentences;
    let next = 0;
    const scanPieces = (from: number, to: number, section: number) => {
      while (next < sentences.length && sentences[next].end <= from) next++;
      let p = from;
      for (; next < sentences.length && sentences[next].start < to; next++) {
        const s = sentences[next];
        if (s.start > p) scan(p, s.start, section);
        scan(Math.max(p, s.start), Math.min(s.end, to), section);
        p = Math.min(s.end, to);
      }
      if (p < to) scan(p, to, section);
    };
    if (doc.sections.length === 0) scanPieces(0, text.length, -1);
    else {
      doc.sections.forEach((s, index) => {
        if (DATE_SECTIONS.has(s.type)) scanPieces(s.start, s.end, index);
      });
    }
    return found;
  }

  run(doc: Doc): void {
    const found = this.find(doc);
    if (found.length === 0) return;
    // The anchor: publication date, else a full date on the publication line, else --reference-date, else the file date.
    let anchor = parseIsoDay(doc.published_at);
    let fromFile = false;
    if (anchor === null) {
      for (const f of found) {
        const a = f.raw.a;
        if (f.section >= 0 && doc.sections[f.section].type === 'published' && a.t === 'abs' && a.g === 'day' && a.y > 0 && !f.raw.b) {
          anchor = resolveRaw(f.raw, null).day;
          break;
        }
      }
    }
    if (anchor === null) anchor = parseIsoDay(doc.meta.referenceDate);
    if (anchor === null) {
      anchor = parseIsoDay(doc.meta.fileDate);
      fromFile = anchor !== null;
    }
    let usedAnchor = false;
    let lastDay: { value: string; sentence: number; section: number } | null = null;
    for (const { raw, section } of found) {
      const sentence = sentenceAt(doc, raw.start);
      const sectionIndex = section >= 0 ? section : sectionAt(doc, raw.start);
      const r = resolveRaw(raw, anchor);
      let value = r.value;
      let resolution = r.resolution;
      if (raw.timeOnly) {
        // A bare clock time belongs to the day named just before it, else to the anchor day.
        resolution = 'relative';
        if (lastDay && lastDay.section === sectionIndex && sentence >= 0 && sentence - lastDay.sentence <= 1 && lastDay.sentence >= 0) {
          value = lastDay.value;
        } else usedAnchor ||= r.usedAnchor;
      } else usedAnchor ||= r.usedAnchor;
      const mention: DateMention = {
        text: doc.text.slice(raw.start, raw.end),
        start: raw.start,
        end: raw.end,
        sentence,
        section: sectionIndex,
        value,
        granularity: r.granularity,
        resolution,
      };
      if (r.end_value !== undefined) mention.end_value = r.end_value;
      if (raw.time !== undefined) mention.time = raw.time;
      if (raw.tz !== undefined) mention.timezone = raw.tz;
      doc.dates.push(mention);
      if (mention.granularity === 'day' && value && !raw.timeOnly) lastDay = { value, sentence, section: sectionIndex };
      if (r.weekdayMismatch) {
        doc.warnings.push({
          stage: 'dates',
          code: 'weekday-mismatch',
          message: `"${mention.text}" names ${WEEKDAY_NAMES[r.weekdayMismatch.stated]} but ${value} is a ${WEEKDAY_NAMES[r.weekdayMismatch.actual]}; the written date was kept`,
          start: raw.start,
          end: raw.end,
        });
      }
    }
    if (usedAnchor && anchor === null) {
      doc.warnings.push({
        stage: 'dates',
        code: 'no-anchor',
        message: 'no publication date, --reference-date or file date: relative dates were left without a value',
      });
    } else if (usedAnchor && fromFile) {
      doc.warnings.push({
        stage: 'dates',
        code: 'anchor-file-date',
        message: `no publication date or --reference-date: relative dates were resolved against the file date ${doc.meta.fileDate}`,
      });
    }
  }
}
