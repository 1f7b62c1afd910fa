/**
 * The properties the fuzz suite asserts, as functions returning violations (empty = holds):
 *
 * - reader: bytes in → docs and failures out (`parseArticles`, whatever reads the bytes
 *   inside): never throws, every failure names the file (and its record or line), every good
 *   record of a file built record by record becomes a document and every bad one a failure;
 * - pipeline: each document analysed keeps the output contract (`documentViolations`), its
 *   CSV rows read back strictly equal the record, and analysing it again gives the same bytes;
 * - end to end: `warta run` over a generated folder exits 0 or 1 (1 exactly when something
 *   failed), names every planted bad record in run.json, writes every good one, keeps the
 *   contract in every output file, and writes the same bytes at another concurrency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../analyze.js';
import { parseArticles, type ReadResult } from '../ingest/readers.js';
import { PACKAGE_ROOT } from '../lang/data.js';
import { csvRows } from '../sinks/rows.js';
import { DATA_FILES } from '../sinks/files.js';
import type { GeneratedFile } from './inputs.js';
import { checkOutputFolder, documentViolations, recordCsvViolations } from './output-contract.js';

export const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');

export async function readGenerated(file: GeneratedFile, folder = 'in'): Promise<ReadResult> {
  return parseArticles(
    { buffer: file.bytes, displayPath: `${folder}/${file.name}`, idPath: file.name, format: file.format, sha256: 'fuzz', fileDate: '2025-09-06' },
    {},
  );
}

const sorted = <T>(values: T[]) => [...values].sort((a, b) => String(a).localeCompare(String(b)));
const same = <T>(a: T[], b: T[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** Violations of the reader contract for one generated file. */
export function readerViolations(file: GeneratedFile, result: ReadResult, folder = 'in'): string[] {
  const problems: string[] = [];
  const where = `${folder}/${file.name}`;
  const say = (m: string) => problems.push(`${where}: ${m}`);
  for (const f of result.failures) {
    if (f.path !== where) say(`a failure names ${JSON.stringify(f.path)}`);
    if (typeof f.error !== 'string' || f.error.trim() === '') say('a failure without a message');
    if (f.record !== null) {
      if (file.format === 'jsonl' && !(f.line !== undefined && f.error.includes(`line ${f.line}`))) say(`failure of record ${f.record} does not name its line: ${f.error}`);
      if ((file.format === 'json' || file.format === 'csv') && !f.error.includes(`record ${f.record}`)) say(`failure of record ${f.record} does not name it: ${f.error}`);
    }
  }
  const seen = new Set<string>();
  for (const doc of result.docs) {
    if (doc.source.path !== where || doc.source.format !== file.format) say(`document ${doc.id} has source ${JSON.stringify(doc.source)}`);
    if (doc.text.trim() === '') say(`document ${doc.id} has no text`);
    const key = String(doc.source.record);
    if (seen.has(key)) say(`record ${key} read twice`);
    seen.add(key);
  }
  const failedRecords = result.failures.map((f) => f.record);
  for (const r of failedRecords) if (r !== null && seen.has(String(r))) say(`record ${r} is both a document and a failure`);
  if (file.expect.known) {
    const ids = result.docs.map((d) => d.id);
    if (!same(ids, file.expect.goodIds)) say(`documents ${JSON.stringify(sorted(ids))}, expected ${JSON.stringify(sorted(file.expect.goodIds))}`);
    if (!same(failedRecords, file.expect.badRecords)) {
      say(`failures at records ${JSON.stringify(sorted(failedRecords))}, expected ${JSON.stringify(sorted(file.expect.badRecords))} (${result.failures.map((f) => f.error.slice(0, 120)).join(' | ')})`);
    }
  } else if (result.docs.length === 0 && result.failures.length === 0 && file.bytes.length > 0 && file.format !== 'jsonl') {
    say('neither a document nor a failure');
  }
  return problems;
}

/** Violations of the output contract, CSV round trip and determinism for one document. */
export async function pipelineViolations(analyzer: Analyzer, file: GeneratedFile, docIndex: number): Promise<string[]> {
  const first = await readGenerated(file);
  const doc = first.docs[docIndex];
  const record = analyzer.analyze(doc);
  const problems = [...documentViolations(record), ...recordCsvViolations(record, csvRows(record))];
  const again = analyzer.analyze((await readGenerated(file)).docs[docIndex]);
  if (JSON.stringify(again) !== JSON.stringify(record)) problems.push(`${record.id}: a second analysis gives a different record`);
  return problems;
}

// ------------------------------------------------------------------ end to end

export interface E2EOutcome {
  exitCode: number | null;
  violations: string[];
  documents: number;
  failures: number;
  ms: number;
}

interface RunJson {
  failures: { path: string; record: number | null; line?: number; error: string }[];
}

function runCli(args: string[], cwd: string, timeoutMs: number): { status: number | null; stderr: string; ms: number; timedOut: boolean } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, timeout: timeoutMs });
  return { status: r.status, stderr: r.stderr ?? '', ms: performance.now() - t0, timedOut: r.error !== undefined && /ETIMEDOUT/.test(String(r.error)) };
}

/**
 * Write the files to `dir/in`, run `warta run` on them, check everything; with `determinism`,
 * run again at concurrency 1 into a second folder and compare the data files byte for byte.
 */
export function endToEndViolations(files: GeneratedFile[], dir: string, determinism: boolean, timeoutMs = 600_000): E2EOutcome {
  const input = path.join(dir, 'in');
  mkdirSync(input, { recursive: true });
  for (const f of files) writeFileSync(path.join(input, f.name), f.bytes);
  const problems: string[] = [];
  const run = runCli(['run', '--input', 'in', '--output', 'out', '--reference-date', '2025-09-06', '--quiet'], dir, timeoutMs);
  if (run.timedOut) return { exitCode: null, violations: [`warta run did not finish within ${timeoutMs / 1000} s`], documents: 0, failures: 0, ms: run.ms };
  const out = path.join(dir, 'out');
  let runJson: RunJson | null = null;
  try {
    runJson = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as RunJson;
  } catch {
    problems.push(`no readable run.json (exit ${run.status}: ${run.stderr.slice(0, 300)})`);
  }
  const failures = runJson?.failures ?? [];
  const expectedExit = failures.length > 0 ? 1 : 0;
  if (run.status !== expectedExit) problems.push(`exit code ${run.status} with ${failures.length} failure(s) (stderr: ${run.stderr.slice(0, 300)})`);
  const check = checkOutputFolder(out);
  problems.push(...check.violations);
  const ids = new Set<string>();
  if (existsSync(path.join(out, 'documents.jsonl'))) {
    for (const line of readFileSync(path.join(out, 'documents.jsonl'), 'utf8').split('\n')) {
      if (line) ids.add((JSON.parse(line) as { id: string }).id);
    }
  }
  for (const f of files) {
    const where = `in/${f.name}`;
    const named = failures.filter((x) => x.path === where);
    if (f.expect.known) {
      for (const id of f.expect.goodIds) if (!ids.has(id)) problems.push(`${where}: good record ${id} is not in documents.jsonl`);
      const records = named.map((x) => x.record);
      if (!same(records, f.expect.badRecords)) problems.push(`${where}: run.json names records ${JSON.stringify(sorted(records))}, expected ${JSON.stringify(sorted(f.expect.badRecords))}`);
    }
  }
  if (determinism && problems.length === 0) {
    const again = runCli(['run', '--input', 'in', '--output', 'out-1', '--reference-date', '2025-09-06', '--concurrency', '1', '--quiet'], dir, timeoutMs);
    if (again.status !== run.status) problems.push(`second run (1 worker) exit ${again.status}, first ${run.status}`);
    for (const name of DATA_FILES) {
      const a = path.join(out, name);
      const b = path.join(dir, 'out-1', name);
      if (!existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b))) problems.push(`${name} differs between 2 workers and 1 worker`);
    }
  }
  return { exitCode: run.status, violations: problems, documents: ids.size, failures: failures.length, ms: run.ms };
}
