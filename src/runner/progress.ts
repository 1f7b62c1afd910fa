import cliProgress from 'cli-progress';

/**
 * How a run talks to people. On a TTY: a progress bar. Otherwise (cron): one
 * plain line per phase. `--quiet`: errors only. Everything goes to stderr so
 * stdout carries just the final summary.
 */
export interface Reporter {
  phase(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  start(total: number): void;
  tick(articles: number): void;
  stop(): void;
}

export type ReporterMode = 'tty' | 'plain' | 'quiet';

export function createReporter(mode: ReporterMode, stream: NodeJS.WriteStream = process.stderr): Reporter {
  const line = (text: string) => stream.write(`warta: ${text}\n`);
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let startedAt = 0;
  return {
    phase: (message) => {
      if (mode !== 'quiet') line(message);
    },
    warn: (message) => {
      if (mode !== 'quiet') line(`warning: ${message}`);
    },
    error: (message) => line(`error: ${message}`),
    start(total) {
      startedAt = performance.now();
      done = 0;
      if (mode === 'tty' && total > 0) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'warta [{bar}] {value}/{total} files | {docs} articles | {rate} docs/s | ETA {eta_formatted}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { docs: 0, rate: 0 });
      }
    },
    tick(articles) {
      done++;
      if (bar) {
        const seconds = (performance.now() - startedAt) / 1000;
        bar.update(done, { docs: articles, rate: seconds > 0 ? Math.round(articles / seconds) : 0 });
      }
    },
    stop() {
      bar?.stop();
      bar = null;
      if (mode === 'plain') line(`read and analysed ${done} file${done === 1 ? '' : 's'} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    },
  };
}
