import { closeSync, openSync, rmSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from './atomic.js';
import type { OutputLayout } from './output-layout.js';
import { denseShas, passPatching, patchEach, ShaBuffers, type PatchRun } from './sha-patch.js';

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
  private readonly shaBuffers = new ShaBuffers();

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
      const run: PatchRun | null = shas && {
        shas,
        limit: () => this.limit,
        shaOf: (p) => this.shaBuffers.of(this.shaOf(p)),
        stopped: () => this.aborted,
      };
      if (run && denseShas(end, this.limit)) {
        const from = await open(source, 'r');
        try {
          const to = await open(this.temporary(f), 'w');
          try {
            await passPatching(from, to, end, run);
          } finally {
            await to.close();
          }
        } finally {
          await from.close();
        }
      } else {
        await copyFile(source, this.temporary(f));
        if (run && !this.aborted) {
          const fd = openSync(this.temporary(f), 'r+');
          try {
            await patchEach(fd, run);
          } finally {
            closeSync(fd);
          }
        }
      }
      // write the copy out in the background: renaming it over the old file later would wait for that
      void flushInBackground(this.temporary(f));
    }
  }
}
