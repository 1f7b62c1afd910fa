import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, tempDir, warta } from './helpers/cli.js';

describe('--gazetteer', () => {
  it('adds a newsroom gazetteer: its names are found with their canonical ids', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'newsroom.csv'),
      'text,type,canonical\nBudi Santoso Wirawan,PERSON,Budi Santoso Wirawan\nPT Sinar Laut Nusantara,ORGANIZATION,Sinar Laut Nusantara\nSinar Laut,ORGANIZATION,Sinar Laut Nusantara\n',
    );
    writeFileSync(
      path.join(dir, 'a.jsonl'),
      JSON.stringify({
        id: 'g1',
        text: 'Direktur PT Sinar Laut Nusantara, Budi Santoso Wirawan, meninjau pelabuhan. Saham Sinar Laut naik tiga persen.',
      }) + '\n',
    );
    const plain = warta(['run', '-i', 'a.jsonl', '-o', 'plain'], dir);
    expect(plain.status, plain.stderr).toBe(0);
    const result = warta(['run', '-i', 'a.jsonl', '-o', 'out', '--gazetteer', 'newsroom.csv'], dir);
    expect(result.status, result.stderr).toBe(0);
    const [doc] = readJsonl(path.join(dir, 'out', 'documents.jsonl'));
    const ids = doc.entities.map((e: any) => `${e.text}|${e.entity_id}`);
    expect(ids).toContain('Budi Santoso Wirawan|PERSON:budi-santoso-wirawan');
    expect(ids).toContain('Sinar Laut|ORGANIZATION:sinar-laut-nusantara');
    expect(doc.entities.filter((e: any) => e.entity_id === 'ORGANIZATION:sinar-laut-nusantara')).toHaveLength(2);
  });

  it('a missing gazetteer file is a configuration error (exit 2, nothing written)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Judul\n\nBerita di Jakarta.');
    const result = warta(['run', '-i', 'a.txt', '-o', 'out', '--gazetteer', 'nope.csv'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error: pipeline .*news\.json: entities: gazetteer file not found: .*nope\.csv/);
    expect(existsSync(path.join(dir, 'out', 'documents.jsonl'))).toBe(false);
  });
});

describe('--reference-date', () => {
  it('anchors relative dates in articles without a publication date', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'a.jsonl'),
      JSON.stringify({ id: 'r1', text: 'Banjir melanda Bekasi kemarin. Warga mengungsi sejak Senin.' }) + '\n',
    );
    const result = warta(['run', '-i', 'a.jsonl', '-o', 'out', '--reference-date', '2025-09-06'], dir);
    expect(result.status, result.stderr).toBe(0);
    const [doc] = readJsonl(path.join(dir, 'out', 'documents.jsonl'));
    const values = Object.fromEntries(doc.dates.map((d: any) => [d.text, d.value]));
    expect(values.kemarin).toBe('2025-09-05');
    expect(Object.entries(values).find(([text]) => text.includes('Senin'))?.[1]).toBe('2025-09-01');
  });
});
