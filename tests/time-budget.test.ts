import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, ROOT, tempDir, wartaWithNode } from './helpers/cli.js';

/** A test-only stage that never returns on articles holding SPIN-FOREVER, loaded into every thread. */
const SPIN = ['--import', path.join(ROOT, 'tests', 'fixtures', 'stages', 'spin.mjs')];

const TEXT = 'Gubernur Jawa Barat meresmikan jembatan baru di Bandung pada Senin. Warga menyambut gembira.';

describe('max_article_seconds: an article that takes too long fails alone', () => {
  it('times out the hanging record of a JSONL batch and a hanging .txt file; everything else is written', () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in'));
    writeFileSync(
      path.join(work, 'spin.json'),
      JSON.stringify({ max_article_seconds: 1, stages: [{ stage: 'normalize' }, { stage: 'spin' }, { stage: 'sentences' }] }),
    );
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `r-${i}`, text: `${TEXT} Nomor ${i}.` }));
    lines[17] = JSON.stringify({ id: 'r-17', text: `${TEXT} SPIN-FOREVER` });
    writeFileSync(path.join(work, 'in', 'feed.jsonl'), lines.join('\n'));
    writeFileSync(path.join(work, 'in', 'hang.txt'), `Judul\n\n${TEXT} SPIN-FOREVER`);
    for (let i = 0; i < 3; i++) writeFileSync(path.join(work, 'in', `ok-${i}.txt`), `Judul ${i}\n\n${TEXT}`);

    const started = Date.now();
    const result = wartaWithNode(SPIN, ['run', '-i', 'in', '-o', 'out', '-p', 'spin.json', '-c', '2'], work);
    expect(result.status, result.stderr).toBe(1);
    // two budgets and the replaced workers' start-up, not a hang
    expect(Date.now() - started).toBeLessThan(60_000);
    const info = JSON.parse(readFileSync(path.join(work, 'out', 'run.json'), 'utf8'));
    expect(info.failures).toEqual([
      {
        path: 'in/feed.jsonl',
        record: 17,
        line: 18,
        error: 'line 18: timeout: analysis took longer than max_article_seconds (1 s); its worker was replaced',
      },
      {
        path: 'in/hang.txt',
        record: null,
        error: 'timeout: analysis took longer than max_article_seconds (1 s); its worker was replaced',
      },
    ]);
    expect(result.stderr).toContain('in/feed.jsonl:18: line 18: timeout');
    const ids = readJsonl(path.join(work, 'out', 'documents.jsonl')).map((d) => d.id);
    expect(ids).toHaveLength(42);
    expect(ids).not.toContain('r-17');
    expect(ids).toContain('r-16');
    expect(ids).toContain('r-18');
    expect(ids).toContain('ok-2');
  }, 120_000);

  it('a worker that runs out of memory loses only the article it was on', () => {
    const work = tempDir();
    writeFileSync(path.join(work, 'hog.json'), JSON.stringify({ stages: [{ stage: 'normalize' }, { stage: 'hog' }, { stage: 'sentences' }] }));
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `r-${i}`, text: i === 12 ? `${TEXT} HOG-MEMORY` : `${TEXT} Nomor ${i}.` }));
    writeFileSync(path.join(work, 'feed.jsonl'), lines.join('\n'));
    // the roomy worker that gets it next runs out too: it fails alone
    const result = wartaWithNode(SPIN, ['run', '-i', 'feed.jsonl', '-o', 'out', '-p', 'hog.json', '-c', '1'], work, { WARTA_WORKER_HEAP_MB: '64', WARTA_LARGE_HEAP_MB: '96' });
    expect(result.status, result.stderr).toBe(1);
    const info = JSON.parse(readFileSync(path.join(work, 'out', 'run.json'), 'utf8'));
    expect(info.failures).toHaveLength(1);
    expect(info.failures[0]).toMatchObject({ path: 'feed.jsonl', record: 12, line: 13 });
    expect(info.failures[0].error).toMatch(/^line 13: analysis crashed: .*memory/);
    expect(readJsonl(path.join(work, 'out', 'documents.jsonl'))).toHaveLength(29);
  }, 120_000);

  it('an article too big for a bounded worker is analysed by the roomy one; the rest stay in the bounded pool', () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in'));
    writeFileSync(path.join(work, 'greedy.json'), JSON.stringify({ stages: [{ stage: 'normalize' }, { stage: 'greedy' }, { stage: 'sentences' }] }));
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `r-${i}`, text: i === 7 ? `${TEXT} NEEDS-MB-160` : `${TEXT} Nomor ${i}.` }));
    writeFileSync(path.join(work, 'in', 'feed.jsonl'), lines.join('\n'));
    writeFileSync(path.join(work, 'in', 'giant.txt'), `Judul\n\n${TEXT} NEEDS-MB-160`);
    for (let i = 0; i < 3; i++) writeFileSync(path.join(work, 'in', `ok-${i}.txt`), `Judul ${i}\n\n${TEXT}`);
    const env = { WARTA_WORKER_HEAP_MB: '64', WARTA_LARGE_HEAP_MB: '512' };
    const result = wartaWithNode(SPIN, ['run', '-i', 'in', '-o', 'out', '-p', 'greedy.json', '-c', '2'], work, env);
    expect(result.status, result.stderr).toBe(0);
    const docs = readJsonl(path.join(work, 'out', 'documents.jsonl'));
    expect(docs).toHaveLength(34);
    expect(docs.map((d) => d.id)).toEqual(expect.arrayContaining(['r-7', 'giant', 'r-6', 'r-8', 'ok-0']));
    // the same bytes as a run where every worker has room
    const roomy = wartaWithNode(SPIN, ['run', '-i', 'in', '-o', 'out-roomy', '-p', 'greedy.json', '-c', '1'], work, { WARTA_WORKER_HEAP_MB: '512' });
    expect(roomy.status, roomy.stderr).toBe(0);
    for (const file of ['documents.jsonl', 'articles.csv', 'sentences.csv']) {
      expect(readFileSync(path.join(work, 'out', file), 'utf8'), file).toBe(readFileSync(path.join(work, 'out-roomy', file), 'utf8'));
    }
    // without the roomy worker the article fails alone, as before
    const none = wartaWithNode(SPIN, ['run', '-i', 'in', '-o', 'out-none', '-p', 'greedy.json', '-c', '2'], work, { WARTA_WORKER_HEAP_MB: '64', WARTA_LARGE_HEAP_MB: '0' });
    expect(none.status).toBe(1);
    const info = JSON.parse(readFileSync(path.join(work, 'out-none', 'run.json'), 'utf8'));
    expect(info.failures.map((f: { path: string }) => f.path).sort()).toEqual(['in/feed.jsonl', 'in/giant.txt']);
  }, 180_000);
});
