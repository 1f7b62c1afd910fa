import { compatible, dayLike, NO, STOP_PUNCT, type Opts, type Parse, type RawDate, type Spec } from './grammar-types.js';
import { NameGrammar } from './grammar-names.js';
import type { Unit } from './lexicon.js';
import { NUM, PUNCT, WORD, type Tokens } from './tokens.js';

export type { RawDate, Spec } from './grammar-types.js';

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
 * The grammar: a small hand-written recursive-descent parser over the token
 * stream, one instance per language (its lexicon and numeric-date order).
 */
export class Grammar extends NameGrammar {
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

  protected parseAt(i: number, o: Opts): Parse | null {
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

  protected core(i: number, o: Opts): Parse | null {
    const r = this.single(i, o);
    if (!r) return null;
    this.suffix(r);
    return this.range(r, o);
  }

  protected single(i: number, o: Opts): Parse | null {
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

  /** After a head noun: `tahun 2019`, `bulan Maret`, `tanggal 4 September`, `hari Kamis`. */
  protected headed(head: 'year' | 'month' | 'day' | 'weekday', j: number): Parse | null {
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
  protected cued(j: number, v: number): Parse | null {
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
  protected yearPart(i: number): Parse | null {
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
  protected numberUnitAgo(i: number): Parse | null {
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

  protected numberWords(i: number): { v: number; e: number } | null {
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

  /** A time-of-day word and a clock time after a day: `Kamis (4/9) malam`, `Thursday at 7 p.m.`. */
  protected suffix(r: Parse): void {
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
  protected range(r: Parse, o: Opts): Parse {
    if (r.b || r.timeOnly) return r;
    const lex = this.lex;
    const sep = this.follow(lex.rangeSeparators, r.e) ?? (o.opened ? this.follow(lex.rangeAnd, r.e) : null);
    if (!sep || !this.sameLine(sep.e)) return r;
    const r2 = this.single(sep.e, { cue: true });
    if (!r2 || r2.s !== sep.e || r2.timeOnly || r2.b || !compatible(r.a, r2.a)) return r;
    this.suffix(r2);
    return { ...r, e: r2.e, b: r2.a };
  }

  protected toRaw(r: Parse): RawDate {
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
  protected futureBefore(s: number): boolean {
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
