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
  /** `bytes`: input bytes the run will read (files whose size or date changed). */
  start(files: number, bytes?: number): void;
  /** One more file done; `articles` seen so far, `bytes` of input read so far. */
  tick(articles: number, bytes?: number): void;
  /** Inside a big export: articles seen so far, bytes of input read so far. */
  advance(articles: number, bytes: number): void;
  stop(): void;
}

export type ReporterMode = 'tty' | 'plain' | 'quiet';

export function createReporter(mode: ReporterMode, stream: NodeJS.WriteStream = process.stderr): Reporter {
  const line = (text: string) => stream.write(`warta: ${text}\n`);
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let startedAt = 0;
  let totalBytes = 0;
  let totalFiles = 0;
  let articles = 0;
  let bytes = 0;
  const render = () => {
    if (!bar) return;
    const seconds = (performance.now() - startedAt) / 1000;
    // records of big exports are counted as they finish; the total is estimated from the bytes read
    const estimate = bytes > 0 && totalBytes > bytes ? Math.round((articles * totalBytes) / bytes) : articles;
    bar.update(totalBytes > 0 ? Math.min(bytes, totalBytes) : done, {
      files: done,
      totalFiles,
      docs: articles,
      estimate: estimate > articles ? `~${estimate}` : String(articles),
      rate: seconds > 0 ? Math.round(articles / seconds) : 0,
    });
  };
  return {
    phase: (message) => {
      if (mode !== 'quiet') line(message);
    },
    warn: (message) => {
      if (mode !== 'quiet') line(`warning: ${message}`);
    },
    error: (message) => line(`error: ${message}`),
    start(files, readBytes = 0) {
      startedAt = performance.now();
      done = 0;
      articles = 0;
      bytes = 0;
      totalFiles = files;
      totalBytes = readBytes;
      if (mode === 'tty' && files > 0) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'warta [{bar}] {files}/{totalFiles} files | {docs}/{estimate} articles | {rate} docs/s | ETA {eta_formatted}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(totalBytes > 0 ? totalBytes : files, 0, { files: 0, totalFiles, docs: 0, estimate: '0', rate: 0 });
      }
    },
    tick(seen, read) {
      done++;
      articles = seen;
      if (read !== undefined) bytes = read;
      render();
    },
    advance(seen, read) {
      articles = seen;
      bytes = read;
      render();
    },
    stop() {
      bar?.stop();
      bar = null;
      if (mode === 'plain') line(`read and analysed ${done} file${done === 1 ? '' : 's'} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    },
  };
}
