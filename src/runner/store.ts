import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CSV_FILES } from '../sinks/rows.js';
import type { Fragment } from './task.js';

/**
 * Finished articles kept between runs (`.warta/docs/`), one small file per
 * article, so an incremental run re-analyses only changed inputs and still
 * writes complete, sorted outputs without holding them in memory. Workers
 * write fragments themselves, so the rendered rows never cross threads.
 *
 * File format: a first line `id-length record json-length articles-length
 * sentences-length entities-length dates-length` (UTF-16 lengths), then the
 * id and the five parts concatenated; no escaping, no JSON round trip.
 */
export class FragmentStore {
  constructor(readonly dir: string) {}

  static keyOf(absolutePath: string, record: number | null): string {
    return createHash('sha1').update(`${absolutePath}\0${record ?? ''}`).digest('hex');
  }

  /** Create the 256 shard folders once, before workers write into them. */
  prepare(): void {
    for (let i = 0; i < 256; i++) mkdirSync(path.join(this.dir, i.toString(16).padStart(2, '0')), { recursive: true });
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.frag`);
  }

  putSync(key: string, fragment: Fragment): void {
    const parts = [fragment.id, fragment.json, ...CSV_FILES.map((f) => fragment.csv[f])];
    const header = [fragment.id.length, fragment.record ?? -1, ...parts.slice(1).map((p) => p.length)].join(' ');
    writeFileSync(this.fileOf(key), `${header}\n${parts.join('')}`);
  }

  async get(key: string): Promise<Fragment> {
    return decodeFragment(await readFile(this.fileOf(key), 'utf8'));
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }
}

export function decodeFragment(content: string): Fragment {
  const newline = content.indexOf('\n');
  const [idLength, record, ...lengths] = content.slice(0, newline).split(' ').map(Number);
  let at = newline + 1;
  const take = (length: number) => content.slice(at, (at += length));
  const id = take(idLength);
  const json = take(lengths[0]);
  const csv = Object.fromEntries(CSV_FILES.map((file, i) => [file, take(lengths[i + 1])])) as Fragment['csv'];
  return { id, record: record < 0 ? null : record, json, csv };
}
