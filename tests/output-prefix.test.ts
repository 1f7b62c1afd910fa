import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleColumns, SegmentNames } from '../src/runner/article-table.js';
import { loadOutputIndex, saveOutputIndex } from '../src/runner/output-index.js';
import { LiveArticles, writeOutputs } from '../src/runner/outputs.js';
import type { RunState } from '../src/runner/state.js';
import { SegmentWriter } from '../src/runner/store.js';
import { DATA_FILES, FileSink } from '../src/sinks/files.js';
import { FragmentBuffer } from '../src/sinks/fragment.js';
import { OutputLayout } from '../src/sinks/output-layout.js';
import { InPlaceUpdate, type InPlaceStep } from '../src/sinks/in-place.js';
import { PrefixCopy } from '../src/sinks/prefix-copy.js';
import { tempDir } from './helpers/cli.js';

const SHA_OLD = 'a'.repeat(64);
const SHA_NEW = 'b'.repeat(64);
const SHA_TXT = 'c'.repeat(64);

/** A rendered article whose rows carry `sha` where a real one does (JSON `source.sha256`, 5th cell of its articles row). */
function rendered(id: string, sha: string, record: number | null, more = '') {
  const sourcePath = record === null ? 'in/catatan.txt' : 'in/berita, "baru".jsonl';
  const json = JSON.stringify({ id, source: { path: sourcePath, format: record === null ? 'txt' : 'jsonl', record, sha256: sha }, title: `Banjir di Bekasi ${id}`, text: 'Warga mengungsi ke masjid.\n"Air naik cepat," kata Rudi.' + more });
  return {
    id,
    record,
    json,
    csv: {
      articles: `${id},"${sourcePath.replace(/"/g, '""')}",jsonl,${record ?? ''},${sha},Banjir di Bekasi ${id}\r\n`,
      sentences: `${id},0,0,26,body,Warga mengungsi ke masjid.\r\n${id},1,27,55,body,"""Air naik cepat,"" kata Rudi."\r\n`,
      entities: id.endsWith('3') ? '' : `${id},Rudi,person,49,53,1,body,rudi\r\n`,
      dates: '',
    },
  };
}

/**
 * A fragment store holding `articles` (input file, id, record) and the run state and article
 * table that list them, as `warta run` would have them after its workers finished.
 */
function store(dir: string, names: SegmentNames, articles: { file: string; sha: string; id: string; record: number | null; more?: string }[], tag: string) {
  const writer = new SegmentWriter(path.join(dir, 'segments'), tag);
  const buffer = new FragmentBuffer();
  const placed = articles.map((a) => ({ a, ...buffer.add(rendered(a.id, a.sha, a.record, a.more), a.sha) }));
  const { segment, offset } = writer.append(buffer.contents);
  writer.close();
  return placed.map(({ a, start, length, hash }) => ({ ...a, segment: names.numberOf(segment), offset: offset + start, length, hash }));
}

function liveOf(stored: ReturnType<typeof store>, shas: Record<string, string>) {
  const state: RunState = { version: 2, fingerprint: 'f', inputs: {}, segments: [] };
  const table = new Map();
  for (const file of [...new Set(stored.map((s) => s.file))]) {
    const columns = new ArticleColumns();
    for (const s of stored.filter((x) => x.file === file)) columns.add({ id: s.id, record: s.record, segment: s.segment, offset: s.offset, length: s.length, hash: s.hash, usesFileDate: false });
    state.inputs[file] = { size: 1, mtimeMs: 1, sha256: shas[file], articles: columns.count, failures: [] };
    table.set(file, { columns, start: 0, count: columns.count });
  }
  return new LiveArticles(state, table);
}

const snapshot = (dir: string) => Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));

describe('the output layout and index', () => {
  it('records where every article and sha256 lies; the layout round-trips through its bytes', async () => {
    const out = tempDir();
    const names = new SegmentNames();
    const stored = store(path.join(out, '.warta'), names, Array.from({ length: 6 }, (_, i) => ({ file: '/in/a.jsonl', sha: SHA_OLD, id: `id-${i}`, record: i })), 'r1');
    const live = liveOf(stored, { '/in/a.jsonl': SHA_OLD });
    const layout = await writeOutputs(new FileSink(out), path.join(out, '.warta', 'segments'), live, names);
    const docs = readFileSync(path.join(out, 'documents.jsonl'));
    const articles = readFileSync(path.join(out, 'articles.csv'));
    for (let k = 0; k < live.size; k++) {
      expect(docs.toString('latin1', layout.shaJson[k], layout.shaJson[k] + 64)).toBe(SHA_OLD);
      expect(articles.toString('latin1', layout.shaCsv[k], layout.shaCsv[k] + 64)).toBe(SHA_OLD);
      expect(docs.toString('utf8', layout.starts[0][k], layout.starts[0][k + 1])).toBe(rendered(`id-${k}`, SHA_OLD, k).json + '\n');
    }
    expect(layout.sizes).toEqual(DATA_FILES.map((f) => statSync(path.join(out, f)).size));
    const bytes = Buffer.concat(layout.encode());
    const { layout: back, end } = OutputLayout.decode(bytes, 0);
    expect(end).toBe(bytes.length);
    expect(back).toEqual(layout);
  });

  it('is ignored once a data file changed after it was written', async () => {
    const out = tempDir();
    const names = new SegmentNames();
    const stored = store(path.join(out, '.warta'), names, [0, 1, 2].map((i) => ({ file: '/in/a.jsonl', sha: SHA_OLD, id: `id-${i}`, record: i })), 'r1');
    const live = liveOf(stored, { '/in/a.jsonl': SHA_OLD });
    const layout = await writeOutputs(new FileSink(out), path.join(out, '.warta', 'segments'), live, names);
    const indexFile = path.join(out, '.warta', 'outputs.bin');
    saveOutputIndex(indexFile, out, live, layout, names);
    // read back with fresh segment numbering: keys follow the names, not the numbers
    const other = new SegmentNames();
    other.numberOf('unrelated.seg');
    const index = loadOutputIndex(indexFile, out, other);
    expect(index?.layout).toEqual(layout);
    expect([...index!.keys]).toEqual(stored.map((s) => other.numberOf(names.names[s.segment]) * 2 ** 32 + s.offset));
    // a dashboard user edits a CSV file: same size, other time; then a longer file
    utimesSync(path.join(out, 'dates.csv'), new Date('2025-01-01'), new Date('2025-01-01'));
    expect(loadOutputIndex(indexFile, out, other)).toBeNull();
    appendFileSync(path.join(out, 'sentences.csv'), 'x\r\n');
    expect(loadOutputIndex(indexFile, out, other)).toBeNull();
    writeFileSync(indexFile, Buffer.from('WOI1 truncated'));
    expect(loadOutputIndex(indexFile, out, other)).toBeNull();
  });
});

describe('copying the unchanged prefix of the last output', () => {
  it('patches the new sha256, stops where the new output departs from the old, and the writer goes on from there', async () => {
    const out = tempDir();
    const names = new SegmentNames();
    const segments = path.join(out, '.warta', 'segments');
    // last run: 8 records of an export and a text file whose id sorts among them
    const first = store(path.join(out, '.warta'), names, [
      ...Array.from({ length: 8 }, (_, i) => ({ file: '/in/a.jsonl', sha: SHA_OLD, id: `id-${i * 2}`, record: i })),
      { file: '/in/b.txt', sha: SHA_TXT, id: 'id-9', record: null },
    ], 'r1');
    const oldLive = liveOf(first, { '/in/a.jsonl': SHA_OLD, '/in/b.txt': SHA_TXT });
    const oldLayout = await writeOutputs(new FileSink(out), segments, oldLive, names);

    // this run: two records appended, one of them sorting between old ones (id-7)
    const added = store(path.join(out, '.warta'), names, [
      { file: '/in/a.jsonl', sha: SHA_NEW, id: 'id-7', record: 8 },
      { file: '/in/a.jsonl', sha: SHA_NEW, id: 'id-99', record: 9 },
    ], 'r2');
    const shaOf = (p: number) => (oldLive.fileSha(p) === SHA_TXT ? SHA_TXT : SHA_NEW);
    const copy = new PrefixCopy(out, DATA_FILES, oldLayout, oldLive.size, shaOf);
    const newLive = liveOf([...first, ...added], { '/in/a.jsonl': SHA_NEW, '/in/b.txt': SHA_TXT });
    let shared = 0;
    while (shared < oldLive.size && newLive.key(shared) === oldLive.key(shared)) shared++;
    // id-0 id-10 id-12 id-14 id-2 id-4 id-6, then id-7 is new
    expect(shared).toBe(7);
    const files = await copy.stopAt(shared);
    await writeOutputs(new FileSink(out), segments, newLive, names, { files, from: shared, layout: oldLayout });
    const resumed = snapshot(out);

    // the same articles written from the fragment store alone
    const clean = tempDir();
    await writeOutputs(new FileSink(clean), segments, newLive, names);
    expect(resumed).toEqual(snapshot(clean));
    expect(resumed['documents.jsonl']).toContain(`"sha256":"${SHA_NEW}"`);
    expect(resumed['documents.jsonl']).not.toContain(SHA_OLD);
    expect(resumed['articles.csv'].split('\r\n').filter((row) => row.startsWith('id-9,'))[0]).toContain(SHA_TXT);
  });

  it('leaves nothing behind when aborted', async () => {
    const out = tempDir();
    const names = new SegmentNames();
    const stored = store(path.join(out, '.warta'), names, [0, 1].map((i) => ({ file: '/in/a.jsonl', sha: SHA_OLD, id: `id-${i}`, record: i })), 'r1');
    const live = liveOf(stored, { '/in/a.jsonl': SHA_OLD });
    const layout = await writeOutputs(new FileSink(out), path.join(out, '.warta', 'segments'), live, names);
    const before = snapshot(out);
    const copy = new PrefixCopy(out, DATA_FILES, layout, 2, () => SHA_NEW);
    copy.abort();
    await copy.stopAt(0).catch(() => {});
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('updating the last output where it lies', () => {
  /** Last run: 8 export records (even ids) and a text file whose id sorts among them; this run: 2 records appended, one sorting between old ones. */
  async function appendedOutputs(more = '') {
    const out = tempDir();
    const names = new SegmentNames();
    const segments = path.join(out, '.warta', 'segments');
    const first = store(path.join(out, '.warta'), names, [
      ...Array.from({ length: 8 }, (_, i) => ({ file: '/in/a.jsonl', sha: SHA_OLD, id: `id-${i * 2}`, record: i, more })),
      { file: '/in/b.txt', sha: SHA_TXT, id: 'id-1', record: null, more },
    ], 'r1');
    const oldShas = { '/in/a.jsonl': SHA_OLD, '/in/b.txt': SHA_TXT } as Record<string, string>;
    const oldLive = liveOf(first, oldShas);
    const layout = await writeOutputs(new FileSink(out), segments, oldLive, names);
    const added = store(path.join(out, '.warta'), names, [
      { file: '/in/a.jsonl', sha: SHA_NEW, id: 'id-7', record: 8 },
      { file: '/in/a.jsonl', sha: SHA_NEW, id: 'id-99', record: 9 },
    ], 'r2');
    const live = liveOf([...first, ...added], { '/in/a.jsonl': SHA_NEW, '/in/b.txt': SHA_TXT });
    let shared = 0;
    while (shared < oldLive.size && live.key(shared) === oldLive.key(shared)) shared++;
    // id-0 id-1 id-10 id-12 id-14 id-2 id-4 id-6, then id-7 is new
    expect(shared).toBe(8);
    // the text file's hash is unchanged: its rows are left as they are
    const shaOf = (k: number) => (live.fileSha(k) === oldShas[live.sourceFile(k)] ? null : Buffer.from(live.fileSha(k)));
    return { out, names, segments, layout, live, shared, shaOf };
  }

  // short rows are patched through a buffer, long ones (a JSON line per ~17 KB) one sha256 at a time
  it.each([
    ['short', ''],
    ['long', ' Hujan deras mengguyur Bekasi sejak pagi.'.repeat(200)],
  ])('cuts each file after the kept articles, patches their sha256 and appends the rest: the bytes of a rewrite from the store (%s rows)', async (_rows, more) => {
    const { out, names, segments, layout, live, shared, shaOf } = await appendedOutputs(more);
    const inodes = DATA_FILES.map((f) => statSync(path.join(out, f)).ino);
    const journal = path.join(out, '.warta', 'in-place.json');
    const steps: InPlaceStep[] = [];
    const update = new InPlaceUpdate(out, DATA_FILES, journal, async (step) => {
      steps.push(step);
      // from the first change on, a run that finds the journal must not trust the files
      const spoiled = InPlaceUpdate.spoiled(journal);
      expect(spoiled).toMatchObject({ kept_articles: shared });
      expect(spoiled?.finished_at).toBeUndefined();
    });
    const files = await update.begin(layout, shared, shaOf);
    const written = await writeOutputs(new FileSink(out), segments, live, names, { files, from: shared, layout });
    await update.appended();
    await update.finish();
    expect(steps).toEqual(['journal', 'patched', 'appended', 'saved']);

    const clean = tempDir();
    const fresh = await writeOutputs(new FileSink(clean), segments, live, names);
    expect(snapshot(out)).toEqual(snapshot(clean));
    expect(written).toEqual(fresh);
    expect(snapshot(out)['documents.jsonl']).not.toContain(SHA_OLD);
    // the same files, not new ones renamed over them; no temporary file
    expect(DATA_FILES.map((f) => statSync(path.join(out, f)).ino)).toEqual(inodes);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // finished in this boot: trusted; the journal says what was done
    expect(InPlaceUpdate.spoiled(journal)).toBeNull();
    const record = JSON.parse(readFileSync(journal, 'utf8'));
    expect(record.files.map((f: { name: string }) => f.name)).toEqual([...DATA_FILES]);
    expect(record.files[0]).toEqual({ name: 'documents.jsonl', size_before: layout.sizes[0], cut_at: layout.starts[0][shared] });
    expect(typeof record.finished_at).toBe('string');
  });

  it('a finished journal from another boot, or a torn one, spoils the outputs', () => {
    const journal = path.join(tempDir(), 'in-place.json');
    expect(InPlaceUpdate.spoiled(journal)).toBeNull();
    const finished = { started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.000Z', boot_id: 'a-boot-before-a-power-cut', pid: 1, kept_articles: 3, files: [] };
    writeFileSync(journal, JSON.stringify(finished));
    expect(InPlaceUpdate.spoiled(journal)).toMatchObject({ boot_id: 'a-boot-before-a-power-cut' });
    writeFileSync(journal, '{"started_at":"2026-01-');
    expect(InPlaceUpdate.spoiled(journal)).toEqual({});
  });

  it('refuses files that are not the size the index says, before writing a journal or touching them', async () => {
    const { out, layout, shared, shaOf } = await appendedOutputs();
    appendFileSync(path.join(out, 'dates.csv'), 'id-99,x\r\n');
    const before = snapshot(out);
    const journal = path.join(out, '.warta', 'in-place.json');
    await expect(new InPlaceUpdate(out, DATA_FILES, journal).begin(layout, shared, shaOf)).rejects.toThrow(/dates\.csv: \d+ bytes, the output index says \d+/);
    expect(existsSync(journal)).toBe(false);
    expect(snapshot(out)).toEqual(before);
  });
});
