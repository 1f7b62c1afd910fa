import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from './atomic.js';
import type { OutputLayout } from './output-layout.js';

const SHA_BYTES = 64;
/** sha256 patches written between two turns of the event loop (the workers' results keep flowing). */
const PATCHES_PER_TURN = 1024;
/**
 * Where the sha256s lie closer than this (the articles rows: one per ~400 bytes), the file is
 * copied through a buffer and patched there; where they lie far apart (the JSON lines: one per
 * ~17 KB), the kernel copies the file and each sha256 is written in place.
 */
const DENSE_BYTES_PER_SHA = 4096;
const CHUNK = 8 << 20;

async function flushInBackground(file: string): Promise<void> {
  try {
    const handle = await open(file, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch {
    // gone (aborted) or unwritable: the rename or the writes that follow say so
  }
}

/**
 * The first articles of the last rewrite's data files, copied into the new temporary files in the
 * background while the workers still analyse what changed: when only records were appended (or a
 * few changed near the end), most of every file is a byte copy of the old one but for the input
 * file's sha256, patched where the layout says it lies. Each old file is copied whole by the
 * kernel (`copyFile`: no pass through this process, and on a file system that shares blocks, no
 * copy at all), then the sha256s are written in place and the copy is cut back to the prefix the
 * new output really shares with the old (`stopAt`, known only once every article is in); the
 * writer goes on from there.
 */
export class PrefixCopy {
  private limit: number;
  private aborted = false;
  private readonly running: Promise<void>;
  private failure: unknown = null;
  private readonly shaBytes = new Map<string, Buffer>();

  constructor(
    private readonly outputDir: string,
    private readonly names: readonly string[],
    private readonly old: OutputLayout,
    count: number,
    /** The sha256 article `p` of the old files carries in the new ones. */
    private readonly shaOf: (p: number) => string,
  ) {
    this.limit = count;
    this.running = this.copyAll().catch((error: unknown) => {
      this.failure = error;
    });
  }

  /**
   * Keep only the old files' first `count` articles (the prefix the new output shares); resolves
   * once the copy is done, with the files open and positioned after that prefix.
   */
  async stopAt(count: number): Promise<AtomicFile[]> {
    this.limit = Math.min(this.limit, count);
    await this.running;
    if (this.failure) {
      this.removeTemporaries();
      throw this.failure;
    }
    if (this.aborted) throw new Error('prefix copy aborted');
    const files: AtomicFile[] = [];
    try {
      this.names.forEach((name, f) => files.push(new AtomicFile(path.join(this.outputDir, name), this.old.starts[f][this.limit])));
    } catch (error) {
      for (const file of files) file.abort();
      this.removeTemporaries();
      throw error;
    }
    return files;
  }

  /** Give up: the temporary files go (now, and once a copy still running has finished). */
  abort(): void {
    this.aborted = true;
    this.removeTemporaries();
    void this.running.then(() => this.removeTemporaries());
  }

  private temporary(f: number): string {
    return AtomicFile.temporaryOf(path.join(this.outputDir, this.names[f]));
  }

  private removeTemporaries(): void {
    this.names.forEach((_, f) => rmSync(this.temporary(f), { force: true }));
  }

  private async copyAll(): Promise<void> {
    for (let f = 0; f < this.names.length && !this.aborted; f++) {
      const source = path.join(this.outputDir, this.names[f]);
      const shas = f === 0 ? this.old.shaJson : f === 1 ? this.old.shaCsv : null;
      const end = this.old.starts[f][this.limit];
      if (shas && this.limit > 0 && end / this.limit < DENSE_BYTES_PER_SHA) await this.copyPatching(source, this.temporary(f), end, shas);
      else {
        await copyFile(source, this.temporary(f));
        if (shas && !this.aborted) await this.patch(this.temporary(f), shas);
      }
      // write the copy out in the background: renaming it over the old file later would wait for that
      void flushInBackground(this.temporary(f));
    }
  }

  private shaBuffer(p: number): Buffer {
    const sha = this.shaOf(p);
    let bytes = this.shaBytes.get(sha);
    if (!bytes) this.shaBytes.set(sha, (bytes = Buffer.from(sha, 'latin1')));
    return bytes;
  }

  /** Copy bytes [0, end) of `source` to `target` through a buffer, each sha256 patched on the way. */
  private async copyPatching(source: string, target: string, end: number, shas: Float64Array): Promise<void> {
    const from = await open(source, 'r');
    const to = await open(target, 'w');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let p = 0;
      for (let at = 0; at < end && !this.aborted; ) {
        let stop = Math.min(end, at + CHUNK);
        // never split a sha256 between two chunks
        for (let q = p; q < this.limit && shas[q] < stop; q++) if (shas[q] >= 0 && shas[q] + SHA_BYTES > stop) stop = shas[q];
        const length = stop - at;
        for (let read = 0; read < length; ) {
          const { bytesRead } = await from.read(buffer, read, length - read, at + read);
          if (bytesRead === 0) throw new Error(`${source}: ends before byte ${stop}`);
          read += bytesRead;
        }
        for (; p < this.limit && shas[p] < stop; p++) if (shas[p] >= 0) this.shaBuffer(p).copy(buffer, shas[p] - at);
        for (let written = 0; written < length; ) written += (await to.write(buffer, written, length - written, at + written)).bytesWritten;
        at = stop;
      }
    } finally {
      await from.close();
      await to.close();
    }
  }

  /** Write each article's new sha256 where the old one lies (up to the current limit). */
  private async patch(file: string, shas: Float64Array): Promise<void> {
    const fd = openSync(file, 'r+');
    try {
      for (let p = 0; p < this.limit && !this.aborted; ) {
        const end = Math.min(this.limit, p + PATCHES_PER_TURN);
        for (; p < end; p++) {
          if (shas[p] < 0) continue;
          const bytes = this.shaBuffer(p);
          for (let done = 0; done < SHA_BYTES; ) done += writeSync(fd, bytes, done, SHA_BYTES - done, shas[p] + done);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      closeSync(fd);
    }
  }
}
