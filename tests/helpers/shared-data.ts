import path from 'node:path';
import { devDataDir } from '../../src/eval/data.js';

/**
 * A file of the shared development data, reached as `../shared/dev-data/` from the package root
 * (or `WARTA_DEV_DATA`), never by a machine path. Tests that read it skip when it is absent.
 */
export function devDataFile(name: string): string {
  return path.join(devDataDir(), name);
}
