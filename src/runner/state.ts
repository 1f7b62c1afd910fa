import { readFileSync } from 'node:fs';
import type { ReadFailure } from '../ingest/readers.js';
import { decodeArticleTable, encodeArticleTable, type ArticleTable, type SegmentNames } from './article-table.js';
import { AtomicFile, writeFileAtomic } from '../sinks/atomic.js';

export const STATE_VERSION = 2;

/** A failure remembered for an unchanged record: reported again without re-analysis. */
export interface StoredFailure extends ReadFailure {
  /** Content hash of the failed record (streamed files), so only the same record reuses it. */
  hash?: string;
}

/** What the last run knew of one input file (`state.json`); its articles are in the article table. */
export interface InputState {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** Modification date the articles were analysed with (relative dates may depend on it). */
  fileDate?: string;
  /** Number of articles it produced (their entries are in `.warta/articles.bin`). */
  articles: number;
  /** Records that failed last time; reported again while they are unchanged. */
  failures: StoredFailure[];
  /** JSONL ending with a line break: its record count and the line an appended record starts on. */
  tail?: { records: number; line: number };
}

export interface RunState {
  version: number;
  /** Changes when the pipeline, its options or warta's version change: everything is re-analysed then. */
  fingerprint: string;
  inputs: Record<string, InputState>;
  /** Segment files the article table refers to; any other file in the segment folder is garbage. */
  segments: string[];
  /** Articles in the outputs, and the duplicate ids left out of them (reported again while nothing changes). */
  written?: number;
  duplicates?: ReadFailure[];
}

export function emptyState(fingerprint: string): RunState {
  return { version: STATE_VERSION, fingerprint, inputs: {}, segments: [] };
}

export function loadState(file: string, fingerprint: string): RunState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as RunState;
    if (state.version === STATE_VERSION && state.fingerprint === fingerprint && state.inputs && Array.isArray(state.segments)) return state;
  } catch {
    // no state yet, or unreadable: start over (a full run)
  }
  return emptyState(fingerprint);
}

/** The segments a saved state refers to, whatever its version or fingerprint (the rest may be deleted). */
export function segmentsReferenced(file: string): Set<string> {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunState>;
    return new Set(Array.isArray(state.segments) ? state.segments : []);
  } catch {
    return new Set();
  }
}

export async function saveState(file: string, state: RunState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(state));
}

/**
 * The articles of every input, loaded only when a run has something to change (an unchanged run
 * never reads it). Null when it is missing or does not match the state: nothing can be reused.
 */
export function loadArticles(file: string, state: RunState, names: SegmentNames): ArticleTable | null {
  let table: ArticleTable;
  try {
    table = decodeArticleTable(readFileSync(file), names);
  } catch {
    return null;
  }
  for (const [input, info] of Object.entries(state.inputs)) {
    if ((table.get(input)?.count ?? 0) !== info.articles) return null;
  }
  return table;
}

export function saveArticles(file: string, table: ArticleTable, names: SegmentNames): void {
  const out = new AtomicFile(file);
  try {
    out.writev(encodeArticleTable(table, names));
    out.finish();
    out.publish();
  } catch (error) {
    out.abort();
    throw error;
  }
}
