/**
 * `npm run fuzz -- --runs N`: generate N input files (every format, realistic news damaged
 * in every way `inputs.ts` knows), check the reader and pipeline properties on each in a
 * worker thread with a time limit per file (a hang is a violation naming the file), and run
 * `warta run` over them in batches (end-to-end properties; every few batches again at
 * another concurrency for determinism). Prints the counts; exits 1 on any violation
 * and keeps the offending batch under `fuzz-failures/` to reproduce it. `--incremental M` then
 * runs M edit sequences of the incremental-equivalence property (`incremental.ts`), sequence i
 * with seed S + i (`--runs 0 --incremental 1 --seed X` replays the sequence of seed X); a share
 * P of them (default 0.35) kill a run mid-update (a replay needs the same P).
 *
 *   node dist/fuzz/run.js [--runs N] [--seed S] [--batch K] [--determinism-every D] [--file-timeout S] [--no-e2e] [--keep DIR] [--incremental M [--crash-chance P]]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadGazetteer } from '../bench/corpus.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { argValue, hasFlag } from '../bench/args.js';
import type { FileCheck } from './check-worker.js';
import { sampleFile, type GeneratedFile } from './inputs.js';
import { incrementalSequence } from './incremental.js';
import { endToEndViolations } from './properties.js';

const RUNS = Number(argValue('--runs') ?? 1000);
const SEED = Number(argValue('--seed') ?? 20250906);
const BATCH = Number(argValue('--batch') ?? 50);
const DETERMINISM_EVERY = Number(argValue('--determinism-every') ?? 5);
const E2E = !hasFlag('--no-e2e');
const KEEP = path.resolve(argValue('--keep') ?? path.join(PACKAGE_ROOT, 'fuzz-failures'));
const FILE_TIMEOUT_S = Number(argValue('--file-timeout') ?? 120);
const INCREMENTAL = Number(argValue('--incremental') ?? 0);
const CRASH_CHANCE = Number(argValue('--crash-chance') ?? 0.35);
const CHECK_WORKER = fileURLToPath(new URL('./check-worker.js', import.meta.url));

const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * The in-process checks in one worker thread, reused across batches; a file that takes longer
 * than the time limit is reported as a hang, and a fresh worker goes on with the next file.
 */
class Checker {
  private worker: Promise<Worker> | null = null;

  private start(): Promise<Worker> {
    this.worker ??= new Promise((resolve, reject) => {
      const worker = new Worker(CHECK_WORKER, { workerData: { seed: SEED } });
      const onMessage = (m: { ready?: boolean; fatal?: string }) => {
        worker.off('message', onMessage);
        if (m.ready) resolve(worker);
        else reject(new Error(m.fatal ?? 'the check worker did not start'));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.worker;
  }

  async check(from: number, to: number, onResult: (index: number, r: FileCheck | null) => void): Promise<void> {
    let next = from;
    while (next < to) {
      const worker = await this.start();
      next = await new Promise<number>((resolve, reject) => {
        let current = next;
        let timer: NodeJS.Timeout | undefined;
        const finish = (resumeAt: number) => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(resumeAt);
        };
        const onError = (error: Error) => {
          clearTimeout(timer);
          reject(error);
        };
        const onMessage = (m: { index?: number; result?: FileCheck }) => {
          if (m.index === undefined) return;
          if (!m.result) {
            current = m.index;
            clearTimeout(timer);
            timer = setTimeout(() => {
              onResult(current, null);
              void worker.terminate();
              this.worker = null;
              finish(current + 1);
            }, FILE_TIMEOUT_S * 1000);
            return;
          }
          onResult(m.index, m.result);
          if (m.index + 1 >= to) finish(to);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ from: next, to });
      });
    }
  }

  async close(): Promise<void> {
    if (this.worker) await (await this.worker).terminate();
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const gazetteer = await loadGazetteer();
  const counts = { files: 0, byFormat: {} as Record<string, number>, unknown: 0, documents: 0, readerFailures: 0, hangs: 0, e2eRuns: 0, e2eFiles: 0, e2eDocuments: 0, e2eFailures: 0, determinismRuns: 0 };
  const violations: string[] = [];
  const checker = new Checker();
  for (let start = 0, batch = 0; start < RUNS; start += BATCH, batch++) {
    const end = Math.min(RUNS, start + BATCH);
    const files: GeneratedFile[] = [];
    for (let index = start; index < end; index++) files.push(sampleFile(gazetteer, SEED, index));
    const batchViolations: string[] = [];
    await checker.check(start, end, (index, r) => {
      const file = files[index - start];
      counts.files++;
      counts.byFormat[file.format] = (counts.byFormat[file.format] ?? 0) + 1;
      if (!file.expect.known) counts.unknown++;
      if (r === null) {
        counts.hangs++;
        batchViolations.push(`in/${file.name}: no result within --file-timeout ${FILE_TIMEOUT_S} s (a hang)`);
        return;
      }
      counts.documents += r.documents;
      counts.readerFailures += r.failures;
      batchViolations.push(...r.violations);
    });
    if (E2E) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'warta-fuzz-'));
      const determinism = DETERMINISM_EVERY > 0 && batch % DETERMINISM_EVERY === 0;
      const outcome = endToEndViolations(files, dir, determinism);
      counts.e2eRuns++;
      counts.e2eFiles += files.length;
      counts.e2eDocuments += outcome.documents;
      counts.e2eFailures += outcome.failures;
      if (determinism) counts.determinismRuns++;
      batchViolations.push(...outcome.violations);
      if (batchViolations.length) {
        const keep = path.join(KEEP, `seed${SEED}-batch${batch}`);
        cpSync(path.join(dir, 'in'), keep, { recursive: true });
        log(`  batch ${batch}: kept its input files in ${keep}`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    violations.push(...batchViolations);
    log(`fuzz: ${counts.files}/${RUNS} files, ${counts.documents} documents, ${violations.length} violation(s), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    if (batchViolations.length) for (const v of batchViolations.slice(0, 20)) log(`  VIOLATION ${v}`);
  }
  await checker.close();
  const sequences = { runs: 0, edits: 0, kills: 0, inPlace: 0, prefixCopies: 0, untouched: 0 };
  for (let i = 0; i < INCREMENTAL; i++) {
    const seed = SEED + i;
    const outcome = await incrementalSequence(gazetteer, seed, mkdtempSync(path.join(os.tmpdir(), `warta-fuzz-incremental-${seed}-`)), { crashChance: CRASH_CHANCE });
    sequences.runs += outcome.runs;
    sequences.edits += outcome.edits.length - 1;
    sequences.kills += outcome.kills;
    sequences.inPlace += outcome.inPlace;
    sequences.prefixCopies += outcome.prefixCopies;
    sequences.untouched += outcome.untouched;
    violations.push(...outcome.violations);
    log(`fuzz: incremental sequence ${i + 1}/${INCREMENTAL} (seed ${seed}): ${outcome.edits.length - 1} edits, ${outcome.violations.length ? 'DIFFERS' : 'same bytes'}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    for (const v of outcome.violations) log(v);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`warta fuzz: seed ${SEED}`);
  if (RUNS > 0) {
    console.log(`  ${counts.files} generated files (${Object.entries(counts.byFormat).map(([k, v]) => `${v} ${k}`).join(', ')}; ${counts.unknown} damaged beyond a record-by-record expectation: bytes or markup, checked for every record accounted for)`);
    console.log(`  in-process (worker thread, ${FILE_TIMEOUT_S} s per file): ${counts.files} files read, ${counts.documents} documents analysed twice each, ${counts.readerFailures} expected record failures named, ${counts.hangs} hang(s)`);
    if (E2E) console.log(`  warta run: ${counts.e2eRuns} runs over ${counts.e2eFiles} files (${counts.e2eDocuments} documents written, ${counts.e2eFailures} failures in run.json), ${counts.determinismRuns} re-run at 1 worker for determinism`);
  }
  if (INCREMENTAL > 0) {
    console.log(`  incremental = fresh: ${INCREMENTAL} edit sequences (seeds ${SEED}..${SEED + INCREMENTAL - 1}), ${sequences.edits} edits, ${sequences.runs} warta runs, ${sequences.inPlace} updates in place, ${sequences.prefixCopies} prefix copies, ${sequences.kills} runs killed mid-update, ${sequences.untouched} runs after touches alone that left the data files untouched`);
  }
  console.log(`  ${violations.length} violation(s) in ${seconds.toFixed(0)} s`);
  for (const v of violations.slice(0, 50)) console.log(`  * ${v}`);
  process.exitCode = violations.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
