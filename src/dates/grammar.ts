import { daysInMonth, formatTime } from './calendar.js';
import type { Lexicon, NameInfo, PhraseTable, Unit } from './lexicon.js';
import { NUM, PUNCT, WORD, type Tokens } from './tokens.js';

/*
 * Span rules (what `text` covers):
 * - in: head nouns (`tahun 2019`, `bulan Maret`, `tanggal 4 September`, `hari Senin`, `pukul 19.00 WIB`);
 *   words that change the meaning: `sejak`/`since`, `hingga`/`sampai`/`until` (open ranges), `awal`/`akhir`/
 *   `pertengahan`/`early`/`late`/`mid-`, `last`/`next`/`this`, `lalu`/`depan`/`mendatang`/`silam`, `ago`;
 *   range openers (`dari`, `antara`, `from`, `between`) when a range follows; a time of day or clock time
 *   after a day (`Kamis (4/9) malam`, `Thursday at 7 p.m.`); a full weekday name written with its date,
 *   brackets included (`Kamis (4/9)`, `Sabtu, 6/9/2025`).
 * - out: prepositions (`pada`, `di`, `on`, `in`, `at`, `of`); a shortened weekday before a date
 *   (`Sab, 6 Sep 2025` gives `6 Sep 2025`): it only cross-checks the date.
 */

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

interface Parse {
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

interface Opts {
  /** A word that makes a bare number temporal precedes (`pada`, `sejak`, `in`). */
  cue?: boolean;
  /** Inside `antara … dan` / `between … and`: `dan`/`and` separates a range. */
  opened?: boolean;
  /** `tahun 90-an`: a two-digit decade is allowed. */
  decadeCue?: boolean;
  /** A weekday or `tanggal` precedes: a bare `4/9` is a date. */
  dm?: boolean;
}

const NO: Opts = {};
const STOP_PUNCT = new Set(['.', '!', '?', ';', ':', ',', '"', '“', '”', '«', '»']);
const MONEY_PUNCT = new Set(['$', '€', '£', '¥', '#', '+', '@']);
const NUMBER_JOINERS = new Set(['.', ',', '/', '-', ':']);

function dayLike(a: Spec): boolean {
  return (a.t === 'abs' && a.g === 'day') || a.t === 'wd' || (a.t === 'rel' && a.u === 'day');
}

function compatible(a: Spec, b: Spec): boolean {
  if (a.t === 'abs' && b.t === 'abs') return a.g === b.g;
  if (a.t === 'abs' && a.g === 'day' && b.t === 'wd') return true;
  if (a.t === 'rel' && b.t === 'rel') return a.u === b.u;
  return a.t === b.t && a.t !== 'rel';
}

/** Hour on a 24-hour clock from a 12-hour reading and a time-of-day word. */
function adjustHour(h: number, tod: string): number {
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

/**
 * The grammar: a small hand-written recursive-descent parser over the token
 * stream, one instance per language (its lexicon and numeric-date order).
 */
export class Grammar {
  private t!: Tokens;
  private n = 0;
  /** Token after the last year mention found, for lists of years (`2019 dan 2020`). */
  private lastYearEnd = -1;
  /** The last single dated day found (token after it, month, year), for `Sept. 4 and 5`. */
  private lastDay: { e: number; m: number; y: number } | null = null;

  constructor(
    private readonly lex: Lexicon,
    /** Numeric dates month first (`9/4/2025` = 4 September). */
    private readonly monthFirst: boolean,
  ) {}

  /** Append every expression in the tokens to `out`, left to right, longest match first. */
  scan(t: Tokens, out: RawDate[]): void {
    this.t = t;
    this.n = t.n;
    this.lastYearEnd = -1;
    this.lastDay = null;
    const kind = t.kind;
    const low = t.low;
    const starters = this.lex.starters;
    for (let i = 0; i < this.n; ) {
      // fast path: most tokens can start nothing
      const k = kind[i];
      if (k === PUNCT || (k === WORD && !starters.has(low[i]))) {
        i++;
        continue;
      }
      const r = this.parseAt(i, NO);
      if (r && r.e > r.s && r.s >= i) {
        out.push(this.toRaw(r));
        if (r.a.t === 'abs' && r.a.g === 'year') this.lastYearEnd = r.e;
        // (only a day that ends in its day number: `Sept. 4`, not `4 September`)
        if (r.a.t === 'abs' && r.a.g === 'day' && !r.b && t.kind[r.e - 1] === NUM && r.a.m) {
          this.lastDay = { e: r.e, m: r.a.m, y: r.a.y };
        }
        i = r.e;
      } else i++;
    }
  }

  // ---- token helpers ----

  private isP(i: number, ch: string): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === PUNCT && this.t.low[i] === ch;
  }

  private isNum(i: number): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === NUM;
  }

  private isWord(i: number): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === WORD;
  }

  /** Token `i` exists and touches the previous one. */
  private glued(i: number): boolean {
    return i < this.n && this.t.gap[i] === 0;
  }

  /** Token `i` exists and is on the same line as the previous one. */
  private sameLine(i: number): boolean {
    return i < this.n && this.t.gap[i] < 2;
  }

  private match<V>(table: PhraseTable<V>, i: number): { e: number; v: V } | null {
    if (i >= this.n || this.t.kind[i] === NUM) return null;
    const cands = table.get(this.t.low[i]);
    if (!cands) return null;
    const low = this.t.low;
    outer: for (const c of cands) {
      const toks = c.toks;
      if (i + toks.length > this.n) continue;
      for (let k = 1; k < toks.length; k++) {
        if (this.t.gap[i + k] === 2 || low[i + k] !== toks[k] || this.t.kind[i + k] === NUM) continue outer;
      }
      return { e: i + toks.length, v: c.v };
    }
    return null;
  }

  /** `match` for a token that continues an expression: it must be on the same line. */
  private follow<V>(table: PhraseTable<V>, i: number): { e: number; v: V } | null {
    return this.sameLine(i) ? this.match(table, i) : null;
  }

  private monthAt(i: number): NameInfo | undefined {
    if (!this.isWord(i) || !this.sameLine(i)) return undefined;
    const info = this.lex.months.get(this.t.low[i]);
    if (info && !this.t.cap[i] && this.lex.ambiguousMonths.has(this.t.low[i])) return undefined;
    return info;
  }

  /** The previous word makes a bare number temporal (`pada`, `sejak`, `in`), or `(` precedes. */
  private prevCue(i: number): boolean {
    if (i <= 0 || this.t.gap[i] === 2) return false;
    const k = this.t.kind[i - 1];
    if (k === WORD) return this.lex.yearCues.has(this.t.low[i - 1]);
    return k === PUNCT && this.t.low[i - 1] === '(';
  }

  // ---- entry points ----

  private parseAt(i: number, o: Opts): Parse | null {
    const t = this.t;
    const kind = t.kind[i];
    if (kind === NUM) return this.core(i, o);
    if (kind !== WORD || !this.lex.starters.has(t.low[i])) return null;
    const lex = this.lex;
    let m = this.match(lex.since, i) ?? this.match(lex.until, i);
    if (m && this.sameLine(m.e)) {
      const r = this.parseAt(m.e, { ...o, cue: true });
      if (r && r.s === m.e && !r.timeOnly) return { ...r, s: i };
    }
    m = this.match(lex.rangeOpeners, i);
    if (m && this.sameLine(m.e)) {
      const r = this.parseAt(m.e, { cue: true, opened: true });
      if (r && r.s === m.e && r.b) return { ...r, s: i };
    }
    m = this.match(lex.parts, i);
    if (m && this.sameLine(m.e)) {
      let j = m.e;
      if (this.isP(j, '-') && this.glued(j) && this.glued(j + 1)) j++; // mid-2024
      const r = this.core(j, { cue: true, decadeCue: true, opened: o.opened });
      if (r && r.s === j) {
        const a = r.a;
        const ok =
          (a.t === 'abs' && a.g !== 'day') || a.t === 'dec' || (a.t === 'rel' && a.u !== 'day');
        if (ok) return { ...r, s: i };
      }
    }
    return this.core(i, o);
  }

  private core(i: number, o: Opts): Parse | null {
    const r = this.single(i, o);
    if (!r) return null;
    this.suffix(r);
    return this.range(r, o);
  }

  private single(i: number, o: Opts): Parse | null {
    if (i >= this.n) return null;
    const t = this.t;
    const lex = this.lex;
    const kind = t.kind[i];
    if (kind === NUM) return this.fromNumber(i, o);
    if (kind !== WORD) return null;
    const w = t.low[i];
    if (!lex.starters.has(w)) return null;
    let m = this.match(lex.relativeDays, i);
    if (m) {
      // `kemarin (5/9)`: the written date wins
      if (this.isP(m.e, '(') && this.sameLine(m.e)) {
        const d = this.explicitDate(m.e + 1);
        if (d && d.s === m.e + 1 && this.isP(d.e, ')')) return { s: i, e: d.e + 1, a: d.a };
      }
      return { s: i, e: m.e, a: { t: 'rel', u: 'day', n: m.v } };
    }
    const head = lex.heads.get(w);
    if (head && this.sameLine(i + 1)) {
      const j = this.isP(i + 1, '.') && this.glued(i + 1) ? i + 2 : i + 1; // `tgl. 17 Agustus`
      const r = this.sameLine(j) ? this.headed(head, j) : null;
      if (r) return { ...r, s: i };
    }
    if (this.match(lex.timeHeads, i) || this.match(lex.clockWords, i)) {
      const r = this.clock(i, true);
      if (r) return r;
    }
    const unit = lex.units.get(w);
    if (unit && unit !== 'day' && !this.quantified(i)) {
      const c = this.follow(lex.cuesAfter, i + 1);
      if (c) return { s: i, e: c.e, a: { t: 'rel', u: unit, n: c.v } };
    }
    m = this.match(lex.cuesBefore, i);
    if (m && this.sameLine(m.e)) {
      const r = this.cued(m.e, m.v);
      if (r) return { ...r, s: i };
    }
    const part = this.yearPart(i);
    if (part) return part;
    const ago = this.numberUnitAgo(i);
    if (ago) return ago;
    const month = lex.months.get(w);
    if (month) {
      const r = this.month(i, month, o, 0);
      if (r) return r;
    }
    const wd = lex.weekdays.get(w);
    if (wd) return this.weekday(i, wd);
    return null;
  }

  /** A number or a vague quantity precedes (`beberapa tahun lalu`, `puluhan tahun lalu`): not `tahun lalu`. */
  private quantified(i: number): boolean {
    if (i === 0 || this.t.gap[i] === 2) return false;
    const k = this.t.kind[i - 1];
    if (k === NUM) return true;
    const w = this.t.low[i - 1];
    return k === WORD && (this.lex.vagueQuantities.has(w) || this.lex.numbers.has(w));
  }

  /** After a head noun: `tahun 2019`, `bulan Maret`, `tanggal 4 September`, `hari Kamis`. */
  private headed(head: 'year' | 'month' | 'day' | 'weekday', j: number): Parse | null {
    const t = this.t;
    if (head === 'year') {
      if (!this.isNum(j)) return null;
      const r = this.fromNumber(j, { cue: true, decadeCue: true });
      if (r && r.s === j && ((r.a.t === 'abs' && r.a.g === 'year') || r.a.t === 'dec')) return r;
      return null;
    }
    if (head === 'month') {
      const info = this.monthAt(j);
      return info ? this.month(j, info, { cue: true }, 0) : null;
    }
    if (head === 'day') {
      if (!this.isNum(j)) return null;
      const r = this.fromNumber(j, { cue: true, dm: true });
      return r && r.s === j && r.a.t === 'abs' && r.a.g === 'day' ? r : null;
    }
    if (!this.isWord(j)) return null;
    const info = this.lex.weekdays.get(t.low[j]);
    return info && !info.abbr ? this.weekday(j, info) : null;
  }

  /** English `last`/`next`/`this` + week, month, year, weekday or month name. */
  private cued(j: number, v: number): Parse | null {
    if (!this.isWord(j)) return null;
    const w = this.t.low[j];
    const unit = this.lex.units.get(w);
    // `next week`, but not `the coming months` (a stretch of time)
    if (unit && unit !== 'day' && !this.lex.pluralUnits.has(w)) return { s: j, e: j + 1, a: { t: 'rel', u: unit, n: v } };
    const dir = v === 0 ? 2 : v;
    const wd = this.lex.weekdays.get(w);
    if (wd && !wd.abbr) return { s: j, e: j + 1, a: { t: 'wd', wd: wd.value, dir } };
    const mo = this.lex.months.get(w);
    if (mo && !mo.abbr) return { s: j, e: j + 1, a: { t: 'abs', y: 0, m: mo.value, d: 0, g: 'month', dir } };
    return null;
  }

  /**
   * A quarter or half of a year as a range of months: `kuartal III 2025`,
   * `triwulan II/2025`, `semester pertama tahun ini`, `the third quarter of 2025`, `Q3 2025`.
   * Without a year it is not read (`kuartal III` alone).
   */
  private yearPart(i: number): Parse | null {
    const t = this.t;
    const lex = this.lex;
    let len: number | undefined;
    let n: number | undefined;
    let j: number;
    const w = t.low[i];
    if ((w === 'q' || w === 'h') && this.isNum(i + 1) && this.glued(i + 1) && t.ndig[i + 1] === 1) {
      len = w === 'q' ? 3 : 6; // Q3, H1
      n = t.num[i + 1];
      j = i + 2;
      if ((this.isP(j, '/') || this.isP(j, '-')) && this.glued(j)) j++;
    } else if (lex.yearPartWords.has(w)) {
      // kuartal III, triwulan ke-2, semester pertama
      len = lex.yearPartWords.get(w);
      j = i + 1;
      if (this.isWord(j) && t.low[j] === 'ke' && this.isP(j + 1, '-') && this.glued(j + 1)) j += 2;
      if (this.isNum(j) && this.sameLine(j) && t.ndig[j] === 1) n = t.num[j];
      else if (this.isWord(j) && this.sameLine(j)) n = lex.ordinals.get(t.low[j]);
      j++;
      if ((this.isP(j, '/') || this.isP(j, '-')) && this.glued(j)) j++;
      else if (this.isWord(j) && this.sameLine(j) && lex.heads.get(t.low[j]) === 'year' && this.isNum(j + 1)) j++;
    } else {
      // the third quarter of, first-half
      n = lex.ordinals.get(w);
      if (n === undefined) return null;
      j = i + 1;
      if (this.isP(j, '-') && this.glued(j)) j++;
      if (!this.isWord(j) || !this.sameLine(j)) return null;
      len = lex.yearPartWords.get(t.low[j]);
      j++;
      if (this.isWord(j) && this.sameLine(j) && lex.of.has(t.low[j])) j++;
    }
    if (len === undefined || n === undefined || n < 1 || n * len > 12 || !this.sameLine(j)) return null;
    let y = 0;
    let ry: number | undefined;
    let e: number;
    if (this.isNum(j) && t.ndig[j] === 4 && !this.gluedNumberAfter(j)) {
      y = t.num[j];
      e = j + 1;
    } else {
      const r = this.isWord(j) ? this.single(j, NO) : null;
      if (!r || r.s !== j || r.a.t !== 'rel' || r.a.u !== 'year') return null;
      ry = r.a.n;
      e = r.e;
    }
    const a: Spec = { t: 'abs', y, m: (n - 1) * len + 1, d: 0, g: 'month', dir: 0 };
    const b: Spec = { t: 'abs', y, m: n * len, d: 0, g: 'month', dir: 0 };
    if (ry !== undefined) {
      a.ry = ry;
      b.ry = ry;
    }
    return { s: i, e, a, b };
  }

  /** `dua hari lalu`, `setahun lalu`, `two days ago`, `tiga hari lagi`. */
  private numberUnitAgo(i: number): Parse | null {
    const t = this.t;
    const lex = this.lex;
    let n: number;
    let unit: Unit | undefined;
    let j: number;
    const one = lex.unitOne.get(t.low[i]);
    if (one) {
      n = 1;
      unit = one;
      j = i + 1;
    } else {
      const num = this.numberWords(i);
      if (!num) return null;
      n = num.v;
      j = num.e;
      if (!this.isWord(j) || !this.sameLine(j)) return null;
      unit = lex.units.get(t.low[j]);
      if (!unit) return null;
      j++;
    }
    const a = this.follow(lex.ago, j);
    if (!a) return null;
    return { s: i, e: a.e, a: { t: 'rel', u: unit, n: n * a.v } };
  }

  private numberWords(i: number): { v: number; e: number } | null {
    const t = this.t;
    const lex = this.lex;
    let v = lex.numbers.get(t.low[i]);
    if (v === undefined) return null;
    let j = i + 1;
    if (lex.numberTeen && this.isWord(j) && this.sameLine(j) && t.low[j] === lex.numberTeen && v < 10) {
      v += 10;
      j++;
    } else if (lex.numberTens && this.isWord(j) && this.sameLine(j) && t.low[j] === lex.numberTens && v < 10) {
      v *= 10;
      j++;
      const u = this.isWord(j) && this.sameLine(j) ? lex.numbers.get(t.low[j]) : undefined;
      if (u !== undefined && u < 10) {
        v += u;
        j++;
      }
    } else if (v >= 20 && v < 100 && v % 10 === 0 && this.isP(j, '-') && this.glued(j) && this.isWord(j + 1) && this.glued(j + 1)) {
      const u = lex.numbers.get(t.low[j + 1]);
      if (u !== undefined && u < 10 && t.low[j + 1].length > 2) {
        v += u;
        j += 2;
      }
    }
    return { v, e: j };
  }

  // ---- month and weekday names ----

  private month(i: number, info: NameInfo, o: Opts, dir: number): Parse | null {
    const t = this.t;
    const lex = this.lex;
    const m = info.value;
    if (!t.cap[i] && lex.ambiguousMonths.has(t.low[i])) return null;
    let j = i + 1;
    if (info.abbr && this.isP(j, '.') && this.glued(j)) j++; // Sept.
    // MONTH DAY: `September 4, 2025`, `Sept. 4-6`
    if (this.isNum(j) && t.gap[j] === 1 && t.ndig[j] <= 2 && t.num[j] >= 1 && t.num[j] <= 31) {
      const r = this.monthDay(i, m, j, o);
      if (r) return r;
    }
    // MONTH YEAR
    const y = this.yearAfter(j);
    if (y) return { s: i, e: y.e, a: { t: 'abs', y: y.y, m, d: 0, g: 'month', dir: 0 } };
    if (info.abbr) return null;
    if (!t.cap[i] && !o.cue) return null;
    // MONTH - MONTH [YEAR]: `Januari-Maret 2025`
    const sep = this.follow(lex.rangeSeparators, j);
    if (sep) {
      const m2 = this.monthAt(sep.e);
      if (m2 && !m2.abbr && this.t.cap[sep.e]) {
        const y2 = this.yearAfter(sep.e + 1);
        return {
          s: i,
          e: y2 ? y2.e : sep.e + 1,
          a: { t: 'abs', y: 0, m, d: 0, g: 'month', dir: 0 },
          b: { t: 'abs', y: y2 ? y2.y : 0, m: m2.value, d: 0, g: 'month', dir: 0 },
        };
      }
    }
    const c = this.follow(lex.cuesAfter, j);
    if (c) return { s: i, e: c.e, a: { t: 'abs', y: 0, m, d: 0, g: 'month', dir: c.v === 0 ? 2 : c.v } };
    if (dir !== 0) return { s: i, e: j, a: { t: 'abs', y: 0, m, d: 0, g: 'month', dir } };
    const cue = o.cue || this.prevCue(i);
    if (lex.ambiguousMonths.has(t.low[i]) && !cue) return null;
    // A capitalised word right after is more likely a name (`Mei Ling`, `June Carter`).
    if (j < this.n && t.gap[j] === 1 && t.kind[j] === WORD && t.cap[j] && !lex.weekdays.has(t.low[j])) return null;
    return { s: i, e: j, a: { t: 'abs', y: 0, m, d: 0, g: 'month', dir: 0 } };
  }

  private monthDay(i: number, m: number, j: number, o: Opts): Parse | null {
    const t = this.t;
    const lex = this.lex;
    const d = t.num[j];
    let k = j + 1;
    if (this.glued(k) && this.isWord(k) && lex.ordinalSuffixes.has(t.low[k])) k++;
    if (this.isWord(k) && this.sameLine(k) && lex.countWords.has(t.low[k])) return null;
    let b: Spec | undefined;
    const sep = this.follow(lex.rangeSeparators, k) ?? (o.opened ? this.follow(lex.rangeAnd, k) : null);
    if (sep && this.sameLine(sep.e)) {
      let q = sep.e;
      const m2 = this.monthAt(q);
      if (m2) {
        q++;
        if (m2.abbr && this.isP(q, '.') && this.glued(q)) q++;
        if (this.isNum(q) && this.sameLine(q) && t.ndig[q] <= 2 && t.num[q] >= 1 && t.num[q] <= daysInMonth(m2.value, 0)) {
          b = { t: 'abs', y: 0, m: m2.value, d: t.num[q], g: 'day', dir: 0 };
          k = q + 1;
        }
      } else if (this.isNum(q) && t.ndig[q] <= 2 && t.num[q] > d && t.num[q] <= daysInMonth(m, 0)) {
        b = { t: 'abs', y: 0, m, d: t.num[q], g: 'day', dir: 0 };
        k = q + 1;
      }
      if (b && this.glued(k) && this.isWord(k) && lex.ordinalSuffixes.has(t.low[k])) k++;
    }
    const y = this.yearAfter(k);
    const year = y ? y.y : 0;
    if (d > daysInMonth(m, year)) return null;
    const a: Spec = { t: 'abs', y: b ? 0 : year, m, d, g: 'day', dir: 0 };
    if (b && b.t === 'abs') b.y = year;
    return { s: i, e: y ? y.e : k, a, b };
  }

  /** `, 2025` or ` 2025` after a day or month. */
  private yearAfter(k: number): { y: number; e: number } | null {
    const t = this.t;
    let q = k;
    if (this.isP(q, ',') && this.glued(q)) q++;
    if (!this.isNum(q) || t.ndig[q] !== 4 || t.gap[q] !== 1) return null;
    const y = t.num[q];
    if (y < 1000 || y > 2999) return null;
    if (this.gluedNumberAfter(q)) return null;
    return { y, e: q + 1 };
  }

  /** Token `q` continues into a longer number or word (`2025.5`, `2025a`, `2025%`). */
  private gluedNumberAfter(q: number): boolean {
    const t = this.t;
    const nx = q + 1;
    if (!this.glued(nx)) return false;
    const kind = t.kind[nx];
    if (kind === NUM || kind === WORD) return true;
    const l = t.low[nx];
    if (l === '%') return true;
    return NUMBER_JOINERS.has(l) && this.isNum(nx + 1) && this.glued(nx + 1);
  }

  private weekday(i: number, info: NameInfo): Parse | null {
    const t = this.t;
    const lex = this.lex;
    let j = i + 1;
    if (info.abbr) {
      // `Sab, 6 Sep 2025`: the shortening only cross-checks the date and stays out of the span
      if (this.isP(j, ',') || this.isP(j, '.')) j++;
      if (!this.sameLine(j)) return null;
      const d = this.explicitDate(j);
      if (!d) return null;
      d.wdCheck = info.value;
      return d;
    }
    if (lex.ambiguousWeekdays.has(t.low[i]) && (!t.cap[i] || this.quantified(i))) return null; // `dua minggu`, `Dua Minggu`
    // `Kamis-Jumat (4-5/9)`: two weekdays and a range of days in brackets
    const sep = this.isP(j, '-') ? { e: j + 1 } : this.follow(lex.rangeSeparators, j);
    if (sep && this.isWord(sep.e) && this.sameLine(sep.e)) {
      const wd2 = lex.weekdays.get(t.low[sep.e]);
      const k = sep.e + 1;
      if (wd2 && !wd2.abbr && this.isP(k, '(') && this.sameLine(k)) {
        const d = this.explicitDate(k + 1, true);
        if (d && d.s === k + 1 && d.b && this.isP(d.e, ')')) {
          return { s: i, e: d.e + 1, a: d.a, b: d.b, wdCheck: info.value };
        }
      }
    }
    // `Kamis pekan lalu`, `Thursday next week`: that weekday in that week
    if (this.sameLine(j) && (this.isWord(j))) {
      const wk = this.single(j, NO);
      if (wk && wk.s === j && wk.a.t === 'rel' && wk.a.u === 'week' && !wk.b) {
        return { s: i, e: wk.e, a: { t: 'wd', wd: info.value, dir: 2, wk: wk.a.n } };
      }
    }
    const c = this.follow(lex.cuesAfter, j);
    if (c) return { s: i, e: c.e, a: { t: 'wd', wd: info.value, dir: c.v === 0 ? 2 : c.v } };
    const tod = this.follow(lex.timesOfDay, j);
    const k = tod ? tod.e : j;
    if (this.isP(k, '(') && this.sameLine(k)) {
      const d = this.explicitDate(k + 1);
      if (d && d.s === k + 1 && this.isP(d.e, ')')) {
        return { s: i, e: d.e + 1, a: d.a, wdCheck: info.value, tod: tod?.v };
      }
    } else {
      const q = this.isP(k, ',') ? k + 1 : k;
      if (this.sameLine(q)) {
        const d = this.explicitDate(q);
        if (d && d.s === q) return { s: i, e: d.e, a: d.a, wdCheck: info.value, tod: tod?.v };
      }
    }
    return { s: i, e: k, a: { t: 'wd', wd: info.value, dir: 0 }, tod: tod?.v };
  }

  /** A stated calendar day right here: `4/9`, `4/9/2025`, `2025-09-04`, `4 September 2025`, `Sept. 4`. */
  private explicitDate(j: number, allowRange = false): Parse | null {
    const t = this.t;
    let r: Parse | null = null;
    if (this.isNum(j)) {
      const nd = t.ndig[j];
      r = nd === 4 ? this.iso(j) : nd <= 2 ? (this.numeric(j, { dm: true }) ?? this.dayMonth(j, NO)) : null;
    } else if (this.isWord(j)) {
      const info = this.lex.months.get(t.low[j]);
      if (info) r = this.month(j, info, { cue: true }, 0);
    }
    return r && r.a.t === 'abs' && r.a.g === 'day' && (allowRange || !r.b) ? r : null;
  }

  // ---- numbers ----

  private fromNumber(i: number, o: Opts): Parse | null {
    const t = this.t;
    const nd = t.ndig[i];
    if (i > 0 && t.gap[i] === 0) {
      const pk = t.kind[i - 1];
      if (pk === WORD) return null; // G20, Rp2025
      if (pk === PUNCT) {
        const pl = t.low[i - 1];
        if (MONEY_PUNCT.has(pl)) return null;
        if (NUMBER_JOINERS.has(pl) && i > 1 && t.gap[i - 1] === 0 && t.kind[i - 2] === NUM) return null; // 1.500
        if (pl === '-' && i > 1 && t.gap[i - 1] === 0 && t.kind[i - 2] === WORD && !this.lex.parts.has(t.low[i - 2])) return null; // COVID-19, ke-2
      }
    }
    if (nd === 4) return this.iso(i) ?? this.decade(i) ?? this.year(i, o);
    if (nd <= 2) {
      const r = this.numeric(i, o) ?? this.dayMonth(i, o) ?? this.clock(i, true) ?? this.decade2(i, o);
      if (r) return r;
    }
    if (nd <= 3) return this.digitsAgo(i);
    return null;
  }

  /** `2025-09-06`, also `2025/09/06` and `2025.09.06`. */
  private iso(i: number): Parse | null {
    const t = this.t;
    if (!this.glued(i + 1) || t.kind[i + 1] !== PUNCT) return null;
    const sep = t.low[i + 1];
    if (sep !== '-' && sep !== '/' && sep !== '.') return null;
    if (!(this.isNum(i + 2) && this.glued(i + 2) && t.ndig[i + 2] <= 2)) return null;
    if (!(this.isP(i + 3, sep) && this.glued(i + 3) && this.isNum(i + 4) && this.glued(i + 4) && t.ndig[i + 4] <= 2)) return null;
    const y = t.num[i];
    const m = t.num[i + 2];
    const d = t.num[i + 4];
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(m, y)) return null;
    if (this.glued(i + 5) && (this.isNum(i + 5) || (t.kind[i + 5] === PUNCT && NUMBER_JOINERS.has(t.low[i + 5]) && this.isNum(i + 6) && this.glued(i + 6)))) {
      return null;
    }
    return { s: i, e: i + 5, a: { t: 'abs', y, m, d, g: 'day', dir: 0 } };
  }

  /** `1990-an`, `1990s`, `1990's`. */
  private decade(i: number): Parse | null {
    const t = this.t;
    const v = t.num[i];
    if (v % 10 !== 0 || v < 1000 || v > 2990) return null;
    const sfx = this.lex.decadeSuffixes;
    if (this.isP(i + 1, '-') && this.glued(i + 1) && this.isWord(i + 2) && this.glued(i + 2) && sfx.has(t.low[i + 2])) {
      return { s: i, e: i + 3, a: { t: 'dec', v: v / 10 } };
    }
    if (this.isWord(i + 1) && this.glued(i + 1) && sfx.has(t.low[i + 1])) return { s: i, e: i + 2, a: { t: 'dec', v: v / 10 } };
    if (this.isP(i + 1, "'") && this.glued(i + 1) && this.isWord(i + 2) && this.glued(i + 2) && sfx.has(t.low[i + 2])) {
      return { s: i, e: i + 3, a: { t: 'dec', v: v / 10 } };
    }
    return null;
  }

  /** `tahun 90-an`, `era 80-an` (only after a decade cue: `usia 90-an` is an age). */
  private decade2(i: number, o: Opts): Parse | null {
    const t = this.t;
    const v = t.num[i];
    if (t.ndig[i] !== 2 || v % 10 !== 0) return null;
    if (!o.decadeCue && !(i > 0 && this.isWord(i - 1) && this.lex.decadeCues.has(t.low[i - 1]))) return null;
    const sfx = this.lex.decadeSuffixes;
    const ok =
      (this.isP(i + 1, '-') && this.glued(i + 1) && this.isWord(i + 2) && this.glued(i + 2) && sfx.has(t.low[i + 2])) ||
      (this.isWord(i + 1) && this.glued(i + 1) && sfx.has(t.low[i + 1]));
    if (!ok) return null;
    const e = this.isWord(i + 1) ? i + 2 : i + 3;
    return { s: i, e, a: { t: 'dec', v: v <= 20 ? 200 + v / 10 : 190 + v / 10 } };
  }

  private year(i: number, o: Opts): Parse | null {
    const t = this.t;
    const lex = this.lex;
    const y = t.num[i];
    const cue = !!o.cue || this.prevCue(i);
    if (cue ? y < 1000 || y > 2199 : y < 1900 || y > 2099) return null;
    let e = i + 1;
    let b: Spec | undefined;
    // 2019-2024, 2019-20, 2024/2025 (a season)
    if ((this.isP(e, '-') || this.isP(e, '/')) && this.sameLine(e) && this.isNum(e + 1) && this.sameLine(e + 1)) {
      const slash = this.isP(e, '/');
      const nd2 = t.ndig[e + 1];
      let y2 = -1;
      if (nd2 === 4) y2 = t.num[e + 1];
      else if (nd2 === 2 && this.glued(e) && this.glued(e + 1) && !this.monthAt(e + 2)) {
        y2 = Math.floor(y / 100) * 100 + t.num[e + 1];
        if (y2 < y) y2 += 100;
        if (y2 - y > 10) y2 = -1; // `1998-30 June` is not 1998-2030
      }
      const ok = y2 > y && (slash ? y2 === y + 1 : y2 - y <= 100) && !this.gluedNumberAfter(e + 1);
      if (ok) {
        b = { t: 'abs', y: y2, m: 0, d: 0, g: 'year', dir: 0 };
        e += 2;
      } else if (this.glued(e) && this.glued(e + 1)) return null; // 2025-09, 12/2019-style identifiers
    }
    if (!b && !this.yearOk(i, cue)) return null;
    if (this.sameLine(e) && this.isWord(e) && lex.yearTrailers.has(t.low[e])) e++;
    return { s: i, e, a: { t: 'abs', y, m: 0, d: 0, g: 'year', dir: 0 }, b };
  }

  private yearOk(i: number, cue: boolean): boolean {
    const t = this.t;
    const lex = this.lex;
    if (this.gluedNumberAfter(i)) return false;
    const prevWord = i > 0 && t.gap[i] < 2 && t.kind[i - 1] === WORD ? i - 1 : -1;
    if (prevWord >= 0 && lex.yearBlockers.has(t.low[prevWord])) return false;
    const nextWord = this.isWord(i + 1) && this.sameLine(i + 1) ? i + 1 : -1;
    if (nextWord >= 0 && lex.countWords.has(t.low[nextWord])) return false;
    if (!cue && lex.strictBareYears && prevWord >= 0 && nextWord >= 0 && !t.cap[prevWord] && !t.cap[nextWord] && !lex.yearFollowOk.has(t.low[nextWord])) {
      // `mencapai 2000 pendukung` is a count, but `pada 2019 dan 2020 ekonomi` lists years
      if (!(prevWord === this.lastYearEnd && lex.listConnectors.has(t.low[prevWord]))) return false;
    }
    return true;
  }

  /** `4/9/2025`, `06-09-2025`, `6.9.2025`; `(4/9)` or, after a weekday or `tanggal`, `4/9`. */
  private numeric(i: number, o: Opts): Parse | null {
    const t = this.t;
    if (!this.glued(i + 1) || t.kind[i + 1] !== PUNCT) return null;
    const sep = t.low[i + 1];
    if (sep !== '/' && sep !== '-' && sep !== '.') return null;
    if (!this.isNum(i + 2) || !this.glued(i + 2) || t.ndig[i + 2] > 2) return null;
    const a = t.num[i];
    const b = t.num[i + 2];
    if (sep === '-' && !this.monthFirst && this.isP(i + 3, '/') && this.glued(i + 3) && this.isNum(i + 4) && this.glued(i + 4)) {
      return this.numericDayRange(i, o);
    }
    if (this.isP(i + 3, sep) && this.glued(i + 3) && this.isNum(i + 4) && this.glued(i + 4)) {
      const nd3 = t.ndig[i + 4];
      if (!(nd3 === 4 || (nd3 === 2 && sep !== '.'))) return null;
      if (this.glued(i + 5) && (t.kind[i + 5] !== PUNCT || (NUMBER_JOINERS.has(t.low[i + 5]) && this.isNum(i + 6) && this.glued(i + 6)))) {
        return null; // 1.2.2025.3, IP addresses, phone numbers
      }
      let y = t.num[i + 4];
      if (nd3 === 2) y += y < 70 ? 2000 : 1900;
      const dm = this.order(a, b, y);
      if (!dm) return null;
      return { s: i, e: i + 5, a: { t: 'abs', y, m: dm[1], d: dm[0], g: 'day', dir: 0 } };
    }
    if (sep !== '/') return null;
    const paren = this.isP(i - 1, '(') && this.glued(i) && this.isP(i + 3, ')') && this.glued(i + 3);
    const cued = i > 0 && this.isWord(i - 1) && t.gap[i] === 1 && this.lex.dayMonthCues.has(t.low[i - 1]);
    if (!paren && !cued && !o.dm) return null;
    if (this.glued(i + 3) && t.kind[i + 3] !== PUNCT) return null;
    if (this.isP(i + 3, '/') && this.glued(i + 3)) return null;
    const dm = this.order(a, b, 0);
    if (!dm) return null;
    return { s: i, e: i + 3, a: { t: 'abs', y: 0, m: dm[1], d: dm[0], g: 'day', dir: 0 } };
  }

  /** `(4-5/9)`, `(4-5/9/2025)`: a range of days in one month, in brackets or after a weekday. */
  private numericDayRange(i: number, o: Opts): Parse | null {
    const t = this.t;
    const d1 = t.num[i];
    const d2 = t.num[i + 2];
    const m = t.num[i + 4];
    if (t.ndig[i + 4] > 2) return null;
    let e = i + 5;
    let y = 0;
    if (this.isP(e, '/') && this.glued(e) && this.isNum(e + 1) && this.glued(e + 1) && t.ndig[e + 1] === 4) {
      y = t.num[e + 1];
      e += 2;
    }
    const paren = this.isP(i - 1, '(') && this.glued(i) && this.isP(e, ')') && this.glued(e);
    if (!paren && !o.dm) return null;
    if (this.glued(e) && !this.isP(e, ')') && !this.isP(e, ',') && !this.isP(e, '.')) return null;
    if (m < 1 || m > 12 || d1 < 1 || d2 <= d1 || d2 > daysInMonth(m, y)) return null;
    return {
      s: i,
      e,
      a: { t: 'abs', y, m, d: d1, g: 'day', dir: 0 },
      b: { t: 'abs', y, m, d: d2, g: 'day', dir: 0 },
    };
  }

  /** [day, month] from two numbers in the language's order, swapped when only that reading is valid. */
  private order(a: number, b: number, y: number): [number, number] | null {
    const [d, m] = this.monthFirst ? [b, a] : [a, b];
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(m, y)) return [d, m];
    if (d >= 1 && d <= 12 && m >= 1 && m <= daysInMonth(d, y)) return [m, d];
    return null;
  }

  /** `4 September 2025`, `6 Sep 2025`, `4th of September`, `4-6 September 2025`, `4 hingga 6 September`. */
  private dayMonth(i: number, o: Opts): Parse | null {
    const t = this.t;
    const lex = this.lex;
    const d = t.num[i];
    if (d < 1 || d > 31) return null;
    let j = i + 1;
    if (this.glued(j) && this.isWord(j) && lex.ordinalSuffixes.has(t.low[j])) j++;
    const sep = this.follow(lex.rangeSeparators, j) ?? (o.opened ? this.follow(lex.rangeAnd, j) : null);
    if (sep && this.isNum(sep.e) && this.sameLine(sep.e) && t.ndig[sep.e] <= 2 && t.num[sep.e] !== d) {
      const r2 = this.dayMonth(sep.e, NO);
      if (r2 && r2.a.t === 'abs' && !r2.b) {
        const end = r2.a;
        // `24 sampai 3 Oktober`: a start day after the end day lies in the month before
        const m = t.num[sep.e] > d ? end.m : end.m === 1 ? 12 : end.m - 1;
        if (d <= daysInMonth(m, 0)) return { s: i, e: r2.e, a: { t: 'abs', y: 0, m, d, g: 'day', dir: 0 }, b: end };
      }
    }
    // `6 dan 7 September`, `5, 6, dan 7 September`: a day listed before a dated one takes its month and year
    if ((this.isP(j, ',') || (this.isWord(j) && lex.listConnectors.has(t.low[j]))) && this.sameLine(j)) {
      let q = j + 1;
      if (this.isWord(q) && this.sameLine(q) && lex.listConnectors.has(t.low[q])) q++;
      if (this.isNum(q) && this.sameLine(q) && t.ndig[q] <= 2 && t.num[q] !== d) {
        const r2 = this.dayMonth(q, NO);
        if (r2 && r2.a.t === 'abs' && r2.a.g === 'day' && !r2.b && d <= daysInMonth(r2.a.m, r2.a.y)) {
          return { s: i, e: j, a: { ...r2.a, d } };
        }
      }
    }
    if (this.isWord(j) && this.sameLine(j) && lex.of.has(t.low[j])) j++;
    const mi = this.monthAt(j);
    if (!mi) return this.listedDay(i, j);
    let k = j + 1;
    if (mi.abbr && this.isP(k, '.') && this.glued(k)) k++;
    const y = this.yearAfter(k);
    if (y) k = y.e;
    if (d > daysInMonth(mi.value, y ? y.y : 0)) return null;
    const a: Spec = { t: 'abs', y: y ? y.y : 0, m: mi.value, d, g: 'day', dir: 0 };
    // `4 September hingga 6 Oktober 2025`
    const sep2 = this.follow(lex.rangeSeparators, k) ?? (o.opened ? this.follow(lex.rangeAnd, k) : null);
    if (sep2 && this.isNum(sep2.e) && this.sameLine(sep2.e) && t.ndig[sep2.e] <= 2) {
      const r2 = this.dayMonth(sep2.e, NO);
      if (r2 && r2.a.t === 'abs' && !r2.b) return { s: i, e: r2.e, a, b: r2.a };
    }
    return { s: i, e: k, a };
  }

  /** `Sept. 4 and 5`, `Sept. 4, 5 and 6`: a bare day listed right after a dated day takes its month and year. */
  private listedDay(i: number, j: number): Parse | null {
    const t = this.t;
    const last = this.lastDay;
    if (!last || i < 2 || last.e !== i - 1) return null;
    if (!(this.isP(i - 1, ',') || (this.isWord(i - 1) && this.lex.listConnectors.has(t.low[i - 1])))) return null;
    if (t.gap[i] === 2 || (j < this.n && t.gap[j] < 2 && t.kind[j] === WORD && !this.lex.listConnectors.has(t.low[j]))) return null;
    const d = t.num[i];
    if (d > daysInMonth(last.m, last.y)) return null;
    return { s: i, e: j, a: { t: 'abs', y: last.y, m: last.m, d, g: 'day', dir: 0 } };
  }

  /** `3 hari lalu`, `2 years ago`. */
  private digitsAgo(i: number): Parse | null {
    const t = this.t;
    const j = i + 1;
    if (!this.isWord(j) || !this.sameLine(j)) return null;
    const unit = this.lex.units.get(t.low[j]);
    if (!unit) return null;
    const a = this.follow(this.lex.ago, j + 1);
    if (!a) return null;
    return { s: i, e: a.e, a: { t: 'rel', u: unit, n: t.num[i] * a.v } };
  }

  /**
   * `pukul 19.00 WIB`, `19:30 WIB`, `7 p.m.`, `pukul 7 malam`. A time needs a
   * head word, a time zone or am/pm. With `withDate`, a day right after
   * (`pukul 19.00 WIB, Kamis (4/9)`, `7 p.m. Thursday`) joins the mention.
   */
  private clock(i: number, withDate: boolean, todHint?: string): Parse | null {
    const t = this.t;
    const lex = this.lex;
    let j = i;
    let head = false;
    const h0 = this.match(lex.timeHeads, i);
    if (h0) {
      head = true;
      j = h0.e;
      if (this.isP(j, '.') && this.glued(j)) j++; // `pkl. 10.00`
      if (!this.sameLine(j)) return null;
    }
    const word = j === i ? this.match(lex.clockWords, j) : this.follow(lex.clockWords, j);
    if (word) {
      // `noon`, `tengah malam`: a time only next to a day
      const r: Parse = { s: i, e: word.e, a: { t: 'rel', u: 'day', n: 0 }, time: word.v, timeOnly: true };
      if (!withDate) return r;
      const d = this.dateAfterTime(r);
      return d.timeOnly ? null : d;
    }
    if (!this.isNum(j) || t.ndig[j] > 2) return null;
    let h = t.num[j];
    let min = 0;
    let hasMin = false;
    let k = j + 1;
    if ((this.isP(k, '.') || this.isP(k, ':')) && this.glued(k) && this.isNum(k + 1) && this.glued(k + 1) && t.ndig[k + 1] === 2) {
      min = t.num[k + 1];
      hasMin = true;
      k += 2;
      if ((this.isP(k, '.') || this.isP(k, ':')) && this.glued(k) && this.isNum(k + 1) && this.glued(k + 1) && t.ndig[k + 1] === 2) k += 2;
    }
    if (h > 24 || min > 59) return null;
    const ampm = this.follow(lex.ampm, k);
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = ampm.v === 'pm' ? (h % 12) + 12 : h % 12;
      k = ampm.e;
    }
    // a span of times, `19.00-21.00 WIB`: the start is the time
    const sep = this.isP(k, '-') ? { e: k + 1 } : head ? this.follow(lex.rangeSeparators, k) : null;
    if (sep && this.isNum(sep.e) && this.sameLine(sep.e) && t.ndig[sep.e] <= 2) {
      const q = sep.e + 1;
      if ((this.isP(q, '.') || this.isP(q, ':')) && this.glued(q) && this.isNum(q + 1) && this.glued(q + 1) && t.ndig[q + 1] === 2) {
        k = q + 2;
        const am2 = this.follow(lex.ampm, k);
        if (am2) k = am2.e;
      }
    }
    let tz: string | undefined;
    if (this.isWord(k) && this.sameLine(k)) {
      tz = lex.timezones.get(t.text.slice(t.start[k], t.end[k]));
      if (tz) k++;
    }
    // `09.00 WIB hingga 12.00 WIB`: the second time ends the span
    if (tz) {
      const sep2 = this.isP(k, '-') ? { e: k + 1 } : this.follow(lex.rangeSeparators, k);
      if (sep2 && this.isNum(sep2.e) && this.sameLine(sep2.e) && t.ndig[sep2.e] <= 2) {
        const q = sep2.e + 1;
        if ((this.isP(q, '.') || this.isP(q, ':')) && this.glued(q) && this.isNum(q + 1) && this.glued(q + 1) && t.ndig[q + 1] === 2) {
          k = q + 2;
          if (this.isWord(k) && this.sameLine(k) && lex.timezones.has(t.text.slice(t.start[k], t.end[k]))) k++;
        }
      }
    }
    if (!head && !tz && !ampm) return null;
    if (!head && !ampm && !hasMin) return null;
    if (!ampm) {
      const tod = this.follow(lex.timesOfDay, k);
      if (tod) {
        h = adjustHour(h, tod.v);
        k = tod.e;
      } else if (todHint && !hasMin) h = adjustHour(h, todHint);
    }
    const lt = this.follow(lex.localTime, k);
    if (lt) k = lt.e;
    if (h === 24) h = 0;
    const r: Parse = { s: i, e: k, a: { t: 'rel', u: 'day', n: 0 }, time: formatTime(h, min), tz, timeOnly: true };
    return withDate ? this.dateAfterTime(r) : r;
  }

  /** `pukul 19.00 WIB, Kamis (4/9)`, `7 p.m. on Thursday`: a day right after a time joins it. */
  private dateAfterTime(r: Parse): Parse {
    const lex = this.lex;
    let q = r.e;
    if (this.isP(q, ',')) q++;
    const c = this.follow(lex.timeConnectors, q);
    if (c) q = c.e;
    if (!this.sameLine(q)) return r;
    const d = this.single(q, NO);
    if (d && d.s === q && !d.timeOnly && !d.b && dayLike(d.a)) {
      r.a = d.a;
      r.e = d.e;
      r.wdCheck = d.wdCheck;
      r.timeOnly = false;
      const tod = this.follow(lex.timesOfDay, r.e);
      if (tod) r.e = tod.e;
    }
    return r;
  }

  // ---- after an expression ----

  /** A time-of-day word and a clock time after a day: `Kamis (4/9) malam`, `Thursday at 7 p.m.`. */
  private suffix(r: Parse): void {
    const lex = this.lex;
    if (r.a.t === 'abs' && !r.timeOnly) {
      if (r.a.y === 0 && r.a.dir === 0) {
        // `Nov. 4 next year`, `4 Maret tahun depan`: the year is relative
        const ry = r.a.g !== 'year' ? this.single(r.e, NO) : null;
        if (ry && ry.s === r.e && this.sameLine(r.e) && ry.a.t === 'rel' && ry.a.u === 'year') {
          r.a = { ...r.a, ry: ry.a.n };
          r.e = ry.e;
          if (r.b && r.b.t === 'abs') r.b = { ...r.b, ry: ry.a.n };
        } else {
          // `8 Juli mendatang`, `19-21 Agustus mendatang`, `25 Januari lalu`: the cue picks the year
          const c = this.follow(lex.cuesAfter, r.e);
          if (c) {
            r.a = { ...r.a, dir: c.v === 0 ? 2 : c.v };
            r.e = c.e;
          }
        }
      } else if (r.a.y !== 0 && r.a.g !== 'year' && this.isWord(r.e) && this.sameLine(r.e) && lex.yearTrailers.has(this.t.low[r.e])) {
        r.e++; // `2 Oktober 2025 mendatang`, `Agustus 2025 lalu`
      }
    }
    if (r.timeOnly || r.b || !dayLike(r.a)) return;
    const tod = this.follow(lex.timesOfDay, r.e);
    if (tod) {
      r.e = tod.e;
      r.tod = tod.v;
    }
    if (r.time) return;
    let q = r.e;
    if (this.isP(q, ',') || this.isP(q, '|') || this.isP(q, '-')) q++; // `6 Sep 2025 - 14:30 WIB`
    const c = this.follow(lex.timeConnectors, q);
    if (c) q = c.e;
    if (!this.sameLine(q)) return;
    const clk = this.clock(q, false, r.tod);
    if (clk && clk.s === q) {
      r.e = clk.e;
      r.time = clk.time;
      r.tz = clk.tz;
    }
  }

  /** `X hingga Y`, `X - Y`, `X to Y`: two expressions of the same kind make a range. */
  private range(r: Parse, o: Opts): Parse {
    if (r.b || r.timeOnly) return r;
    const lex = this.lex;
    const sep = this.follow(lex.rangeSeparators, r.e) ?? (o.opened ? this.follow(lex.rangeAnd, r.e) : null);
    if (!sep || !this.sameLine(sep.e)) return r;
    const r2 = this.single(sep.e, { cue: true });
    if (!r2 || r2.s !== sep.e || r2.timeOnly || r2.b || !compatible(r.a, r2.a)) return r;
    this.suffix(r2);
    return { ...r, e: r2.e, b: r2.a };
  }

  private toRaw(r: Parse): RawDate {
    const t = this.t;
    const a = r.a;
    const needsCue = (a.t === 'wd' && a.dir === 0) || (a.t === 'abs' && a.y === 0 && a.dir === 0);
    const raw: RawDate = { start: t.start[r.s], end: t.end[r.e - 1], a, future: needsCue ? this.futureBefore(r.s) : false };
    if (r.b) raw.b = r.b;
    if (r.time) raw.time = r.time;
    if (r.tz) raw.tz = r.tz;
    if (r.wdCheck !== undefined) raw.wdCheck = r.wdCheck;
    if (r.timeOnly) raw.timeOnly = true;
    return raw;
  }

  /** A future cue (`akan`, `will`) among the few words before `s` in the same clause. */
  private futureBefore(s: number): boolean {
    const t = this.t;
    let words = 0;
    // (at most 64 tokens back: a long run of brackets or dashes is no clause)
    for (let i = s - 1; i >= 0 && words < 10 && i >= s - 64; i--) {
      if (t.gap[i + 1] === 2) break;
      const kind = t.kind[i];
      if (kind === PUNCT) {
        if (STOP_PUNCT.has(t.low[i])) break;
        continue;
      }
      if (kind === WORD) {
        words++;
        // (words outside the lexicon are not lower-cased by the tokenizer)
        const w = t.low[i] || t.text.slice(t.start[i], t.end[i]).toLowerCase();
        if (this.lex.futureCues.has(w)) return true;
        // a past-tense verb or marker nearer than the cue (`officials who will attend said Monday`),
        // unless a participle after `be` (`will be held on Monday`)
        const sfx = this.lex.pastSuffix;
        if (this.lex.pastMarkers.has(w) || (sfx && w.length > sfx.length + 2 && w.endsWith(sfx))) {
          const prev = i > 0 && t.kind[i - 1] === WORD ? t.low[i - 1] || t.text.slice(t.start[i - 1], t.end[i - 1]).toLowerCase() : '';
          if (!this.lex.participleAux.has(prev)) return false;
        }
      }
    }
    return false;
  }
}
