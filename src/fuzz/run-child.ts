/**
 * `warta run` in a process of its own that stops at a chosen step of an in-place update of its
 * outputs, for a test or the incremental fuzzer to kill it there (SIGKILL, like a crash):
 *
 *   node dist/fuzz/run-child.js INPUT OUTPUT PIPELINE CONCURRENCY STEP [atomic]
 *
 * PIPELINE '' is the default one. Prints `step NAME` after each step (`src/sinks/in-place.ts`)
 * and at STEP waits to be killed; a run that never reaches STEP prints `done` and exits as
 * `warta run` would (1 when something failed).
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { createReporter } from '../runner/progress.js';
import { run } from '../runner/run.js';

const [input, outputDir, pipeline, concurrency, pauseAt, atomic] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

const summary = await run({
  inputs: [input],
  outputDir,
  pipeline: pipeline || undefined,
  concurrency: Number(concurrency),
  atomicOutputs: atomic === 'atomic',
  report: false,
  reporter: createReporter('quiet'),
  onInPlaceStep: async (step) => {
    say(`step ${step}`);
    if (step === pauseAt) await new Promise(() => setInterval(() => {}, 1000));
  },
});
say('done');
process.exitCode = summary.failures.length > 0 ? 1 : 0;
