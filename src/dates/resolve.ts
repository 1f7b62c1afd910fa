import type { DateGranularity, DateResolution } from '../doc.js';
import {
  civilFromDays,
  daysFromCivil,
  formatDay,
  formatIsoWeek,
  formatMonth,
  formatYear,
  validDate,
  weekdayOf,
} from './calendar.js';
import type { RawDate, Spec } from './grammar.js';

export interface Resolved {
  /** '' when it needs an anchor and there is none. */
  value: string;
  granularity: DateGranularity;
  resolution: DateResolution;
  /** Day number when the value is one calendar day. */
  day: number | null;
  /** Year and month of the value (0 when unknown), to resolve a range's end. */
  y: number;
  m: number;
  /** The anchor (publication or reference date) was needed. */
  usedAnchor: boolean;
}

export interface ResolvedRaw extends Resolved {
  end_value?: string;
  /** Set when a weekday written beside the date disagrees with it. */
  weekdayMismatch?: { stated: number; actual: number };
}

const GRANULARITY: Record<string, DateGranularity> = { day: 'day', week: 'week', month: 'month', year: 'year', decade: 'decade' };

function unresolved(granularity: DateGranularity, resolution: DateResolution): Resolved {
  return { value: '', granularity, resolution, day: null, y: 0, m: 0, usedAnchor: true };
}

function decadeValue(v: number): string {
  return v >= 100 ? String(v) : String(v).padStart(3, '0');
}

/**
 * The year of a month or day written without one. `dir` -1: the last such
 * before the anchor; 1: the next one after it; 2: the anchor's year; 0: the
 * nearest of last, this and next year, where a future distance counts double
 * (news mostly reports the past; with a future cue before it, the past counts
 * double instead) and the anchor's own year counts half (writers leave out
 * the current year).
 */
export function inferYear(m: number, d: number, anchor: number, dir: number, future: boolean): number {
  const [ay, am] = civilFromDays(anchor);
  if (dir === 2) return ay;
  let best = ay;
  let bestCost = Infinity;
  for (let y = ay - 1; y <= ay + 1; y++) {
    let dist: number;
    if (d === 0) dist = y * 12 + m - (ay * 12 + am);
    else {
      if (!validDate(y, m, d)) continue;
      dist = daysFromCivil(y, m, d) - anchor;
    }
    if (dir === -1) {
      if (dist < 0) best = y; // ascending: the last one wins
      continue;
    }
    if (dir === 1) {
      if (dist > 0) return y;
      continue;
    }
    let cost = dist > 0 ? dist * (future ? 1 : 2) : -dist * (future ? 2 : 1);
    if (y === ay) cost /= 2; // a year left out is most often the current one
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

function resolveAbs(s: Extract<Spec, { t: 'abs' }>, anchor: number | null, future: boolean, after: Resolved | null): Resolved {
  let y = s.y;
  let used = false;
  if (y === 0) {
    if (after && after.y && s.ry === undefined) {
      y = after.y;
      const before = s.g === 'day' ? (s.m < after.m || (s.m === after.m && after.day !== null && s.d < civilFromDays(after.day)[2])) : s.m < after.m;
      if (before) y++;
    } else if (anchor === null) {
      return unresolved(s.g, 'absolute');
    } else if (s.ry !== undefined) {
      y = civilFromDays(anchor)[0] + s.ry;
      used = true;
    } else {
      y = inferYear(s.m, s.g === 'day' ? s.d : 0, anchor, s.dir, future);
      used = true;
    }
  }
  if (s.g === 'year') return { value: formatYear(y), granularity: 'year', resolution: 'absolute', day: null, y, m: 0, usedAnchor: used };
  if (s.g === 'month') return { value: formatMonth(y, s.m), granularity: 'month', resolution: 'absolute', day: null, y, m: s.m, usedAnchor: used };
  if (!validDate(y, s.m, s.d)) return { ...unresolved('day', 'absolute'), usedAnchor: used };
  const day = daysFromCivil(y, s.m, s.d);
  return { value: formatDay(day), granularity: 'day', resolution: 'absolute', day, y, m: s.m, usedAnchor: used };
}

function dayResult(day: number, resolution: DateResolution): Resolved {
  const [y, m] = civilFromDays(day);
  return { value: formatDay(day), granularity: 'day', resolution, day, y, m, usedAnchor: true };
}

function resolveRel(s: Extract<Spec, { t: 'rel' }>, anchor: number | null): Resolved {
  const g = GRANULARITY[s.u];
  if (anchor === null) return unresolved(g, 'relative');
  const [ay, am] = civilFromDays(anchor);
  switch (s.u) {
    case 'day':
      return dayResult(anchor + s.n, 'relative');
    case 'week': {
      const day = anchor + 7 * s.n;
      const [y, m] = civilFromDays(day);
      return { value: formatIsoWeek(day), granularity: 'week', resolution: 'relative', day: null, y, m, usedAnchor: true };
    }
    case 'month': {
      const total = ay * 12 + (am - 1) + s.n;
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      return { value: formatMonth(y, m), granularity: 'month', resolution: 'relative', day: null, y, m, usedAnchor: true };
    }
    case 'year':
      return { value: formatYear(ay + s.n), granularity: 'year', resolution: 'relative', day: null, y: ay + s.n, m: 0, usedAnchor: true };
    case 'decade': {
      const v = Math.floor((ay + 10 * s.n) / 10);
      return { value: decadeValue(v), granularity: 'decade', resolution: 'relative', day: null, y: v * 10, m: 0, usedAnchor: true };
    }
  }
}

function resolveWeekday(s: Extract<Spec, { t: 'wd' }>, anchor: number | null, future: boolean, after: Resolved | null): Resolved {
  if (after && after.day !== null) {
    return { ...dayResult(after.day + ((s.wd - weekdayOf(after.day) + 7) % 7), 'weekday'), usedAnchor: false };
  }
  if (anchor === null) return unresolved('day', 'weekday');
  const w = weekdayOf(anchor);
  let day: number;
  switch (s.dir) {
    case -1:
      day = anchor - ((w - s.wd + 7) % 7 || 7);
      break;
    case 1:
      day = anchor + ((s.wd - w + 7) % 7 || 7);
      break;
    case 2:
      day = anchor - ((w + 6) % 7) + ((s.wd + 6) % 7) + 7 * (s.wk ?? 0);
      break;
    default:
      day = future ? anchor + ((s.wd - w + 7) % 7) : anchor - ((w - s.wd + 7) % 7);
  }
  return dayResult(day, 'weekday');
}

export function resolveSpec(s: Spec, anchor: number | null, future: boolean, after: Resolved | null = null): Resolved {
  switch (s.t) {
    case 'abs':
      return resolveAbs(s, anchor, future, after);
    case 'dec':
      return { value: decadeValue(s.v), granularity: 'decade', resolution: 'absolute', day: null, y: s.v * 10, m: 0, usedAnchor: false };
    case 'rel':
      return resolveRel(s, anchor);
    case 'wd':
      return resolveWeekday(s, anchor, future, after);
  }
}

/** Value, granularity and resolution of a parsed mention against the anchor day (or none). */
export function resolveRaw(raw: RawDate, anchor: number | null): ResolvedRaw {
  let a = raw.a;
  const b = raw.b;
  // A year written only on the range's end applies to its start: `4 September - 6 Oktober 2025`.
  if (b && a.t === 'abs' && a.y === 0 && b.t === 'abs' && b.y !== 0) {
    const later = a.m > b.m || (a.m === b.m && a.d > b.d);
    a = { ...a, y: later ? b.y - 1 : b.y };
  }
  const start: ResolvedRaw = resolveSpec(a, anchor, raw.future, null);
  if (b) {
    const end = resolveSpec(b, anchor, raw.future, start.value ? start : null);
    if (end.value) start.end_value = end.value;
    start.usedAnchor ||= end.usedAnchor;
  }
  if (raw.wdCheck !== undefined && start.day !== null) {
    const actual = weekdayOf(start.day);
    if (actual !== raw.wdCheck) {
      // `Kamis (4/9)` with the year left out: the year next to the inferred one where the weekday fits
      // (only within about half a year of the anchor: further away a typo is likelier)
      if (a.t === 'abs' && a.y === 0 && !b && anchor !== null) {
        for (const y of [start.y - 1, start.y + 1]) {
          if (!validDate(y, a.m, a.d)) continue;
          const day = daysFromCivil(y, a.m, a.d);
          if (weekdayOf(day) === raw.wdCheck && Math.abs(day - anchor) <= 200) {
            return { ...resolveSpec({ ...a, y }, anchor, raw.future, null), usedAnchor: true };
          }
        }
      }
      start.weekdayMismatch = { stated: raw.wdCheck, actual };
    }
  }
  return start;
}
