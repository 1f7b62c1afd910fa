import { daysInMonth } from './calendar.js';
import { MONEY_PUNCT, NO, NUMBER_JOINERS, type Opts, type Parse, type Spec } from './grammar-types.js';
import { TokenGrammar } from './grammar-tokens.js';
import { NUM, PUNCT, WORD } from './tokens.js';

/** Expressions that start with a number: numeric and ISO dates, day + month name, years, decades, `3 hari lalu`. */
export abstract class NumberGrammar extends TokenGrammar {
  protected fromNumber(i: number, o: Opts): Parse | null {
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
  protected iso(i: number): Parse | null {
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
  protected decade(i: number): Parse | null {
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
  protected decade2(i: number, o: Opts): Parse | null {
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

  protected year(i: number, o: Opts): Parse | null {
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

  protected yearOk(i: number, cue: boolean): boolean {
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
  protected numeric(i: number, o: Opts): Parse | null {
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
  protected numericDayRange(i: number, o: Opts): Parse | null {
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
  protected order(a: number, b: number, y: number): [number, number] | null {
    const [d, m] = this.monthFirst ? [b, a] : [a, b];
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(m, y)) return [d, m];
    if (d >= 1 && d <= 12 && m >= 1 && m <= daysInMonth(d, y)) return [m, d];
    return null;
  }

  /** `4 September 2025`, `6 Sep 2025`, `4th of September`, `4-6 September 2025`, `4 hingga 6 September`. */
  protected dayMonth(i: number, o: Opts): Parse | null {
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
  protected listedDay(i: number, j: number): Parse | null {
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
  protected digitsAgo(i: number): Parse | null {
    const t = this.t;
    const j = i + 1;
    if (!this.isWord(j) || !this.sameLine(j)) return null;
    const unit = this.lex.units.get(t.low[j]);
    if (!unit) return null;
    const a = this.follow(this.lex.ago, j + 1);
    if (!a) return null;
    return { s: i, e: a.e, a: { t: 'rel', u: unit, n: t.num[i] * a.v } };
  }
}
