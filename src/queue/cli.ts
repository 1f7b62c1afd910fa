import { InvalidArgumentError, type Command } from 'commander';
import { describeFailure } from '../ingest/readers.js';
import { DEFAULT_ATTEMPTS, DEFAULT_QUEUE_NAME } from './jobs.js';

// BullMQ, ioredis and the database drivers load only when a queue command runs, not on every
// `warta run` (they cost ~0.3 s of start-up)

/** Exit codes as `warta run`'s (README). */
const OK = 0;
const SOME_FAILED = 1;

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError('must be a number of seconds from 0 to 3600');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const QUEUE_HELP = 'Redis server of the queue: redis://[USER:PASSWORD@]HOST:PORT[/DB]';
const NAME_HELP = 'queue name (several queues can share one Redis)';

/**
 * `warta enqueue`, `warta worker` and `warta queue status`: one analysis spread over machines
 * through a BullMQ queue on Redis, results in a shared database sink. `setExit` receives the
 * command's exit code; errors (ConfigError: exit 2) propagate to the caller.
 */
export function registerQueueCommands(program: Command, setExit: (code: number) => void, parseDate: (value: string) => string): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  const err = (line: string) => process.stderr.write(`warta: ${line}\n`);

  program
    .command('enqueue')
    .description('add jobs for new or changed inputs to a queue (workers on any machine analyse them)')
    .requiredOption('--queue <redis-url>', QUEUE_HELP)
    .option('--name <queue>', NAME_HELP, DEFAULT_QUEUE_NAME)
    .option('-i, --input <path>', 'file, folder (recursive) or glob; repeatable', collect, [] as string[])
    .option('-p, --pipeline <file|name>', 'pipeline file, or the name of one in pipelines/ (its text travels with the jobs)', 'news')
    .option('--full', 'enqueue every input again, even those enqueued before', false)
    .option('--reference-date <YYYY-MM-DD>', 'anchor for relative dates in articles without a publication date', parseDate)
    .option('--attempts <n>', 'tries per job before it is failed', wholeNumber(1, 100), DEFAULT_ATTEMPTS)
    .option('-q, --quiet', 'print errors only', false)
    .action(async (opts) => {
      const { enqueue } = await import('./enqueue.js');
      const summary = await enqueue({
        queue: opts.queue,
        name: opts.name,
        inputs: opts.input.length ? opts.input : ['input'],
        pipeline: opts.pipeline,
        full: opts.full,
        referenceDate: opts.referenceDate,
        attempts: opts.attempts,
      });
      for (const f of summary.failures) err(describeFailure(f));
      if (!opts.quiet) {
        out(
          `warta: ${summary.files} input files, ${summary.unchanged} enqueued before, ${summary.enqueued} enqueued: ` +
            `${summary.jobsAdded} job${summary.jobsAdded === 1 ? '' : 's'} added (${summary.units} files and records) in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
        );
      }
      setExit(summary.failures.length > 0 ? SOME_FAILED : OK);
    });

  program
    .command('worker')
    .description('analyse jobs from a queue and write their articles to a database sink, until stopped (SIGTERM)')
    .requiredOption('--queue <redis-url>', QUEUE_HELP)
    .option('--name <queue>', NAME_HELP, DEFAULT_QUEUE_NAME)
    .requiredOption('--sink <spec>', 'database the articles go to: postgres://USER@HOST:PORT/DB (or sqlite:PATH for one machine)')
    .option('-c, --concurrency <n>', 'analysis threads', wholeNumber(1, 256), 1)
    .option('--lock-seconds <s>', 'a job whose worker is silent this long (killed) goes to another worker', positiveSeconds, 30)
    .option('--exit-when-empty', 'stop once no job is waiting, delayed or in progress', false)
    .option('-q, --quiet', 'print errors only', false)
    .action(async (opts) => {
      const { runWorker } = await import('./worker.js');
      const summary = await runWorker({
        queue: opts.queue,
        name: opts.name,
        sink: opts.sink,
        concurrency: opts.concurrency,
        lockSeconds: opts.lockSeconds,
        exitWhenEmpty: opts.exitWhenEmpty,
        log: err,
      });
      if (!opts.quiet) {
        out(`warta: worker done: ${summary.completed} jobs completed, ${summary.failed} failed, ${summary.written} articles written in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
      }
      setExit(summary.failed > 0 ? SOME_FAILED : OK);
    });

  program
    .command('queue')
    .description('inspect a queue')
    .command('status')
    .description('waiting, active, delayed, completed and failed jobs; failed jobs and rejected records with their messages')
    .requiredOption('--queue <redis-url>', QUEUE_HELP)
    .option('--name <queue>', NAME_HELP, DEFAULT_QUEUE_NAME)
    .option('--json', 'print JSON', false)
    .action(async (opts) => {
      const { queueStatus, renderStatus } = await import('./status.js');
      const status = await queueStatus(opts.queue, opts.name);
      process.stdout.write(opts.json ? JSON.stringify(status, null, 2) + '\n' : renderStatus(status));
      setExit(status.counts.failed > 0 ? SOME_FAILED : OK);
    });
}
