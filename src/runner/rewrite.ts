import { DATA_FILES, type FileSink, type WriteResume } from '../sinks/files.js';
import { InPlaceUpdate, type InPlaceStep } from '../sinks/in-place.js';
import type { OutputLayout } from '../sinks/output-layout.js';
import type { PrefixCopy } from '../sinks/prefix-copy.js';
import { ShaBuffers } from '../sinks/sha-patch.js';
import type { SegmentNames } from './article-table.js';
import { loadOutputIndex, type OutputIndex } from './output-index.js';
import { LiveArticles, writeOutputs } from './outputs.js';
import type { PhaseClock } from './phases.js';
import type { Reporter } from './progress.js';

/** A prefix copy started while the workers analysed (`--atomic-outputs`), and what it assumed. */
export interface EarlyCopy {
  copy: PrefixCopy;
  index: OutputIndex;
  count: number;
  /** The sha256 the copy wrote into old article `p`'s rows. */
  shaOf: (p: number) => string | undefined;
}

export interface RewriteOptions {
  outputDir: string;
  segmentDir: string;
  indexFile: string;
  journalFile: string;
  names: SegmentNames;
  live: LiveArticles;
  /** The sha256 the rows of article `k` carry in the last output (its input's hash then), if known. */
  oldShaOf: (k: number) => string | undefined;
  /** The prefix copy under way (atomic outputs), or null. */
  early: EarlyCopy | null;
  /** The last output may be updated where it lies (not `--atomic-outputs`, nor `--full`, and the files are trusted). */
  inPlace: boolean;
  phases: PhaseClock;
  reporter: Reporter;
  onInPlaceStep?: (step: InPlaceStep) => Promise<void>;
}

export interface Rewritten {
  layout: OutputLayout;
  /** The in-place update to finish once the state is saved (null: the files were replaced whole). */
  inPlace: InPlaceUpdate | null;
}

/** How many leading articles of the last output the new one keeps, at the same places. */
function sharedPrefix(live: LiveArticles, index: OutputIndex, sameSha: (k: number) => boolean = () => true): number {
  const limit = Math.min(index.keys.length, live.size);
  let shared = 0;
  while (shared < limit && live.key(shared) === index.keys[shared] && sameSha(shared)) shared++;
  return shared;
}

/**
 * Write the five data files for `live`, in one of three ways: after the prefix a copy prepared
 * (atomic outputs), in place after the last output's kept prefix (its file hashes rewritten), or
 * from the stored articles alone. Byte for byte, all three give the same files.
 */
export async function rewriteOutputs(files: FileSink, options: RewriteOptions): Promise<Rewritten> {
  const { live, phases, reporter, early } = options;
  let resume: WriteResume | undefined;
  let update: InPlaceUpdate | null = null;
  if (early) {
    // the copy's articles are the new output's as long as the fragments and the file hashes agree
    phases.enter('write_prefix');
    const shared = sharedPrefix(live, early.index, (k) => live.fileSha(k) === early.shaOf(k));
    try {
      resume = { files: await early.copy.stopAt(shared), from: shared, layout: early.index.layout };
    } catch (error) {
      // the copy failed (an old output file vanished, the disk is full): write everything from the store
      reporter.warn(`copying the last output failed, writing it anew: ${(error as Error).message}`);
    }
  } else if (options.inPlace) {
    const index = loadOutputIndex(options.indexFile, options.outputDir, options.names);
    const shared = index ? sharedPrefix(live, index) : 0;
    if (index && shared > 0) {
      phases.enter('write_in_place');
      const buffers = new ShaBuffers();
      const shaOf = (k: number) => (live.fileSha(k) === options.oldShaOf(k) ? null : buffers.of(live.fileSha(k)));
      update = new InPlaceUpdate(options.outputDir, DATA_FILES, options.journalFile, options.onInPlaceStep);
      try {
        resume = { files: await update.begin(index.layout, shared, shaOf), from: shared, layout: index.layout };
      } catch (error) {
        // a file changed under us, or a write failed: replace the files whole (the journal, if
        // written, goes once that is done)
        reporter.warn(`updating the last output in place failed, writing it anew: ${(error as Error).message}`);
        update = null;
      }
    }
  }
  phases.enter('write');
  const layout = await writeOutputs(files, options.segmentDir, live, options.names, resume);
  await update?.appended();
  return { layout, inPlace: update };
}
