/**
 * An article beyond what the pipeline bounds (more sentences than `maxSentences`) fails
 * alone in `warta run`, named in run.json and on stderr, and everything else is written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, tempDir, warta } from './helpers/cli.js';

describe('maxSentences in warta run', () => {
  it('fails the junk article with a message naming it and writes the others', () => {
    const work = tempDir('warta-limits-');
    mkdirSync(path.join(work, 'in'));
    writeFileSync(path.join(work, 'in', 'berita.txt'), 'Banjir di Semarang\n\nBanjir rob merendam permukiman pesisir. Warga mengungsi ke balai desa.\n');
    writeFileSync(path.join(work, 'in', 'sampah.txt'), `Judul\n\n${'Ya. Tidak. '.repeat(200)}\n`);
    const pipeline = {
      name: 'bounded',
      stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }, { stage: 'sentences', options: { maxSentences: 100 } }, { stage: 'dates' }],
    };
    writeFileSync(path.join(work, 'bounded.json'), JSON.stringify(pipeline));
    const result = warta(['run', '--input', 'in', '--output', 'out', '--pipeline', 'bounded.json'], work);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/sampah\.txt.*more than 100 sentences/);
    const run = JSON.parse(readFileSync(path.join(work, 'out', 'run.json'), 'utf8'));
    expect(run.failures).toEqual([expect.objectContaining({ path: 'in/sampah.txt', record: null, error: expect.stringContaining('maxSentences') })]);
    expect(readJsonl(path.join(work, 'out', 'documents.jsonl')).map((d) => d.id)).toEqual(['berita']);
  });
});
