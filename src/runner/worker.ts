import { createAnalyzer, type Analyzer } from '../analyze.js';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseArticles, sha256 } from '../ingest/readers.js';
import { csvRows } from '../sinks/rows.js';
import { FragmentStore } from './store.js';
import type { FileResult, FileTask, StoredArticle } from './task.js';

/**
 * A worker thread: parse one file, run the pipeline over each article, render
 * its output and store it in the fragment store. The analyser (and so every stage's setup: gazetteers, models) is
 * built once per worker and pipeline.
 */
const analyzers = new Map<string, Promise<Analyzer>>();

function analyzerFor(task: FileTask): Promise<Analyzer> {
  const key = `${task.pipelineFile}\0${JSON.stringify(task.overrides)}`;
  let analyzer = analyzers.get(key);
  if (!analyzer) {
    analyzer = createAnalyzer(task.pipelineFile, task.overrides);
    analyzers.set(key, analyzer);
  }
  return analyzer;
}

/**
 * Files are read into one reusable buffer per worker: a fresh Buffer per file
 * is off-heap memory that a lazily collecting worker lets pile up (RSS grew
 * with corpus size). Safe because a worker runs one task at a time and the
 * readers decode the bytes into strings before the task ends.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

function readIntoScratch(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, scratch, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return scratch.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export default async function analyseFile(task: FileTask): Promise<FileResult> {
  let buffer: Buffer;
  try {
    buffer = readIntoScratch(task.absolutePath);
  } catch (error) {
    const failure = { path: task.displayPath, record: null, error: `cannot read: ${(error as Error).message}` };
    return { unreadable: true, sha256: '', bytes: 0, stored: [], failures: [failure], stageMs: {} };
  }
  const hash = sha256(buffer);
  if (hash === task.previousSha256) return { unchanged: true, sha256: hash, bytes: buffer.length, stored: [], failures: [], stageMs: {} };
  let analyzer: Analyzer;
  try {
    analyzer = await analyzerFor(task);
  } catch (error) {
    return { setupError: error instanceof Error ? error.message : String(error), sha256: hash, bytes: 0, stored: [], failures: [], stageMs: {} };
  }
  const { docs, failures } = await parseArticles(
    { buffer, displayPath: task.displayPath, idPath: task.idPath, format: task.format, sha256: hash, fileDate: task.fileDate },
    { fields: task.fields, maxBytes: task.maxBytes, referenceDate: task.referenceDate },
  );
  const stageMs: Record<string, number> = {};
  const store = new FragmentStore(task.storeDir);
  const stored: StoredArticle[] = [];
  for (const doc of docs) {
    try {
      const record = analyzer.analyze(doc, stageMs);
      const key = FragmentStore.keyOf(task.absolutePath, record.source.record);
      store.putSync(key, { id: record.id, record: record.source.record, json: JSON.stringify(record), csv: csvRows(record) });
      stored.push({ id: record.id, record: record.source.record, key });
    } catch (error) {
      const where = doc.source.record === null ? '' : `record ${doc.source.record}: `;
      failures.push({
        path: task.displayPath,
        record: doc.source.record,
        ...(doc.meta.line !== undefined ? { line: doc.meta.line } : {}),
        error: `${where}analysis failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { sha256: hash, bytes: buffer.length, stored, failures, stageMs };
}
