/**
 * A mention before canonical names are assigned: span, type, what decided it,
 * and the tokens the document pass compares.
 */
import type { EntityType } from '../doc.js';
import type { GazetteerEntry } from './gazetteer.js';
import type { Token } from './tokens.js';

export type MentionSource = 'gazetteer' | 'rule' | 'model' | 'coref';

export interface Mention {
  /** UTF-16 offsets into the document text. */
  start: number;
  end: number;
  type: EntityType;
  source: MentionSource;
  /** The gazetteer entry the whole span matches, when one does. */
  entry?: GazetteerEntry;
  /** The type is certain (a country, a province, a curated or user list entry): the document pass keeps it. */
  sure: boolean;
  /** The tagger's calibrated confidence when the stage asks for one (`min_model_score` above 0), else 1. */
  score: number;
  tokens: Token[];
  sentence: number;
  section: number;
  /** Leading lower-case cue tokens the canonical name skips (`kota Pati`). */
  cueTokens?: number;
  /** Cached `normKey`. */
  key?: string;
}

/** `Kim Jong-un` and `Kim Jong Un` share a key: lower case, dashes and apostrophes as spaces, dots dropped. */
export function normKey(tokens: readonly Token[], from = 0): string {
  let s = '';
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '.' || t.text === '-' || t.text === '‐') continue;
    if (s) s += ' ';
    const k = t.key;
    s += k.includes('-') || k.includes("'") || k.includes('‐') ? k.replace(/[-‐']+/g, ' ') : k;
  }
  return s;
}

/** The mention's `normKey` (after its lower-case cue words), computed once. */
export function mentionKey(m: Mention): string {
  return (m.key ??= normKey(m.tokens, m.cueTokens ?? 0));
}

/**
 * A mention with every field present, always in the same order. Mentions made as object literals
 * of different shapes (with or without `entry`, `cueTokens`, `key`; spread copies) made V8 compile
 * the functions that read them again and again ("wrong map" deopts: `resolveEntities` six times,
 * `decideTypes`, `trimMention`, `applySureNames` four or five times in the first 1,500 articles).
 */
export function shapeMention(m: Mention): Mention {
  return {
    start: m.start,
    end: m.end,
    type: m.type,
    source: m.source,
    entry: m.entry,
    sure: m.sure,
    score: m.score,
    tokens: m.tokens,
    sentence: m.sentence,
    section: m.section,
    cueTokens: m.cueTokens,
    key: m.key,
  };
}

/** Tokens [a, b) of a mention as a mention of its own; the gazetteer entry goes with the whole only. */
export function sliceMention(m: Mention, a: number, b: number): Mention {
  const tokens = m.tokens.slice(a, b);
  return shapeMention({ ...m, tokens, start: tokens[0].start, end: tokens[tokens.length - 1].end, key: undefined, entry: a === 0 && b === m.tokens.length ? m.entry : undefined });
}
