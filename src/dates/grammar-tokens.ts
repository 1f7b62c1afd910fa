import { NUMBER_JOINERS, type Opts, type Parse } from './grammar-types.js';
import type { Lexicon, NameInfo, PhraseTable } from './lexicon.js';
import { NUM, PUNCT, WORD, type Tokens } from './tokens.js';

/**
 * The grammar's state and its token helpers (kind tests, same line, glued, phrase tables),
 * shared by every part of the grammar. The parts call each other through the two entry
 * points declared here: `single` (one expression at a token) and `clock` (a clock time).
 */
export abstract class TokenGrammar {
  protected t!: Tokens;
  protected n = 0;
  /** Token after the last year mention found, for lists of years (`2019 dan 2020`). */
  protected lastYearEnd = -1;
  /** The last single dated day found (token after it, month, year), for `Sept. 4 and 5`. */
  protected lastDay: { e: number; m: number; y: number } | null = null;

  constructor(
    protected readonly lex: Lexicon,
    /** Numeric dates month first (`9/4/2025` = 4 September). */
    protected readonly monthFirst: boolean,
  ) {}

  /** One expression starting at token `i` (grammar.ts). */
  protected abstract single(i: number, o: Opts): Parse | null;

  /** A clock time at token `i` (grammar-clock.ts). */
  protected abstract clock(i: number, withDate: boolean, todHint?: string): Parse | null;

  protected isP(i: number, ch: string): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === PUNCT && this.t.low[i] === ch;
  }

  protected isNum(i: number): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === NUM;
  }

  protected isWord(i: number): boolean {
    return i >= 0 && i < this.n && this.t.kind[i] === WORD;
  }

  /** Token `i` exists and touches the previous one. */
  protected glued(i: number): boolean {
    return i < this.n && this.t.gap[i] === 0;
  }

  /** Token `i` exists and is on the same line as the previous one. */
  protected sameLine(i: number): boolean {
    return i < this.n && this.t.gap[i] < 2;
  }

  protected match<V>(table: PhraseTable<V>, i: number): { e: number; v: V } | null {
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
  protected follow<V>(table: PhraseTable<V>, i: number): { e: number; v: V } | null {
    return this.sameLine(i) ? this.match(table, i) : null;
  }

  protected monthAt(i: number): NameInfo | undefined {
    if (!this.isWord(i) || !this.sameLine(i)) return undefined;
    const info = this.lex.months.get(this.t.low[i]);
    if (info && !this.t.cap[i] && this.lex.ambiguousMonths.has(this.t.low[i])) return undefined;
    return info;
  }

  /** The previous word makes a bare number temporal (`pada`, `sejak`, `in`), or `(` precedes. */
  protected prevCue(i: number): boolean {
    if (i <= 0 || this.t.gap[i] === 2) return false;
    const k = this.t.kind[i - 1];
    if (k === WORD) return this.lex.yearCues.has(this.t.low[i - 1]);
    return k === PUNCT && this.t.low[i - 1] === '(';
  }

  /** A number or a vague quantity precedes (`beberapa tahun lalu`, `puluhan tahun lalu`): not `tahun lalu`. */
  protected quantified(i: number): boolean {
    if (i === 0 || this.t.gap[i] === 2) return false;
    const k = this.t.kind[i - 1];
    if (k === NUM) return true;
    const w = this.t.low[i - 1];
    return k === WORD && (this.lex.vagueQuantities.has(w) || this.lex.numbers.has(w));
  }

  /** `, 2025` or ` 2025` after a day or month. */
  protected yearAfter(k: number): { y: number; e: number } | null {
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
  protected gluedNumberAfter(q: number): boolean {
    const t = this.t;
    const nx = q + 1;
    if (!this.glued(nx)) return false;
    const kind = t.kind[nx];
    if (kind === NUM || kind === WORD) return true;
    const l = t.low[nx];
    if (l === '%') return true;
    return NUMBER_JOINERS.has(l) && this.isNum(nx + 1) && this.glued(nx + 1);
  }
}
