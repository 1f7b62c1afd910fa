import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FragmentStore, decodeFragment } from '../src/runner/store.js';
import { tempDir } from './helpers/cli.js';

describe('fragment store', () => {
  it('round-trips a fragment whose parts hold newlines, quotes, emoji and the header separator', async () => {
    const store = new FragmentStore(path.join(tempDir(), 'docs'));
    store.prepare();
    const fragment = {
      id: 'art 1 😀',
      record: 3,
      json: '{"text":"baris\\nbaru 😀"}',
      csv: {
        articles: 'art 1 😀,"judul ""kutip"""\r\n',
        sentences: 'art 1 😀,0,0,5,body,"dua\nbaris"\r\n',
        entities: '',
        dates: 'art 1 😀,2018,1,5,0,body,2018,year,absolute,,,\r\n',
      },
    };
    const key = FragmentStore.keyOf('/data/feed.jsonl', 3);
    store.putSync(key, fragment);
    expect(await store.get(key)).toEqual(fragment);
    await store.delete(key);
    await expect(store.get(key)).rejects.toThrow(/ENOENT/);
  });

  it('keys depend on path and record, and a null record decodes as null', () => {
    expect(FragmentStore.keyOf('/a.txt', null)).not.toBe(FragmentStore.keyOf('/a.txt', 0));
    expect(FragmentStore.keyOf('/a.jsonl', 1)).toMatch(/^[0-9a-f]{40}$/);
    const decoded = decodeFragment('1 -1 2 0 0 0 0\nx{}');
    expect(decoded).toEqual({ id: 'x', record: null, json: '{}', csv: { articles: '', sentences: '', entities: '', dates: '' } });
  });
});
