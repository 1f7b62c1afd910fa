import path from 'node:path';
import type { ReadFailure } from '../ingest/readers.js';
import { toPosix } from '../ingest/readers.js';
import { writeDataFiles } from '../sinks/writer.js';
import type { ArticleEntry } from './article-table.js';
import type { RunState } from './state.js';
import { patchFileSha, SegmentReader, type FragmentBytes } from './store.js';

/** One article that goes into the outputs: its entry and the current hash of the file it came from. */
export interface LiveArticle {
  entry: ArticleEntry;
  file: string;
  fileSha: string;
}

/**
 * Every article of the run's inputs in output order (by id, then path, then record). An id
 * claimed twice keeps its first claimant and fails the others with a message. This is the list
 * a sink writes: the file sink all of it, a database sink the articles whose hash changed.
 */
export function liveArticles(state: RunState, tables: Map<string, ArticleEntry[]>): { articles: LiveArticle[]; duplicates: ReadFailure[] } {
  const claims: LiveArticle[] = [];
  for (const [file, input] of Object.entries(state.inputs)) {
    for (const entry of tables.get(file) ?? []) claims.push({ entry, file, fileSha: input.sha256 });
  }
  claims.sort((a, b) =>
    a.entry.id < b.entry.id
      ? -1
      : a.entry.id > b.entry.id
        ? 1
        : a.file < b.file
          ? -1
          : a.file > b.file
            ? 1
            : (a.entry.record ?? -1) - (b.entry.record ?? -1),
  );
  const articles: LiveArticle[] = [];
  const duplicates: ReadFailure[] = [];
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i];
    if (i > 0 && claims[i - 1].entry.id === claim.entry.id) {
      duplicates.push({
        path: toPosix(path.relative(process.cwd(), claim.file)),
        record: claim.entry.record,
        error: `duplicate article id ${JSON.stringify(claim.entry.id)} (already used by ${toPosix(path.relative(process.cwd(), claims[i - 1].file))}); this record was not written`,
      });
      continue;
    }
    articles.push(claim);
  }
  return { articles, duplicates };
}

/** The stored fragments of `articles`, read back in order with the file hash brought up to date. */
export function* fragmentsOf(articles: LiveArticle[], reader: SegmentReader): Generator<FragmentBytes> {
  for (const article of articles) {
    const fragment = reader.read(article.entry.location);
    patchFileSha(fragment, article.fileSha);
    yield fragment;
  }
}

/** Rewrite the five data files from the fragment store. */
export function writeOutputs(outputDir: string, segmentDir: string, articles: LiveArticle[]): void {
  const reader = new SegmentReader(segmentDir);
  try {
    writeDataFiles(outputDir, fragmentsOf(articles, reader));
  } finally {
    reader.close();
  }
}
