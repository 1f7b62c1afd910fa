import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { readJsonl, ROOT, tempDir, warta } from './helpers/cli.js';

/**
 * An appended export's re-run updates the last output where it lies (cut, patch, append) instead
 * of copying it: the files must be byte-identical to a fresh run's and to the copy path's
 * (`--atomic-outputs`), and a run killed at any step of the update must leave outputs that the
 * next run does not trust and rewrites.
 */
const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'];
const CITIES = ['Bandung', 'Surabaya', 'Medan', 'Makassar', 'Semarang', 'Palembang'];
const PEOPLE = ['Ridwan Kamil', 'Sri Mulyani', 'Anies Baswedan', 'Khofifah Indar Parawansa'];
const LIGHT = { stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'sentences' }] };
const CHILD = path.join(ROOT, 'dist', 'fuzz', 'run-child.js');

function article(i: number): Record<string, string> {
  const city = CITIES[i % CITIES.length];
  const person = PEOPLE[i % PEOPLE.length];
  return {
    id: `berita-${String(i).padStart(5, '0')}`,
    title: `${person} meresmikan pasar rakyat di ${city}`,
    text: [
      `${city.toUpperCase()}, KOMPAS.com - ${person} meresmikan pasar rakyat di ${city} pada Rabu (${(i % 27) + 1}/8/2025).`,
      `Pasar itu menampung ${100 + i} pedagang yang sebelumnya berjualan di bahu jalan.`,
      `"Pedagang kini punya tempat yang layak," kata ${person.split(' ')[0]} kepada wartawan.`,
    ].join('\n'),
    published_at: `2025-08-${String((i % 27) + 1).padStart(2, '0')}`,
  };
}

const jsonl = (records: Record<string, string>[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => article(from + i));
const snapshot = (dir: string) => Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
const inodes = (dir: string) => DATA_FILES.map((f) => statSync(path.join(dir, f)).ino);
const runInfo = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
const journalOf = (dir: string) => path.join(dir, '.warta', 'in-place.json');

/** A work folder with the light pipeline (`light.json`) and one export `in/NAME` holding `content`; returns the folder and the export's path. */
function lightExport(name: string, content: string): { work: string; file: string } {
  const work = tempDir();
  writeFileSync(path.join(work, 'light.json'), JSON.stringify(LIGHT));
  mkdirSync(path.join(work, 'in'));
  const file = path.join(work, 'in', name);
  writeFileSync(file, content);
  return { work, file };
}

function ok(args: string[], work: string) {
  const result = warta(args, work);
  expect(result.status, result.stderr).toBe(0);
  return result;
}

describe('an appended export re-run updates the outputs in place', () => {
  it('gives the bytes of a fresh run and of --atomic-outputs, at 1 and 2 workers, in the same files', () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in'));
    const file = path.join(work, 'in', 'berita.jsonl');
    writeFileSync(file, jsonl(range(0, 60)));
    // a text file whose id sorts after every record: the kept prefix ends before it, its rows are written again
    writeFileSync(path.join(work, 'in', 'catatan.txt'), 'Banjir di Bekasi\n\nWarga Bekasi mengungsi ke masjid pada Senin (8/9/2025), kata Rudi.\n');
    const outs = ['out-1', 'out-2', 'out-atomic'];
    for (const out of outs) ok(['run', '-i', 'in', '-o', out, '-c', out === 'out-2' ? '2' : '1', '--no-report'], work);
    const before = Object.fromEntries(outs.map((out) => [out, inodes(path.join(work, out))]));

    appendFileSync(file, jsonl(range(60, 66)));
    for (const [out, args] of [['out-1', ['-c', '1']], ['out-2', ['-c', '2']], ['out-atomic', ['-c', '2', '--atomic-outputs']]] as const) {
      const again = ok(['run', '-i', 'in', '-o', out, '--no-report', ...args], work);
      expect(again.stderr).not.toContain('anew');
      expect(runInfo(path.join(work, out)).counts).toMatchObject({ processed: 6, unchanged: 61, written: 67 });
    }
    ok(['run', '-i', 'in', '-o', 'fresh', '--no-report'], work);
    const fresh = snapshot(path.join(work, 'fresh'));
    for (const out of outs) expect(snapshot(path.join(work, out)), out).toEqual(fresh);
    // every row of the export carries its new hash; the text file's its own
    const sha = readJsonl(path.join(work, 'fresh', 'documents.jsonl')).find((d) => d.id === 'berita-00000').source.sha256;
    const docs = readJsonl(path.join(work, 'out-1', 'documents.jsonl'));
    expect(docs.filter((d) => d.source.format === 'jsonl').every((d) => d.source.sha256 === sha)).toBe(true);
    expect(docs.at(-1).source.format).toBe('txt');

    for (const out of ['out-1', 'out-2']) {
      // updated where they lie: the same files (no copy renamed over them), the journal finished
      const info = runInfo(path.join(work, out));
      expect(info.phase_ms.write_in_place).toBeGreaterThanOrEqual(0);
      expect(info.phase_ms.write_prefix).toBeUndefined();
      expect(inodes(path.join(work, out))).toEqual(before[out]);
      const journal = JSON.parse(readFileSync(journalOf(path.join(work, out)), 'utf8'));
      expect(journal.kept_articles).toBe(60);
      expect(journal.finished_at).toEqual(expect.any(String));
    }
    // --atomic-outputs: the prefix was copied into new files, renamed over the old ones
    const atomic = runInfo(path.join(work, 'out-atomic'));
    expect(atomic.phase_ms.write_prefix).toBeGreaterThanOrEqual(0);
    expect(atomic.phase_ms.write_in_place).toBeUndefined();
    expect(inodes(path.join(work, 'out-atomic')).some((ino, f) => ino !== before['out-atomic'][f])).toBe(true);
    expect(existsSync(journalOf(path.join(work, 'out-atomic')))).toBe(false);

    // a second append goes in place again (a finished journal of this boot is trusted)
    appendFileSync(file, jsonl(range(66, 69)));
    const third = ok(['run', '-i', 'in', '-o', 'out-2', '-c', '2', '--no-report'], work);
    expect(third.stderr).not.toContain('anew');
    expect(runInfo(path.join(work, 'out-2')).phase_ms.write_in_place).toBeGreaterThanOrEqual(0);
    ok(['run', '-i', 'in', '-o', 'fresh-2', '--no-report'], work);
    expect(snapshot(path.join(work, 'out-2'))).toEqual(snapshot(path.join(work, 'fresh-2')));
  }, 300_000);

  it('an appended CSV export is updated in place too', () => {
    const { work, file } = lightExport('ekspor.csv', stringify(range(0, 80), { header: true }));
    const inodesBefore = (ok(['run', '-i', 'in', '-o', 'out', '-p', 'light.json', '--no-report'], work), inodes(path.join(work, 'out')));
    appendFileSync(file, stringify(range(80, 85)));
    ok(['run', '-i', 'in', '-o', 'out', '-p', 'light.json', '--no-report'], work);
    const info = runInfo(path.join(work, 'out'));
    expect(info.counts).toMatchObject({ processed: 5, unchanged: 80, written: 85 });
    expect(info.phase_ms.write_in_place).toBeGreaterThanOrEqual(0);
    expect(inodes(path.join(work, 'out'))).toEqual(inodesBefore);
    ok(['run', '-i', 'in', '-o', 'fresh', '-p', 'light.json', '--no-report'], work);
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'fresh')));
  }, 240_000);

  it('a finished update from before a restart, or a torn journal, makes the next run rewrite the outputs', () => {
    const { work, file } = lightExport('berita.jsonl', jsonl(range(0, 40)));
    const args = ['run', '-i', 'in', '-o', 'out', '-p', 'light.json', '--no-report'];
    ok(args, work);
    appendFileSync(file, jsonl(range(40, 43)));
    ok(args, work);
    const out = path.join(work, 'out');
    const expected = snapshot(out);
    // the machine restarted since: the update's last pages may not have reached the disk
    const journal = JSON.parse(readFileSync(journalOf(out), 'utf8'));
    writeFileSync(journalOf(out), JSON.stringify({ ...journal, boot_id: 'a-boot-before-the-power-cut' }));
    const afterRestart = ok(args, work);
    expect(afterRestart.stderr).toContain('the machine restarted after the last run updated the outputs in place: writing them anew');
    expect(runInfo(out)).toMatchObject({ outputs_rewritten: true, counts: { processed: 0, unchanged: 43 } });
    expect(snapshot(out)).toEqual(expected);
    expect(existsSync(journalOf(out))).toBe(false);
    // a journal torn by a crash while it was written
    writeFileSync(journalOf(out), '{"started_at":"2026-');
    const torn = ok(args, work);
    expect(torn.stderr).toContain('the last run stopped while it updated the outputs in place: writing them anew');
    expect(snapshot(out)).toEqual(expected);
    expect(existsSync(journalOf(out))).toBe(false);
    // the next append goes in place again
    appendFileSync(file, jsonl(range(43, 45)));
    ok(args, work);
    expect(runInfo(out).phase_ms.write_in_place).toBeGreaterThanOrEqual(0);
  }, 240_000);
});

/** Run `warta run` in a child process that stops after in-place step `step`; kill it there (SIGKILL). Resolves with the steps it printed. */
function killAtStep(work: string, out: string, step: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, 'in', out, 'light.json', '2', step], { cwd: work, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line === `step ${step}`) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`not killed at ${step}: ${lines.join(', ')} ${stderr}`))));
  });
}

describe('a run killed while it updates the outputs in place', () => {
  it('leaves a journal that makes the next run rewrite them, whatever the step', async () => {
    const { work, file } = lightExport('berita.jsonl', jsonl(range(0, 50)));
    const steps = ['journal', 'patched', 'appended', 'saved'];
    for (const step of steps) ok(['run', '-i', 'in', '-o', `out-${step}`, '-p', 'light.json', '-c', '2', '--no-report'], work);
    appendFileSync(file, jsonl(range(50, 54)));
    ok(['run', '-i', 'in', '-o', 'fresh', '-p', 'light.json', '--no-report'], work);
    const fresh = snapshot(path.join(work, 'fresh'));

    for (const step of steps) {
      const out = path.join(work, `out-${step}`);
      const before = readFileSync(path.join(out, 'documents.jsonl'), 'utf8');
      const printed = await killAtStep(work, `out-${step}`, step);
      expect(printed).toEqual(steps.slice(0, steps.indexOf(step) + 1).map((s) => `step ${s}`));
      const journal = JSON.parse(readFileSync(journalOf(out), 'utf8'));
      expect(journal.finished_at).toBeUndefined();
      expect(journal.files.map((f: { name: string }) => f.name)).toEqual(DATA_FILES);
      // from the patch on, the files are neither the last run's nor a finished update
      const now = readFileSync(path.join(out, 'documents.jsonl'), 'utf8');
      if (step === 'journal') expect(now).toBe(before);
      else expect(now).not.toBe(before);

      const rerun = ok(['run', '-i', 'in', '-o', `out-${step}`, '-p', 'light.json', '-c', '2', '--no-report'], work);
      expect(rerun.stderr, step).toContain('the last run stopped while it updated the outputs in place: writing them anew');
      // killed holding the lock
      expect(rerun.stderr).toContain('stale lock');
      expect(runInfo(out).outputs_rewritten).toBe(true);
      expect(snapshot(out), step).toEqual(fresh);
      expect(existsSync(journalOf(out))).toBe(false);
    }
  }, 300_000);
});
