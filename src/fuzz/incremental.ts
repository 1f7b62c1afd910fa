/**
 * The incremental-equivalence property: however an input folder is edited between runs, an
 * incremental `warta run` writes the same bytes as a fresh `--full` run on the same input
 * (README, *Cron-friendly incremental runs*), at any concurrency, updated in place or with
 * `--atomic-outputs`, and after a run killed mid-update.
 *
 * One sequence (one seed): a small folder of generated news (`edits.ts`), then 3–8 random
 * edits; after the first folder and after each edit, `warta run` into `out/` (1 or 2 workers,
 * sometimes `--atomic-outputs`; in some sequences killed at a random step of an in-place update
 * and run again, right away or after the next edit), then a `--full` run into an empty folder, and the five data files compared
 * byte for byte, with the exit code and run.json's file, written and failure counts and failures.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Gazetteer } from '../bench/corpus.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { mulberry32 } from '../random.js';
import { DATA_FILES } from '../sinks/files.js';
import type { InPlaceStep } from '../sinks/in-place.js';
import { NewsFolder, type Edit } from './edits.js';

const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
const CHILD = path.join(PACKAGE_ROOT, 'dist', 'fuzz', 'run-child.js');
const STEPS: readonly InPlaceStep[] = ['journal', 'patched', 'appended', 'saved'];

export interface SequenceOptions {
  /** Per `warta run` (ms). */
  timeoutMs?: number;
  /** Probability that the sequence kills one of its runs mid-update (default 0.35). */
  crashChance?: number;
  /** Remove the work folder even when the sequence found a difference (tests). */
  alwaysClean?: boolean;
  /** Number of edits (default: 3–8, drawn from the seed). */
  edits?: number;
}

export interface SequenceOutcome {
  seed: number;
  edits: Edit[];
  /** `warta run`s made (incremental, killed and fresh). */
  runs: number;
  /** Runs killed at an in-place step (a run that never reached its step is not counted). */
  kills: number;
  /** Incremental runs that updated the outputs in place / copied a prefix (`--atomic-outputs`). */
  inPlace: number;
  prefixCopies: number;
  /** Runs after touches alone that analysed nothing, checked to leave the data files untouched. */
  untouched: number;
  violations: string[];
  /** The work folder, kept when there are violations. */
  dir: string;
}

interface RunResult {
  status: number | null;
  stderr: string;
  /** In-place steps printed by a killable child. */
  steps: string[];
  killed: boolean;
}

function launch(command: string[], cwd: string, timeoutMs: number, killAt?: InPlaceStep): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const steps: string[] = [];
    let killed = false;
    const timer = setTimeout(() => {
      stderr += `\n(no result within ${timeoutMs / 1000} s: killed)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('step ')) return;
      steps.push(line.slice(5));
      if (killAt !== undefined && line === `step ${killAt}`) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, steps, killed });
    });
  });
}

interface RunJson {
  counts: { files: number; written: number; failed: number; processed: number; unchanged: number };
  failures: unknown[];
  outputs_rewritten: boolean;
  phase_ms: Record<string, number>;
}

function readRunJson(out: string): RunJson | null {
  try {
    return JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as RunJson;
  } catch {
    return null;
  }
}

const modificationTimes = (out: string) => DATA_FILES.map((f) => (existsSync(path.join(out, f)) ? statSync(path.join(out, f)).mtimeMs : -1));

/** The first line where two texts differ, both sides shortened, or null when they are equal. */
export function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  const la = a.toString('utf8').split('\n');
  const lb = b.toString('utf8').split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const show = (s: string | undefined) => (s === undefined ? '(end of file)' : JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s));
  return `line ${i + 1}: incremental ${show(la[i])}, fresh ${show(lb[i])} (${la.length} against ${lb.length} lines)`;
}

/** Differences between an incremental output folder and a fresh one. */
export function compareOutputs(incremental: string, fresh: string): string[] {
  const problems: string[] = [];
  for (const name of DATA_FILES) {
    const a = path.join(incremental, name);
    const b = path.join(fresh, name);
    if (!existsSync(a) || !existsSync(b)) {
      if (existsSync(a) !== existsSync(b)) problems.push(`${name}: only in the ${existsSync(a) ? 'incremental' : 'fresh'} output`);
      continue;
    }
    const diff = firstDifference(readFileSync(a), readFileSync(b));
    if (diff) problems.push(`${name} differs at ${diff}`);
  }
  const ra = readRunJson(incremental);
  const rb = readRunJson(fresh);
  if (!ra || !rb) problems.push(`run.json missing in the ${ra ? 'fresh' : 'incremental'} output`);
  else {
    for (const key of ['files', 'written', 'failed'] as const) {
      if (ra.counts[key] !== rb.counts[key]) problems.push(`run.json counts.${key}: incremental ${ra.counts[key]}, fresh ${rb.counts[key]}`);
    }
    const fa = JSON.stringify(ra.failures);
    const fb = JSON.stringify(rb.failures);
    if (fa !== fb) problems.push(`run.json failures: incremental ${fa.slice(0, 400)}, fresh ${fb.slice(0, 400)}`);
  }
  return problems;
}

/**
 * Run one edit sequence in `dir` (created; removed afterwards unless something differed).
 * Deterministic in `seed`: the same folder, edits, concurrencies, flags and kill steps.
 */
export async function incrementalSequence(gazetteer: Gazetteer, seed: number, dir: string, options: SequenceOptions = {}): Promise<SequenceOutcome> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const r = mulberry32(seed * 7919 + 17);
  const input = path.join(dir, 'in');
  mkdirSync(input, { recursive: true });
  const folder = new NewsFolder(input, gazetteer, seed);
  const outcome: SequenceOutcome = { seed, edits: [], runs: 0, kills: 0, inPlace: 0, prefixCopies: 0, untouched: 0, violations: [], dir };
  const drawn = 3 + Math.floor(r() * 6);
  const edits = options.edits ?? drawn;
  // one run of the sequence may be killed mid-update (never the first: nothing to update in place)
  const crashFrom = r() < (options.crashChance ?? 0.35) ? 1 + Math.floor(r() * edits) : -1;

  /** The last run was killed mid-update and not run again: the next one rewrites the outputs. */
  let spoiled = false;
  for (let step = 0; step <= edits && outcome.violations.length === 0; step++) {
    outcome.edits.push(step === 0 ? folder.populate() : folder.edit());
    const concurrency = r() < 0.5 ? 1 : 2;
    const atomic = r() < 0.25;
    const flags = [`-c ${concurrency}`, ...(atomic ? ['--atomic-outputs'] : [])];
    const args = ['run', '-i', 'in', '-o', 'out', '--no-report', '-q', '-c', String(concurrency), ...(atomic ? ['--atomic-outputs'] : [])];
    // README: "when nothing changed, leaves every data file untouched" (checked after touches alone)
    const onlyTouched = step > 0 && outcome.edits[step].split(' + ').every((e) => e.startsWith('touch '));
    const before = onlyTouched && !spoiled ? modificationTimes(path.join(dir, 'out')) : null;
    spoiled = false;
    let incremental: RunResult;
    // from the drawn step on, runs go through the killable child until one is killed mid-update
    // (a run that does not update in place finishes normally and is this step's run)
    if (crashFrom > 0 && step >= crashFrom && outcome.kills === 0) {
      const killAt = STEPS[Math.floor(r() * STEPS.length)];
      const child = await launch([CHILD, 'in', 'out', '', String(concurrency), killAt], dir, timeoutMs, killAt);
      outcome.runs++;
      if (child.killed) {
        outcome.kills++;
        outcome.edits[step] += `; run -c ${concurrency} killed after in-place step "${killAt}"`;
        // sometimes the folder changes again before the next run finds the half-done update
        if (step < edits && r() < 0.5) {
          outcome.edits[step] += '; no run before the next edit';
          spoiled = true;
          continue;
        }
        incremental = await launch([CLI, ...args], dir, timeoutMs);
        outcome.runs++;
        outcome.edits[step] += `; run again ${flags.join(' ')}`;
      } else {
        incremental = child;
        outcome.edits[step] += `; run -c ${concurrency} (to be killed at "${killAt}", did not update in place)`;
      }
    } else {
      incremental = await launch([CLI, ...args], dir, timeoutMs);
      outcome.runs++;
      outcome.edits[step] += `; run ${flags.join(' ')}`;
    }
    const fresh = path.join(dir, 'fresh');
    rmSync(fresh, { recursive: true, force: true });
    const full = await launch([CLI, 'run', '-i', 'in', '-o', 'fresh', '--no-report', '-q', '--full', '-c', String(3 - concurrency)], dir, timeoutMs);
    outcome.runs++;
    const problems: string[] = [];
    if (incremental.status !== full.status) problems.push(`exit code: incremental ${incremental.status}, fresh ${full.status} (${incremental.stderr.slice(0, 300)} | ${full.stderr.slice(0, 300)})`);
    if (incremental.status !== 0 && incremental.status !== 1) problems.push(`incremental run exited ${incremental.status}: ${incremental.stderr.slice(0, 600)}`);
    if (full.status !== 0 && full.status !== 1) problems.push(`fresh run exited ${full.status}: ${full.stderr.slice(0, 600)}`);
    if (problems.length === 0) problems.push(...compareOutputs(path.join(dir, 'out'), fresh));
    // a run that wrote no run.json died before its end: say why
    for (const [what, result, out] of [['incremental', incremental, 'out'], ['fresh', full, 'fresh']] as const) {
      if (problems.length > 0 && !existsSync(path.join(dir, out, 'run.json'))) problems.push(`the ${what} run wrote no run.json; its stderr: ${result.stderr.slice(0, 600)}`);
    }
    const info = readRunJson(path.join(dir, 'out'));
    if (info?.phase_ms.write_in_place !== undefined) outcome.inPlace++;
    if (info?.phase_ms.write_prefix !== undefined) outcome.prefixCopies++;
    if (before && info?.counts.processed === 0 && !outcome.edits[step].includes('killed')) {
      outcome.untouched++;
      const after = modificationTimes(path.join(dir, 'out'));
      if (info.outputs_rewritten || after.some((t, f) => t !== before[f])) problems.push(`only touched files and nothing analysed, yet the data files were rewritten (outputs_rewritten ${info.outputs_rewritten})`);
    }
    if (problems.length > 0) {
      outcome.violations.push(
        [
          `seed ${seed}: after step ${step} the incremental run breaks the contract (fresh --full run's bytes; data files untouched when nothing changed)`,
          ...outcome.edits.map((e, i) => `  ${i}. ${e}`),
          ...problems.map((p) => `  - ${p}`),
          `  (inputs and outputs kept in ${dir})`,
        ].join('\n'),
      );
    }
  }
  if (outcome.violations.length === 0 || options.alwaysClean) rmSync(dir, { recursive: true, force: true });
  return outcome;
}
