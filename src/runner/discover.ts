import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ConfigError } from '../pipeline.js';
import { formatOf } from '../ingest/readers.js';

export interface InputFile {
  /** Absolute path. */
  file: string;
  /** The folder ids derive from: the folder given, a glob's base, or a given file's folder. */
  root: string;
}

const SUPPORTED = '**/*.{txt,json,jsonl,ndjson,csv,html,htm,TXT,JSON,JSONL,NDJSON,CSV,HTML,HTM}';

/**
 * Files, folders (recursive, supported extensions only, hidden folders and the
 * output folder skipped) and globs, in a stable order. A path that does not
 * exist is a usage error.
 */
export async function discoverInputs(inputs: string[], outputDir: string): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  const outputAbs = path.resolve(outputDir);
  const add = (file: string, root: string) => {
    if (!found.has(file) && !file.startsWith(outputAbs + path.sep)) found.set(file, { file, root });
  };
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      const base = path.resolve(globBase(input));
      const matches = await glob(input, { absolute: true, onlyFiles: true, dot: false });
      for (const file of matches.sort()) if (formatOf(file)) add(path.resolve(file), base);
      continue;
    }
    const abs = path.resolve(input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new ConfigError(`--input ${input}: no such file or folder`);
    }
    if (info.isDirectory()) {
      const outputs = await otherOutputFolders(abs);
      const matches = await glob(SUPPORTED, { cwd: abs, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
      for (const file of matches.sort()) {
        if (!outputs.some((dir) => file.startsWith(dir))) add(path.resolve(file), abs);
      }
    } else {
      add(abs, path.dirname(abs));
    }
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Folders under `dir` that hold a warta run's output (they have a `.warta` state folder): never input. */
async function otherOutputFolders(dir: string): Promise<string[]> {
  const states = await glob('**/.warta', { cwd: dir, absolute: true, onlyDirectories: true, dot: true, ignore: ['**/node_modules/**'] });
  return states.map((state) => path.dirname(path.resolve(state)) + path.sep);
}

/** The static folder prefix of a glob (`news/2025/*.txt` → `news/2025`). */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const base: string[] = [];
  for (const part of parts) {
    if (isDynamicPattern(part)) break;
    base.push(part);
  }
  return base.join('/') || '.';
}
