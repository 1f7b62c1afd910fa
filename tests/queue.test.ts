import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateCorpus } from '../src/bench/corpus.js';
import type { QueueStatus } from '../src/queue/status.js';
import { CSV_FILES } from '../src/sinks/rows.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { readJsonl, ROOT, tempDir, warta, wartaWithNode } from './helpers/cli.js';
import { REDIS_URL, redisService, spawnWarta, testQueue, uniqueQueueName, waitFor } from './helpers/queue.js';
import { consistencyProblems, csvFromDb, csvOf, postgresTestDb, sqliteTestDb, type TestDb } from './helpers/sink-db.js';
import { describeWithService, postgresService, probeService } from './helpers/services.js';

/**
 * The job queue with real Redis and PostgreSQL: workers in child processes (one of them killed
 * with SIGKILL mid-job), idempotent enqueueing, a poison job, `queue status`. Every test uses a
 * queue name and a database of its own, so test files run in parallel.
 */
const [redis, postgres] = await Promise.all([redisService(), postgresService()]);
const both = await probeService('Redis and PostgreSQL', async () => {
  if (!redis.available) throw new Error(`Redis: ${redis.reason}`);
  if (!postgres.available) throw new Error(`PostgreSQL: ${postgres.reason}`);
});

let work: string;
/** What `warta run` writes for the corpus (the reference every distributed run must equal). */
let expected: DocumentRecord[];
/** The database a single `warta run --sink postgres://…` fills from the corpus. */
let reference: TestDb | undefined;

beforeAll(async () => {
  if (!both.available) return;
  work = tempDir('warta-queue-');
  // several small exports and a few dozen whole files: jobs of both kinds
  await generateCorpus({ articles: 140, seed: 23, dir: path.join(work, 'corpus'), recordsPerFile: 20 });
  reference = await postgresTestDb();
  const run = warta(['run', '-i', 'corpus', '-o', 'out', '-c', '2', '-q', '--sink', reference.spec], work);
  expect(run.status, run.stderr).toBe(0);
  expected = readJsonl<DocumentRecord>(path.join(work, 'out', 'documents.jsonl'));
}, 180_000);

afterAll(async () => {
  if (work) rmSync(work, { recursive: true, force: true });
  await reference?.cleanup();
});

/** Every row of every table a run fills (the `runs` log aside), in a canonical order. */
async function tableContents(db: TestDb): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of ['articles', 'sentences', 'entity_mentions', 'dates', 'entities', 'entity_canonicals']) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
    contents[table] = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
  }
  return contents;
}

async function expectSameRowsAsRun(db: TestDb, records: readonly DocumentRecord[]): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "articles"');
  expect(Number(n)).toBe(records.length);
  for (const file of CSV_FILES) expect(await csvFromDb(db, file), file).toBe(csvOf(records, file));
  expect(await consistencyProblems(db)).toEqual([]);
}

describeWithService(both, 'warta enqueue / worker / queue status (Redis + PostgreSQL)', () => {
  it('two workers, one killed with SIGKILL in the middle of a job: every article lands exactly once; the tables equal those of one warta run --sink postgres://', async () => {
    const name = uniqueQueueName('kill');
    const q = await testQueue(name);
    const db = await postgresTestDb();
    try {
      const enq = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'corpus'], work);
      expect(enq.status, enq.stderr).toBe(0);
      const jobs = await q.queue.getJobCounts('wait');
      expect(jobs.wait).toBeGreaterThan(4);

      const args = ['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec, '--lock-seconds', '2', '--exit-when-empty'];
      const victim = spawnWarta(args, work);
      const survivor = spawnWarta(args, work);
      const victimName = `${os.hostname()}:${victim.child.pid}`;
      // kill the victim while it holds a job, after some jobs are committed
      let held = '';
      await waitFor('the victim to hold a job after others completed', async () => {
        const counts = await q.queue.getJobCounts('completed');
        if (counts.completed < 2) return false;
        const active = await q.queue.getActive();
        held = active.find((job) => job.processedBy === victimName)?.id ?? '';
        return held !== '';
      }, 150_000, 20);
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');

      const end = await survivor.exited;
      expect(end.code, survivor.stderr).toBe(0);
      const counts = await q.queue.getJobCounts('completed', 'failed', 'wait', 'active', 'delayed');
      expect(counts).toEqual({ completed: jobs.wait, failed: 0, wait: 0, active: 0, delayed: 0 });
      // the killed worker's job went back to the queue (stalled) and was done by the survivor
      const retried = await q.queue.getJob(held);
      expect(retried?.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(await retried?.isCompleted()).toBe(true);
      await expectSameRowsAsRun(db, expected);
      // identical to what one `warta run --sink postgres://…` writes for the same inputs
      const [ours, theirs] = await Promise.all([tableContents(db), tableContents(reference!)]);
      for (const table of Object.keys(theirs)) {
        expect(theirs[table].length, table).toBeGreaterThan(0);
        expect(ours[table], table).toEqual(theirs[table]);
      }
    } finally {
      await q.remove();
      await db.cleanup();
    }
  }, 300_000);

  it('a worker with two threads into SQLite (one connection, jobs take turns) writes warta run\'s rows', async () => {
    const name = uniqueQueueName('sqlite');
    const q = await testQueue(name);
    const db = await sqliteTestDb();
    try {
      const enq = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'corpus', '-q'], work);
      expect(enq.status, enq.stderr).toBe(0);
      expect(enq.stdout).toBe('');
      const worker = spawnWarta(['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec, '--concurrency', '2', '--exit-when-empty'], work);
      const end = await worker.exited;
      expect(end.code, worker.stderr).toBe(0);
      expect(worker.stderr).toBe('');
      await expectSameRowsAsRun(db, expected);
    } finally {
      await q.remove();
      await db.cleanup();
    }
  }, 180_000);

  it('SIGTERM: the worker finishes the jobs in progress, takes no new one and exits 0', async () => {
    const name = uniqueQueueName('term');
    const q = await testQueue(name);
    const db = await postgresTestDb();
    try {
      const enq = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'corpus'], work);
      expect(enq.status, enq.stderr).toBe(0);
      const total = (await q.queue.getJobCounts('wait')).wait;
      const worker = spawnWarta(['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec], work);
      let held: string[] = [];
      await waitFor('the worker to hold a job', async () => {
        held = (await q.queue.getActive()).map((job) => job.id!);
        return held.length > 0;
      }, 120_000, 20);
      worker.child.kill('SIGTERM');
      const end = await worker.exited;
      expect(end.code, worker.stderr).toBe(0);
      expect(worker.stderr).toContain('SIGTERM: finishing the jobs in progress');
      for (const id of held) expect(await (await q.queue.getJob(id))?.isCompleted(), id).toBe(true);
      const counts = await q.queue.getJobCounts('completed', 'active', 'wait');
      expect(counts.active).toBe(0);
      expect(counts.wait).toBeGreaterThan(0);
      expect(counts.completed + counts.wait).toBe(total);
      const [{ n }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM "articles"');
      expect(Number(n)).toBeGreaterThan(0);
      expect(await consistencyProblems(db)).toEqual([]);
    } finally {
      await q.remove();
      await db.cleanup();
    }
  }, 180_000);

  it('enqueueing the same inputs again adds no job; a changed file or export gets new jobs; --full enqueues all again', async () => {
    const name = uniqueQueueName('idem');
    const q = await testQueue(name);
    const dir = tempDir('warta-queue-idem-');
    try {
      const input = path.join(dir, 'news');
      mkdirSync(input);
      for (const file of ['id/txt/000', 'en/txt/000']) {
        const from = path.join(work, 'corpus', file);
        for (const entry of readdirNames(from).slice(0, 5)) writeFileSync(path.join(input, `${path.basename(file.split('/')[0])}-${entry}`), readFileSync(path.join(from, entry)));
      }
      const jsonl = path.join(input, 'feed.jsonl');
      writeFileSync(jsonl, readFileSync(path.join(work, 'corpus', 'id', 'jsonl', 'part-0001.jsonl')));
      const enqueue = (...extra: string[]) => {
        const r = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'news', ...extra], dir);
        expect(r.status, r.stderr).toBe(0);
        return r.stdout;
      };
      const records = readFileSync(jsonl, 'utf8').split('\n').filter((l) => l !== '').length;
      expect(records).toBeGreaterThan(5);
      expect(enqueue()).toContain(`11 input files, 0 enqueued before, 11 enqueued: 2 jobs added (${10 + records} files and records)`);
      const first = (await q.queue.getJobs(['wait'])).map((j) => j.id).sort();
      expect(enqueue()).toMatch(/11 input files, 11 enqueued before, 0 enqueued: 0 jobs added/);
      expect((await q.queue.getJobs(['wait'])).map((j) => j.id).sort()).toEqual(first);

      // one article edited, one record appended to the export
      const txt = path.join(input, readdirNames(input).find((f) => f.endsWith('.txt'))!);
      appendFileSync(txt, '\nPembaruan: polisi menambah tiga pos penjagaan.\n');
      appendFileSync(jsonl, JSON.stringify({ title: 'Banjir surut di Demak', text: 'Banjir di Demak mulai surut pada Senin pagi. Warga kembali ke rumah.' }) + '\n');
      expect(enqueue()).toContain(`11 input files, 9 enqueued before, 2 enqueued: 2 jobs added (${1 + records + 1} files and records)`);
      const jobs = await q.queue.getJobs(['wait']);
      expect(jobs).toHaveLength(4);
      const added = jobs.filter((j) => !first.includes(j.id!));
      expect(added.map((j) => j.data.kind).sort()).toEqual(['files', 'records']);
      expect(added.find((j) => j.data.kind === 'files')!.data.files.map((f: { input: { displayPath: string } }) => f.input.displayPath)).toEqual([path.relative(dir, txt)]);
      expect(added.find((j) => j.data.kind === 'records')!.data.units).toHaveLength(records + 1);

      expect(enqueue('--full')).toMatch(/11 input files, 0 enqueued before, 11 enqueued: 2 jobs added/);
      expect(await q.queue.getJobCounts('wait')).toEqual({ wait: 6 });
    } finally {
      await q.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a poison article: its job is retried, then failed with the error; the rest completes; status shows failures and rejected records', async () => {
    const name = uniqueQueueName('poison');
    const q = await testQueue(name);
    const db = await postgresTestDb();
    const dir = tempDir('warta-queue-poison-');
    try {
      mkdirSync(path.join(dir, 'news'));
      const article = (place: string) =>
        `Hujan deras mengguyur ${place} sejak Minggu sore.\n\nBadan Penanggulangan Bencana Daerah mencatat puluhan rumah terendam. ` +
        `Warga diminta waspada terhadap banjir susulan, kata Kepala BPBD ${place} kepada wartawan pada Senin (6/10).\n`;
      writeFileSync(path.join(dir, 'news', 'bandung.txt'), article('Bandung'));
      writeFileSync(path.join(dir, 'news', 'medan.txt'), article('Medan'));
      // a "transcript" of 80 sentences: over this pipeline's maxSentences, its analysis throws
      const long = Array.from({ length: 80 }, (_, i) => `Saksi ke-${i + 1} menyatakan tidak melihat kejadian itu.`).join(' ');
      writeFileSync(path.join(dir, 'news', 'sidang.txt'), `Sidang lanjutan di Pengadilan Negeri Surabaya\n\n${long}\n`);
      writeFileSync(
        path.join(dir, 'news', 'feed.jsonl'),
        [JSON.stringify({ title: 'Gempa di Cianjur', text: 'Gempa bermagnitudo 4,1 mengguncang Cianjur pada Selasa. Tidak ada korban jiwa.' }), '{"title": "Rusak", "text": ', JSON.stringify({ title: 'Harga beras naik', text: 'Harga beras di Pasar Induk Cipinang naik dua persen pekan ini.' })].join('\n') + '\n',
      );
      writeFileSync(
        path.join(dir, 'strict.json'),
        JSON.stringify({ name: 'strict', stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }, { stage: 'sentences', options: { maxSentences: 40 } }, { stage: 'entities' }, { stage: 'dates' }] }),
      );
      const enq = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'news', '-p', 'strict.json', '--attempts', '2'], dir);
      expect(enq.status, enq.stderr).toBe(0);
      const worker = spawnWarta(['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec, '--exit-when-empty'], dir);
      const end = await worker.exited;
      expect(end.code, worker.stderr).toBe(1);
      expect(worker.stderr).toMatch(/failed \(attempt 1, will retry\): news\/sidang\.txt: analysis failed: more than 40 sentences/);
      // the failed job's two good articles were written on each of its two tries
      expect(worker.stdout).toMatch(/1 jobs completed, 1 failed, 6 articles written/);

      // the poison article's job-mates and the export's good records are in the database
      const rows = await db.query<{ source_path: string }>('SELECT "source_path" FROM "articles" ORDER BY "source_path", "source_record"');
      expect(rows.map((r) => r.source_path)).toEqual(['news/bandung.txt', 'news/feed.jsonl', 'news/feed.jsonl', 'news/medan.txt']);
      expect(await consistencyProblems(db)).toEqual([]);

      const status = warta(['queue', 'status', '--queue', REDIS_URL, '--name', name, '--json'], dir);
      expect(status.status).toBe(1);
      const json = JSON.parse(status.stdout) as QueueStatus;
      expect(json.counts).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 1 });
      expect(json.inputs).toBe(4);
      expect(json.failures).toHaveLength(1);
      expect(json.failures[0]).toMatchObject({ attempts: 2, error: 'news/sidang.txt: analysis failed: more than 40 sentences (sentences option maxSentences): not prose; not analysed' });
      expect(json.failures[0].inputs).toBe('news/bandung.txt and 2 more');
      expect(json.rejected).toEqual([expect.objectContaining({ path: 'news/feed.jsonl', record: 1, line: 2, error: expect.stringMatching(/^line 2: invalid JSON/) })]);

      const human = warta(['queue', 'status', '--queue', REDIS_URL, '--name', name], dir);
      expect(human.stdout).toMatch(/^queue .*: 4 inputs enqueued\nwaiting +active +delayed +completed +failed\n-+\n0 +0 +0 +1 +1\n/);
      expect(human.stdout).toContain('failed jobs:');
      expect(human.stdout).toMatch(/news\/bandung\.txt and 2 more +2 +news\/sidang\.txt: analysis failed: more than 40 sentences/);
      expect(human.stdout).toMatch(/rejected inputs and records:\nnews\/feed\.jsonl:2: line 2: invalid JSON/);
    } finally {
      await q.remove();
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('an article that outruns max_article_seconds: its thread is replaced, its job-mates are written, the job fails naming it', async () => {
    const name = uniqueQueueName('timeout');
    const q = await testQueue(name);
    const db = await postgresTestDb();
    const dir = tempDir('warta-queue-timeout-');
    try {
      mkdirSync(path.join(dir, 'news'));
      writeFileSync(path.join(dir, 'news', 'a-pendek.txt'), 'Pasar murah di Makassar\n\nPemerintah Kota Makassar menggelar pasar murah pada Rabu. Warga antre sejak pagi.\n');
      // about 1 MB of prose: several seconds of analysis, far over a one-second budget
      const paragraph = 'Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, Jawa Barat, pada Kamis (4/1/2024). Bendungan itu mengairi ribuan hektare sawah. ';
      writeFileSync(path.join(dir, 'news', 'b-panjang.txt'), `Laporan panjang\n\n${paragraph.repeat(7000)}\n`);
      writeFileSync(path.join(dir, 'news', 'c-pendek.txt'), 'Kereta cepat ramai penumpang\n\nPenumpang kereta cepat Jakarta-Bandung naik 20 persen selama libur sekolah.\n');
      writeFileSync(path.join(dir, 'budget.json'), JSON.stringify({ name: 'budget', max_article_seconds: 1, stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }, { stage: 'sentences' }, { stage: 'entities' }, { stage: 'dates' }] }));
      const enq = warta(['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'news', '-p', 'budget.json', '--attempts', '1'], dir);
      expect(enq.status, enq.stderr).toBe(0);
      const worker = spawnWarta(['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec, '--exit-when-empty'], dir);
      const end = await worker.exited;
      expect(end.code, worker.stderr).toBe(1);
      const rows = await db.query<{ source_path: string }>('SELECT "source_path" FROM "articles" ORDER BY "source_path"');
      expect(rows.map((r) => r.source_path)).toEqual(['news/a-pendek.txt', 'news/c-pendek.txt']);
      const [failed] = await q.queue.getFailed();
      expect(failed.failedReason).toBe('news/b-panjang.txt: timeout: analysis took longer than max_article_seconds (1 s); its thread was replaced');
    } finally {
      await q.remove();
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a record a bounded thread runs out of memory on runs alone in the roomy thread; one that exhausts it too fails its job', async () => {
    const name = uniqueQueueName('memory');
    const q = await testQueue(name);
    const db = await postgresTestDb();
    const dir = tempDir('warta-queue-memory-');
    try {
      const record = (title: string, extra: string) => JSON.stringify({ title, text: `Polisi menertibkan parkir liar di kawasan Tanah Abang pada Senin. ${extra}` });
      writeFileSync(path.join(dir, 'feed.jsonl'), [record('Satu', ''), record('Dua', 'NEEDS-MB-150'), record('Tiga', '')].join('\n') + '\n');
      writeFileSync(path.join(dir, 'hog.jsonl'), [record('Empat', ''), record('Lima', 'HOG-MEMORY')].join('\n') + '\n');
      const stages = [{ stage: 'normalize' }, { stage: 'greedy' }, { stage: 'hog' }, { stage: 'sentences' }];
      writeFileSync(path.join(dir, 'memory.json'), JSON.stringify({ name: 'memory', stages }));
      const spin = ['--import', path.join(ROOT, 'tests', 'fixtures', 'stages', 'spin.mjs')];
      const enq = wartaWithNode(spin, ['enqueue', '--queue', REDIS_URL, '--name', name, '-i', 'feed.jsonl', '-i', 'hog.jsonl', '-p', 'memory.json', '--attempts', '1'], dir);
      expect(enq.status, enq.stderr).toBe(0);
      const worker = spawnWarta(['worker', '--queue', REDIS_URL, '--name', name, '--sink', db.spec, '--exit-when-empty'], dir, spin, { WARTA_WORKER_HEAP_MB: '64', WARTA_LARGE_HEAP_MB: '512' });
      const end = await worker.exited;
      expect(end.code, worker.stderr).toBe(1);
      const rows = await db.query<{ title: string }>('SELECT "title" FROM "articles" ORDER BY "title"');
      expect(rows.map((r) => r.title)).toEqual(['Dua', 'Empat', 'Satu', 'Tiga']);
      const [failed] = await q.queue.getFailed();
      expect(failed.failedReason).toMatch(/^hog\.jsonl: line 2: analysis crashed: .*memory/i);
    } finally {
      await q.remove();
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('an unreachable queue or sink is a usage error (exit 2) named without its password', () => {
    const enq = warta(['enqueue', '--queue', 'redis://user:hunter2@127.0.0.1:1', '-i', 'input']);
    expect(enq.status).toBe(2);
    expect(enq.stderr).toMatch(/queue redis:\/\/user:\*\*\*@127\.0\.0\.1:1: cannot connect/);
    expect(enq.stderr).not.toContain('hunter2');
    const bad = warta(['queue', 'status', '--queue', 'http://127.0.0.1:6379']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('use redis://HOST:6379');
    const sink = warta(['worker', '--queue', REDIS_URL, '--sink', 'postgres://postgres@127.0.0.1:1/none']);
    expect(sink.status).toBe(2);
    expect(sink.stderr).toMatch(/postgres:\/\/postgres@127\.0\.0\.1:1\/none: cannot open/);
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
