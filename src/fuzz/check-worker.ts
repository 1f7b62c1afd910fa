/**
 * The in-process half of `npm run fuzz` in a worker thread, so that a hang is caught: the
 * parent (run.ts) gives each file a time limit and terminates this worker when a file does not
 * finish, naming the file. It takes jobs `{ from, to }` (file indices of the run's seed) and
 * answers `{ index }` when a file starts, then `{ index, result }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../analyze.js';
import { loadGazetteer } from '../bench/corpus.js';
import { sampleFile } from './inputs.js';
import { pipelineViolations, readerViolations, readGenerated } from './properties.js';

export interface FileCheck {
  format: string;
  known: boolean;
  documents: number;
  failures: number;
  violations: string[];
}

interface Job {
  from: number;
  to: number;
}

async function main(): Promise<void> {
  const { seed } = workerData as { seed: number };
  const gazetteer = await loadGazetteer();
  const analyzer = await createAnalyzer();
  parentPort!.on('message', (job: Job) => {
    void (async () => {
      for (let index = job.from; index < job.to; index++) {
        parentPort!.postMessage({ index });
        const file = sampleFile(gazetteer, seed, index);
        const result: FileCheck = { format: file.format, known: file.expect.known, documents: 0, failures: 0, violations: [] };
        try {
          const read = await readGenerated(file);
          result.violations.push(...readerViolations(file, read));
          result.documents = read.docs.length;
          result.failures = read.failures.length;
          for (let d = 0; d < read.docs.length; d++) result.violations.push(...(await pipelineViolations(analyzer, file, d)));
        } catch (error) {
          result.violations.push(`in/${file.name}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        parentPort!.postMessage({ index, result });
      }
    })();
  });
  parentPort!.postMessage({ ready: true });
}

main().catch((error) => {
  parentPort!.postMessage({ fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
