/**
 * `npm run train:clusters -- --lang id|en`: learns word clusters from unlabelled news and writes
 * `models/clusters-<lang>.tsv.gz`. Options: `src/clusters/command.ts`.
 */
import { trainClusters } from './command.js';

process.exitCode = await trainClusters(process.argv.slice(2));
