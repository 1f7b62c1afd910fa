import type { InputFormat } from '../doc.js';
import type { ReadFailure } from '../ingest/readers.js';
import type { FieldMapping, StageOverrides } from '../pipeline.js';
import type { CsvFile } from '../sinks/rows.js';

/** What the main thread sends a worker: one input file and how to analyse it (the worker reads it). */
export interface FileTask {
  /** Absolute path: the worker reads it, and the fragment keys derive from it. */
  absolutePath: string;
  /** Where the worker stores finished articles (`.warta/docs`). */
  storeDir: string;
  displayPath: string;
  idPath: string;
  format: InputFormat;
  /** The content hash the last run saw: equal content is not analysed again. */
  previousSha256?: string;
  fileDate?: string;
  pipelineFile: string;
  overrides: StageOverrides;
  fields?: FieldMapping;
  maxBytes?: number;
  referenceDate?: string;
}

/** One article's finished output, pre-rendered so the writer only concatenates. */
export interface Fragment {
  id: string;
  record: number | null;
  json: string;
  csv: Record<CsvFile, string>;
}

/** What a worker stored for one article. */
export interface StoredArticle {
  id: string;
  record: number | null;
  key: string;
}

export interface FileResult {
  /** The pipeline could not be set up in the worker (e.g. a gazetteer file is missing): a configuration error. */
  setupError?: string;
  /** The file could not be read at all (its failure is in `failures`). */
  unreadable?: boolean;
  /** Same content as last run (`previousSha256`): nothing was analysed. */
  unchanged?: boolean;
  sha256: string;
  bytes: number;
  stored: StoredArticle[];
  failures: ReadFailure[];
  /** Milliseconds per stage summed over this file's articles. */
  stageMs: Record<string, number>;
}
