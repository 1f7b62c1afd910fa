import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Fragment } from './task.js';

/**
 * Finished articles kept between runs (`.warta/docs/`), one small file per
 * article, so an incremental run re-analyses only changed inputs and still
 * writes complete, sorted outputs without holding them in memory.
 */
export class FragmentStore {
  constructor(private readonly dir: string) {}

  static keyOf(absolutePath: string, record: number | null): string {
    return createHash('sha1').update(`${absolutePath}\0${record ?? ''}`).digest('hex');
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async put(key: string, fragment: Fragment): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(fragment));
  }

  async get(key: string): Promise<Fragment> {
    return JSON.parse(await readFile(this.fileOf(key), 'utf8')) as Fragment;
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }
}
