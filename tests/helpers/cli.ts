import { spawnSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (npm test builds first) in `cwd`, non-TTY, like cron would. */
export function warta(args: string[], cwd: string = ROOT): CliResult {
  return wartaWithNode([], args, cwd);
}

/** Like `warta`, with options for node itself (e.g. `--import` a test-only stage into every thread). */
export function wartaWithNode(nodeArgs: string[], args: string[], cwd: string = ROOT, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function wartaAsync(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, stdio: 'ignore' });
}

export function tempDir(prefix = 'warta-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readJsonl<T = any>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Slice by Unicode code points, as consumers of the output do. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
