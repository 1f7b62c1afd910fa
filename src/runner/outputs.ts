import path from 'node:path';
import type { ReadFailure } from '../ingest/readers.js';
import { toPosix } from '../ingest/readers.js';
import { sinkArticleHash } from '../sinks/article.js';
import type { FileSink, StoredArticles, WriteResume } from '../sinks/files.js';
import type { OutputLayout } from '../sinks/output-layout.js';
import { fragmentKey } from './output-index.js';
import type { ArticleColumns, ArticleTable, SegmentNames } from './article-table.js';
import type { RunState } from './state.js';
import { fragmentText, patchFileSha, patchFileShaAt, type Fragment, type FragmentBytes } from '../sinks/fragment.js';
import type { DocumentRecord } from '../sinks/serialize.js';
import type { SinkArticle } from '../sinks/sink.js';
import { SegmentReader, type FragmentLocation } from './store.js';

/**
 * Every article of the run's inputs in output order (by id, then path, then record). An id
 * claimed twice keeps its first claimant and fails the others with a message. This is the list a
 * sink writes: the file sink all of it, a database sink the articles whose hash changed (`hash`
 * combined with the file's `sha256`, which the written article carries).
 */
export class LiveArticles {
  /** Output position → article number (into `ids`, `blockOf`, `positionOf`). */
  readonly order: Uint32Array;
  readonly duplicates: ReadFailure[] = [];
  private readonly ids: string[] = [];
  private readonly blockOf: Uint32Array;
  private readonly positionOf: Uint32Array;
  private readonly blocks: { file: string; sha256: string; columns: ArticleColumns }[] = [];

  constructor(state: RunState, table: ArticleTable) {
    let total = 0;
    for (const file of Object.keys(state.inputs)) total += table.get(file)?.count ?? 0;
    this.blockOf = new Uint32Array(total);
    this.positionOf = new Uint32Array(total);
    const records = new Int32Array(total);
    let n = 0;
    for (const [file, input] of Object.entries(state.inputs)) {
      const range = table.get(file);
      if (!range) continue;
      const block = this.blocks.length;
      this.blocks.push({ file, sha256: input.sha256, columns: range.columns });
      for (let i = range.start; i < range.start + range.count; i++, n++) {
        this.ids.push(range.columns.ids[i]);
        this.blockOf[n] = block;
        this.positionOf[n] = i;
        records[n] = range.columns.records[i];
      }
    }
    const sorted = new Uint32Array(total);
    for (let i = 0; i < total; i++) sorted[i] = i;
    const { ids, blockOf, blocks } = this;
    sorted.sort((a, b) => {
      const ia = ids[a];
      const ib = ids[b];
      if (ia !== ib) return ia < ib ? -1 : 1;
      const fa = blocks[blockOf[a]].file;
      const fb = blocks[blockOf[b]].file;
      if (fa !== fb) return fa < fb ? -1 : 1;
      return records[a] - records[b];
    });
    let kept = 0;
    for (let k = 0; k < total; k++) {
      const a = sorted[k];
      if (k > 0 && ids[sorted[k - 1]] === ids[a]) {
        const claimant = this.blocks[blockOf[sorted[k - 1]]].file;
        const file = this.blocks[blockOf[a]].file;
        this.duplicates.push({
          path: toPosix(path.relative(process.cwd(), file)),
          record: records[a] < 0 ? null : records[a],
          error: `duplicate article id ${JSON.stringify(ids[a])} (already used by ${toPosix(path.relative(process.cwd(), claimant))}); this record was not written`,
        });
        continue;
      }
      sorted[kept++] = a;
    }
    this.order = sorted.subarray(0, kept);
  }

  get size(): number {
    return this.order.length;
  }

  id(k: number): string {
    return this.ids[this.order[k]];
  }

  /** The article's content hash (the input file's hash blanked). */
  hash(k: number): string {
    const a = this.order[k];
    return this.blocks[this.blockOf[a]].columns.hash(this.positionOf[a]);
  }

  /** The input file article `k` came from. */
  sourceFile(k: number): string {
    return this.blocks[this.blockOf[this.order[k]]].file;
  }

  /** The current sha256 of the file the article came from (what its `source.sha256` says). */
  fileSha(k: number): string {
    return this.blocks[this.blockOf[this.order[k]]].sha256;
  }

  /** Where article `k` is stored: segment number (of the run's `SegmentNames`) and byte offset. */
  fragment(k: number): { segment: number; offset: number } {
    const a = this.order[k];
    const { columns } = this.blocks[this.blockOf[a]];
    const i = this.positionOf[a];
    return { segment: columns.segments[i], offset: columns.offsets[i] };
  }

  /** `fragmentKey` of article `k`: its identity in the fragment store. */
  key(k: number): number {
    const a = this.order[k];
    const { columns } = this.blocks[this.blockOf[a]];
    const i = this.positionOf[a];
    return fragmentKey(columns.segments[i], columns.offsets[i]);
  }

  location(k: number, names: SegmentNames): FragmentLocation {
    const a = this.order[k];
    const { columns } = this.blocks[this.blockOf[a]];
    const i = this.positionOf[a];
    return { segment: names.names[columns.segments[i]], offset: columns.offsets[i], length: columns.lengths[i] };
  }

  /** The stored fragments in output order, read back with the file hash brought up to date. */
  *fragments(reader: SegmentReader, names: SegmentNames): Generator<FragmentBytes> {
    for (let k = 0; k < this.order.length; k++) {
      const fragment = reader.read(this.location(k, names));
      patchFileSha(fragment, this.fileSha(k));
      yield fragment;
    }
  }

  /** The articles as the file writer reads them: bytes, with the file hash brought up to date. */
  stored(reader: SegmentReader, names: SegmentNames): StoredArticles {
    return {
      size: this.size,
      length: (k) => {
        const a = this.order[k];
        return this.blocks[this.blockOf[a]].columns.lengths[this.positionOf[a]];
      },
      readInto: (k, target, at) => {
        reader.readInto(this.location(k, names), target, at);
        patchFileShaAt(target, at, this.fileSha(k));
      },
    };
  }

  /** Article `k` read back as text, with the file hash brought up to date. */
  text(k: number, reader: SegmentReader, names: SegmentNames): Fragment {
    const fragment = reader.read(this.location(k, names));
    patchFileSha(fragment, this.fileSha(k));
    return fragmentText(fragment);
  }

  /**
   * The articles as database sinks take them: id and hash at once (from the article table), the
   * rows read from the store only when the sink writes the article, so a sync with nothing to
   * change reads no fragment.
   */
  *sinkArticles(reader: SegmentReader, names: SegmentNames): Generator<SinkArticle> {
    for (let k = 0; k < this.order.length; k++) {
      let text: Fragment | undefined;
      let parsed: DocumentRecord | undefined;
      const load = () => (text ??= this.text(k, reader, names));
      yield {
        id: this.id(k),
        hash: sinkArticleHash(this.hash(k), this.fileSha(k)),
        get json() {
          return load().json;
        },
        get csv() {
          return load().csv;
        },
        record: () => (parsed ??= JSON.parse(load().json) as DocumentRecord),
      };
    }
  }

  /** How many articles lie in segments named with `prefix` (those rendered by this run). */
  countInSegments(prefix: string, names: SegmentNames): number {
    const rendered = names.names.map((name) => name.startsWith(prefix));
    let n = 0;
    for (let k = 0; k < this.order.length; k++) {
      const a = this.order[k];
      if (rendered[this.blocks[this.blockOf[a]].columns.segments[this.positionOf[a]]]) n++;
    }
    return n;
  }

  /** The records of the articles whose fragments lie in segments named with `prefix` (those rendered by this run). */
  *recordsInSegments(prefix: string, reader: SegmentReader, names: SegmentNames): Generator<DocumentRecord> {
    for (let k = 0; k < this.order.length; k++) {
      const a = this.order[k];
      const { columns } = this.blocks[this.blockOf[a]];
      if (!names.names[columns.segments[this.positionOf[a]]].startsWith(prefix)) continue;
      // only the JSON line is decoded: the report reads records, never CSV rows
      const fragment = reader.read(this.location(k, names));
      patchFileSha(fragment, this.fileSha(k));
      yield JSON.parse(fragment.json.toString('utf8')) as DocumentRecord;
    }
  }
}

/** Rewrite the five data files from the fragment store (after the prefix `resume` holds, if any); returns their layout. */
export async function writeOutputs(files: FileSink, segmentDir: string, articles: LiveArticles, names: SegmentNames, resume?: WriteResume): Promise<OutputLayout> {
  const reader = new SegmentReader(segmentDir);
  try {
    return await files.writeStored(articles.stored(reader, names), resume);
  } finally {
    reader.close();
  }
}
