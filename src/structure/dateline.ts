/**
 * The dateline that opens a news body, in the forms Indonesian and international outlets use:
 *
 *   `SEPUTARAN.COM, Istanbul –`   outlet, place
 *   `JAKARTA, KOMPAS.com -`       place, outlet        `Jakarta, CNN Indonesia --`
 *   `Jakarta (ANTARA) -`          place (outlet)       `WASHINGTON (Reuters) -`, `LONDON (AP) —`
 *   `BEIJING, Sept 4 (Reuters) -` place, date (outlet)
 *   `SEOUL, South Korea —`        PLACE, region
 *   `JAKARTA -`, `Jakarta -`      place alone (title case only for known places)
 *   `KOMPAS.com -`                outlet alone
 *
 * The dateline runs from the line start to the dash (inclusive); the body starts after it.
 */
import { createRequire } from 'node:module';
import { MONTH_PATTERN } from '../ingest/published-date.js';
import type { StructureLexicon } from './lexicon.js';

export interface DatelineMatch {
  /** End of the dateline (just after the dash), relative to the line. */
  end: number;
  /** Where the body text starts, relative to the line (may equal the line length). */
  bodyStart: number;
  /** The place, in its usual case (`JAKARTA` -> `Jakarta`). */
  city: string | null;
  /** The outlet as written. */
  source: string | null;
}

const DASH_RE = /(\s*)(--|-|–|—|―|‒|−)(\s*)/gu;
const MAX_HEAD = 90;
const FORBIDDEN_IN_HEAD = /[:;!?"“”„«»\[\]{}<>=@#*_|\\]/u;
const CAPS_PLACE_RE = /^\p{Lu}[\p{Lu}\p{M}.'’-]*(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}$/u;
const WORD_RE = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u;
const DOMAIN_RE = /^[\p{L}\p{N}][\p{L}\p{N}-]+(?:\.[A-Za-z]{2,6}){1,2}$/u;
const ACRONYM_RE = /^\p{Lu}{2,10}$/u;
const STATE_ABBREV_RE = /^(?:\p{Lu}\p{Ll}{1,4}\.|(?:\p{Lu}\.){2,3})$/u;
const DATE_PART_RE = new RegExp(
  String.raw`^(?:${MONTH_PATTERN})\.?\s+\d{1,2}(?:st|nd|rd|th)?$|^\d{1,2}\s+(?:${MONTH_PATTERN})\.?(?:\s+\d{4})?$|^\d{4}$`,
  'iu',
);
const PAREN_RE = /^(.*?)\s*\(\s*([^()]{2,40}?)\s*\)$/u;
const LETTER_RE = /\p{L}/gu;

interface CountriesModule {
  registerLocale(locale: unknown): void;
  getAlpha2Code(name: string, lang: string): string | undefined;
}
let countries: CountriesModule | null = null;
/** Country names (English, Indonesian), so `JAKARTA, INDONESIA -` is not read as an outlet. */
function isCountryName(name: string): boolean {
  if (!countries) {
    const require = createRequire(import.meta.url);
    countries = require('i18n-iso-countries') as CountriesModule;
    countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
    countries.registerLocale(require('i18n-iso-countries/langs/id.json'));
  }
  return countries.getAlpha2Code(name, 'en') !== undefined || countries.getAlpha2Code(name, 'id') !== undefined;
}

export class DatelineParser {
  constructor(private readonly lex: StructureLexicon) {}

  isOutlet(s: string): boolean {
    if (this.lex.outlets.has(s.toLowerCase()) || DOMAIN_RE.test(s)) return true;
    // `Antara/Xinhua`, `Reuters/AFP`: several agencies.
    return s.includes('/') && s.split('/').every((part) => part !== '' && this.lex.outlets.has(part.trim().toLowerCase()));
  }

  private isCapsPlace(s: string): boolean {
    return CAPS_PLACE_RE.test(s) && !this.lex.notDatelines.has(s.toUpperCase()) && !this.isOutlet(s);
  }

  private isTitlePlace(s: string): boolean {
    const words = s.split(/\s+/);
    if (words.length > 5 || !WORD_RE.test(words[0])) return false;
    let capitalised = 0;
    for (const w of words) {
      if (WORD_RE.test(w)) capitalised++;
      else if (!this.lex.placeParticles.has(w)) return false;
    }
    return capitalised <= 4 && !this.isOutlet(s);
  }

  private isPlace(s: string): boolean {
    return this.isCapsPlace(s) || this.isTitlePlace(s);
  }

  private isQualifier(s: string): boolean {
    return this.isPlace(s) || STATE_ABBREV_RE.test(s) || DATE_PART_RE.test(s);
  }

  /** Analyse the part before the dash; null when it is not a dateline. */
  analyseHead(head: string): { city: string | null; source: string | null } | null {
    if (FORBIDDEN_IN_HEAD.test(head)) return null;
    const paren = PAREN_RE.exec(head);
    if (paren) {
      const outlet = paren[2];
      if (!(this.isOutlet(outlet) || ACRONYM_RE.test(outlet))) return null;
      // `(Reuters) - Oil prices rose ...`: the outlet alone.
      // `Sept 5 (Reuters) -`: a date and the outlet, no place.
      if (paren[1] === '' || DATE_PART_RE.test(paren[1])) return this.isOutlet(outlet) ? { city: null, source: outlet } : null;
      const parts = paren[1].split(/\s*,\s*/);
      if (parts.length > 4 || !this.isPlace(parts[0])) return null;
      if (!parts.slice(1).every((p) => this.isQualifier(p))) return null;
      return { city: this.recase(parts[0]), source: outlet };
    }
    if (head.includes('(') || head.includes(')')) return null;
    const parts = head.split(/\s*,\s*/);
    if (parts.length === 1) {
      if (this.isOutlet(head)) return { city: null, source: head };
      if (this.isCapsPlace(head) && (head.match(LETTER_RE)?.length ?? 0) >= 3) return { city: this.recase(head), source: null };
      if (this.lex.datelinePlaces.has(head.toLowerCase()) && this.isTitlePlace(head)) return { city: head, source: null };
      return null;
    }
    if (parts.length > 4 || parts.some((p) => p === '')) return null;
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (parts.length === 2 && this.isOutlet(first) && this.isPlace(last)) return { city: this.recase(last), source: first };
    if (this.isOutlet(last) && this.isPlace(first) && parts.slice(1, -1).every((p) => this.isQualifier(p))) {
      return { city: this.recase(first), source: last };
    }
    // `WARTAWIRE, Jakarta –`: an unlisted all-capital outlet before a known dateline place.
    if (
      parts.length === 2 &&
      /^\p{Lu}[\p{Lu}\p{N}]{2,}$/u.test(first) &&
      !this.lex.datelinePlaces.has(first.toLowerCase()) &&
      this.lex.datelinePlaces.has(last.toLowerCase())
    ) {
      return { city: this.recase(last), source: first };
    }
    // `BANDUNG, PRFM —`: a known dateline place, then one unlisted all-capital word that is no place.
    if (
      parts.length === 2 &&
      this.lex.datelinePlaces.has(first.toLowerCase()) &&
      /^\p{Lu}[\p{Lu}\p{N}]{2,}$/u.test(last) &&
      !this.lex.datelinePlaces.has(last.toLowerCase()) &&
      !isCountryName(last)
    ) {
      return { city: this.recase(first), source: last };
    }
    if (this.isCapsPlace(first) && parts.slice(1).every((p) => this.isQualifier(p))) return { city: this.recase(first), source: null };
    return null;
  }

  /** Find a dateline at the start of a (trimmed) line. */
  parse(line: string): DatelineMatch | null {
    const limit = Math.min(line.length, MAX_HEAD + 6);
    DASH_RE.lastIndex = 0;
    for (let m = DASH_RE.exec(line); m && m.index < limit; m = DASH_RE.exec(line)) {
      const head = line.slice(0, m.index);
      const dash = m[2];
      const spaceBefore = m[1].length > 0;
      const spaceAfter = m[3].length > 0;
      const dashEnd = m.index + m[1].length + dash.length;
      const after = line.slice(dashEnd + m[3].length);
      // `Hong-Kong`, `pro-China`: an unspaced hyphen inside a word is no dateline dash.
      if (!spaceBefore && !head.endsWith(')')) {
        if (dash === '-' || !/^\p{Lu}/u.test(after) || /\p{Ll}/u.test(head)) continue;
      }
      if (head.length < 2 || head.length > MAX_HEAD) return null;
      if (after !== '' && !spaceAfter && !/^[\p{Lu}\p{N}"“'‘(]/u.test(after)) return null;
      const found = this.analyseHead(head.trim());
      if (!found) return null;
      return { end: dashEnd, bodyStart: dashEnd + m[3].length, ...found };
    }
    return null;
  }

  /** `JAKARTA` -> `Jakarta`, `RIO DE JANEIRO` -> `Rio de Janeiro`, `BAU-BAU` -> `Bau-Bau`; mixed case is kept. */
  recase(place: string): string {
    if (/\p{Ll}/u.test(place)) return place;
    return place
      .split(/(\s+)/)
      .map((word, i) => {
        if (/^\s+$/.test(word)) return word;
        if (/^(?:\p{L}\.){2,}$/u.test(word)) return word;
        // `WASHINGTON DC` -> `Washington DC`: two-letter abbreviations keep their capitals.
        if (i > 0 && /^\p{Lu}{2}$/u.test(word) && !this.lex.placeParticles.has(word.toLowerCase())) return word;
        const lower = word.toLowerCase();
        if (i > 0 && this.lex.placeParticles.has(lower)) return lower;
        return lower.replace(/(^|[-'’.])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
      })
      .join('');
  }
}
