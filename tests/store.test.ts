import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArticleTable, encodeArticleTable, type ArticleEntry } from '../src/runner/article-table.js';
import { decodeFragment, encodeFragment, FragmentBuffer, fragmentText, patchFileSha, PENDING_SHA256, removeSegmentsExcept, SegmentReader, SegmentWriter } from '../src/runner/store.js';
import type { Fragment } from '../src/runner/task.js';
import { tempDir } from './helpers/cli.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function fragment(id: string, sha: string, text: string): Fragment {
  const json = JSON.stringify({ id, source: { path: 'in/feed, "x".jsonl', format: 'jsonl', record: 3, sha256: sha }, text });
  return {
    id,
    record: 3,
    json,
    csv: {
      articles: `"${id}","in/feed, ""x"".jsonl",jsonl,3,${sha},,judul\r\n`,
      sentences: `"${id}",0,0,5,body,"dua\nbaris 😀"\r\n`,
      entities: '',
      dates: `"${id}",2018,1,5,0,body,2018,year,absolute,,,\r\n`,
    },
  };
}

describe('fragment store', () => {
  it('round-trips fragments through segment files, bytes for bytes', () => {
    const dir = path.join(tempDir(), 'segments');
    const writer = new SegmentWriter(dir, 'run-1');
    const first = fragment('art 1 😀', SHA_A, 'baris\nbaru 😀 "kutip"');
    const second = fragment('art-2', SHA_A, 'x'.repeat(5000));
    // one task: two fragments in one buffer, one write
    const task = new FragmentBuffer();
    const ranges = [task.add(first, SHA_A), task.add(second, SHA_A)];
    const { segment, offset } = writer.append(task.contents);
    const locations = ranges.map((r) => ({ segment, offset: offset + r.start, length: r.length }));
    const next = encodeFragment(fragment('art-3', SHA_A, 'tiga'), SHA_A).bytes;
    const third = { ...writer.append(next), length: next.length };
    writer.close();
    expect(locations[1].offset).toBe(locations[0].length);
    expect(third.offset).toBe(locations[0].length + locations[1].length);
    const reader = new SegmentReader(dir);
    expect(fragmentText(reader.read(locations[1]))).toEqual(second);
    expect(fragmentText(reader.read(locations[0]))).toEqual(first);
    expect(fragmentText(reader.read(third)).id).toBe('art-3');
    reader.close();
  });

  it('patches the input file hash in the JSON line and the articles row, and hashes content without it', () => {
    const pending = encodeFragment(fragment('a', PENDING_SHA256, 'teks'), PENDING_SHA256);
    const known = encodeFragment(fragment('a', SHA_A, 'teks'), SHA_A);
    // the content hash ignores which file version the article came from
    expect(pending.hash).toBe(known.hash);
    expect(encodeFragment(fragment('a', SHA_A, 'teks lain'), SHA_A).hash).not.toBe(known.hash);
    const decoded = decodeFragment(Buffer.from(pending.bytes));
    patchFileSha(decoded, SHA_B);
    const text = fragmentText(decoded);
    expect(text).toEqual(fragment('a', SHA_B, 'teks'));
    expect(JSON.parse(text.json).source.sha256).toBe(SHA_B);
  });

  it('leaves a fragment without the hash in place untouched', () => {
    const f: Fragment = { id: 'x', record: null, json: '{"id":"x"}', csv: { articles: 'x,,,,\r\n', sentences: '', entities: '', dates: '' } };
    const decoded = decodeFragment(encodeFragment(f, SHA_A).bytes);
    patchFileSha(decoded, SHA_B);
    expect(fragmentText(decoded)).toEqual(f);
  });

  it('removes segment files no state refers to', () => {
    const dir = path.join(tempDir(), 'segments');
    for (const prefix of ['old', 'live', 'killed']) {
      const writer = new SegmentWriter(dir, prefix);
      writer.append(encodeFragment(fragment(prefix, SHA_A, 't'), SHA_A).bytes);
      writer.close();
    }
    expect(removeSegmentsExcept(dir, new Set(['live-0.seg']))).toBe(2);
    expect(readdirSync(dir)).toEqual(['live-0.seg']);
  });
});

describe('article table', () => {
  it('round-trips entries of several inputs, with and without record hashes and lines', () => {
    const entry = (id: string, record: number | null, extra: Partial<ArticleEntry> = {}): ArticleEntry => ({
      id,
      record,
      location: { segment: `seg-${record ?? 'x'}.seg`, offset: 5_000_000_000 + (record ?? 0), length: 1234 },
      hash: '0123456789abcdef0123456789abcdef',
      usesFileDate: false,
      ...extra,
    });
    const tables = new Map<string, ArticleEntry[]>([
      ['/data/berita.txt', [entry('berita', null)]],
      ['/data/ekspor "a".jsonl', [entry('ekspor-0', 0, { line: 1, recordHash: 'ffeeddccbbaa99887766554433221100' }), entry('artikel 😀', 7, { line: 12, usesFileDate: true, recordHash: '00112233445566778899aabbccddeeff' })]],
      ['/data/kosong.json', []],
    ]);
    expect(decodeArticleTable(encodeArticleTable(tables))).toEqual(tables);
  });

  it('rejects a truncated table', () => {
    const bytes = encodeArticleTable(new Map([['/a.jsonl', [{ id: 'a-0', record: 0, location: { segment: 's', offset: 0, length: 1 }, hash: '0'.repeat(32), usesFileDate: false }]]]));
    expect(() => decodeArticleTable(bytes.subarray(0, bytes.length - 3))).toThrow();
  });
});
