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
  encode(): Buffer[] {
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(this.count);
    const view = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return [head, ...this.starts.map(view), view(this.shaJson), view(this.shaCsv)];
  }

  /** Decode `encode`'s bytes at `at`; returns the layout and the offset after it. */
  static decode(bytes: Buffer, at: number): { layout: OutputLayout; end: number } {
    const count = bytes.readUInt32LE(at);
    let p = at + 4;
    const take = (n: number) => {
      if (p + 8 * n > bytes.length) throw new RangeError('output layout is truncated');
      // copied out: a Float64Array needs an aligned offset
      const column = new Float64Array(bytes.buffer.slice(bytes.byteOffset + p, bytes.byteOffset + p + 8 * n));
      p += 8 * n;
      return column;
    };
    const starts = Array.from({ length: FILES }, () => take(count + 1));
    const layout = new OutputLayout(count, starts, take(count), take(count));
    return { layout, end: p };
  }
}
