import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { beforeAll, expect, it } from 'vitest';
import { recordArticle } from '../src/sinks/article.js';
import { createSink } from '../src/sinks/open.js';
import { CSV_FILES } from '../src/sinks/rows.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { mulberry32 } from '../src/random.js';
import { corpusRecords } from './helpers/articles.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { planBatches, stateAfter } from './helpers/kill-plan.mjs';
import { consistencyProblems, csvFromDb, csvOf, postgresTestDb, sqliteTestDb, type TestDb } from './helpers/sink-db.js';
import { pgQuery } from './helpers/postgres.js';
import { describeWithService, postgresService, POSTGRES_URL } from './helpers/services.js';

/**
 * kill -9 during sink writes: a child process applies batches (tests/helpers/kill-plan.mjs) and is
 * killed in the middle of a transaction; the database must hold exactly the batches committed
 * before, be consistent, and the next run (syncSink to the final state) must converge.
 */
const CHILD = path.join(ROOT, 'tests', 'helpers', 'sink-writer-child.mjs');

type Plan = ({ write?: DocumentRecord; delete?: string } | undefined)[][];
let records: DocumentRecord[];
let recordsFile: string;
let batches: Plan;

beforeAll(async () => {
  records = (await corpusRecords(300)).slice(0, 120);
  recordsFile = path.join(tempDir('warta-kill-'), 'records.jsonl');
  writeFileSync(recordsFile, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  batches = planBatches(records) as Plan;
});

interface Trial {
  label: string;
  /** Pause after this operation of this batch and be killed there. */
  pause?: [batch: number, op: number];
  /** Kill as soon as this line appears (no pause). */
  killOn?: string;
}

interface Killed {
  lines: string[];
  /** Batches the child reported committed before it died. */
  committed: number;
  signal: NodeJS.Signals | null;
}

function runChild(args: string[], trial?: Trial, beforeKill?: () => Promise<void>): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { cwd: ROOT, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (trial?.pause && line === `paused ${trial.pause[0]} ${trial.pause[1]}`) {
        void (beforeKill ?? (async () => {}))().then(kill, (error: unknown) => {
          kill();
          reject(error);
        });
      }
      if (trial?.killOn && line === trial.killOn) kill();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child exited ${code}: ${stderr}`));
      const committed = lines.filter((l) => l.startsWith('committed ')).length;
      resolve({ lines, committed, signal });
    });
  });
}

async function heldBy(spec: string): Promise<Map<string, string>> {
  const sink = createSink(spec);
  await sink.open();
  try {
    return await sink.held();
  } finally {
    await sink.close();
  }
}

const hashes = (state: Map<string, DocumentRecord>) => new Map([...state].map(([id, r]) => [id, recordArticle(r).hash]));

async function expectState(db: TestDb, state: Map<string, DocumentRecord>): Promise<void> {
  const expected = [...state.values()];
  for (const file of CSV_FILES) expect(await csvFromDb(db, file), file).toBe(csvOf(expected, file));
  expect(await consistencyProblems(db)).toEqual([]);
}

const random = mulberry32(20250906);
const randomPoint = `op ${1 + Math.floor(random() * 5)} ${Math.floor(random() * 20)}`;
const TRIALS: Trial[] = [
  { label: 'paused in batch 1 after 5 operations', pause: [1, 5] },
  { label: 'paused in batch 2 after its last operation, before commit', pause: [2, 27] },
  { label: 'paused in batch 3 after 14 operations (updates and deletes sent)', pause: [3, 14] },
  { label: 'killed as batch 4 starts to commit', killOn: 'committing 4' },
  { label: `killed without a pause at a seeded random operation (${randomPoint})`, killOn: randomPoint },
];

/** The paused child is inside its transaction: SQLite's write lock is held; PostgreSQL's session is idle in transaction. */
async function inTransaction(db: TestDb): Promise<void> {
  if (db.dialect === 'sqlite') {
    const conn = new Database(db.spec.slice('sqlite:'.length), { timeout: 0 });
    try {
      expect(() => conn.exec('BEGIN IMMEDIATE')).toThrow(/database is locked/);
    } finally {
      conn.close();
    }
    return;
  }
  const name = new URL(db.spec).pathname.slice(1);
  const sessions = await pgQuery<{ state: string; xact: boolean }>(
    POSTGRES_URL,
    `SELECT state, xact_start IS NOT NULL AS xact FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'warta'`,
  );
  expect(sessions).toEqual([{ state: 'idle in transaction', xact: true }]);
}

function killSuite(openDb: () => Promise<TestDb>): void {
  it('keeps the last committed batch through 5 kill -9 trials, consistent, and converges on the next run', async () => {
    expect(batches.length).toBe(6);
    expect(batches[2].length).toBe(28);
    const final = stateAfter(batches, batches.length) as Map<string, DocumentRecord>;
    const report: string[] = [];
    for (const trial of TRIALS) {
      const db = await openDb();
      try {
        const killed = await runChild(['apply', db.spec, recordsFile, ...(trial.pause ? trial.pause.map(String) : [])], trial, () => inTransaction(db));
        expect(killed.signal, `${trial.label}: ${killed.lines.slice(-3).join(' | ')}`).toBe('SIGKILL');
        const held = await heldBy(db.spec);
        // the batch being committed when the kill came may or may not have landed: either is a committed state
        const candidates = trial.pause ? [killed.committed] : [killed.committed, killed.committed + 1];
        const landed = candidates.find((c) => JSON.stringify([...held].sort()) === JSON.stringify([...hashes(stateAfter(batches, c))].sort()));
        expect(landed, `${trial.label}: the database holds a committed state (${killed.committed} reported committed)`).toBeDefined();
        if (trial.pause) expect(killed.lines.at(-1)).toBe(`paused ${trial.pause[0]} ${trial.pause[1]}`);
        await expectState(db, stateAfter(batches, landed!));
        report.push(`${trial.label}: ${killed.lines.at(-1)} -> database at batch ${landed} of ${batches.length}`);

        const next = await runChild(['converge', db.spec, recordsFile]);
        expect(next.lines.at(-1)).toBe('done');
        await expectState(db, final);
        expect(await heldBy(db.spec)).toEqual(hashes(final));
        const again = await runChild(['converge', db.spec, recordsFile]);
        expect(JSON.parse(again.lines[0])).toMatchObject({ written: 0, deleted: 0, unchanged: final.size });
      } finally {
        await db.cleanup();
      }
    }
    console.log(report.join('\n'));
  });
}

describeWithService({ name: 'SQLite', available: true }, 'SQLite sink, kill -9', () => killSuite(sqliteTestDb));

const postgres = await postgresService();
describeWithService(postgres, 'PostgreSQL sink, kill -9', () => killSuite(postgresTestDb));
