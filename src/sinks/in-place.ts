import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { OutputFile } from './atomic.js';
import type { OutputLayout } from './output-layout.js';
import { denseShas, passPatching, patchEach, type PatchRun, type ShaBytesOf } from './sha-patch.js';

/** A data file written where it lies (cut back to `keep` bytes, then appended to): readers see it grow. */
export class InPlaceFile extends OutputFile {
  constructor(file: string, keep: number) {
    super(file, keep);
  }

  /** The bytes are in the file already. */
  publish(): void {}

  /** The file stays as it is: the update's journal tells the next run not to trust it. */
  abort(): void {
    this.close();
  }
}

/** The steps of an in-place update, in order (`onStep` sees each once it is done). */
export type InPlaceStep = 'journal' | 'patched' | 'appended' | 'saved';

/** What `.warta/in-place.json` says: which files an update touches, how long they were, where they are cut. */
export interface InPlaceJournal {
  started_at: string;
  /** Set once the update is complete and the state describing it saved. */
  finished_at?: string;
  /** The kernel's boot id then: a finished update is trusted only until the machine restarts (see `finish`). */
  boot_id?: string;
  pid: number;
  /** Leading articles of the last output kept (their `source.sha256` rewritten). */
  kept_articles: number;
  files: { name: string; size_before: number; cut_at: number }[];
}

/** Replace `file` with the journal `content` (temporary sibling + rename); `durable`: make it, and its name, survive a power cut. */
function writeJournal(file: string, journal: InPlaceJournal, durable: boolean): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(journal, null, 2) + '\n');
  if (durable) {
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
  if (durable) syncFolder(path.dirname(file));
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Linux's id of this boot (changes when the machine restarts, e.g. after a power cut), or null. */
function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

async function datasync(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Bringing the last output's data files up to date where they lie, when the new output starts
 * with the old one's first `keep` articles (an appended export whose new records sort last):
 * each file is cut back to the end of those articles, their `source.sha256` is rewritten where
 * the layout says it lies, and the writer appends the rest. Nothing is copied, but readers see
 * the files change, and a crash leaves them half done; so before the first byte changes, a
 * journal (`.warta/in-place.json`) is made durable, and it is marked finished only once the
 * files are complete and the state describing them is saved (`finish`). A run that finds it
 * unfinished (`spoiled`) rewrites the outputs from the stored articles.
 */
export class InPlaceUpdate {
  private readonly paths: string[];
  private journal: InPlaceJournal | null = null;

  constructor(
    outputDir: string,
    names: readonly string[],
    private readonly journalFile: string,
    private readonly onStep: (step: InPlaceStep) => Promise<void> = async () => {},
  ) {
    this.paths = names.map((name) => path.join(outputDir, name));
  }

  /**
   * The journal of an update whose files cannot be trusted, or null: one that did not finish (a
   * crash, a kill, a failed run), or finished before the machine restarted (its last writes may
   * not have reached the disk).
   */
  static spoiled(journalFile: string): Partial<InPlaceJournal> | null {
    let text: string;
    try {
      text = readFileSync(journalFile, 'utf8');
    } catch {
      return null;
    }
    let journal: Partial<InPlaceJournal>;
    try {
      journal = JSON.parse(text) as InPlaceJournal;
    } catch {
      // torn by a crash while it was written: it still says an update began
      return {};
    }
    if (journal.finished_at !== undefined && journal.boot_id !== undefined && journal.boot_id === bootId()) return null;
    return journal;
  }

  /**
   * Journal, cut and patch the files (`layout`: the old files', as the output index recorded
   * them; `shaOf`: the new sha256 of kept article `p`, null where it did not change). Returns the
   * five files positioned after the kept articles, for `writeDataFiles` to append to.
   */
  async begin(layout: OutputLayout, keep: number, shaOf: ShaBytesOf): Promise<OutputFile[]> {
    const cuts = this.paths.map((_, f) => layout.starts[f][keep]);
    this.paths.forEach((file, f) => {
      const size = statSync(file).size;
      if (size !== layout.sizes[f]) throw new Error(`${file}: ${size} bytes, the output index says ${layout.sizes[f]}`);
    });
    const boot = bootId();
    const journal: InPlaceJournal = {
      started_at: new Date().toISOString(),
      ...(boot ? { boot_id: boot } : {}),
      pid: process.pid,
      kept_articles: keep,
      files: this.paths.map((file, f) => ({ name: path.basename(file), size_before: layout.sizes[f], cut_at: cuts[f] })),
    };
    writeJournal(this.journalFile, journal, true);
    this.journal = journal;
    await this.onStep('journal');
    const files: OutputFile[] = [];
    try {
      for (let f = 0; f < this.paths.length; f++) {
        const shas = f === 0 ? layout.shaJson : f === 1 ? layout.shaCsv : null;
        const file = new InPlaceFile(this.paths[f], cuts[f]);
        files.push(file);
        if (shas) await this.patch(this.paths[f], cuts[f], { shas, limit: () => keep, shaOf });
      }
      await this.onStep('patched');
    } catch (error) {
      for (const file of files) file.abort();
      throw error;
    }
    return files;
  }

  /** The writer has appended every new article and closed the files. */
  async appended(): Promise<void> {
    await this.onStep('appended');
  }

  /**
   * The update is complete and the state describing it saved. The changed pages of the files are
   * still on their way to the disk (a patched sha256 every 17 KB of `documents.jsonl` dirties
   * every page of it): waiting for them took 1.5 s of a 10 s re-run. Nothing but a restart of the
   * machine can lose them, so the journal is marked finished with the boot id instead, and a run
   * after a restart rewrites the outputs (`spoiled`). Without a boot id the files are flushed and
   * the journal removed.
   */
  async finish(): Promise<void> {
    await this.onStep('saved');
    if (this.journal?.boot_id) {
      // lost in a power cut, the journal still says "unfinished": the outputs are rewritten, as they must be
      writeJournal(this.journalFile, { ...this.journal, finished_at: new Date().toISOString() }, false);
      return;
    }
    await Promise.all(this.paths.map(datasync));
    clearInPlaceJournal(this.journalFile);
  }

  private async patch(file: string, end: number, run: PatchRun): Promise<void> {
    if (denseShas(end, run.limit())) {
      const handle = await open(file, 'r+');
      try {
        await passPatching(handle, handle, end, run);
      } finally {
        await handle.close();
      }
      return;
    }
    const fd = openSync(file, 'r+');
    try {
      await patchEach(fd, run);
    } finally {
      closeSync(fd);
    }
  }
}

/** Remove an unfinished update's journal once the outputs it spoiled are rewritten (and the state saved). */
export function clearInPlaceJournal(journalFile: string): void {
  rmSync(journalFile, { force: true });
  syncFolder(path.dirname(journalFile));
}
