/**
 * A small input folder of news as a model (whole files and record-by-record exports) and the
 * random edits a scraper, an editor or an operator makes to one between two `warta run`s:
 * records appended, changed, deleted, reordered, given another id (sometimes one already taken);
 * an export cut mid-record by an interrupted write (finished by the next append); files
 * replaced, added (sorting before or after the others), deleted, or touched without a change.
 * Everything is drawn from one seeded random stream, so a seed always gives the same folder
 * and the same edits. Modification times come from a virtual clock, so the file dates that
 * relative dates are resolved against are the same on every machine.
 */
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ArticleFactory, toHtml, toRecord, toTxt, type Gazetteer, type Lang } from '../bench/corpus.js';
import { mulberry32 } from '../random.js';

export type Rec = Record<string, string>;

interface ExportFile {
  kind: 'jsonl' | 'csv';
  records: Rec[];
  /** An interrupted write: the first bytes of `partialRecord`, without its line end. */
  partial: { bytes: string; record: Rec } | null;
}

interface WholeFile {
  kind: 'txt' | 'html' | 'json';
  content: string;
}

type InputFile = ExportFile | WholeFile;

const CSV_COLUMNS = ['id', 'title', 'text', 'published_at', 'url', 'source', 'author'];
const isExport = (f: InputFile): f is ExportFile => f.kind === 'jsonl' || f.kind === 'csv';

/** A record's field holding the bytes of a line that is no record at all (a bad JSON line). */
const RAW = '__raw';

/** The serialised bytes of one record of an export (with its line end). */
function recordLine(kind: 'jsonl' | 'csv', record: Rec): string {
  if (record[RAW] !== undefined) return record[RAW];
  return kind === 'jsonl' ? JSON.stringify(record) + '\n' : stringify([CSV_COLUMNS.map((c) => record[c] ?? '')]);
}

function serialise(file: InputFile): string {
  if (!isExport(file)) return file.content;
  const head = file.kind === 'csv' ? stringify([CSV_COLUMNS]) : '';
  return head + file.records.map((r) => recordLine(file.kind, r)).join('') + (file.partial?.bytes ?? '');
}

/** One drawn edit: what it did, in words a reader of a failure report can replay. */
export type Edit = string;

/**
 * The input folder `dir` and its model; `edit()` applies one random edit and writes the files
 * it changed (and only those: an unchanged file keeps its modification time).
 */
export class NewsFolder {
  private readonly files = new Map<string, InputFile>();
  private readonly written = new Map<string, string>();
  private readonly factory: ArticleFactory;
  /** Virtual clock (ms) for modification times: hours pass between edits. */
  private clock = Date.UTC(2025, 8, 1, 6, 0, 0);
  private nextId = 1;
  private nextName = 1;
  private readonly r: () => number;

  constructor(
    private readonly dir: string,
    gazetteer: Gazetteer,
    seed: number,
  ) {
    this.r = mulberry32(seed);
    this.factory = new ArticleFactory(mulberry32(seed ^ 0x5eed), gazetteer);
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)];
  }

  private lang(): Lang {
    return this.chance(0.6) ? 'id' : 'en';
  }

  /** A short news record; usually with an id that sorts after every earlier one, sometimes none or one that sorts first. */
  private record(idStyle: 'next' | 'none' | 'early' = this.chance(0.12) ? 'none' : this.chance(0.1) ? 'early' : 'next'): Rec {
    const n = this.nextId++;
    const article = this.factory.make(n, this.lang(), this.int(250, 900));
    const rec = toRecord(article);
    if (idStyle === 'next') rec.id = `berita-${String(n).padStart(5, '0')}`;
    else if (idStyle === 'early') rec.id = `awal-${String(n).padStart(5, '0')}`;
    else delete rec.id;
    // without a publication date, relative dates resolve against the file's date
    if (this.chance(0.2)) delete rec.published_at;
    return rec;
  }

  private wholeFile(kind: WholeFile['kind']): WholeFile {
    const article = this.factory.make(this.nextId++, this.lang(), this.int(300, 1200));
    if (kind === 'txt') return { kind, content: toTxt(article, this.int(0, 3)) };
    if (kind === 'html') return { kind, content: toHtml(article) };
    const records = Array.from({ length: this.int(1, 3) }, () => this.record());
    return { kind, content: JSON.stringify(records.length === 1 && this.chance(0.5) ? records[0] : records, null, 1) };
  }

  private exportFile(kind: 'jsonl' | 'csv', records = this.int(5, 60)): ExportFile {
    return { kind, records: Array.from({ length: records }, () => this.record()), partial: null };
  }

  private newName(ext: string, where: 'before' | 'after' | 'any'): string {
    const n = this.nextName++;
    if (where === 'before') return `a${n}-awal.${ext}`;
    if (where === 'after') return `z${n}-akhir.${ext}`;
    return `${this.pick(['kabar', 'm', 'news', 'r'])}${n}.${ext}`;
  }

  /** The first folder: a few whole files and one or two exports of each kind. */
  populate(): Edit {
    this.files.set('berita.jsonl', this.exportFile('jsonl'));
    this.files.set('ekspor.csv', this.exportFile('csv'));
    if (this.chance(0.4)) this.files.set(this.newName('jsonl', 'any'), this.exportFile('jsonl', this.int(5, 20)));
    if (this.chance(0.3)) this.files.set(this.newName('csv', 'any'), this.exportFile('csv', this.int(5, 20)));
    const wholes = this.int(2, 5);
    for (let i = 0; i < wholes; i++) {
      const kind = this.pick(['txt', 'txt', 'html', 'json'] as const);
      this.files.set(this.newName(kind, 'any'), this.wholeFile(kind));
    }
    this.flush(new Set(this.files.keys()));
    return `start: ${[...this.files].map(([name, f]) => (isExport(f) ? `${name} (${f.records.length} records)` : name)).join(', ')}`;
  }

  private exports(kind?: 'csv'): [string, ExportFile][] {
    return [...this.files].filter((e): e is [string, ExportFile] => isExport(e[1]) && (kind === undefined || e[1].kind === kind));
  }

  /** Apply one random edit to the model (sometimes two or three, as between two cron runs) and write what changed. */
  edit(): Edit {
    this.clock += this.int(1, 30) * 3600_000 + this.int(0, 3599) * 1000;
    const touched = new Set<string>();
    const count = this.chance(0.25) ? this.int(2, 3) : 1;
    const done: Edit[] = [];
    for (let i = 0; i < count; i++) done.push(this.editOnce(touched));
    this.flush(touched);
    return done.join(' + ');
  }

  private editOnce(touched: Set<string>): Edit {
    const exports = this.exports();
    const kinds: (() => Edit | null)[] = [
      () => this.append(exports, touched),
      () => this.append(exports, touched),
      () => this.changeRecord(exports, touched),
      () => this.deleteRecords(exports, touched),
      () => this.reorder(exports, touched),
      () => this.truncate(exports, touched),
      () => this.replaceFile(touched),
      () => this.addExport(touched),
      () => this.deleteFile(touched),
      () => this.touch(touched),
      () => this.changeId(exports, touched),
      () => this.csvLineBreak(touched),
      () => this.badRecord(exports, touched),
      () => this.renameFile(touched),
      () => this.copyFile(touched),
      () => this.breakFile(touched),
      () => this.addNamedAfterId(exports, touched),
    ];
    for (;;) {
      const done = this.pick(kinds)();
      if (done !== null) return done;
    }
  }

  private append(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    const finished = file.partial !== null;
    if (file.partial) file.records.push(file.partial.record);
    file.partial = null;
    const count = this.int(1, 8);
    for (let i = 0; i < count; i++) file.records.push(this.record());
    touched.add(name);
    return `${finished ? 'finish the cut last record of' : 'append to'} ${name}: ${count} record(s)`;
  }

  private middle(file: ExportFile): number | null {
    return file.records.length === 0 ? null : this.int(0, file.records.length - 1);
  }

  private changeRecord(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    const at = this.middle(file);
    if (at === null) return null;
    const old = file.records[at];
    const fresh = this.record('none');
    const what = this.pick(['text', 'title', 'date'] as const);
    if (what === 'text') old.text = fresh.text;
    else if (what === 'title') old.title = `${old.title} (diperbarui)`;
    else if (old.published_at) delete old.published_at;
    else old.published_at = '2025-09-03T10:00:00+07:00';
    touched.add(name);
    return `change the ${what} of record ${at} of ${name}`;
  }

  private deleteRecords(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    if (file.records.length < 2) return null;
    const at = this.int(0, file.records.length - 1);
    const count = Math.min(this.int(1, 4), file.records.length - at);
    file.records.splice(at, count);
    touched.add(name);
    return `delete records ${at}..${at + count - 1} of ${name}`;
  }

  private reorder(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    if (file.records.length < 2) return null;
    if (this.chance(0.5)) {
      const a = this.int(0, file.records.length - 1);
      const b = this.int(0, file.records.length - 1);
      [file.records[a], file.records[b]] = [file.records[b], file.records[a]];
      touched.add(name);
      return `swap records ${a} and ${b} of ${name}`;
    }
    file.records.reverse();
    touched.add(name);
    return `reverse the records of ${name}`;
  }

  private truncate(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    const open = exports.filter(([, f]) => f.partial === null);
    if (open.length === 0) return null;
    const [name, file] = this.pick(open);
    const record = this.record();
    const line = recordLine(file.kind, record);
    // cut somewhere inside the record, never at its line end (that would be a whole record)
    const cut = this.int(1, line.length - 2);
    file.partial = { bytes: line.slice(0, cut), record };
    touched.add(name);
    return `cut ${name} mid-record (a bad last line of ${cut} characters)`;
  }

  private replaceFile(touched: Set<string>): Edit | null {
    const [name, file] = this.pick([...this.files]);
    const replacement = isExport(file) ? this.exportFile(file.kind, this.int(5, 30)) : this.wholeFile(file.kind);
    this.files.set(name, replacement);
    touched.add(name);
    return `replace ${name} whole`;
  }

  private addExport(touched: Set<string>): Edit | null {
    const kind = this.pick(['jsonl', 'csv'] as const);
    const name = this.newName(kind, this.chance(0.5) ? 'before' : 'after');
    const file = this.exportFile(kind, this.int(3, 15));
    this.files.set(name, file);
    touched.add(name);
    return `add the export ${name} (${file.records.length} records)`;
  }

  private deleteFile(touched: Set<string>): Edit | null {
    if (this.files.size < 2) return null;
    const name = this.pick([...this.files.keys()]);
    this.files.delete(name);
    touched.add(name);
    return `delete ${name}`;
  }

  private touch(touched: Set<string>): Edit | null {
    const name = this.pick([...this.files.keys()]);
    touched.add(name);
    return `touch ${name} (same bytes, a later modification time)`;
  }

  private changeId(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    const at = this.middle(file);
    if (at === null) return null;
    const taken = exports.flatMap(([, f]) => f.records.map((r) => r.id)).filter((id): id is string => id !== undefined && id !== file.records[at].id);
    const mode = taken.length > 0 && this.chance(0.35) ? 'taken' : this.pick(['new', 'early', 'drop'] as const);
    const record = file.records[at];
    if (mode === 'taken') record.id = this.pick(taken);
    else if (mode === 'drop') delete record.id;
    else record.id = `${mode === 'early' ? 'awal' : 'berita'}-${String(this.nextId++).padStart(5, '0')}`;
    touched.add(name);
    return `give record ${at} of ${name} ${mode === 'drop' ? 'no id' : `the id ${record.id}${mode === 'taken' ? ' (already taken)' : ''}`}`;
  }

  private csvLineBreak(touched: Set<string>): Edit | null {
    const csvs = this.exports('csv');
    if (csvs.length === 0) return null;
    const [name, file] = this.pick(csvs);
    const at = this.middle(file);
    if (at === null) return null;
    const record = file.records[at];
    const field = this.pick(['title', 'text', 'author'] as const);
    const brk = this.pick(['\n', '\r\n', '\n\n']);
    record[field] = `${record[field] ?? ''}${brk}"Kutipan", kata sumber${brk}`;
    touched.add(name);
    return `put a line break (${JSON.stringify(brk)}) and quotes in the ${field} cell of record ${at} of ${name}`;
  }

  private badRecord(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    if (exports.length === 0) return null;
    const [name, file] = this.pick(exports);
    const at = this.int(0, file.records.length);
    const record = this.record();
    const what = file.kind === 'jsonl' ? this.pick(['a broken JSON line', 'a record without a body', 'a blank line', 'a line ending in CR LF'] as const) : 'a record without a body';
    if (what === 'a broken JSON line') record[RAW] = JSON.stringify(record).slice(0, this.int(5, 60)) + '\n';
    else if (what === 'a blank line') record[RAW] = '\n';
    else if (what === 'a line ending in CR LF') record[RAW] = JSON.stringify(record) + '\r\n';
    else delete record.text;
    file.records.splice(at, 0, record);
    touched.add(name);
    return `insert ${what} at record ${at} of ${name}`;
  }

  /** Move a file to a new name (its derived ids change; an unchanged content hash under another path). */
  private renameFile(touched: Set<string>): Edit | null {
    const [name, file] = this.pick([...this.files]);
    const to = this.newName(name.slice(name.lastIndexOf('.') + 1), this.pick(['before', 'after', 'any'] as const));
    this.files.delete(name);
    this.files.set(to, file);
    touched.add(name).add(to);
    return `rename ${name} to ${to}`;
  }

  /** Copy a file under a new name: every record with an id now claims it twice. */
  private copyFile(touched: Set<string>): Edit | null {
    const [name, file] = this.pick([...this.files]);
    const to = this.newName(name.slice(name.lastIndexOf('.') + 1), this.pick(['before', 'after'] as const));
    this.files.set(to, structuredClone(file));
    touched.add(to);
    return `copy ${name} to ${to}`;
  }

  /** A whole file that cannot be read as an article any more (or again, once replaced). */
  private breakFile(touched: Set<string>): Edit | null {
    const wholes = [...this.files].filter((e): e is [string, WholeFile] => !isExport(e[1]));
    if (wholes.length === 0) return null;
    const [name, file] = this.pick(wholes);
    if (file.kind === 'json') file.content = file.content.slice(0, Math.max(1, Math.floor(file.content.length / 2)));
    else file.content = this.pick(['', '   \n\n']);
    touched.add(name);
    return file.kind === 'json' ? `cut ${name} in half (invalid JSON)` : `empty ${name}`;
  }

  /** A text file whose id (derived from its name) an export record already has. */
  private addNamedAfterId(exports: [string, ExportFile][], touched: Set<string>): Edit | null {
    const ids = exports.flatMap(([, f]) => f.records.map((r) => r.id)).filter((id): id is string => id !== undefined && !this.files.has(`${id}.txt`));
    if (ids.length === 0) return null;
    const name = `${this.pick(ids)}.txt`;
    this.files.set(name, this.wholeFile('txt'));
    touched.add(name);
    return `add ${name} (its derived id is an export record's)`;
  }

  /** Write (or delete) the files named; every write gets the clock's time as its modification time. */
  private flush(names: Set<string>): void {
    for (const name of [...names].sort()) {
      const target = path.join(this.dir, name);
      const file = this.files.get(name);
      if (!file) {
        rmSync(target, { force: true });
        this.written.delete(name);
        continue;
      }
      const content = serialise(file);
      if (this.written.get(name) !== content) writeFileSync(target, content);
      this.written.set(name, content);
      const when = new Date(this.clock);
      utimesSync(target, when, when);
    }
  }
}
