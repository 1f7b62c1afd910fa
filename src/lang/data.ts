import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Curated word lists live as data files in `src/lang/<code>/`. They are read
 * from the source tree both when running from `src/` (vitest) and from `dist/`
 * (the CLI), because the package root is two levels above either folder.
 */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function langDataPath(code: string, file: string): string {
  return path.join(PACKAGE_ROOT, 'src', 'lang', code, file);
}

/** A list file: one entry per line; blank lines and lines starting with `#` are ignored. */
export function readWordList(code: string, file: string): string[] {
  return readFileSync(langDataPath(code, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readLangJson<T>(code: string, file: string): T {
  return JSON.parse(readFileSync(langDataPath(code, file), 'utf8')) as T;
}

export { PACKAGE_ROOT };
