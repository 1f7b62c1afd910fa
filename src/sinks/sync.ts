import type { Sink, SinkArticle } from './sink.js';

export interface SyncResult {
  written: number;
  deleted: number;
  unchanged: number;
  batches: number;
}

export interface SyncOptions {
  /** Articles (writes plus deletes) per transaction. */
  batchSize?: number;
  /** Called after each committed batch (progress, tests). */
  onCommit?: (batch: number) => void;
}

/**
 * Bring a database sink to exactly `articles` (the complete set the output holds): write each
 * article whose hash differs from what the sink holds, delete every held id that is not in the set,
 * leave the rest untouched; one transaction per `batchSize` changes. Interrupted at any point, the
 * sink keeps its committed batches, and the next call finishes the job. Memory: the held id → hash
 * map and one batch.
 */
export async function syncSink(
  sink: Sink,
  articles: Iterable<SinkArticle> | AsyncIterable<SinkArticle>,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const held = await sink.held();
  const result: SyncResult = { written: 0, deleted: 0, unchanged: 0, batches: 0 };
  let open = 0;
  const change = async (apply: () => Promise<void>) => {
    if (open === 0) await sink.begin();
    await apply();
    if (++open >= batchSize) await commit();
  };
  const commit = async () => {
    await sink.commit();
    open = 0;
    result.batches++;
    options.onCommit?.(result.batches);
  };
  try {
    for await (const article of articles) {
      const hash = held.get(article.id);
      held.delete(article.id);
      if (hash === article.hash) {
        result.unchanged++;
        continue;
      }
      await change(() => sink.write(article));
      result.written++;
    }
    for (const id of held.keys()) {
      await change(() => sink.delete(id));
      result.deleted++;
    }
    if (open > 0) await commit();
  } catch (error) {
    await sink.rollback().catch(() => {});
    throw error;
  }
  return result;
}
