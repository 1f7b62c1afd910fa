import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { decodeFragment, type FragmentBytes } from '../sinks/fragment.js';

/**
 * Finished articles kept between runs (`.warta/segments/`), so an incremental run re-analyses only
 * changed inputs and records and still writes complete, sorted outputs without holding them in
 * memory. Each worker appends the articles it renders (fragments, `src/sinks/fragment.ts`) to its
 * own segment file (one write per task, no file per article: 300,000 small files cost more to
 * write and read back than the analysis of a small export). An article is located by segment
 * name, byte offset and length; the runner reads articles back with one positional read each, as
 * bytes.
 */
export interface FragmentLocation {
  segment: string;
  offset: number;
  length: number;
}

/** Segments are closed at this size, so that a segment whose articles are all replaced is deleted whole. */
const SEGMENT_BYTES = 256 * 1024 * 1024;

/**
 * A worker's appending writer. Segment names carry the run and the worker thread, so workers
 * (and a worker that replaced a terminated one) never share a file.
 */
export class SegmentWriter {
  private fd = -1;
  private name = '';
  private size = 0;
  private serial = 0;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  /** Append a task's fragments with one write; returns the segment and the offset they start at. */
  append(bytes: Buffer): { segment: string; offset: number } {
    if (this.fd < 0 || this.size > SEGMENT_BYTES) this.rotate();
    const offset = this.size;
    // a short write would corrupt the offsets: finish it (a full disk raises instead)
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    this.size += bytes.length;
    return { segment: this.name, offset };
  }

  private rotate(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.name = `${this.prefix}-${this.serial++}.seg`;
    mkdirSync(this.dir, { recursive: true });
    this.fd = openSync(path.join(this.dir, this.name), 'a');
    this.size = 0;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Reads fragments back on the main thread; keeps a few segment files open. */
export class SegmentReader {
  private readonly open = new Map<string, number>();
  private scratch = Buffer.allocUnsafe(1 << 20);

  constructor(private readonly dir: string) {}

  /** Copy the fragment at `location` into `target` at `at`. */
  readInto(location: FragmentLocation, target: Buffer, at: number): void {
    const fd = this.fdOf(location.segment);
    for (let read = 0; read < location.length; ) {
      const n = readSync(fd, target, at + read, location.length - read, location.offset + read);
      if (n === 0) throw new Error(`fragment store: ${location.segment} ends before byte ${location.offset + location.length}`);
      read += n;
    }
  }

  private fdOf(segment: string): number {
    let fd = this.open.get(segment);
    if (fd === undefined) {
      if (this.open.size >= 64) {
        const [oldest, oldFd] = this.open.entries().next().value as [string, number];
        closeSync(oldFd);
        this.open.delete(oldest);
      }
      fd = openSync(path.join(this.dir, segment), 'r');
      this.open.set(segment, fd);
    }
    return fd;
  }

  /** The fragment at `location`; its parts are views into a buffer reused by the next read. */
  read(location: FragmentLocation): FragmentBytes {
    if (this.scratch.length < location.length) this.scratch = Buffer.allocUnsafe(Math.max(location.length, this.scratch.length * 2));
    this.readInto(location, this.scratch, 0);
    return decodeFragment(this.scratch.subarray(0, location.length));
  }

  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}

/** Delete every segment file not in `keep` (replaced articles, and leftovers of a killed run). */
export function removeSegmentsExcept(dir: string, keep: ReadonlySet<string>): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!keep.has(name)) {
      rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
