/**
 * Entity recognition over a whole document: per-sentence candidates (rules,
 * gazetteers, the learned tagger, compromise for English), then document-wide
 * decisions: headline words and sentence-initial words confirmed by the rest of
 * the article, acronyms and aliases in parentheses, one type per string, short
 * forms joined to full names, canonical names and entity ids.
 */
import { ANALYSED_SECTIONS, type Doc, type Entity, type EntityType } from '../doc.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { isAcronym, isCapitalised, recognizeSentence, Strength, type Candidate, type RecognizerContext } from './recognize.js';
import { indonesianRoots, isAffixedWord, langResources } from './resources.js';
import { slugify, tokenize, tokenKey, type Token } from './tokens.js';

export interface TaggerSpan {
  start: number;
  end: number;
  type: EntityType;
  score: number;
}

export interface SentenceTagger {
  tag(text: string, start: number, end: number): TaggerSpan[];
}

export interface EnglishProposer {
  /** People, places and organisations compromise finds in `text.slice(start, end)`, absolute offsets. */
  propose(text: string, start: number, end: number): TaggerSpan[];
  /** The same for several sentences at once (one call per document), one list per range. */
  proposeRanges?(text: string, ranges: readonly [number, number][]): TaggerSpan[][];
}

export interface DocumentNerOptions {
  gaz: Gazetteer;
  tagger?: SentenceTagger | null;
  english?: EnglishProposer | null;
  /** Model spans that no rule candidate overlaps are ignored below this score. */
  minModelScore?: number;
  /** Keep rule guesses the model does not confirm. */
  keepUnconfirmedGuesses?: boolean;
}

interface SentenceWork {
  index: number;
  section: number;
  start: number;
  end: number;
  toks: Token[];
  titleCase: boolean;
}

const HYPHEN_SPLIT_RE = /[-‐]/;

/** `HO-Kementerian`, `Wakatobi-Kendari`: split hyphenated capitalised tokens whose parts are known names. */
function splitHyphens(toks: Token[], gaz: Gazetteer): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let split = false;
    if (t.text.length > 3 && HYPHEN_SPLIT_RE.test(t.text) && isCapitalised(t)) {
      const parts = t.text.split(HYPHEN_SPLIT_RE);
      if (parts.length >= 2 && parts.every((p) => p.length >= 2 && /^\p{Lu}/u.test(p))) {
        split = parts[0] === 'HO' || parts.some((p) => p.length >= 4 && (gaz.lookup(p)?.kind ?? 'city') !== 'city');
      }
      if (split) {
        out ??= toks.slice(0, i);
        let off = t.start;
        parts.forEach((p, k) => {
          if (k > 0) {
            out!.push({ start: off, end: off + 1, text: t.text[off - t.start], key: '-' });
            off++;
          }
          out!.push({ start: off, end: off + p.length, text: p, key: p.toLowerCase() });
          off += p.length;
        });
        continue;
      }
    }
    if (out) out.push(t);
  }
  return out ?? toks;
}

/** `Indonesia's`, `Reuters’s`: the English possessive ending is not part of the name. */
function splitPossessives(toks: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const n = t.text.length;
    const c = n > 3 ? t.text.charCodeAt(n - 2) : 0;
    if ((c === 39 || c === 0x2019) && t.text.charCodeAt(n - 1) === 115 /* s */ && isCapitalised(t) && !t.text.slice(0, n - 2).includes("'") && !t.text.slice(0, n - 2).includes('’')) {
      out ??= toks.slice(0, i);
      const stem = t.text.slice(0, n - 2);
      out.push({ start: t.start, end: t.end - 2, text: stem, key: tokenKey(stem) });
      out.push({ start: t.end - 2, end: t.end, text: t.text.slice(n - 2), key: "'s" });
      continue;
    }
    if (out) out.push(t);
  }
  return out ?? toks;
}

function isTitleCaseSentence(toks: Token[]): boolean {
  // body sentences that end like prose are not headlines even when full of names
  const last = toks[toks.length - 1];
  if (last && /[.!?;:,"”]/.test(last.text)) return false;
  let words = 0;
  let caps = 0;
  for (const t of toks) {
    if (t.text.length < 3) continue;
    const c = t.text.charCodeAt(0);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127)) continue;
    words++;
    if (isCapitalised(t)) caps++;
  }
  return words >= 4 && caps / words >= 0.85;
}

/** `Kim Jong-un` and `Kim Jong Un` share a key. */
/** The candidate's `normKey` (after its lowercase cue words), computed once. */
function candKey(c: Candidate): string {
  return (c.key ??= normKey(c.tokens, c.cueTokens ?? 0));
}

const SLUGS = new Map<string, string>();

/** `slugify` with a bounded cache: the same names recur across a corpus. */
function slug(text: string): string {
  let v = SLUGS.get(text);
  if (v === undefined) {
    if (SLUGS.size > 50_000) SLUGS.clear();
    v = slugify(text);
    SLUGS.set(text, v);
  }
  return v;
}

export function normKey(tokens: readonly Token[], from = 0): string {
  let s = '';
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '.') continue;
    if (s) s += ' ';
    const k = t.key;
    s += k.includes('-') || k.includes("'") || k.includes('‐') ? k.replace(/[-‐']+/g, ' ') : k;
  }
  return s;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The tagger is the expensive part: it only sees the stretch of the sentence
 * around capitalised words the rules have not resolved for sure (with a few
 * tokens of context), and not at all when there are none.
 */
const MODEL_CONTEXT = 2;
const CUE_OVERRIDE = 0.9;

function modelWindows(toks: Token[], cands: Candidate[], ctx: RecognizerContext): [number, number][] {
  let k = 0;
  const out: [number, number][] = [];
  let first = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    const a = Math.max(0, first - MODEL_CONTEXT);
    const b = Math.min(toks.length - 1, last + MODEL_CONTEXT);
    out.push([toks[a].start, toks[b].end]);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isCapitalised(t) || ctx.res.functionWords.has(t.key)) continue;
    while (k < cands.length && cands[k].end <= t.start) k++;
    const c = cands[k];
    if (c && c.start <= t.start && t.end <= c.end && c.strength >= Strength.Cue) continue;
    // a sentence-initial ordinary word (`Pertemuan`, `Kemudian`) needs no model
    if (c && c.doubtful && c.tokens.length === 1 && c.start === t.start && (ctx.roots.has(t.key) || ctx.lowerVocab.has(t.key))) continue;
    if (!c || t.start < c.start) {
      // capitalised but in no candidate (a function word inside a run was skipped): nothing to resolve
      if (ctx.lowerVocab.has(t.key)) continue;
    }
    if (first >= 0 && i - last > 2 * MODEL_CONTEXT + 2) {
      flush();
      first = -1;
    }
    if (first < 0) first = i;
    last = i;
  }
  flush();
  return out;
}

/**
 * Whether compromise's proposals could change the English candidates of a
 * sentence (see `mergeModel` with `keepUnconfirmedGuesses`): only guesses and
 * doubtful candidates are retyped or confirmed, and only capitalised words
 * outside every candidate (not function words or titles) can become new
 * mentions. Sure and settled cue candidates are kept as they are.
 */
const EN_ADVERB_RE = /^[a-z]{3,}(?:ing|ed|ly)$/;

function englishOpen(toks: Token[], cands: Candidate[], ctx: RecognizerContext, covered: Set<string>): [number, number][] {
  // a string compromise has already seen in an earlier sentence of the document gets the same answer
  // (applied in `applyOutcomes`), so only new open strings are sent, as token ranges [a, b)
  const open: [number, number][] = [];
  const index = (c: Candidate): [number, number] => {
    let a = 0;
    while (a < toks.length && toks[a].start < c.start) a++;
    let b = a;
    while (b < toks.length && toks[b].end <= c.end) b++;
    return [a, Math.max(b, a + 1)];
  };
  for (const c of cands) {
    if (!(c.doubtful || c.strength < Strength.Cue)) continue;
    const key = candKey(c);
    // a sentence-initial ordinary word (`Officials`, `Separately`) stays doubtful unless compromise
    // calls that very word a name, which it does not for words the document also uses in lower case
    if (c.doubtful && c.tokens.length === 1 && (ctx.lowerVocab.has(key) || EN_ADVERB_RE.test(key))) continue;
    if (!covered.has(key)) open.push(index(c));
  }
  let k = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isCapitalised(t)) continue;
    while (k < cands.length && cands[k].end <= t.start) k++;
    const c = cands[k];
    if (c && c.start <= t.start && t.end <= c.end) continue;
    if (ctx.res.functionWords.has(t.key) || ctx.res.titles.has(t.key)) continue;
    open.push([i, i + 1]);
  }
  if (open.length > 0) for (const c of cands) if (c.doubtful || c.strength < Strength.Cue) covered.add(candKey(c));
  return open.sort((x, y) => x[0] - y[0]);
}

/** Tokens of context compromise sees on each side of an open string. */
const EN_CONTEXT = 5;

/** Character windows around the open token ranges of a sentence (merged when close). */
function englishWindows(toks: Token[], open: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let a = -1;
  let b = -1;
  for (const [x, y] of open) {
    const xa = Math.max(0, x - EN_CONTEXT);
    const yb = Math.min(toks.length, y + EN_CONTEXT);
    if (a >= 0 && xa <= b) b = Math.max(b, yb);
    else {
      if (a >= 0) out.push([toks[a].start, toks[b - 1].end]);
      a = xa;
      b = yb;
    }
  }
  if (a >= 0) out.push([toks[a].start, toks[b - 1].end]);
  return out;
}

interface EnglishOutcome {
  type: EntityType;
  source: Candidate['source'];
  doubtful: boolean;
}

/** What compromise made of the open candidates of a sentence it saw (null: dropped). */
function recordOutcomes(before: Candidate[], after: Candidate[], outcomes: Map<string, EnglishOutcome | null>): void {
  for (const c of before) {
    if (!(c.doubtful || c.strength < Strength.Cue)) continue;
    const key = candKey(c);
    if (outcomes.has(key)) continue;
    const d = after.find((x) => x.start === c.start && x.end === c.end);
    outcomes.set(key, d ? { type: d.type, source: d.source, doubtful: d.doubtful ?? false } : null);
  }
}

/** The recorded outcomes applied to a sentence compromise did not see. */
function applyOutcomes(cands: Candidate[], outcomes: Map<string, EnglishOutcome | null>): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    if (!(c.doubtful || c.strength < Strength.Cue)) {
      out.push(c);
      continue;
    }
    const o = outcomes.get(candKey(c));
    if (o === null) continue;
    out.push(o === undefined ? c : { ...c, type: o.type, source: o.source, doubtful: o.doubtful });
  }
  return out;
}

/** Combine rule candidates with the model's spans for one sentence. */
function mergeModel(cands: Candidate[], spans: TaggerSpan[], toks: Token[], sentence: number, opts: DocumentNerOptions, ctx: RecognizerContext): Candidate[] {
  const minScore = opts.minModelScore ?? 0;
  const keepGuesses = opts.keepUnconfirmedGuesses ?? true;
  const out: Candidate[] = [];
  const usedModel = new Set<number>();
  for (const c of cands) {
    const ov: number[] = [];
    spans.forEach((s, k) => {
      if (overlaps(s, c)) ov.push(k);
    });
    if (c.strength === Strength.Sure) {
      out.push(c);
      ov.forEach((k) => usedModel.add(k));
      continue;
    }
    const exact = ov.find((k) => spans[k].start === c.start && spans[k].end === c.end);
    if (exact !== undefined) {
      usedModel.add(exact);
      const s = spans[exact];
      if (c.strength === Strength.Guess || (c.strength === Strength.Cue && s.score > CUE_OVERRIDE && !c.personCue)) {
        out.push({ ...c, type: s.type, source: s.type === c.type ? c.source : 'model', doubtful: false });
      } else out.push({ ...c, doubtful: false });
      continue;
    }
    if (ov.length === 1 && c.strength === Strength.Guess && spans[ov[0]].type === 'PERSON' && spans[ov[0]].start >= c.start && spans[ov[0]].end <= c.end) {
      // a person inside a longer capitalised run (`Kenneth Ray Rogers` vs `Ray Rogers`): keep the
      // whole run when the extra words look like names too
      const s = spans[ov[0]];
      const extra = c.tokens.filter((t) => t.end <= s.start || t.start >= s.end);
      if (extra.every((t) => isCapitalised(t) && !ctx.roots.has(t.key) && !isAffixedWord(t.key, ctx.roots) && !ctx.lowerVocab.has(t.key) && !ctx.res.functionWords.has(t.key))) {
        usedModel.add(ov[0]);
        out.push({ ...c, type: 'PERSON', source: 'model', doubtful: false });
        continue;
      }
    }
    if (ov.length > 0) {
      // the model draws other boundaries: trust it for guesses, keep cue-typed rule spans
      if (c.strength === Strength.Cue) {
        out.push(c);
        ov.forEach((k) => usedModel.add(k));
      }
      continue;
    }
    if (c.doubtful || keepGuesses || c.strength > Strength.Guess) out.push(c);
  }
  spans.forEach((s, k) => {
    if (usedModel.has(k) || s.score < minScore) return;
    if (out.some((c) => overlaps(c, s))) return;
    let ts = toks.filter((t) => t.start >= s.start && t.end <= s.end);
    while (ts.length > 0 && !/[\p{L}\p{N}]/u.test(ts[0].text)) ts = ts.slice(1);
    while (ts.length > 0 && !/[\p{L}\p{N}]/u.test(ts[ts.length - 1].text)) ts = ts.slice(0, -1);
    if (ts.length === 0) return;
    if (ts.every((t) => ctx.res.functionWords.has(t.key) || ctx.res.titles.has(t.key) || !isCapitalised(t))) return;
    if (ts.length === 1 && ctx.res.functionWords.has(ts[0].key)) return;
    const first = ts[0];
    const entry = ctx.gaz.lookup(ts.map((t) => t.text).join(' '));
    out.push({
      start: first.start,
      end: ts[ts.length - 1].end,
      type: entry && entry.kind !== 'city' ? entry.type : s.type,
      strength: Strength.Guess,
      source: entry && entry.kind !== 'city' ? 'gazetteer' : 'model',
      entry,
      tokens: ts,
      sentence,
    });
  });
  out.sort((a, b) => a.start - b.start);
  return out;
}

const PERSON_PARTICLES = new Set(['bin', 'binti', 'van', 'von', 'der', 'de', 'da', 'al', 'el', 'no', 'of', 'the']);

interface Known {
  type: EntityType;
  strength: Strength;
  entry?: GazetteerEntry;
  count: number;
  first: Candidate;
}

/** Runs recognition on `doc` and returns its entities (sorted, non-overlapping). */
export function recognizeDocument(doc: Doc, opts: DocumentNerOptions): Entity[] {
  const text = doc.text;
  const language: 'id' | 'en' = doc.language === 'en' ? 'en' : 'id';
  const gaz = opts.gaz;
  const ctx: RecognizerContext = {
    gaz,
    res: langResources(language),
    roots: language === 'id' ? indonesianRoots() : new Set(),
    lowerVocab: new Set(),
    language,
  };

  // 1. sentences to analyse
  const work: SentenceWork[] = [];
  const analysed = doc.sections.map((s) => ANALYSED_SECTIONS.has(s.type));
  if (doc.sentences.length > 0) {
    for (const s of doc.sentences) {
      if (s.section >= 0 && !analysed[s.section]) continue;
      work.push({ index: s.index, section: s.section, start: s.start, end: s.end, toks: [], titleCase: false });
    }
  } else if (doc.sections.length > 0) {
    doc.sections.forEach((s, k) => {
      if (analysed[k]) work.push({ index: -1, section: k, start: s.start, end: s.end, toks: [], titleCase: false });
    });
  } else {
    work.push({ index: -1, section: -1, start: 0, end: text.length, toks: [], titleCase: false });
  }
  for (const w of work) {
    w.toks = splitHyphens(tokenize(text, w.start, w.end), gaz);
    if (language === 'en') w.toks = splitPossessives(w.toks);
    for (const t of w.toks) {
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122) ctx.lowerVocab.add(t.key);
    }
    const sectionType = w.section >= 0 ? doc.sections[w.section]?.type : undefined;
    w.titleCase = sectionType === 'title' || isTitleCaseSentence(w.toks);
  }

  // 2. candidates per sentence: rules first, then (with what the rules are sure of
  // document-wide) the model's or compromise's proposals
  const ruleCands = work.map((w) => recognizeSentence(ctx, w.toks, w.index, w.titleCase));
  const sureKeys = new Set<string>();
  const sureNameParts = new Set<string>();
  for (const cs of ruleCands) {
    for (const c of cs) {
      if (c.strength < Strength.Cue || c.doubtful) continue;
      const key = candKey(c);
      sureKeys.add(key);
      if (c.type === 'PERSON' && c.tokens.length > 1) for (const part of key.split(' ')) if (part.length > 1) sureNameParts.add(part);
    }
  }
  for (const cs of ruleCands) {
    for (const c of cs) {
      if (c.strength !== Strength.Guess) continue;
      const key = candKey(c);
      if (sureKeys.has(key) || (c.tokens.length === 1 && sureNameParts.has(key))) c.strength = Strength.Cue;
    }
  }
  // English: compromise once per document, on the sentences where its proposals can change something
  let englishSpans: (TaggerSpan[] | null)[] | null = null;
  if (language === 'en' && opts.english) {
    const english = opts.english;
    const need: number[] = [];
    const windows: [number, number][] = [];
    const owner: number[] = [];
    const covered = new Set<string>();
    work.forEach((w, k) => {
      if (w.titleCase) return;
      const open = englishOpen(w.toks, ruleCands[k], ctx, covered);
      if (open.length === 0) return;
      need.push(k);
      for (const win of englishWindows(w.toks, open)) {
        windows.push(win);
        owner.push(k);
      }
    });
    englishSpans = work.map(() => null);
    for (const k of need) englishSpans[k] = [];
    const res = english.proposeRanges
      ? english.proposeRanges(text, windows)
      : windows.map(([ws, we]) => english.propose(text, ws, we));
    res.forEach((spans, j) => {
      const [ws, we] = windows[j];
      const w = work[owner[j]];
      const sStart = w.toks[0].start;
      const sEnd = w.toks[w.toks.length - 1].end;
      // spans cut by a window edge are not trusted
      for (const sp of spans) if ((sp.start > ws || ws === sStart) && (sp.end < we || we === sEnd)) englishSpans![owner[j]]!.push(sp);
    });
  }
  const outcomes = new Map<string, EnglishOutcome | null>();
  let cands: Candidate[] = [];
  work.forEach((w, k) => {
    let cs = ruleCands[k];
    const wins = language === 'id' && opts.tagger && !w.titleCase ? modelWindows(w.toks, cs, ctx) : [];
    if (wins.length > 0 && opts.tagger) {
      const inner: TaggerSpan[] = [];
      const sStart = w.toks[0].start;
      const sEnd = w.toks[w.toks.length - 1].end;
      for (const [ws, we] of wins) {
        // spans cut by a window edge are not trusted
        for (const sp of opts.tagger.tag(text, ws, we)) if ((sp.start > ws || ws === sStart) && (sp.end < we || we === sEnd)) inner.push(sp);
      }
      cs = mergeModel(cs, inner, w.toks, w.index, opts, ctx);
    } else if (englishSpans && englishSpans[k]) {
      let merged = mergeModel(cs, englishSpans[k]!, w.toks, w.index, { ...opts, keepUnconfirmedGuesses: true }, ctx);
      // strings answered in an earlier sentence and outside this sentence's windows keep that answer
      const untouched = new Set(merged);
      const earlier = cs.filter((c) => untouched.has(c) && (c.doubtful || c.strength < Strength.Cue) && outcomes.has(candKey(c)));
      recordOutcomes(cs, merged, outcomes);
      if (earlier.length > 0) {
        const fixed = new Map(earlier.map((c) => [c, applyOutcomes([c], outcomes)[0] ?? null]));
        merged = merged.flatMap((c) => {
          const f = fixed.get(c);
          return f === undefined ? [c] : f === null ? [] : [f];
        });
      }
      cs = merged;
    } else if (englishSpans && !w.titleCase) cs = applyOutcomes(cs, outcomes);
    for (const c of cs) (c as Candidate & { section: number }).section = w.section;
    cands.push(...cs);
  });

  // 3. what the document knows for sure
  const known = new Map<string, Known>();
  const personTokens = new Map<string, Set<string>>();
  const fullMemo = new Map<string, string | undefined>();
  const learn = (c: Candidate) => {
    fullMemo.clear();
    const key = candKey(c);
    const k = known.get(key);
    if (!k) known.set(key, { type: c.type, strength: c.strength, entry: c.entry, count: 1, first: c });
    else {
      k.count++;
      if (c.strength > k.strength) Object.assign(k, { type: c.type, strength: c.strength, entry: c.entry ?? k.entry });
    }
    if (c.type === 'PERSON' && c.tokens.length > 1) {
      for (const part of key.split(' ')) {
        if (part.length < 2 || PERSON_PARTICLES.has(part)) continue;
        let set = personTokens.get(part);
        if (!set) personTokens.set(part, (set = new Set()));
        set.add(key);
      }
    }
  };
  for (const c of cands) if (!c.doubtful) learn(c);

  const fullNameFor = (key: string): string | undefined => {
    if (fullMemo.has(key)) return fullMemo.get(key);
    const r = fullNameUncached(key);
    fullMemo.set(key, r);
    return r;
  };
  const fullNameUncached = (key: string): string | undefined => {
    const set = personTokens.get(key);
    if (set && set.size === 1) return [...set][0];
    if (set && set.size > 1) {
      // `Kim Jong` and `Kim Jong Un`: the longest name that contains the others
      const keys = [...set].sort((x, y) => y.length - x.length);
      const longest = keys[0].split(' ');
      if (keys.every((k) => k.split(' ').every((p) => longest.includes(p)))) return keys[0];
      return undefined;
    }
    // `Kim Jong` or `Jong Un` → the single full name containing every part
    const parts = key.split(' ');
    if (parts.length < 2) return undefined;
    let found: string | undefined;
    const candidates = personTokens.get(parts[0]);
    if (!candidates) return undefined;
    for (const full of candidates) {
      const k = known.get(full);
      if (!k || k.type !== 'PERSON' || full === key) continue;
      const fp = full.split(' ');
      if (parts.every((p) => fp.includes(p))) {
        if (found && found !== full) return undefined;
        found = full;
      }
    }
    return found;
  };

  // 4. doubtful candidates: keep when known, else drop
  cands = cands.filter((c) => {
    if (!c.doubtful) return true;
    const key = candKey(c);
    if (known.has(key)) return true;
    if (fullNameFor(key)) return true;
    // headline runs: look for known names inside
    return false;
  });

  // 5. headline-style sentences: known names and gazetteer entries inside their capitalised runs
  const extra: Candidate[] = [];
  for (const w of work) {
    if (!w.titleCase) continue;
    const toks = w.toks;
    const have = cands.filter((c) => c.sentence === w.index && c.start >= w.start && c.end <= w.end);
    for (let i = 0; i < toks.length; i++) {
      if (!isCapitalised(toks[i]) || ctx.res.functionWords.has(toks[i].key)) continue;
      if (have.some((c) => toks[i].start >= c.start && toks[i].start < c.end)) continue;
      let best = 0;
      let bestKey = '';
      for (let j = Math.min(toks.length, i + 6); j > i; j--) {
        if (!isCapitalised(toks[j - 1]) && toks[j - 1].text !== '.') continue;
        const key = normKey(toks.slice(i, j));
        if (known.has(key) || (j - i === 1 ? personTokens.get(key)?.size === 1 : fullNameFor(key))) {
          best = j - i;
          bestKey = key;
          break;
        }
      }
      const m = gaz.match(toks, i);
      if (m && m.length >= best && m.entry.kind !== 'city') {
        const c: Candidate = { start: toks[i].start, end: toks[i + m.length - 1].end, type: m.entry.type, strength: Strength.Sure, source: 'gazetteer', entry: m.entry, tokens: toks.slice(i, i + m.length), sentence: w.index };
        (c as Candidate & { section: number }).section = w.section;
        extra.push(c);
        i += m.length - 1;
        continue;
      }
      if (best > 0) {
        const k = known.get(bestKey);
        const c: Candidate = {
          start: toks[i].start,
          end: toks[i + best - 1].end,
          type: k?.type ?? 'PERSON',
          strength: k?.strength ?? Strength.Cue,
          source: k ? k.first.source : 'coref',
          entry: k?.entry,
          tokens: toks.slice(i, i + best),
          sentence: w.index,
        };
        (c as Candidate & { section: number }).section = w.section;
        extra.push(c);
        i += best - 1;
      }
    }
  }
  if (extra.length) {
    cands = cands.filter((c) => !extra.some((e) => overlaps(e, c)));
    cands.push(...extra);
    cands.sort((a, b) => a.start - b.start);
  }

  // 6. aliases and acronyms in parentheses: `Partai Pekerja Korea (WPK)`, `Joko Widodo (Jokowi)`
  const aliasOf = new Map<Candidate, Candidate>();
  for (let k = 0; k + 1 < cands.length; k++) {
    const a = cands[k];
    const b = cands[k + 1];
    if (b.tokens.length !== 1) continue;
    const between = text.slice(a.end, b.start);
    if (!/^\s*\($/.test(between) || text[b.end] !== ')') continue;
    const bt = b.tokens[0];
    if (a.type === 'ORGANIZATION' || a.type === 'LOCATION') {
      if (isAcronym(bt) && bt.text[0] === a.tokens[a.cueTokens ?? 0].text[0].toUpperCase()) aliasOf.set(b, a);
      else if (isAcronym(bt) && a.tokens.some((t) => t.text[0] === bt.text[0])) aliasOf.set(b, a);
    } else if (a.type === 'PERSON' && a.tokens.length > 1 && !isAcronym(bt)) {
      aliasOf.set(b, a);
    }
  }
  for (const [b, a] of aliasOf) {
    if (b.entry && b.entry.kind !== 'city' && a.entry && b.entry.entity_id !== a.entry.entity_id && b.strength === Strength.Sure) continue;
    b.type = a.type;
    b.entry = a.entry ?? b.entry;
    b.source = 'coref';
    b.strength = Math.max(b.strength, Strength.Cue) as Strength;
  }

  // 7. one type per string; short forms join their full names
  known.clear();
  personTokens.clear();
  fullMemo.clear();
  for (const c of cands) learn(c);
  const aliasKey = new Map<string, Candidate>();
  for (const [b, a] of aliasOf) aliasKey.set(normKey(b.tokens), a);

  const entities: Entity[] = [];
  const canonicalByKey = new Map<string, { canonical: string; id: string }>();
  const personCanonical = (fullKey: string): { canonical: string; id: string } => {
    let hit = canonicalByKey.get(fullKey);
    if (!hit) {
      const k = known.get(fullKey)!;
      const surface = k.first.tokens
        .slice(k.first.cueTokens ?? 0)
        .map((t, i, arr) => t.text + (i < arr.length - 1 ? text.slice(t.end, arr[i + 1].start) : ''))
        .join('');
      hit = { canonical: surface, id: `PERSON:${slug(surface)}` };
      canonicalByKey.set(fullKey, hit);
    }
    return hit;
  };

  for (const c of cands) {
    const key = candKey(c);
    const k = known.get(key)!;
    let type = c.type;
    let entry = c.entry;
    let source = c.source;
    if (k && k.strength > c.strength && k.type !== c.type) {
      type = k.type;
      entry = k.entry ?? entry;
      source = 'coref';
    }
    let canonical: string | undefined;
    let id: string | undefined;
    const alias = aliasOf.get(c) ?? aliasKey.get(key);
    if (alias && alias !== c) {
      const ak = candKey(alias);
      type = alias.type;
      if (alias.entry) {
        canonical = gaz.canonicalFor(alias.entry, language);
        id = alias.entry.entity_id;
      } else if (alias.type === 'PERSON') ({ canonical, id } = personCanonical(fullNameFor(ak) ?? ak));
      else {
        canonical = surfaceOf(text, alias);
        id = `${alias.type}:${slug(canonical)}`;
      }
      if (source !== 'gazetteer') source = 'coref';
    } else if (entry && (entry.kind !== 'city' || type === 'LOCATION') && entry.type === type) {
      canonical = gaz.canonicalFor(entry, language);
      id = entry.entity_id;
    } else if (type === 'PERSON' || (c.strength < Strength.Sure && personTokens.has(key))) {
      const full = c.tokens.length > 1 && known.get(key)?.type === 'PERSON' ? (fullNameFor(key) ?? key) : (fullNameFor(key) ?? key);
      if (full !== key && known.get(full)?.type === 'PERSON' && !(entry && entry.kind !== 'city' && c.strength === Strength.Sure)) {
        type = 'PERSON';
        if (source !== 'gazetteer') source = 'coref';
        ({ canonical, id } = personCanonical(full));
      } else if (type === 'PERSON') ({ canonical, id } = personCanonical(key));
    }
    if (canonical === undefined || id === undefined) {
      canonical = surfaceOf(text, c);
      id = `${type}:${slug(canonical)}`;
    }
    const sectionIndex = (c as Candidate & { section?: number }).section ?? -1;
    entities.push({
      start: c.start,
      end: c.end,
      type,
      text: text.slice(c.start, c.end),
      canonical,
      entity_id: id,
      sentence: c.sentence,
      section: sectionIndex,
      source,
    });
  }
  entities.sort((a, b) => a.start - b.start || b.end - a.end);
  // drop overlaps (keep the earlier/longer)
  const result: Entity[] = [];
  for (const e of entities) {
    const prev = result[result.length - 1];
    if (prev && e.start < prev.end) continue;
    result.push(e);
  }
  return result;
}

function surfaceOf(text: string, c: Candidate): string {
  const from = c.tokens[c.cueTokens ?? 0] ?? c.tokens[0];
  const s = text.slice(from.start, c.end);
  if ((c.cueTokens ?? 0) > 0) return s;
  return s;
}
