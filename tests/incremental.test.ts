import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, ROOT, tempDir, warta, wartaAsync } from './helpers/cli.js';

const DATA_FILES = ['documents.jsonl', 'articles.csv', 'sentences.csv', 'entities.csv', 'dates.csv'];
const SAMPLE = readFileSync(path.join(ROOT, 'input', 'seputaran-kim-xi.txt'), 'utf8');

function snapshot(dir: string): Record<string, Buffer> {
  return Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(path.join(dir, f))]));
}

function runInfo(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
}

function makeCorpus(dir: string, files: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    writeFileSync(path.join(dir, `berita-${String(i).padStart(3, '0')}.txt`), SAMPLE.replace('Istanbul', `Kota Nomor ${i}`));
  }
}

describe('incremental runs', () => {
  it('an unchanged re-run analyses nothing and changes no byte of the data files', () => {
    const work = tempDir();
    makeCorpus(path.join(work, 'in'), 5);
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    const before = snapshot(path.join(work, 'out'));
    const mtimes = DATA_FILES.map((f) => statSync(path.join(work, 'out', f)).mtimeMs);
    const second = warta(['run', '-i', 'in', '-o', 'out'], work);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 articles analysed, 5 unchanged');
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ seen: 5, processed: 0, unchanged: 5, failed: 0 });
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
    expect(DATA_FILES.map((f) => statSync(path.join(work, 'out', f)).mtimeMs)).toEqual(mtimes);
  });

  it('a touched but identical file is recognised by its hash', () => {
    const work = tempDir();
    makeCorpus(path.join(work, 'in'), 2);
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(work, 'in', 'berita-000.txt'), future, future);
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 0, unchanged: 2 });
  });

  it('a changed file replaces its rows, a deleted file loses them, --full re-analyses all', () => {
    const work = tempDir();
    makeCorpus(path.join(work, 'in'), 3);
    expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
    writeFileSync(path.join(work, 'in', 'berita-001.txt'), 'Judul Baru\n\nBerita pendek yang berubah sama sekali. Kalimat kedua.');
    rmSync(path.join(work, 'in', 'berita-002.txt'));
    const third = warta(['run', '-i', 'in', '-o', 'out'], work);
    expect(third.status, third.stderr).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 1, unchanged: 1, files_deleted: 1, written: 2 });
    const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(docs.map((d) => d.id)).toEqual(['berita-000', 'berita-001']);
    expect(docs[1].text).toContain('Berita pendek yang berubah');
    const sentences = readFileSync(path.join(work, 'out', 'sentences.csv'), 'utf8');
    expect(sentences).not.toContain('berita-002');
    expect(sentences.match(/^berita-001,/gm)?.length).toBe(docs[1].sentences.length);

    // the result equals a clean run over the same inputs
    expect(warta(['run', '-i', 'in', '-o', 'clean'], work).status).toBe(0);
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'clean')));

    const full = warta(['run', '-i', 'in', '-o', 'out', '--full'], work);
    expect(full.status).toBe(0);
    expect(runInfo(path.join(work, 'out')).counts).toMatchObject({ processed: 2, unchanged: 0 });
    expect(snapshot(path.join(work, 'out'))).toEqual(snapshot(path.join(work, 'clean')));
  });
});

describe('the output lock', () => {
  it('exits 3 while another live run holds the lock, and leaves the lock alone', () => {
    const work = tempDir();
    makeCorpus(path.join(work, 'in'), 1);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      mkdirSync(path.join(work, 'out', '.warta'), { recursive: true });
      writeFileSync(path.join(work, 'out', '.warta', 'lock'), `${holder.pid}\n`);
      const result = warta(['run', '-i', 'in', '-o', 'out'], work);
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`another warta run \\(pid ${holder.pid}\\) holds`));
      expect(readFileSync(path.join(work, 'out', '.warta', 'lock'), 'utf8').trim()).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a stale lock (dead PID) with a warning', () => {
    const work = tempDir();
    makeCorpus(path.join(work, 'in'), 1);
    mkdirSync(path.join(work, 'out', '.warta'), { recursive: true });
    writeFileSync(path.join(work, 'out', '.warta', 'lock'), '999999\n');
    const result = warta(['run', '-i', 'in', '-o', 'out'], work);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('stale lock');
    expect(() => statSync(path.join(work, 'out', '.warta', 'lock'))).toThrow();
  });
});

describe('a run killed mid-way', () => {
  /** Poll until `ready()` holds (or the child ends), then SIGKILL the child; true if it was killed while running. */
  async function killWhen(child: ReturnType<typeof wartaAsync>, ready: () => boolean): Promise<boolean> {
    let exited = false;
    const exit = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
    while (!exited && !ready()) await new Promise((resolve) => setTimeout(resolve, 5));
    const killed = !exited && child.kill('SIGKILL');
    await exit;
    return killed;
  }

  /** Bytes of finished articles in the fragment store (segment files). */
  function storedBytes(dir: string): number {
    const segments = path.join(dir, '.warta', 'segments');
    try {
      return readdirSync(segments).reduce((n, name) => n + statSync(path.join(segments, name)).size, 0);
    } catch {
      return 0;
    }
  }

  it(
    'leaves the previous outputs complete, and the next run completes the job',
    async () => {
      const work = tempDir();
      const out = path.join(work, 'out');
      makeCorpus(path.join(work, 'in'), 3);
      expect(warta(['run', '-i', 'in', '-o', 'out'], work).status).toBe(0);
      const before = snapshot(out);
      const storedBefore = storedBytes(out);
      makeCorpus(path.join(work, 'in'), 60);

      // killed during analysis: some new articles stored, none published
      const during = wartaAsync(['run', '-i', 'in', '-o', 'out', '-c', '1'], work);
      const killedDuring = await killWhen(during, () => storedBytes(out) > storedBefore);
      expect(killedDuring).toBe(true);
      expect(snapshot(out)).toEqual(before);
      expect(readFileSync(path.join(out, '.warta', 'lock'), 'utf8').trim()).toBe(String(during.pid));

      // killed while writing the outputs: the previous files are still whole
      const writing = wartaAsync(['run', '-i', 'in', '-o', 'out', '-c', '1', '--full'], work);
      const killedWriting = await killWhen(writing, () => readdirSync(out).some((f) => f.startsWith('documents.jsonl.tmp-')));
      const docs = readJsonl(path.join(out, 'documents.jsonl'));
      expect([3, 60]).toContain(docs.length); // the old set or the new one, never a torn file
      if (docs.length === 3) expect(snapshot(out)).toEqual(before);

      const rerun = warta(['run', '-i', 'in', '-o', 'out'], work);
      expect(rerun.status, rerun.stderr).toBe(0);
      // a run killed while holding the lock leaves it behind; the next run takes it over
      if (killedWriting) expect(rerun.stderr).toContain('stale lock');
      expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
      expect(warta(['run', '-i', 'in', '-o', 'clean'], work).status).toBe(0);
      expect(snapshot(out)).toEqual(snapshot(path.join(work, 'clean')));
    },
    240_000,
  );
});
