// `warta run` in a separate process that stops at a chosen step of an in-place update of its
// outputs, so that the crash test can kill it there with SIGKILL:
//   node run-child.mjs INPUT OUTPUT PIPELINE CONCURRENCY STEP
// It prints `step NAME` after each step (`src/sinks/in-place.ts`); at STEP it waits to be killed.
// A run that never updates in place prints `done` and exits.
import { run } from '../../dist/runner/run.js';
import { createReporter } from '../../dist/runner/progress.js';

const [input, outputDir, pipeline, concurrency, pauseAt] = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);

await run({
  inputs: [input],
  outputDir,
  pipeline,
  concurrency: Number(concurrency),
  report: false,
  reporter: createReporter('quiet'),
  onInPlaceStep: async (step) => {
    say(`step ${step}`);
    if (step === pauseAt) await new Promise(() => setInterval(() => {}, 1000));
  },
});
say('done');
