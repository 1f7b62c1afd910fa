import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipelineConfig, ConfigError } from '../src/pipeline.js';
import { readJsonl, tempDir, warta } from './helpers/cli.js';

function pipelineFile(content: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'p.json');
  writeFileSync(file, content);
  writeFileSync(path.join(dir, 'a.txt'), 'Judul\n\nIsi berita singkat di Jakarta.');
  return { dir, file };
}

describe('pipeline files are validated; errors exit 2 naming the file and key', () => {
  it('the default pipeline is valid and lists the stages in order', () => {
    const config = loadPipelineConfig();
    expect(config.name).toBe('news');
    expect(config.stages.map((s) => s.stage)).toEqual(['normalize', 'structure', 'language', 'sentences', 'entities', 'dates']);
  });

  it('unknown stage', () => {
    const { dir, file } = pipelineFile(JSON.stringify({ stages: [{ stage: 'normalize' }, { stage: 'sentiment' }] }));
    const result = warta(['run', '-i', 'a.txt', '-o', 'out', '-p', file], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}: stages.1.stage: unknown stage "sentiment"`);
  });

  it('bad option for a stage', () => {
    const { dir, file } = pipelineFile(JSON.stringify({ stages: [{ stage: 'entities', options: { gazetteers: 'one.csv' } }] }));
    const result = warta(['run', '-i', 'a.txt', '-o', 'out', '-p', file], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/p\.json: stages\.0\.options \(entities\): gazetteers: must be array/);
    const unknown = pipelineFile(JSON.stringify({ stages: [{ stage: 'normalize', options: { colour: 'red' } }] }));
    expect(() => loadPipelineConfig(unknown.file)).toThrow(/stages\.0\.options \(normalize\): colour: unknown key/);
  });

  it('unknown top-level key and bad field mapping', () => {
    const { file } = pipelineFile(JSON.stringify({ stagez: [] }));
    expect(() => loadPipelineConfig(file)).toThrow(ConfigError);
    expect(() => loadPipelineConfig(file)).toThrow(/stagez: unknown key/);
    const mapping = pipelineFile(JSON.stringify({ fields: { isi: 'isi_berita' }, stages: [{ stage: 'normalize' }] }));
    expect(() => loadPipelineConfig(mapping.file)).toThrow(/fields: unknown field name "isi"/);
  });

  it('malformed JSON', () => {
    const { dir, file } = pipelineFile('{ "stages": [ { "stage": "normalize" }, ] }');
    const result = warta(['run', '-i', 'a.txt', '-o', 'out', '-p', file], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}: malformed JSON`);
  });

  it('a pipeline by name that does not exist', () => {
    const result = warta(['run', '-p', 'no-such-pipeline']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/pipeline no-such-pipeline: no such file .*pipelines\/no-such-pipeline\.json/);
  });

  it('a custom pipeline with fewer stages runs only those', () => {
    const { dir, file } = pipelineFile(JSON.stringify({ name: 'light', stages: [{ stage: 'normalize' }, { stage: 'structure' }, { stage: 'language' }] }));
    const result = warta(['run', '-i', 'a.txt', '-o', 'out', '-p', file], dir);
    expect(result.status, result.stderr).toBe(0);
    const [doc] = readJsonl(path.join(dir, 'out', 'documents.jsonl'));
    expect(doc.sentences).toEqual([]);
    expect(doc.language).not.toBeNull();
  });
});

describe('command line', () => {
  it('--help documents the run options and exit codes', () => {
    const result = warta(['run', '--help']);
    expect(result.status).toBe(0);
    for (const flag of ['--input', '--output', '--pipeline', '--concurrency', '--full', '--reference-date', '--quiet', '--gazetteer']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('3  another run holds');
  });

  it('--version prints the package version', () => {
    const result = warta(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('usage errors exit 2', () => {
    expect(warta(['run', '--concurrency', 'zero']).status).toBe(2);
    const date = warta(['run', '--reference-date', '2025-02-30']);
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('must be a calendar date YYYY-MM-DD');
    expect(warta(['frobnicate']).status).toBe(2);
    const missing = warta(['run', '-i', 'definitely/not/here']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--input definitely/not/here: no such file or folder');
  });

  it('accepts globs and several inputs; --quiet prints nothing on success', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Satu\n\nBerita satu di Medan.');
    writeFileSync(path.join(dir, 'b.txt'), 'Dua\n\nBerita dua di Makassar.');
    writeFileSync(path.join(dir, 'c.jsonl'), JSON.stringify({ id: 'c', text: 'Berita tiga di Palu.' }) + '\n');
    const result = warta(['run', '-i', '*.txt', '-i', 'c.jsonl', '-o', 'out', '-q'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readJsonl(path.join(dir, 'out', 'documents.jsonl')).map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
});
