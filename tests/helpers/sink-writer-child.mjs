// A separate process that writes the crash test's batches into a sink, so that the test can kill
// it with SIGKILL at a chosen moment:
//   node sink-writer-child.mjs apply SPEC RECORDS.jsonl [PAUSE_BATCH PAUSE_OP]
//   node sink-writer-child.mjs converge SPEC RECORDS.jsonl
// `apply` prints `begin K`, `op K I`, `committing K`, `committed K`; with a pause point it prints
// `paused K I` after that operation and waits (its earlier writes already sent) to be killed.
// `converge` brings the sink to the final state with syncSink and prints the result as JSON.
import { readFileSync } from 'node:fs';
import { recordArticle } from '../../dist/sinks/article.js';
import { createSink } from '../../dist/sinks/open.js';
import { syncSink } from '../../dist/sinks/sync.js';
import { planBatches, stateAfter } from './kill-plan.mjs';

const [mode, spec, recordsFile, pauseBatch, pauseOp] = process.argv.slice(2);
const records = readFileSync(recordsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const batches = planBatches(records);
const say = (line) => process.stdout.write(`${line}\n`);

const sink = createSink(spec, { flushRows: 300 });
await sink.open();
if (mode === 'apply') {
  for (let k = 0; k < batches.length; k++) {
    say(`begin ${k}`);
    await sink.begin();
    for (let i = 0; i < batches[k].length; i++) {
      const op = batches[k][i];
      if (op.write) await sink.write(recordArticle(op.write));
      else await sink.delete(op.delete);
      say(`op ${k} ${i}`);
      if (String(k) === pauseBatch && String(i) === pauseOp) {
        // let the flush in flight reach the database, then wait for the kill
        await new Promise((resolve) => setTimeout(resolve, 200));
        say(`paused ${k} ${i}`);
        await new Promise(() => setInterval(() => {}, 1000));
      }
    }
    say(`committing ${k}`);
    await sink.commit();
    say(`committed ${k}`);
  }
} else if (mode === 'converge') {
  const target = [...stateAfter(batches, batches.length).values()].map(recordArticle);
  say(JSON.stringify(await syncSink(sink, target, { batchSize: 25 })));
}
await sink.close();
say('done');
