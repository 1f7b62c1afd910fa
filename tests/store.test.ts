import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleColumns, decodeArticleTable, encodeArticleTable, SegmentNames } from '../src/runner/article-table.js';
import { decodeFragment, encodeFragment, FragmentBuffer, fragmentText, patchFileSha, PENDING_SHA256 } from '../src/sinks/fragment.js';
import { removeSegmentsExcept, SegmentReader, SegmentWriter } from '../src/runner/store.js';
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
  const hex = (n: number) => n.toString(16).padStart(32, '0');

  it('round-trips the articles of several inputs through the table file, columns and ids alike', () => {
    const names = new SegmentNames();
    const small = new ArticleColumns(1);
    small.add({ id: 'berita', record: null, segment: names.numberOf('run-1-0.seg'), offset: 5_000_000_000, length: 1234, hash: hex(1), usesFileDate: false });
    small.add({ id: 'artikel 😀', record: null, segment: names.numberOf('run-2-0.seg'), offset: 7, length: 9, hash: hex(2), usesFileDate: true });
    const feed = new ArticleColumns(1);
    for (let i = 0; i < 300; i++) {
      feed.add({ id: `ekspor-${i}`, record: i, line: i + 2, segment: names.numberOf('run-1-0.seg'), offset: 100 * i, length: 100, hash: hex(i), recordHash: Buffer.from(hex(1000 + i), 'hex'), usesFileDate: i === 7 });
    }
    const table = new Map([
      ['/data/berita.txt', { columns: small, start: 0, count: 1 }],
      ['/data/artikel.txt', { columns: small, start: 1, count: 1 }],
      ['/data/ekspor "a".jsonl', { columns: feed, start: 0, count: 300 }],
    ]);
    const fresh = new SegmentNames();
    fresh.numberOf('other.seg');
    const back = decodeArticleTable(Buffer.concat(encodeArticleTable(table, names)), fresh);
    expect([...back.keys()]).toEqual([...table.keys()]);
    for (const [input, range] of table) {
      const read = back.get(input)!;
      expect(read.count).toBe(range.count);
      for (let k = 0; k < range.count; k++) {
        const [a, b] = [range.start + k, read.start + k];
        expect(read.columns.ids[b]).toBe(range.columns.ids[a]);
        expect(read.columns.record(b)).toBe(range.columns.record(a));
        expect(read.columns.lines[b]).toBe(range.columns.lines[a]);
        expect(fresh.names[read.columns.segments[b]]).toBe(names.names[range.columns.segments[a]]);
        expect(read.columns.offsets[b]).toBe(range.columns.offsets[a]);
        expect(read.columns.lengths[b]).toBe(range.columns.lengths[a]);
        expect(read.columns.hash(b)).toBe(range.columns.hash(a));
        expect(read.columns.usesFileDate(b)).toBe(range.columns.usesFileDate(a));
      }
    }
    const exported = back.get('/data/ekspor "a".jsonl')!;
    expect(exported.columns.sameRecord(exported.start + 5, Buffer.from(hex(1005), 'hex'))).toBe(true);
    expect(exported.columns.sameRecord(exported.start + 5, Buffer.from(hex(1006), 'hex'))).toBe(false);
    expect(back.get('/data/berita.txt')!.columns.sameRecord(0, Buffer.alloc(16))).toBe(false);
  });

  it('rejects a truncated table', () => {
    const names = new SegmentNames();
    const columns = new ArticleColumns();
    for (const record of [2, 0, 1]) columns.add({ id: `f-${record}`, record, segment: names.numberOf('s.seg'), offset: record, length: 1, hash: hex(record), usesFileDate: false });
    const bytes = Buffer.concat(encodeArticleTable(new Map([['/a.jsonl', { columns, start: 0, count: 3 }]]), names));
    expect(decodeArticleTable(bytes, new SegmentNames()).get('/a.jsonl')!.columns.ids).toEqual(['f-2', 'f-0', 'f-1']);
    expect(() => decodeArticleTable(bytes.subarray(0, bytes.length - 3), new SegmentNames())).toThrow();
  });
});
