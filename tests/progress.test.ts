import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createReporter } from '../src/runner/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, output: () => text };
}

describe('progress reporting', () => {
  it('plain mode (cron): one line per phase and a closing line, no bar', () => {
    const { stream, output } = fakeStream(false);
    const reporter = createReporter('plain', stream);
    reporter.phase('3 input files found');
    reporter.start(3);
    for (let i = 1; i <= 3; i++) reporter.tick(i * 2);
    reporter.stop();
    reporter.warn('taking over a stale lock');
    reporter.error('in/a.json: invalid JSON');
    const lines = output().trimEnd().split('\n');
    expect(lines[0]).toBe('warta: 3 input files found');
    expect(lines[1]).toMatch(/^warta: read and analysed 3 files in [\d.]+ s$/);
    expect(lines[2]).toBe('warta: warning: taking over a stale lock');
    expect(lines[3]).toBe('warta: error: in/a.json: invalid JSON');
    expect(output()).not.toContain('[');
  });

  it('quiet mode prints errors only', () => {
    const { stream, output } = fakeStream(false);
    const reporter = createReporter('quiet', stream);
    reporter.phase('3 input files found');
    reporter.start(1);
    reporter.tick(1);
    reporter.stop();
    reporter.warn('something');
    reporter.error('in/b.csv record 2: no article body');
    expect(output()).toBe('warta: error: in/b.csv record 2: no article body\n');
  });

  it('TTY mode draws a progress bar with files, articles, rate and ETA', () => {
    const { stream, output } = fakeStream(true);
    const reporter = createReporter('tty', stream);
    reporter.start(4);
    reporter.tick(10);
    reporter.tick(20);
    reporter.stop();
    expect(output()).toMatch(/warta \[[█░]+\] \d\/4 files \| \d+\/\d+ articles \| \d+ docs\/s \| ETA/);
  });

  it('TTY mode counts the records of a big export against an estimate from the bytes read', () => {
    const during = fakeStream(true);
    const reporter = createReporter('tty', during.stream);
    // one 1 MB export, half read: 500 records so far, so about 1000 in all
    reporter.start(1, 1_000_000);
    reporter.advance(250, 250_000);
    reporter.advance(500, 500_000);
    reporter.stop();
    expect(during.output()).toMatch(/0\/1 files \| 500\/~1000 articles \| \d+ docs\/s/);

    const after = fakeStream(true);
    const finished = createReporter('tty', after.stream);
    finished.start(1, 1_000_000);
    finished.advance(500, 500_000);
    finished.tick(1003, 1_000_000);
    finished.stop();
    expect(after.output()).toMatch(/1\/1 files \| 1003\/1003 articles/);
  });
});
