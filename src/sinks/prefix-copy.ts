import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from './atomic.js';
import type { OutputLayout } from './output-layout.js';

const CHUNK = 16 << 20;
const SHA_BYTES = 64;

/**
 * The first articles of the last rewrite's data files, copied into the new temporary files in the
 * background, while the workers still analyse what changed: when only records were appended
 * (or a few changed near the end), most of every file is a byte copy of the old one, but for the
 * input file's sha256, patched where the layout says it lies. The copy covers the old files'
 * first `count` articles; `stopAt` cuts it back to the prefix the new output really shares with
 * the old (known only once every article is in), and the writer goes on from there.
 */
export class PrefixCopy {
  readonly files: AtomicFile[];
  private limit: number;
  private readonly running: Promise<void>;
  private failure: unknown = null;

  constructor(
    outputDir: string,
    private readonly names: readonly string[],
    private readonly old: OutputLayout,
    count: number,
    /** The sha256 article `p` of the old files carries in the new ones. */
    private readonly shaOf: (p: number) => string,
  ) {
    this.limit = count;
    this.files = [];
    try {
      for (const name of this.names) this.files.push(new AtomicFile(path.join(outputDir, name)));
    } catch (error) {
      this.abort();
      throw error;
    }
    this.running = this.copyAll(outputDir).catch((error: unknown) => {
      this.failure = error;
    });
  }

  /**
   * Keep only the old files' first `count` articles (the prefix the new output shares); resolves
   * once the copy has stopped, with the files positioned after that prefix.
   */
  async stopAt(count: number): Promise<AtomicFile[]> {
    this.limit = Math.min(this.limit, count);
    await this.running;
    if (this.failure) throw this.failure;
    this.files.forEach((file, f) => {
      const end = this.old.starts[f][this.limit];
      if (file.position > end) file.truncate(end);
    });
    return this.files;
  }

  abort(): void {
    this.limit = 0;
    for (const file of this.files) file.abort();
  }

  private async copyAll(outputDir: string): Promise<void> {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let f = 0; f < this.names.length && this.limit > 0; f++) {
      const source = await open(path.join(outputDir, this.names[f]), 'r');
      try {
        await this.copyFile(f, source, buffer);
      } finally {
        await source.close();
      }
    }
  }

  /** Copy file `f` up to the current limit, chunk by chunk, patching each sha256 in the chunk. */
  private async copyFile(f: number, source: FileHandle, buffer: Buffer): Promise<void> {
    const file = this.files[f];
    const shas = f === 0 ? this.old.shaJson : f === 1 ? this.old.shaCsv : null;
    let p = 0; // the next article whose sha256 may need patching
    for (;;) {
      const end = this.old.starts[f][this.limit];
      const from = file.position;
      if (from >= end) return;
      let to = Math.min(end, from + buffer.length);
      // never split a sha256 across two chunks
      if (shas) {
        while (p < this.limit && (shas[p] < 0 || shas[p] + SHA_BYTES <= from)) p++;
        for (let q = p; q < this.limit && shas[q] < to; q++) if (shas[q] >= 0 && shas[q] + SHA_BYTES > to) to = shas[q];
      }
      const length = to - from;
      for (let read = 0; read < length; ) {
        const { bytesRead } = await source.read(buffer, read, length - read, from + read);
        if (bytesRead === 0) throw new Error(`${this.names[f]}: the last output ends before byte ${to}`);
        read += bytesRead;
      }
      if (shas) {
        for (; p < this.limit && shas[p] < to; p++) {
          if (shas[p] >= 0) buffer.write(this.shaOf(p), shas[p] - from, SHA_BYTES, 'latin1');
        }
      }
      // aborted while reading: the files are gone
      if (this.limit === 0) return;
      file.writev([buffer.subarray(0, length)]);
    }
  }
}
