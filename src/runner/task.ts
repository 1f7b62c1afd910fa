import type { InputFormat } from '../doc.js';
import type { ReadFailure } from '../ingest/readers.js';
import type { RecordDelimiter } from '../ingest/stream-csv.js';
import type { FieldMapping, StageOverrides } from '../pipeline.js';
import type { ReportData } from '../report/aggregate.js';
import type { FragmentLocation } from './store.js';

/** What every worker is created with: the pipeline it analyses with (models load as the worker starts). */
export interface WorkerSetup {
  pipelineFile: string;
  overrides: StageOverrides;
  /** Where workers append rendered articles (`.warta/segments`). */
  segmentDir: string;
  /** Unique per run: segment names start with it. */
  runTag: string;
  /** Gather the run report's figures over each task's articles (`TaskResult.report`). */
  report?: boolean;
}

/** Options of one input file that its units share. */
export interface InputContext {
  displayPath: string;
  idPath: string;
  format: InputFormat;
  /** File modification date, YYYY-MM-DD (anchor of last resort for relative dates). */
  fileDate?: string;
  fields?: FieldMapping;
  maxFileBytes?: number;
  referenceDate?: string;
}

/** A whole input file (.txt, .json, .html): the worker reads, hashes and parses it. */
export interface FileUnit {
  input: InputContext;
  absolutePath: string;
  /** The content hash the last run saw: equal content is not analysed again. */
  previousSha256?: string;
  /** Docs (by position in the file) that already failed, e.g. timed out: skipped with this error. */
  skip?: Record<number, string>;
}

/** One record of a streamed export, as a byte range of its batch's buffer. */
export interface RecordUnit {
  index: number;
  line: number;
  start: number;
  end: number;
}

export interface FilesTask {
  kind: 'files';
  units: FileUnit[];
  /** Shared with the main thread: [unit, doc, start time (epoch ms)] of the article being analysed. */
  progress?: SharedArrayBuffer;
}

/** A batch of records cut from one streamed file (JSONL or CSV). */
export interface RecordsTask {
  kind: 'records';
  input: InputContext;
  bytes: Uint8Array;
  units: RecordUnit[];
  /** CSV: the header's columns and the file's record delimiter. */
  csv?: { columns: string[]; delimiter: RecordDelimiter };
  progress?: SharedArrayBuffer;
}

export type Task = FilesTask | RecordsTask;

/** One article's finished output, pre-rendered so the writer only concatenates. */
export type { Fragment } from '../sinks/fragment.js';

/** What a worker stored for one article. */
export interface StoredDoc {
  id: string;
  record: number | null;
  line?: number;
  location: FragmentLocation;
  /** Content hash of the rendered article (file hash blanked). */
  hash: string;
  /** The article's dates were resolved against the file's modification date (it must be re-analysed when that changes). */
  usesFileDate: boolean;
}

export interface UnitResult {
  docs: StoredDoc[];
  failures: ReadFailure[];
  /** File units: the file's content hash and size. */
  sha256?: string;
  bytes?: number;
  /** File units: same content as last run (`previousSha256`): nothing was analysed. */
  unchanged?: boolean;
  /** File units: the file could not be read at all (its failure is in `failures`). */
  unreadable?: boolean;
}

export interface TaskResult {
  /** The pipeline could not be set up in the worker (e.g. a gazetteer file is missing): a configuration error. */
  setupError?: string;
  /** One per unit, in order. */
  units: UnitResult[];
  /** Milliseconds per stage summed over the task's articles. */
  stageMs: Record<string, number>;
  /** Garbage-collection pauses of the worker (ms) since its previous task (`run.json` `gc_ms`). */
  gcMs?: number;
  /** The run report's figures over the task's articles (when `WorkerSetup.report`). */
  report?: ReportData;
}

/** Layout of a task's progress buffer (Float64Array). */
export const PROGRESS = { unit: 0, doc: 1, startedAt: 2, length: 3 } as const;
