import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Writing an input file's new sha256 over the old one in rows of the last output (`source.sha256`
 * in `documents.jsonl`, the 5th cell of `articles.csv`), at the offsets an `OutputLayout` recorded.
 * Shared by the prefix copy (into a temporary file) and the in-place update (into the file itself).
 */
export const SHA_BYTES = 64;
/** sha256 patches written between two turns of the event loop (the workers' results keep flowing). */
const PATCHES_PER_TURN = 1024;
/**
 * Where the sha256s lie closer than this (the articles rows: one per ~400 bytes), the file is
 * passed through a buffer and patched there; where they lie far apart (the JSON lines: one per
 * ~17 KB), each sha256 is written where it lies.
 */
const DENSE_BYTES_PER_SHA = 4096;
const CHUNK = 8 << 20;

/** What to write at the sha256 offset of article `p` (null: leave it). */
export type ShaBytesOf = (p: number) => Buffer | null;

/** Patches of `count` articles within a file's first `end` bytes: dense enough to pass the bytes through a buffer? */
export function denseShas(end: number, count: number): boolean {
  return count > 0 && end / count < DENSE_BYTES_PER_SHA;
}

/** Memoised `Buffer`s of sha256 hex strings (a run has a handful of distinct input hashes). */
export class ShaBuffers {
  private readonly bytes = new Map<string, Buffer>();

  of(sha: string): Buffer {
    let bytes = this.bytes.get(sha);
    if (!bytes) this.bytes.set(sha, (bytes = Buffer.from(sha, 'latin1')));
    return bytes;
  }
}

export interface PatchRun {
  /** Offsets of each article's sha256 (-1: none). */
  shas: Float64Array;
  /** Articles `p < limit()` are patched (read again at every chunk: a copy may be cut back while it runs). */
  limit: () => number;
  shaOf: ShaBytesOf;
  /** Checked between chunks and turns: stop early. */
  stopped?: () => boolean;
}

/**
 * Pass bytes [0, end) of `from` into `to` (the same handle: rewrite in place) through a buffer,
 * each sha256 patched on the way. In place, a chunk without a changed sha256 is not written back.
 */
export async function passPatching(from: FileHandle, to: FileHandle, end: number, run: PatchRun): Promise<void> {
  const { shas, limit, shaOf } = run;
  const inPlace = from === to;
  const buffer = Buffer.allocUnsafe(CHUNK);
  let p = 0;
  for (let at = 0; at < end && !run.stopped?.(); ) {
    let stop = Math.min(end, at + CHUNK);
    const count = limit();
    // never split a sha256 between two chunks
    for (let q = p; q < count && shas[q] < stop; q++) if (shas[q] >= 0 && shas[q] + SHA_BYTES > stop) stop = shas[q];
    const length = stop - at;
    for (let read = 0; read < length; ) {
      const { bytesRead } = await from.read(buffer, read, length - read, at + read);
      if (bytesRead === 0) throw new Error(`output file ends before byte ${stop}`);
      read += bytesRead;
    }
    let changed = !inPlace;
    for (; p < count && shas[p] < stop; p++) {
      if (shas[p] < 0) continue;
      const sha = shaOf(p);
      if (!sha) continue;
      const offset = shas[p] - at;
      if (!changed && buffer.compare(sha, 0, SHA_BYTES, offset, offset + SHA_BYTES) === 0) continue;
      sha.copy(buffer, offset);
      changed = true;
    }
    if (changed) for (let written = 0; written < length; ) written += (await to.write(buffer, written, length - written, at + written)).bytesWritten;
    at = stop;
  }
}

/** Write each article's sha256 where it lies, one write each. */
export async function patchEach(fd: number, run: PatchRun): Promise<void> {
  const { shas, limit, shaOf } = run;
  for (let p = 0; p < limit() && !run.stopped?.(); ) {
    const end = Math.min(limit(), p + PATCHES_PER_TURN);
    for (; p < end; p++) {
      if (shas[p] < 0) continue;
      const sha = shaOf(p);
      if (!sha) continue;
      for (let done = 0; done < SHA_BYTES; ) done += writeSync(fd, sha, done, SHA_BYTES - done, shas[p] + done);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
