import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordArticle, renderedArticle, sinkArticleHash } from '../src/sinks/article.js';
import { encodeFragment } from '../src/sinks/fragment.js';
import { maskSpec, parseSinkSpec } from '../src/sinks/open.js';
import { ARTICLE_TABLES, articleRows, publishedDate } from '../src/sinks/record-rows.js';
import { CSV_COLUMNS, CSV_FILES, csvRows, type CsvFile } from '../src/sinks/rows.js';
import { CURRENT_SCHEMA, MIGRATIONS, SCHEMA_VERSION, schemaAt, stepSql } from '../src/sinks/schema.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { SinkConfigError } from '../src/sinks/sink.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';

const TABLE: Record<CsvFile, (typeof ARTICLE_TABLES)[number]> = {
  articles: 'articles',
  sentences: 'sentences',
  entities: 'entity_mentions',
  dates: 'dates',
};

describe('schema', () => {
  it('versions the migrations 1, 2, … in order, and the current schema is their result', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(CURRENT_SCHEMA).toEqual(schemaAt(SCHEMA_VERSION));
    // migration 2 adds source_name to mention and date rows
    expect(schemaAt(1).tables.get('entity_mentions')!.columns.map((c) => c.name)).not.toContain('source_name');
    expect(schemaAt(2).tables.get('entity_mentions')!.columns.map((c) => c.name)).toContain('source_name');
  });

  it('starts every article table with exactly the CSV columns, in the CSV order', () => {
    for (const file of CSV_FILES) {
      const columns = CURRENT_SCHEMA.tables.get(TABLE[file])!.columns.map((c) => c.name);
      expect(columns.slice(0, CSV_COLUMNS[file].length)).toEqual([...CSV_COLUMNS[file]]);
    }
    for (const table of ['entity_mentions', 'dates']) {
      const columns = CURRENT_SCHEMA.tables.get(table)!.columns.map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['published_at', 'published_date', 'language', 'source_name']));
    }
    expect(CURRENT_SCHEMA.tables.get('articles')!.columns.map((c) => c.name)).toContain('hash');
    expect(CURRENT_SCHEMA.tables.get('entities')!.columns.map((c) => c.name)).toEqual([
      'entity_id', 'type', 'canonical', 'article_count', 'mention_count', 'first_published_at', 'last_published_at',
    ]);
  });

  it('indexes the usual dashboard filters', () => {
    const indexed = CURRENT_SCHEMA.indexes.map((i) => `${i.table}(${i.columns.join(',')})`);
    expect(indexed).toEqual(
      expect.arrayContaining([
        'entity_mentions(entity_id,published_at)',
        'entity_mentions(type,published_date)',
        'articles(published_date)',
        'articles(source_name,published_date)',
        'dates(published_date)',
      ]),
    );
  });

  it('renders one DDL per dialect from the same steps, quoting the SQL keywords among the CSV columns', () => {
    const create = MIGRATIONS[0].steps.find((s) => s.op === 'createTable' && s.table.name === 'sentences')!;
    const [sqlite] = stepSql(create, 'sqlite');
    const [postgres] = stepSql(create, 'postgres');
    expect(sqlite).toContain('"index" INTEGER NOT NULL');
    expect(sqlite).toContain('"end" INTEGER');
    expect(postgres).toContain('"article_id" TEXT COLLATE "C" NOT NULL');
    expect(postgres).toContain('PRIMARY KEY ("article_id", "index")');
    const runs = MIGRATIONS[0].steps.find((s) => s.op === 'createTable' && s.table.name === 'runs')!;
    expect(stepSql(runs, 'sqlite')[0]).toContain('"run_id" INTEGER PRIMARY KEY');
    expect(stepSql(runs, 'postgres')[0]).toContain('"failures" JSONB');
  });
});

describe('published_date', () => {
  it('is the day as written, in the zone the article states', () => {
    expect(publishedDate('2025-09-06')).toBe('2025-09-06');
    expect(publishedDate('2025-09-06T01:30:00+07:00')).toBe('2025-09-06');
    expect(publishedDate('2024-02-29')).toBe('2024-02-29');
  });
  it('is null for no date, an impossible day or a partial date', () => {
    expect(publishedDate(null)).toBeNull();
    expect(publishedDate('2025-02-30')).toBeNull();
    expect(publishedDate('2025-13-01')).toBeNull();
    expect(publishedDate('2025-09')).toBeNull();
    expect(publishedDate('6 September 2025')).toBeNull();
  });
});

describe('database rows', () => {
  let records: DocumentRecord[];
  beforeAll(async () => {
    records = [await exampleRecord(), ...(await corpusRecords(60, 5))];
  });

  it('carry the CSV values: the CSV columns of every row render to exactly the CSV rows', () => {
    for (const record of records) {
      const csv = csvRows(record);
      const rows = articleRows(record, 'h');
      for (const file of CSV_FILES) {
        const width = CSV_COLUMNS[file].length;
        const cells = rows[TABLE[file]].map((r) => r.slice(0, width));
        const rendered = cells.length ? stringify(cells, { escape_formulas: true, record_delimiter: '\r\n' }) : '';
        expect(rendered, `${record.id} ${file}`).toBe(csv[file]);
        expect(rows[TABLE[file]].length).toBe((parse(csv[file]) as unknown[]).length);
      }
    }
  });

  it('put the article context and a position on every mention and date row', () => {
    const example = records[0];
    expect(example.published_at).toBe('2025-09-06');
    const rows = articleRows(example, 'h');
    const columns = CURRENT_SCHEMA.tables.get('entity_mentions')!.columns.map((c) => c.name);
    const at = (name: string) => columns.indexOf(name);
    expect(rows.entity_mentions.length).toBe(59);
    rows.entity_mentions.forEach((row, i) => {
      expect(row[at('ordinal')]).toBe(i);
      expect(row[at('published_date')]).toBe('2025-09-06');
      expect(row[at('language')]).toBe('id');
      expect(row[at('source_name')]).toBe(example.source_name);
    });
    expect(rows.articles[0].at(-1)).toBe('h');
  });
});

describe('sink articles', () => {
  it('hash the rendered rows, the same way as the fragments warta run stores, and parse only when asked', async () => {
    const record = await exampleRecord();
    const a = recordArticle(record);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const { hash: contentHash } = encodeFragment({ id: record.id, record: record.source.record, json: a.json, csv: a.csv }, record.source.sha256);
    expect(a.hash).toBe(sinkArticleHash(contentHash, record.source.sha256));
    // any change to the rows changes the hash; the same rows give the same hash
    expect(recordArticle({ ...record, title: `${record.title}!` }).hash).not.toBe(a.hash);
    expect(recordArticle({ ...record, source: { ...record.source, sha256: 'f'.repeat(64) } }).hash).not.toBe(a.hash);
    expect(recordArticle(JSON.parse(a.json)).hash).toBe(a.hash);
    const b = renderedArticle(record.id, a.json, a.csv, a.hash);
    expect(b.record()).toEqual(record);
    expect(b.record()).toBe(b.record());
  });
});

describe('sink specs', () => {
  it('parse sqlite paths relative to the working folder', () => {
    const spec = parseSinkSpec('sqlite:out/news.db', '/srv/warta');
    expect(spec).toEqual({ kind: 'sqlite', name: 'sqlite:out/news.db', file: '/srv/warta/out/news.db', displayPath: 'out/news.db' });
    expect(parseSinkSpec('sqlite:/var/lib/news.db', '/x')).toMatchObject({ file: '/var/lib/news.db' });
  });

  it('parse postgres:// and postgresql:// URLs and never show the password', () => {
    const spec = parseSinkSpec('postgres://warta:s3cr%40t@db.example:5433/news?sslmode=require');
    expect(spec.kind).toBe('postgres');
    expect(spec.name).toBe('postgres://warta:***@db.example:5433/news?sslmode=require');
    expect(spec.name).not.toContain('s3cr');
    if (spec.kind === 'postgres') expect(spec.secrets).toEqual(expect.arrayContaining(['s3cr%40t', 's3cr@t']));
    expect(parseSinkSpec('postgresql://warta@127.0.0.1/news').name).toBe('postgresql://warta@127.0.0.1/news');
    expect(maskSpec('postgres://u@h/db?password=hunter2&x=1')).toBe('postgres://u@h/db?password=***&x=1');
    expect(maskSpec('mysql://root:hunter2@h/db')).toBe('mysql://root:***@h/db');
  });

  it('reject bad specs with a clear SinkConfigError that shows no password', () => {
    const bad: [string, RegExp][] = [
      ['', /empty sink/],
      ['sqlite:', /no file/],
      ['sqlite:///tmp/x.db', /without "\/\/"/],
      ['postgres://warta:hunter2@db.example:5432', /names no database/],
      ['postgres://warta:hunter2@db.example:notaport/news', /hunter2|not a valid URL|bad port/],
      ['mysql://root:hunter2@db.example/news', /unknown sink "mysql:\/\/root:\*\*\*@db.example\/news": use sqlite:PATH.db or postgres:/],
      ['news.db', /unknown sink/],
    ];
    for (const [spec, message] of bad) {
      let error: unknown;
      try {
        parseSinkSpec(spec);
      } catch (e) {
        error = e;
      }
      expect(error, spec).toBeInstanceOf(SinkConfigError);
      expect((error as Error).message, spec).toMatch(message);
      expect((error as Error).message, spec).not.toContain('hunter2');
    }
  });
});
