/**
 * Pure scoring functions for `npm run eval`. Every offset here is a Unicode
 * code point (end exclusive), as in the output contract and the dev-data gold.
 * No I/O, no globals: each function takes gold and predictions and returns counts.
 */

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 from counts. Conventions for empty sets: with no
 * predictions precision is 1 when there is also no gold (nothing to find, nothing
 * wrong) and 0 otherwise; likewise recall with no gold is 1 when there is no
 * prediction either. F1 is 0 when precision + recall is 0.
 */
export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function addCounts(into: { tp: number; fp: number; fn: number }, more: { tp: number; fp: number; fn: number }): void {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
}

// ---------------------------------------------------------------- code points

/** Number of code points in `text` (astral characters such as emoji count once). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `utf16ToCp[i]` = code-point offset of UTF-16 index `i` (length text.length + 1). */
export function utf16ToCodePointTable(text: string): Uint32Array {
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        table[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  table[text.length] = cp;
  return table;
}

/** Convert a UTF-16 span (what JS libraries such as compromise and Intl.Segmenter report) to code points. */
export function spanToCodePoints(text: string, start: number, end: number, table?: Uint32Array): [number, number] {
  const t = table ?? utf16ToCodePointTable(text);
  return [t[Math.max(0, Math.min(start, text.length))], t[Math.max(0, Math.min(end, text.length))]];
}

/** Slice by code points. */
export function sliceCp(chars: readonly string[], start: number, end: number): string {
  return chars.slice(start, end).join('');
}

// ---------------------------------------------------------------- entity spans

export interface TypedSpan {
  type: string;
  start: number;
  end: number;
}

export interface SpanScore {
  perType: Record<string, PRF>;
  micro: PRF;
}

function countsToScore(counts: Map<string, { tp: number; fp: number; fn: number }>, types?: readonly string[]): SpanScore {
  const perType: Record<string, PRF> = {};
  const micro = { tp: 0, fp: 0, fn: 0 };
  const allTypes = new Set<string>([...(types ?? []), ...counts.keys()]);
  for (const type of [...allTypes].sort()) {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    perType[type] = prf(c.tp, c.fp, c.fn);
    // micro over the declared types only, when given (a predicted MISC does not count against PERSON/LOC/ORG)
    if (!types || types.includes(type)) addCounts(micro, c);
  }
  return { perType, micro: prf(micro.tp, micro.fp, micro.fn) };
}

/** Raw tp/fp/fn per type for one record, by multiset matching of `key(span)`. */
export function matchByKey<T extends { type: string }>(
  gold: readonly T[],
  pred: readonly T[],
  key: (item: T) => string,
): Map<string, { tp: number; fp: number; fn: number }> {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bucket = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const remaining = new Map<string, number>();
  for (const g of gold) {
    const k = `${g.type}\u0000${key(g)}`;
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  for (const p of pred) {
    const k = `${p.type}\u0000${key(p)}`;
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      bucket(p.type).tp++;
    } else {
      bucket(p.type).fp++;
    }
  }
  for (const [k, left] of remaining) {
    if (left > 0) bucket(k.slice(0, k.indexOf('\u0000'))).fn += left;
  }
  return counts;
}

/** Accumulates entity matches over many records; exact = same (type, start, end). */
export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();
  constructor(readonly types?: readonly string[]) {}

  add(counts: Map<string, { tp: number; fp: number; fn: number }>): void {
    for (const [type, c] of counts) {
      let into = this.counts.get(type);
      if (!into) this.counts.set(type, (into = { tp: 0, fp: 0, fn: 0 }));
      addCounts(into, c);
    }
  }

  score(): SpanScore {
    return countsToScore(this.counts, this.types);
  }
}

/** Exact-span matching of one record: (type, start, end) must all agree. */
export function matchExact(gold: readonly TypedSpan[], pred: readonly TypedSpan[]) {
  return matchByKey(gold, pred, (s) => `${s.start}:${s.end}`);
}

const OUTER_PUNCT = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** Case, outer punctuation and whitespace ignored; inner whitespace runs collapsed. */
export function normalizeSurface(text: string): string {
  return text.replace(OUTER_PUNCT, '').replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * Lenient matching of one record (dev-data README): the multiset of
 * (type, surface text) with case, outer punctuation and whitespace ignored.
 * Spans whose surface normalises to nothing are dropped on both sides.
 */
export function matchLenient(gold: readonly { type: string; text: string }[], pred: readonly { type: string; text: string }[]) {
  const g = gold.filter((s) => normalizeSurface(s.text) !== '');
  const p = pred.filter((s) => normalizeSurface(s.text) !== '');
  return matchByKey(g, p, (s) => normalizeSurface(s.text));
}

// ---------------------------------------------------------------- sentence boundaries

function isSpaceCp(ch: string | undefined): boolean {
  return ch !== undefined && /^\s$/u.test(ch);
}

/**
 * Boundaries of a segmentation (dev-data README): the end offset of each sentence
 * after trimming trailing whitespace, except the one that ends the (trimmed) text.
 * `chars` is the text split into code points; spans are code points.
 * Spans outside the text are clipped; empty or whitespace-only sentences give no boundary.
 */
export function boundaries(chars: readonly string[], spans: readonly (readonly [number, number])[]): Set<number> {
  let textEnd = chars.length;
  while (textEnd > 0 && isSpaceCp(chars[textEnd - 1])) textEnd--;
  const out = new Set<number>();
  for (const [s, e0] of spans) {
    const start = Math.max(0, s);
    let end = Math.min(e0, chars.length);
    while (end > start && isSpaceCp(chars[end - 1])) end--;
    if (end <= start) continue;
    if (end >= textEnd) continue;
    out.add(end);
  }
  return out;
}

export function boundaryCounts(gold: ReadonlySet<number>, pred: ReadonlySet<number>): { tp: number; fp: number; fn: number } {
  let tp = 0;
  for (const b of pred) if (gold.has(b)) tp++;
  return { tp, fp: pred.size - tp, fn: gold.size - tp };
}

// ---------------------------------------------------------------- language

export interface LanguageItem {
  gold: string;
  pred: string | null;
  band?: string;
}

export interface LanguageScore {
  n: number;
  correct: number;
  accuracy: number;
  byBand: Record<string, { n: number; correct: number; accuracy: number }>;
  byLanguage: Record<string, { n: number; correct: number; accuracy: number }>;
  byLanguageBand: Record<string, { n: number; correct: number; accuracy: number }>;
  /** confusion[gold][pred] = count; a missing prediction is counted as `none`. */
  confusion: Record<string, Record<string, number>>;
  /** Indonesian texts called Malay and Malay texts called Indonesian, overall and per band. */
  idAsMs: number;
  msAsId: number;
  idMsByBand: Record<string, { idAsMs: number; msAsId: number; n: number }>;
}

function tally(map: Record<string, { n: number; correct: number; accuracy: number }>, key: string, ok: boolean) {
  const t = (map[key] ??= { n: 0, correct: 0, accuracy: 0 });
  t.n++;
  if (ok) t.correct++;
  t.accuracy = t.correct / t.n;
}

export function scoreLanguage(items: readonly LanguageItem[]): LanguageScore {
  const score: LanguageScore = {
    n: 0,
    correct: 0,
    accuracy: 0,
    byBand: {},
    byLanguage: {},
    byLanguageBand: {},
    confusion: {},
    idAsMs: 0,
    msAsId: 0,
    idMsByBand: {},
  };
  for (const item of items) {
    const pred = item.pred ?? 'none';
    const ok = item.pred !== null && pred === item.gold;
    score.n++;
    if (ok) score.correct++;
    const band = item.band ?? 'all';
    tally(score.byBand, band, ok);
    tally(score.byLanguage, item.gold, ok);
    tally(score.byLanguageBand, `${item.gold}/${band}`, ok);
    const row = (score.confusion[item.gold] ??= {});
    row[pred] = (row[pred] ?? 0) + 1;
    const idms = (score.idMsByBand[band] ??= { idAsMs: 0, msAsId: 0, n: 0 });
    if (item.gold === 'id' || item.gold === 'ms') idms.n++;
    if (item.gold === 'id' && pred === 'ms') {
      score.idAsMs++;
      idms.idAsMs++;
    }
    if (item.gold === 'ms' && pred === 'id') {
      score.msAsId++;
      idms.msAsId++;
    }
  }
  score.accuracy = score.n === 0 ? 0 : score.correct / score.n;
  return score;
}

// ---------------------------------------------------------------- dates

export interface DateSpan {
  start: number;
  end: number;
  value: string;
}

export interface DateScore {
  /** Detection by overlap: a prediction matches at most one gold mention that it overlaps. */
  detection: PRF;
  /** Detection with identical spans. */
  exact: PRF;
  /** Gold mentions whose matched prediction carries the gold value, over all gold mentions. */
  valueCorrect: number;
  gold: number;
  valueAccuracy: number;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * One-to-one matching of predicted to gold date mentions by overlap, greedily
 * by largest overlap (ties: earlier gold, then earlier prediction), so two gold
 * `Rabu` mentions need two predictions.
 */
export function matchDates(gold: readonly DateSpan[], pred: readonly DateSpan[]): { pairs: [number, number][]; exact: number } {
  const candidates: [number, number, number][] = [];
  gold.forEach((g, gi) =>
    pred.forEach((p, pi) => {
      const o = overlap(g, p);
      if (o > 0) candidates.push([o, gi, pi]);
    }),
  );
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, gi, pi] of candidates) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi);
    usedP.add(pi);
    pairs.push([gi, pi]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const exact = matchByKey(
    gold.map((g) => ({ ...g, type: 'DATE' })),
    pred.map((p) => ({ ...p, type: 'DATE' })),
    (s) => `${s.start}:${s.end}`,
  ).get('DATE')?.tp ?? 0;
  return { pairs, exact };
}

export class DateScorer {
  private tp = 0;
  private gold = 0;
  private pred = 0;
  private exactTp = 0;
  private valueCorrect = 0;

  add(gold: readonly DateSpan[], pred: readonly DateSpan[]): void {
    const { pairs, exact } = matchDates(gold, pred);
    this.tp += pairs.length;
    this.gold += gold.length;
    this.pred += pred.length;
    this.exactTp += exact;
    for (const [gi, pi] of pairs) if (gold[gi].value === pred[pi].value) this.valueCorrect++;
  }

  score(): DateScore {
    return {
      detection: prf(this.tp, this.pred - this.tp, this.gold - this.tp),
      exact: prf(this.exactTp, this.pred - this.exactTp, this.gold - this.exactTp),
      valueCorrect: this.valueCorrect,
      gold: this.gold,
      valueAccuracy: this.gold === 0 ? 0 : this.valueCorrect / this.gold,
    };
  }
}

// ---------------------------------------------------------------- canonical entities

/**
 * How well predicted entity ids group the mentions that gold says are one entity.
 * Over the exactly matched mentions: a gold cluster is `consistent` when all its
 * matched mentions carry one predicted id and no other gold cluster's mention carries it.
 */
export function canonicalConsistency(
  matched: readonly { goldCluster: string; predId: string }[],
): { clusters: number; consistent: number; split: string[]; merged: string[] } {
  const idsByCluster = new Map<string, Set<string>>();
  const clustersById = new Map<string, Set<string>>();
  for (const m of matched) {
    if (!idsByCluster.has(m.goldCluster)) idsByCluster.set(m.goldCluster, new Set());
    idsByCluster.get(m.goldCluster)!.add(m.predId);
    if (!clustersById.has(m.predId)) clustersById.set(m.predId, new Set());
    clustersById.get(m.predId)!.add(m.goldCluster);
  }
  let consistent = 0;
  const split: string[] = [];
  const merged: string[] = [];
  for (const [cluster, ids] of [...idsByCluster].sort((a, b) => a[0].localeCompare(b[0]))) {
    const isSplit = ids.size > 1;
    const isMerged = [...ids].some((id) => clustersById.get(id)!.size > 1);
    if (isSplit) split.push(cluster);
    if (isMerged) merged.push(cluster);
    if (!isSplit && !isMerged) consistent++;
  }
  return { clusters: idsByCluster.size, consistent, split, merged };
}
