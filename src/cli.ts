#!/usr/bin/env node
// natural (used by some stages) prints dotenv notices on import unless told not to.
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { describeFailure } from './ingest/readers.js';
import { ConfigError } from './pipeline.js';
import { registerQueueCommands } from './queue/cli.js';
import { LockHeldError } from './runner/lock.js';
import { createReporter } from './runner/progress.js';
import { run, type RunSummary } from './runner/run.js';
import { SinkConfigError } from './sinks/sink.js';
import { VERSION } from './version.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2, locked: 3, internal: 4 } as const;

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('must be a whole number from 1 to 256');
  return n;
}

function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !date || date.getUTCDate() !== +m[3] || date.getUTCMonth() !== +m[2] - 1) {
    throw new InvalidArgumentError('must be a calendar date YYYY-MM-DD');
  }
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function summaryLine(summary: RunSummary): string {
  const c = summary.counts;
  const seconds = (summary.elapsed_ms / 1000).toFixed(1);
  const parts = [
    `${c.processed} article${c.processed === 1 ? '' : 's'} analysed`,
    `${c.unchanged} unchanged`,
    `${c.failed} failed`,
  ];
  if (c.files_deleted) parts.push(`${c.files_deleted} file${c.files_deleted === 1 ? '' : 's'} removed`);
  const sinks = (summary.sinks ?? [])
    .filter((s) => s.error === undefined)
    .map((s) => `; ${s.name}: ${s.written} written, ${s.deleted} deleted, ${s.unchanged} unchanged`)
    .join('');
  return `warta: ${parts.join(', ')}; ${c.written} written to ${summary.output}/ in ${seconds} s (${summary.docs_per_second} docs/s)${sinks}`;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('warta')
    .description('Turn folders of news articles into clean, structured CSV and JSON')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError('(run `warta run --help` for usage)');

  program
    .command('run')
    .description('analyse news files into documents.jsonl, articles.csv, sentences.csv, entities.csv, dates.csv and run.json')
    .option('-i, --input <path>', 'file, folder (recursive) or glob; repeatable', collect, [] as string[])
    .option('-o, --output <dir>', 'output folder', 'output')
    .option('-p, --pipeline <file|name>', 'pipeline file, or the name of one in pipelines/', 'news')
    .option('-c, --concurrency <n>', 'worker threads (default: one per available core)', parseConcurrency)
    .option('--full', 're-analyse every input, ignoring the incremental state', false)
    .option('--reference-date <YYYY-MM-DD>', 'anchor for relative dates in articles without a publication date', parseDate)
    .option('-g, --gazetteer <file.csv>', 'extra gazetteer (columns text,type,canonical); repeatable', collect, [] as string[])
    .option('-s, --sink <spec>', 'also write to a database: sqlite:PATH.db or postgres://USER@HOST:PORT/DB; repeatable', collect, [] as string[])
    .option('--no-report', 'do not write report.html')
    .option('--atomic-outputs', 'replace the data files whole (copy + rename) instead of updating them in place: readers never see a file mid-update', false)
    .option('-q, --quiet', 'print errors only', false)
    .addHelpText(
      'after',
      `
Exit codes:
  0  every input was read and analysed
  1  some inputs or records failed (the rest were written; see run.json),
     or a database sink failed during the run (its committed batches are kept)
  2  usage or configuration error, or a database sink that cannot be used (nothing written)
  3  another run holds the output folder's lock
  4  internal error (a bug: please report it with the message)

Examples:
  warta run                                  # input/ -> output/
  warta run -i news/ -i 'feeds/*.jsonl' -o out --reference-date 2025-09-06
  warta run -i export.csv -p my-pipeline.json --gazetteer newsroom.csv
  warta run --sink sqlite:news.db --sink postgres://warta@127.0.0.1:5432/news`,
    )
    .action(async (opts) => {
      const mode = opts.quiet ? 'quiet' : process.stderr.isTTY ? 'tty' : 'plain';
      const reporter = createReporter(mode);
      const summary = await run({
        inputs: opts.input.length ? opts.input : ['input'],
        outputDir: opts.output,
        pipeline: opts.pipeline,
        concurrency: opts.concurrency,
        full: opts.full,
        referenceDate: opts.referenceDate,
        gazetteers: opts.gazetteer,
        sinks: opts.sink,
        report: opts.report,
        atomicOutputs: opts.atomicOutputs,
        reporter,
      });
      for (const failure of summary.failures) reporter.error(describeFailure(failure));
      const sinkErrors = (summary.sinks ?? []).filter((s) => s.error !== undefined);
      for (const sink of sinkErrors) reporter.error(`${sink.name}: ${sink.error} (its committed batches are kept; the next run finishes the job)`);
      if (!opts.quiet) process.stdout.write(summaryLine(summary) + '\n');
      exitCode = summary.counts.failed > 0 || sinkErrors.length > 0 ? EXIT.someFailed : EXIT.ok;
    });

  registerQueueCommands(program, (code) => (exitCode = code), parseDate);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof SinkConfigError) {
      process.stderr.write(`warta: error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof LockHeldError) {
      process.stderr.write(`warta: error: ${error.message}\n`);
      return EXIT.locked;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`warta: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.internal;
  },
);
