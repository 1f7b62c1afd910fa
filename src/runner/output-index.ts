import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BinaryReader, BinaryWriter } from '../binary.js';
import { AtomicFile } from '../sinks/atomic.js';
import { DATA_FILES } from '../sinks/files.js';
import { OutputLayout } from '../sinks/output-layout.js';
import type { SegmentNames } from './article-table.js';
import type { LiveArticles } from './outputs.js';

/**
 * `.warta/outputs.bin`: what the data files of the last rewrite hold, article by article — which
 * stored fragment (segment and offset: unique, a segment is never rewritten) and where its rows
 * lie (`OutputLayout`) — plus each file's size and modification time, so that a file changed
 * since (or a rewrite killed after renaming the files) is noticed and the index ignored.
 *
 * Layout (little endian): "WOI1"; u32 segment count and names (u32 byte length + UTF-8); per data
 * file f64 size and f64 mtimeMs; u32 article count; per article u32 segment; per article f64
 * offset; the `OutputLayout` bytes.
 */
const MAGIC = 0x31494f57; // "WOI1"

/** An article's identity in the fragment store: segment number (of `SegmentNames`) and byte offset. */
export const fragmentKey = (segment: number, offset: number): number => segment * 2 ** 32 + offset;

export interface OutputIndex {
  layout: OutputLayout;
  /** `fragmentKey` of each article, in output order (segment numbers of the run's `SegmentNames`). */
  keys: Float64Array;
}

export function saveOutputIndex(file: string, outputDir: string, live: LiveArticles, layout: OutputLayout, names: SegmentNames): void {
  const used = new Map<number, number>();
  const segments = new Uint32Array(live.size);
  const offsets = new Float64Array(live.size);
  for (let k = 0; k < live.size; k++) {
    const { segment, offset } = live.fragment(k);
    let n = used.get(segment);
    if (n === undefined) used.set(segment, (n = used.size));
    segments[k] = n;
    offsets[k] = offset;
  }
  const out = new BinaryWriter();
  out.u32(MAGIC);
  out.u32(used.size);
  for (const segment of used.keys()) out.string(names.names[segment]);
  const stats = new Float64Array(2 * DATA_FILES.length);
  DATA_FILES.forEach((name, f) => {
    const info = statSync(path.join(outputDir, name));
    stats[2 * f] = info.size;
    stats[2 * f + 1] = info.mtimeMs;
  });
  out.column(stats);
  out.u32(live.size);
  out.column(segments);
  out.column(offsets);
  layout.encode(out);
  const target = new AtomicFile(file);
  try {
    target.writev(out.parts);
    target.finish();
    target.publish();
  } catch (error) {
    target.abort();
    throw error;
  }
}

/** The index of the data files as they are now, or null (missing, damaged, or the files changed since). */
export function loadOutputIndex(file: string, outputDir: string, names: SegmentNames): OutputIndex | null {
  try {
    const bytes = readFileSync(file);
    const read = new BinaryReader(bytes, 'output index');
    const f64s = (n: number) => new Float64Array(read.take(8 * n));
    if (read.u32() !== MAGIC) return null;
    const segmentNumbers: number[] = [];
    for (let n = read.u32(); n > 0; n--) segmentNumbers.push(names.numberOf(read.string()));
    const stats = f64s(2 * DATA_FILES.length);
    for (let f = 0; f < DATA_FILES.length; f++) {
      const info = statSync(path.join(outputDir, DATA_FILES[f]));
      if (info.size !== stats[2 * f] || info.mtimeMs !== stats[2 * f + 1]) return null;
    }
    const count = read.u32();
    const segments = new Uint32Array(read.take(4 * count));
    const offsets = f64s(count);
    const { layout, end } = OutputLayout.decode(bytes, read.at);
    if (end !== bytes.length || layout.count !== count) return null;
    if (layout.sizes.some((size, f) => size !== stats[2 * f])) return null;
    const keys = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      if (segments[k] >= segmentNumbers.length) return null;
      keys[k] = fragmentKey(segmentNumbers[segments[k]], offsets[k]);
    }
    return { layout, keys };
  } catch {
    return null;
  }
}
