import { daysInMonth } from './calendar.js';
import { NO, type Opts, type Parse, type Spec } from './grammar-types.js';
import { ClockGrammar } from './grammar-clock.js';
import type { NameInfo } from './lexicon.js';
import { WORD } from './tokens.js';

/** Month and weekday names with what they carry: `September 4, 2025`, `Januari-Maret 2025`, `Kamis (4/9)`, `Thursday next week`. */
export abstract class NameGrammar extends ClockGrammar {
  protected month(i: number, info: NameInfo, o: Opts, dir: number): Parse | null {
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

  protected monthDay(i: number, m: number, j: number, o: Opts): Parse | null {
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

  protected weekday(i: number, info: NameInfo): Parse | null {
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
  protected explicitDate(j: number, allowRange = false): Parse | null {
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
}
