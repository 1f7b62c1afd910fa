import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Another live run holds the output folder: the CLI exits 3. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One run per output folder. The lock file holds the owner's PID; a lock whose
 * PID is dead (a killed run) is taken over, and `onStale` is told.
 */
export function acquireLock(lockFile: string, onStale: (pid: number) => void): () => void {
  mkdirSync(lockFile.slice(0, lockFile.lastIndexOf('/')), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      } catch {
        continue; // removed between our attempts: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new LockHeldError(`another warta run (pid ${pid}) holds ${lockFile}`);
      }
      onStale(pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new LockHeldError(`could not take ${lockFile}`);
}
