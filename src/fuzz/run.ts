/**
 * `npm run fuzz -- --runs N`: generate N input files (every format, realistic news damaged
 * in every way `inputs.ts` knows), check the reader and pipeline properties on each in this
 * process, and run `warta run` over them in batches (end-to-end properties; every few batches
 * again at another concurrency for determinism). Prints the counts; exits 1 on any violation
 * and keeps the offending batch under `fuzz-failures/` to reproduce it.
 *
 *   node dist/fuzz/run.js [--runs N] [--seed S] [--batch K] [--determinism-every D] [--no-e2e] [--keep DIR]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../analyze.js';
import { loadGazetteer } from '../bench/corpus.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { sampleFile, type GeneratedFile } from './inputs.js';
import { endToEndViolations, pipelineViolations, readerViolations, readGenerated } from './properties.js';
import { argValue, hasFlag } from '../bench/args.js';


const RUNS = Number(argValue('--runs') ?? 1000);
const SEED = Number(argValue('--seed') ?? 20250906);
const BATCH = Number(argValue('--batch') ?? 50);
const DETERMINISM_EVERY = Number(argValue('--determinism-every') ?? 5);
const E2E = !hasFlag('--no-e2e');
const KEEP = path.resolve(argValue('--keep') ?? path.join(PACKAGE_ROOT, 'fuzz-failures'));

const log = (m: string) => process.stderr.write(`${m}\n`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const gazetteer = await loadGazetteer();
  const analyzer = await createAnalyzer();
  const counts = { files: 0, byFormat: {} as Record<string, number>, unknown: 0, documents: 0, readerFailures: 0, e2eRuns: 0, e2eFiles: 0, e2eDocuments: 0, e2eFailures: 0, determinismRuns: 0 };
  const violations: string[] = [];
  for (let start = 0, batch = 0; start < RUNS; start += BATCH, batch++) {
    const files: GeneratedFile[] = [];
    const batchViolations: string[] = [];
    for (let index = start; index < Math.min(RUNS, start + BATCH); index++) {
      const file = sampleFile(gazetteer, SEED, index);
      files.push(file);
      counts.files++;
      counts.byFormat[file.format] = (counts.byFormat[file.format] ?? 0) + 1;
      if (!file.expect.known) counts.unknown++;
      try {
        const read = await readGenerated(file);
        batchViolations.push(...readerViolations(file, read));
        counts.documents += read.docs.length;
        counts.readerFailures += read.failures.length;
        for (let d = 0; d < read.docs.length; d++) batchViolations.push(...(await pipelineViolations(analyzer, file, d)));
      } catch (error) {
        batchViolations.push(`in/${file.name}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
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
  const seconds = (performance.now() - t0) / 1000;
  console.log(`warta fuzz: seed ${SEED}, ${counts.files} generated files (${Object.entries(counts.byFormat).map(([k, v]) => `${v} ${k}`).join(', ')}; ${counts.unknown} damaged beyond a record-by-record expectation: bytes or markup, checked for every record accounted for)`);
  console.log(`  in-process: ${counts.files} files read, ${counts.documents} documents analysed twice each, ${counts.readerFailures} expected record failures named`);
  if (E2E) console.log(`  warta run: ${counts.e2eRuns} runs over ${counts.e2eFiles} files (${counts.e2eDocuments} documents written, ${counts.e2eFailures} failures in run.json), ${counts.determinismRuns} re-run at 1 worker for determinism`);
  console.log(`  ${violations.length} violation(s) in ${seconds.toFixed(0)} s`);
  for (const v of violations.slice(0, 50)) console.log(`  * ${v}`);
  process.exitCode = violations.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
