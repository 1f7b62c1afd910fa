/**
 * Publication-date strings as news sites and exports write them, in Indonesian
 * and English, to ISO 8601: `2025-09-06` when only the day is known, or
 * `2025-09-06T14:30:00+07:00` when a time (and zone) is stated.
 *
 * Accepted forms (weekday names and separators around them are ignored):
 *   `Sab, 6 Sep 2025`, `Sabtu, 6 September 2025 14:30 WIB`, `06/09/2025, 14:30 WIB`
 *   (numeric dates are day/month unless the second number cannot be a month),
 *   `Sep 6, 2025`, `September 5, 2025 10:15 PM GMT+7`, `2025-09-06T14:30:00+07:00`,
 *   RFC 2822 `Sat, 06 Sep 2025 10:00:00 +0700`, `2025/09/06`, Unix seconds/milliseconds.
 * WIB/WITA/WIT are +07:00/+08:00/+09:00; other zone abbreviations come from
 * `src/lang/{id,en}/calendar.json`.
 */
import { readLangJson } from '../lang/data.js';

interface Calendar {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  timezones?: Record<string, string>;
}

const CALENDAR_LANGS = ['id', 'en'];

const MONTHS = new Map<string, number>();
const WEEKDAYS = new Map<string, number>();
const ZONES = new Map<string, string>();
for (const code of CALENDAR_LANGS) {
  const calendar = readLangJson<Calendar>(code, 'calendar.json');
  for (const [name, month] of Object.entries(calendar.months)) if (!MONTHS.has(name)) MONTHS.set(name.toLowerCase(), month);
  for (const [name, day] of Object.entries(calendar.weekdays)) if (!WEEKDAYS.has(name)) WEEKDAYS.set(name.toLowerCase(), day);
  for (const [name, offset] of Object.entries(calendar.timezones ?? {})) if (!ZONES.has(name)) ZONES.set(name.toUpperCase(), offset);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (names: Iterable<string>): string =>
  [...names]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escape)
    .join('|');

const MONTH = `(?:${alternation(MONTHS.keys())})`;
/** Regex source matching any month name or abbreviation (id, en); use with the `i` flag. */
export const MONTH_PATTERN = MONTH;
const ZONE = `(?:${alternation(ZONES.keys())})`;
/** Not preceded / followed by a letter or digit. */
const L = String.raw`(?<![\p{L}\p{N}])`;
const R = String.raw`(?![\p{L}\p{N}])`;

const ISO_RE = new RegExp(
  String.raw`${L}(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?${R}`,
  'iu',
);
const DMY_RE = new RegExp(String.raw`${L}(\d{1,2})(?:st|nd|rd|th)?[\s./-]*(?:of\s+)?(${MONTH})\.?[\s.,/-]*(\d{4})${R}`, 'iu');
const MDY_RE = new RegExp(String.raw`${L}(${MONTH})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})${R}`, 'iu');
const NUM_RE = new RegExp(String.raw`${L}(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${R}`, 'u');
const YMD_SLASH_RE = new RegExp(String.raw`${L}(\d{4})([/.])(\d{1,2})\2(\d{1,2})${R}`, 'u');
const EPOCH_RE = /^\s*(\d{10}|\d{13})\s*$/;
const TIME_RE = new RegExp(
  String.raw`(?<![\p{N}:.])(\d{1,2})[:.](\d{2})(?![\p{N}])(?::(\d{2})(?![\p{N}]))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(${ZONE})(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?${R}|\s*([+-]\d{2}):?(\d{2})${R}|(Z)${R})?`,
  'iu',
);
const ZONE_AFTER_RE = new RegExp(String.raw`^\s*(${ZONE})(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?${R}`, 'iu');
const WEEKDAY_RE = new RegExp(String.raw`${L}(?:${alternation(WEEKDAYS.keys())})\.?${R}`, 'giu');

export interface FoundDate {
  /** ISO 8601 value. */
  value: string;
  /** Span of the date (and its time, when one was joined) inside the searched string. */
  start: number;
  end: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function formatOffset(sign: string, hours: number, minutes: number): string | null {
  if (hours > 14 || minutes > 59) return null;
  return `${sign}${pad(hours)}:${pad(minutes)}`;
}

function zoneOffset(abbr: string | undefined, extraHours?: string, extraM?: string): string | null {
  if (!abbr) return null;
  if (abbr.toUpperCase() === 'Z') return '+00:00';
  const base = ZONES.get(abbr.toUpperCase());
  if (!base) return null;
  if (extraHours) {
    // `GMT+7`, `UTC-05:00`: only meaningful on a zero-offset base.
    if (base !== '+00:00') return null;
    const h = Math.abs(parseInt(extraHours, 10));
    return formatOffset(extraHours.startsWith('-') ? '-' : '+', h, extraM ? parseInt(extraM, 10) : 0);
  }
  return base;
}

interface DatePart {
  year: number;
  month: number;
  day: number;
  start: number;
  end: number;
  /** Time already given inside the match (ISO). */
  time?: string;
  offset?: string | null;
}

function findDatePart(s: string): DatePart | null {
  let best: DatePart | null = null;
  const consider = (part: DatePart | null) => {
    if (part && validDate(part.year, part.month, part.day) && (!best || part.start < best.start)) best = part;
  };
  let m = ISO_RE.exec(s);
  if (m) {
    const part: DatePart = { year: +m[1], month: +m[2], day: +m[3], start: m.index, end: m.index + m[0].length };
    if (m[4] !== undefined) {
      const h = +m[4];
      const min = +m[5];
      const sec = m[6] !== undefined ? +m[6] : 0;
      if (h <= 23 && min <= 59 && sec <= 59) {
        part.time = `${pad(h)}:${pad(min)}:${pad(sec)}`;
        if (m[7]) {
          if (m[7].toUpperCase() === 'Z') part.offset = '+00:00';
          else {
            const digits = m[7].replace(':', '');
            part.offset = formatOffset(digits[0], +digits.slice(1, 3), digits.length > 3 ? +digits.slice(3, 5) : 0);
          }
        }
      }
    }
    consider(part);
  }
  m = DMY_RE.exec(s);
  if (m) consider({ year: +m[3], month: MONTHS.get(m[2].toLowerCase())!, day: +m[1], start: m.index, end: m.index + m[0].length });
  m = MDY_RE.exec(s);
  if (m) consider({ year: +m[3], month: MONTHS.get(m[1].toLowerCase())!, day: +m[2], start: m.index, end: m.index + m[0].length });
  m = NUM_RE.exec(s);
  if (m) {
    let day = +m[1];
    let month = +m[3];
    // Day/month (Indonesian and most of the world); month/day only when the order forces it.
    if (month > 12 && day <= 12) [day, month] = [month, day];
    consider({ year: +m[4], month, day, start: m.index, end: m.index + m[0].length });
  }
  m = YMD_SLASH_RE.exec(s);
  if (m) consider({ year: +m[1], month: +m[3], day: +m[4], start: m.index, end: m.index + m[0].length });
  return best;
}

interface TimePart {
  time: string;
  offset: string | null;
  start: number;
  end: number;
}

function findTimeNear(s: string, date: DatePart): TimePart | null {
  // The time must sit next to the date: after it, or right before it (`14:30 WIB, 6 Sep 2025`).
  const candidates: TimePart[] = [];
  const re = new RegExp(TIME_RE.source, 'giu');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (start < date.end && end > date.start) continue;
    let h = +m[1];
    const min = +m[2];
    const sec = m[3] !== undefined ? +m[3] : 0;
    const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
    if (meridiem) {
      if (h < 1 || h > 12) continue;
      if (meridiem === 'pm' && h !== 12) h += 12;
      if (meridiem === 'am' && h === 12) h = 0;
    }
    if (h > 23 || min > 59 || sec > 59) continue;
    let offset: string | null = null;
    if (m[5]) offset = zoneOffset(m[5], m[6], m[7]);
    else if (m[8]) offset = formatOffset(m[8][0], Math.abs(+m[8]), +m[9]);
    else if (m[10]) offset = '+00:00';
    const between = stripWeekdays(start >= date.end ? s.slice(date.end, start) : s.slice(end, date.start));
    // Only separators and a few linking words may stand between date and time.
    if (!/^[\s,|·•\-–—/()]*(?:(?:pukul|jam|pkl\.?|at|@)[\s,]*)?$/iu.test(between)) continue;
    candidates.push({ time: `${pad(h)}:${pad(min)}:${pad(sec)}`, offset, start, end: end - (m[0].length - m[0].trimEnd().length) });
  }
  return candidates[0] ?? null;
}

/** Find the first publication date (with its time when stated next to it) in a string. */
export function findPublishedDate(s: string): FoundDate | null {
  const epoch = EPOCH_RE.exec(s);
  if (epoch) {
    const ms = epoch[1].length === 13 ? +epoch[1] : +epoch[1] * 1000;
    const d = new Date(ms);
    if (!Number.isNaN(d.getTime())) {
      const iso = d.toISOString();
      const value = `${iso.slice(0, 19)}+00:00`;
      return { value, start: epoch.index + epoch[0].indexOf(epoch[1]), end: epoch.index + epoch[0].indexOf(epoch[1]) + epoch[1].length };
    }
  }
  const date = findDatePart(s);
  if (!date) return null;
  const day = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  if (date.time) {
    let end = date.end;
    let offset = date.offset;
    if (offset === undefined || offset === null) {
      // `2025-09-06 14:30:00 WIB`
      const zone = ZONE_AFTER_RE.exec(s.slice(end));
      if (zone) {
        offset = zoneOffset(zone[1], zone[2], zone[3]);
        if (offset) end += zone[0].length;
      }
    }
    return { value: `${day}T${date.time}${offset ?? ''}`, start: date.start, end };
  }
  const time = findTimeNear(s, date);
  if (!time) return { value: day, start: date.start, end: date.end };
  return {
    value: `${day}T${time.time}${time.offset ?? ''}`,
    start: Math.min(date.start, time.start),
    end: Math.max(date.end, time.end),
  };
}

/** A publication-date string (a record field, a meta tag, a line) to ISO 8601, or null. */
export function parsePublishedDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const found = findPublishedDate(s);
  if (found) return found.value;
  // A field holding only a short numeric date: `06/09/25` (day/month/two-digit year, 20xx).
  const short = SHORT_YEAR_RE.exec(s);
  if (short) {
    let day = +short[1];
    let month = +short[3];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    const year = 2000 + +short[4];
    if (validDate(year, month, day)) {
      const rest = s.slice(short[0].length);
      const time = rest.trim() ? findTimeNear(s, { year, month, day, start: 0, end: short[0].length }) : null;
      const dayIso = `${year}-${pad(month)}-${pad(day)}`;
      return time ? `${dayIso}T${time.time}${time.offset ?? ''}` : dayIso;
    }
  }
  return null;
}

const SHORT_YEAR_RE = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2})(?!\d)/;

/** Remove weekday names (`Sabtu`, `Sab.`, `Saturday`) from a string; used to test that a line is only a date. */
export function stripWeekdays(s: string): string {
  return s.replace(WEEKDAY_RE, ' ');
}
