import { formatTime } from './calendar.js';
import { adjustHour, dayLike, NO, type Parse } from './grammar-types.js';
import { NumberGrammar } from './grammar-numbers.js';

/** Clock times (`pukul 19.00 WIB`, `7 p.m.`, `noon`) and the day written right after one. */
export abstract class ClockGrammar extends NumberGrammar {
  /**
   * `pukul 19.00 WIB`, `19:30 WIB`, `7 p.m.`, `pukul 7 malam`. A time needs a
   * head word, a time zone or am/pm. With `withDate`, a day right after
   * (`pukul 19.00 WIB, Kamis (4/9)`, `7 p.m. Thursday`) joins the mention.
   */
  protected clock(i: number, withDate: boolean, todHint?: string): Parse | null {
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
  protected dateAfterTime(r: Parse): Parse {
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
}
