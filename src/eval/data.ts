/**
 * Loading what `npm run eval` scores: the development sets in `../shared/dev-data/`
 * (or `WARTA_DEV_DATA`), and the project's own hand-checked gold fixtures in
 * `tests/fixtures/gold/*.json`. Also run metadata (date, git commit) shared with the bench.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lang/data.js';

export interface DevRecord {
  id: string;
  text: string;
  gold: {
    language?: string;
    band?: string;
    source?: string;
    sentences?: [number, number][];
    entities?: { type: string; start: number; end: number; text: string }[];
  };
}

export type DevTask = 'language' | 'sentences' | 'entities';

export interface DevSet {
  /** File name, e.g. `sent-id-csui-dev.jsonl`. */
  name: string;
  path: string;
  task: DevTask;
  /** For sentence sets, the language in the file name (`sent-id-…` → `id`). */
  language: string | null;
  records: DevRecord[];
}

export function devDataDir(): string {
  return process.env.WARTA_DEV_DATA ? path.resolve(process.env.WARTA_DEV_DATA) : path.resolve(PACKAGE_ROOT, '..', 'shared', 'dev-data');
}

export function readJsonl<T>(file: string): T[] {
  const out: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim()) out.push(JSON.parse(line) as T);
  }
  return out;
}

function taskOf(record: DevRecord | undefined): DevTask | null {
  if (!record?.gold) return null;
  if (typeof record.gold.language === 'string') return 'language';
  if (Array.isArray(record.gold.sentences)) return 'sentences';
  if (Array.isArray(record.gold.entities)) return 'entities';
  return null;
}

/** The preferred order of the known sets; other gold files in the folder follow alphabetically. */
const KNOWN = ['langid-dev.jsonl', 'sent-id-csui-dev.jsonl', 'sent-en-ewt-dev.jsonl', 'ner-id-nergrit-dev.jsonl'];

/**
 * Every development set present (training splits excluded). `messages` gets one
 * line per expected set that is missing, so a partial folder is visible.
 */
export function loadDevSets(dir: string, messages: string[]): DevSet[] {
  if (!existsSync(dir)) {
    messages.push(`dev data folder ${dir} not found: dev sets skipped (set WARTA_DEV_DATA to point elsewhere)`);
    return [];
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !/-train\b/.test(f));
  for (const known of KNOWN) if (!files.includes(known)) messages.push(`dev set ${known} not found in ${dir}: skipped`);
  const ordered = [...KNOWN.filter((k) => files.includes(k)), ...files.filter((f) => !KNOWN.includes(f)).sort()];
  const sets: DevSet[] = [];
  for (const name of ordered) {
    const file = path.join(dir, name);
    let records: DevRecord[];
    try {
      records = readJsonl<DevRecord>(file);
    } catch (error) {
      messages.push(`dev set ${name}: unreadable (${(error as Error).message}): skipped`);
      continue;
    }
    const task = taskOf(records[0]);
    if (!task) {
      messages.push(`dev set ${name}: no gold language/sentences/entities: skipped`);
      continue;
    }
    const lang = name.match(/^sent-([a-z]{2,3})-/)?.[1] ?? null;
    sets.push({ name, path: file, task, language: lang, records });
  }
  return sets;
}

export interface GoldEntity {
  type: string;
  start: number;
  end: number;
  text: string;
  /** Mentions of one real-world entity share a cluster key. */
  cluster: string;
}

export interface GoldDate {
  start: number;
  end: number;
  text: string;
  value: string;
  granularity: string;
}

export interface GoldFixture {
  /** Name of the gold file, e.g. `seputaran-kim-xi.json`. */
  name: string;
  /** Input file, relative to the repository root. */
  input: string;
  description?: string;
  text_sha256?: string;
  language: string;
  published_at: string;
  entities: GoldEntity[];
  dates: GoldDate[];
}

export const GOLD_DIR = path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'gold');

export function loadGoldFixtures(dir: string = GOLD_DIR): GoldFixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Omit<GoldFixture, 'name'>) }));
}

export interface RunInfo {
  date: string;
  commit: string;
  /** True when tracked files under src/ differ from the commit. */
  dirty: boolean;
  node: string;
  platform: string;
  cpus: number;
}

export function runInfo(cpus: number): RunInfo {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'pipelines'], {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return { date: new Date().toISOString(), commit, dirty, node: process.version, platform: `${process.platform}-${process.arch}`, cpus };
}

export function shortCommit(info: RunInfo): string {
  return `${info.commit.slice(0, 7)}${info.dirty ? '+dirty' : ''}`;
}
