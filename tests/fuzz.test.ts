/**
 * The quick seed set of the fuzz suite (`npm run fuzz -- --runs N` runs the long one): a few
 * dozen generated files in every format through the readers and the pipeline, with
 * fast-check shrinking a failure to a small input, and one batch end to end through
 * `warta run` (exit code, run.json, every output file against the contract, determinism).
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../src/analyze.js';
import { loadGazetteer, type Gazetteer } from '../src/bench/corpus.js';
import { encode, fileArb, mutateBytes, mutateText, sampleFile, textMutationsArb } from '../src/fuzz/inputs.js';
import { endToEndViolations, pipelineViolations, readerViolations, readGenerated } from '../src/fuzz/properties.js';
import { tempDir } from './helpers/cli.js';

const SEED = 4242;
let gazetteer: Gazetteer;
let analyzer: Analyzer;

beforeAll(async () => {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  gazetteer = await loadGazetteer();
  analyzer = await createAnalyzer();
});

describe('fuzz: generators', () => {
  it('mutations do what they say', () => {
    expect(mutateText('abcdef', [{ op: 'insert', at: 0.5, what: '\ud800' }])).toBe('abc\ud800def');
    expect(mutateText('abcdef', [{ op: 'delete', at: 0, length: 2 }, { op: 'truncate', at: 0.5 }])).toBe('cd');
    expect(mutateText('ab', [{ op: 'repeat', at: 0, length: 1, times: 3 }])).toBe('aaab');
    expect(mutateBytes(Buffer.from('abc'), [{ op: 'insert', at: 1 / 3, bytes: [0xc3, 0x28] }])).toEqual(Buffer.from([0x61, 0xc3, 0x28, 0x62, 0x63]));
    expect(encode('é', 'utf16be-bom')).toEqual(Buffer.from([0xfe, 0xff, 0x00, 0xe9]));
  });

  it('a seed and index always give the same file', () => {
    const a = sampleFile(gazetteer, SEED, 3);
    const b = sampleFile(gazetteer, SEED, 3);
    expect(a.name).toBe('f3.' + a.format);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.expect).toEqual(b.expect);
  });

  it('text mutations stay within a string (fast-check generates them)', () => {
    fc.assert(fc.property(fc.string(), textMutationsArb, (s, m) => typeof mutateText(s, m) === 'string'), { seed: SEED, numRuns: 200 });
  });
});

describe('fuzz: readers (bytes in, documents and named failures out)', () => {
  it('every generated file: good records read, bad ones named, nothing thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(gazetteer, { idPrefix: 'q', baseName: 'q' }), async (file) => {
        const result = await readGenerated(file);
        expect(readerViolations(file, result)).toEqual([]);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});

describe('fuzz: pipeline (output contract, strict CSV, determinism)', () => {
  it('every document of generated files keeps the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(gazetteer, { idPrefix: 'p', baseName: 'p' }), async (file) => {
        const { docs } = await readGenerated(file);
        for (let d = 0; d < docs.length; d++) expect(await pipelineViolations(analyzer, file, d)).toEqual([]);
      }),
      { seed: SEED + 1, numRuns: 30 },
    );
  }, 120_000);
});

describe('fuzz: warta run end to end', () => {
  it('a generated folder: right exit code, every bad record named, every good one written, same bytes at 1 worker', () => {
    const files = Array.from({ length: 14 }, (_, i) => sampleFile(gazetteer, SEED + 2, i));
    const dir = tempDir('warta-fuzz-test-');
    const outcome = endToEndViolations(files, dir, true, 120_000);
    rmSync(dir, { recursive: true, force: true });
    expect(outcome.violations).toEqual([]);
    expect(outcome.documents).toBeGreaterThan(3);
    expect(outcome.failures).toBeGreaterThan(0);
    expect(outcome.exitCode).toBe(1);
  }, 240_000);
});
