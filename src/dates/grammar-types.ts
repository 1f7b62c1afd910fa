/**
 * What the date grammar parses into (`Spec`, `RawDate`, the internal `Parse`) and the small
 * pure helpers its parts share. The grammar itself: grammar-tokens.ts (token helpers),
 * grammar-numbers.ts (numeric dates, years, decades), grammar-clock.ts (clock times),
 * grammar-names.ts (month and weekday names), grammar.ts (entry points, ranges, suffixes).
 */
import type { Unit } from './lexicon.js';

/**
 * What an expression says, before it is anchored:
 * - `abs`: a calendar date, month or year; `y` 0 when the year is left out.
 *   `ry` then gives it relative to the anchor's (`4 Maret tahun depan`), else `dir` picks it: 0 nearest (past preferred), -1 last such, 1 next such, 2 the anchor's year.
 * - `dec`: a decade, `v` = year / 10 (`199` for the 1990s).
 * - `rel`: `n` units from the anchor (`kemarin` = day -1, `pekan lalu` = week -1).
 * - `wd`: a weekday; `dir` 0 most recent on/before the anchor (on/after with a future cue in context),
 *   -1 strictly before, 1 strictly after, 2 in the anchor's ISO week (shifted by `wk` weeks: `Kamis pekan lalu`).
 */
export type Spec =
  | { t: 'abs'; y: number; m: number; d: number; g: 'day' | 'month' | 'year'; dir: number; ry?: number }
  | { t: 'dec'; v: number }
  | { t: 'rel'; u: Unit; n: number }
  | { t: 'wd'; wd: number; dir: number; wk?: number };

/** A parsed mention, offsets in UTF-16 code units into the doc text. */
export interface RawDate {
  start: number;
  end: number;
  a: Spec;
  /** End of a range. */
  b?: Spec;
  time?: string;
  tz?: string;
  /** A weekday written next to an explicit date, to cross-check. */
  wdCheck?: number;
  /** A clock time with no date of its own. */
  timeOnly?: boolean;
  /** A future cue (`akan`, `will`) precedes it in its clause. */
  future: boolean;
}

export interface Parse {
  s: number;
  e: number;
  a: Spec;
  b?: Spec;
  time?: string;
  tz?: string;
  wdCheck?: number;
  timeOnly?: boolean;
  tod?: string;
}

export interface Opts {
  /** A word that makes a bare number temporal precedes (`pada`, `sejak`, `in`). */
  cue?: boolean;
  /** Inside `antara … dan` / `between … and`: `dan`/`and` separates a range. */
  opened?: boolean;
  /** `tahun 90-an`: a two-digit decade is allowed. */
  decadeCue?: boolean;
  /** A weekday or `tanggal` precedes: a bare `4/9` is a date. */
  dm?: boolean;
}

export const NO: Opts = {};
export const STOP_PUNCT = new Set(['.', '!', '?', ';', ':', ',', '"', '“', '”', '«', '»']);
export const MONEY_PUNCT = new Set(['$', '€', '£', '¥', '#', '+', '@']);
export const NUMBER_JOINERS = new Set(['.', ',', '/', '-', ':']);

export function dayLike(a: Spec): boolean {
  return (a.t === 'abs' && a.g === 'day') || a.t === 'wd' || (a.t === 'rel' && a.u === 'day');
}

export function compatible(a: Spec, b: Spec): boolean {
  if (a.t === 'abs' && b.t === 'abs') return a.g === b.g;
  if (a.t === 'abs' && a.g === 'day' && b.t === 'wd') return true;
  if (a.t === 'rel' && b.t === 'rel') return a.u === b.u;
  return a.t === b.t && a.t !== 'rel';
}

/** Hour on a 24-hour clock from a 12-hour reading and a time-of-day word. */
export function adjustHour(h: number, tod: string): number {
  switch (tod) {
    case 'night':
    case 'evening':
      if (h === 12) return 0;
      return h >= 5 && h < 12 ? h + 12 : h;
    case 'afternoon':
      return h < 12 ? h + 12 : h;
    case 'noon':
      return h < 6 ? h + 12 : h;
    default:
      return h === 12 ? 0 : h;
  }
}
