import { readFileSync } from 'node:fs';
import type { ReadFailure } from '../ingest/readers.js';
import { writeFileAtomic } from './atomic.js';

export const STATE_VERSION = 1;

/** What the last run knew of one input file. */
export interface InputState {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The articles it produced: their ids, record indexes and fragment keys. */
  docs: { id: string; record: number | null; key: string }[];
  /** Records that failed last time; reported again while the file is unchanged. */
  failures: ReadFailure[];
}

export interface RunState {
  version: number;
  /** Changes when the pipeline, its options or warta's version change: everything is re-analysed then. */
  fingerprint: string;
  inputs: Record<string, InputState>;
}

export function loadState(file: string, fingerprint: string): RunState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as RunState;
    if (state.version === STATE_VERSION && state.fingerprint === fingerprint && state.inputs) return state;
  } catch {
    // no state yet, or unreadable: start over (a full run)
  }
  return { version: STATE_VERSION, fingerprint, inputs: {} };
}

export async function saveState(file: string, state: RunState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(state));
}
