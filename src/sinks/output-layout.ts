import { BinaryReader, BinaryWriter } from '../binary.js';

/** `documents.jsonl` and the four CSV files (`DATA_FILES` in `files.ts`, which builds layouts). */
const FILES = 5;

/**
 * Where each article's rows lie in the five data files one rewrite produced: for file `f`,
 * `starts[f][k]` is the byte offset of article `k`'s part (its JSON line, its CSV rows) and
 * `starts[f][count]` the file's size; `shaJson[k]` / `shaCsv[k]` are the byte offsets of the
 * input file's sha256 in `documents.jsonl` / `articles.csv` (-1: none). The next rewrite copies
 * long runs of unchanged articles from the old files with it (large sequential copies, the
 * sha256 patched where it lies) instead of reading every article back.
 */
export class OutputLayout {
  constructor(
    readonly count: number,
    readonly starts: Float64Array[],
    readonly shaJson: Float64Array,
    readonly shaCsv: Float64Array,
  ) {
    if (starts.length !== FILES || starts.some((s) => s.length !== count + 1) || shaJson.length !== count || shaCsv.length !== count) {
      throw new Error('output layout: columns of the wrong length');
    }
  }

  static empty(count: number): OutputLayout {
    return new OutputLayout(
      count,
      Array.from({ length: FILES }, () => new Float64Array(count + 1)),
      new Float64Array(count).fill(-1),
      new Float64Array(count).fill(-1),
    );
  }

  /** File sizes, in the order of `DATA_FILES`. */
  get sizes(): number[] {
    return this.starts.map((s) => s[this.count]);
  }

  /** The columns as bytes (u32 count, then the float columns). */
  encode(out = new BinaryWriter()): Buffer[] {
    out.u32(this.count);
    for (const column of [...this.starts, this.shaJson, this.shaCsv]) out.column(column);
    return out.parts;
  }

  /** Decode `encode`'s bytes at `at`; returns the layout and the offset after it. */
  static decode(bytes: Buffer, at: number): { layout: OutputLayout; end: number } {
    const read = new BinaryReader(bytes, 'output layout', at);
    const count = read.u32();
    const take = (n: number) => new Float64Array(read.take(8 * n));
    const starts = Array.from({ length: FILES }, () => take(count + 1));
    const layout = new OutputLayout(count, starts, take(count), take(count));
    return { layout, end: read.at };
  }
}
