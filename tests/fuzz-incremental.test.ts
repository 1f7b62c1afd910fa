/**
 * The incremental-equivalence fuzz property (`src/fuzz/incremental.ts`) on a fixed seed:
 * random edits to a small news folder, `warta run` after each (in place, `--atomic-outputs`,
 * killed mid-update and run again), every output byte-identical to a fresh `--full` run.
 * `npm run fuzz -- --runs 0 --incremental N` runs the long one.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, type Gazetteer } from '../src/bench/corpus.js';
import { NewsFolder } from '../src/fuzz/edits.js';
import { firstDifference, incrementalSequence } from '../src/fuzz/incremental.js';
import { tempDir } from './helpers/cli.js';

/** A seed whose sequence appends, updates in place and is killed mid-update (asserted below). */
const SEQUENCE_SEED = 3;
let gazetteer: Gazetteer;

beforeAll(async () => {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  gazetteer = await loadGazetteer();
});

function folderAfter(seed: number, edits: number): { log: string[]; files: Record<string, string>; mtimes: Record<string, number> } {
  const dir = path.join(tempDir('warta-edits-'), 'in');
  mkdirSync(dir);
  const folder = new NewsFolder(dir, gazetteer, seed);
  const log = [folder.populate()];
  for (let i = 0; i < edits; i++) log.push(folder.edit());
  const names = readdirSync(dir).sort();
  return {
    log,
    files: Object.fromEntries(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')])),
    mtimes: Object.fromEntries(names.map((n) => [n, statSync(path.join(dir, n)).mtimeMs])),
  };
}

describe('incremental fuzz: the edited folder', () => {
  it('a seed always gives the same files, edits and modification times', () => {
    const a = folderAfter(77, 12);
    const b = folderAfter(77, 12);
    expect(a).toEqual(b);
    expect(a.log).toHaveLength(13);
    // the first folder: an export of each kind of 5-60 real-looking news records, and whole files
    const first = folderAfter(77, 0).files;
    const records = first['berita.jsonl'].trimEnd().split('\n').map((line) => JSON.parse(line) as { title: string; text: string });
    expect(records.length).toBeGreaterThanOrEqual(5);
    expect(records.length).toBeLessThanOrEqual(60);
    for (const record of records) {
      expect(record.title.length).toBeGreaterThan(10);
      expect(record.text.length).toBeGreaterThan(100);
    }
    expect(first['ekspor.csv'].startsWith('id,title,text,published_at,url,source,author\n')).toBe(true);
    expect(Object.keys(first).filter((n) => /\.(txt|html|json)$/.test(n)).length).toBeGreaterThanOrEqual(2);
  });

  it('draws every kind of edit over a few seeds', () => {
    const log = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => folderAfter(seed, 15).log).join('\n');
    const kinds = [
      'append to', 'change the', 'delete records', /swap records|reverse the records/, 'mid-record', 'finish the cut last record', 'replace ', 'add the export',
      /(^|\+ )delete (?!records)/m, 'touch ', /give record \d+ of .* (no id|the id)/, '(already taken)', 'line break', 'a broken JSON line', 'a record without a body',
      'rename ', 'copy ', /invalid JSON|empty /, 'its derived id is', ' + ',
    ];
    for (const kind of kinds) {
      expect(log).toMatch(kind);
    }
  });

  it('firstDifference names the first differing line', () => {
    expect(firstDifference(Buffer.from('a\nb\n'), Buffer.from('a\nb\n'))).toBeNull();
    expect(firstDifference(Buffer.from('a\nb\nc\n'), Buffer.from('a\nB\nc\n'))).toBe('line 2: incremental "b", fresh "B" (4 against 4 lines)');
    expect(firstDifference(Buffer.from('a\n'), Buffer.from('a\nb\n'))).toContain('line 2: incremental "", fresh "b"');
  });
});

describe('incremental fuzz: a re-run writes what a fresh --full run writes', () => {
  it('under random edits, in place and atomic, with a run killed mid-update', async () => {
    const outcome = await incrementalSequence(gazetteer, SEQUENCE_SEED, tempDir('warta-fuzz-incremental-'), { crashChance: 1, edits: 4, alwaysClean: true, timeoutMs: 120_000 });
    expect(outcome.violations).toEqual([]);
    expect(outcome.edits).toHaveLength(5);
    expect(outcome.kills).toBe(1);
    expect(outcome.inPlace).toBeGreaterThan(0);
  }, 180_000);
});
