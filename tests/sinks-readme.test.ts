import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordArticle } from '../src/sinks/article.js';
import { createSink } from '../src/sinks/open.js';
import { publishedDate } from '../src/sinks/record-rows.js';
import type { Dialect } from '../src/sinks/schema.js';
import type { DocumentRecord } from '../src/sinks/serialize.js';
import { syncSink } from '../src/sinks/sync.js';
import { corpusRecords, exampleRecord } from './helpers/articles.js';
import { ROOT } from './helpers/cli.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from './helpers/sink-db.js';
import { describeWithService, postgresService } from './helpers/services.js';

/**
 * The README's example dashboard queries, run as written against both databases loaded with the
 * example article and 300 generated ones; each answer is checked against the same figure computed
 * from the records. "This week" is anchored at 2025-09-10 (the week of the example article).
 */
const TODAY = '2025-09-10';

interface Query {
  name: string;
  dialects: Dialect[];
  sql: string;
}

function readmeQueries(): Query[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Database sinks'), readme.indexOf('\n## ', readme.indexOf('## Database sinks') + 3));
  return [...section.matchAll(/```sql\n(-- (.+) \((PostgreSQL|SQLite|both)\)\n[^]*?)```/g)].map((m) => ({
    name: m[2],
    dialects: m[3] === 'both' ? ['sqlite', 'postgres'] : [m[3] === 'SQLite' ? 'sqlite' : 'postgres'],
    sql: m[1],
  }));
}

function anchorToday(sql: string, dialect: Dialect): string {
  return dialect === 'postgres' ? sql.replaceAll('current_date', `DATE '${TODAY}'`) : sql.replaceAll(`'now'`, `'${TODAY}'`);
}

type Row = Record<string, string | number | null>;
const byBytes = (a: string, b: string) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0);

function entityFigures(records: DocumentRecord[]) {
  const figures = new Map<string, { type: string; articles: Set<string>; mentions: number; names: Map<string, number>; dates: string[] }>();
  for (const r of records) {
    for (const e of r.entities) {
      let f = figures.get(e.entity_id);
      if (!f) figures.set(e.entity_id, (f = { type: e.type, articles: new Set(), mentions: 0, names: new Map(), dates: [] }));
      f.articles.add(r.id);
      f.mentions++;
      f.names.set(e.canonical, (f.names.get(e.canonical) ?? 0) + 1);
      if (r.published_at) f.dates.push(r.published_at);
    }
  }
  const canonical = (id: string) => [...figures.get(id)!.names].sort((a, b) => b[1] - a[1] || byBytes(a[0], b[0]))[0][0];
  return { figures, canonical };
}

/** What each README query must answer, computed from the records. */
function expected(name: string, records: DocumentRecord[]): Row[] {
  const { figures, canonical } = entityFigures(records);
  const day = (r: DocumentRecord) => publishedDate(r.published_at);
  const weekStart = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  switch (name) {
    case 'top 20 people this week': {
      const week = new Map<string, { articles: Set<string>; mentions: number }>();
      for (const r of records) {
        const d = day(r);
        if (!d || d <= weekStart) continue;
        for (const e of r.entities) {
          if (e.type !== 'PERSON') continue;
          const w = week.get(e.entity_id) ?? { articles: new Set<string>(), mentions: 0 };
          w.articles.add(r.id);
          w.mentions++;
          week.set(e.entity_id, w);
        }
      }
      return [...week]
        .map(([id, w]) => ({ entity_id: id, canonical: canonical(id), articles: w.articles.size, mentions: w.mentions }))
        .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || byBytes(a.entity_id, b.entity_id))
        .slice(0, 20);
    }
    case 'mentions per day of one entity': {
      const perDay = new Map<string | null, { mentions: number; articles: Set<string> }>();
      for (const r of records) {
        for (const e of r.entities) {
          if (e.entity_id !== 'PERSON:kim-jong-un') continue;
          const p = perDay.get(day(r)) ?? { mentions: 0, articles: new Set<string>() };
          p.mentions++;
          p.articles.add(r.id);
          perDay.set(day(r), p);
        }
      }
      return [...perDay].map(([d, p]) => ({ published_date: d, mentions: p.mentions, articles: p.articles.size })).sort((a, b) => byBytes(a.published_date ?? '', b.published_date ?? ''));
    }
    case 'articles per outlet per day': {
      const counts = new Map<string, number>();
      for (const r of records) if (day(r)) counts.set(`${day(r)}\t${r.source_name ?? '(unknown)'}`, (counts.get(`${day(r)}\t${r.source_name ?? '(unknown)'}`) ?? 0) + 1);
      return [...counts].map(([key, n]) => ({ published_date: key.split('\t')[0], outlet: key.split('\t')[1], articles: n }));
    }
    case 'language mix': {
      const counts = new Map<string, number>();
      for (const r of records) counts.set(r.language ?? '', (counts.get(r.language ?? '') ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1] || byBytes(a[0], b[0]))
        .map(([language, n]) => ({ language, articles: n, percent: Math.round((1000 * n) / records.length) / 10 }));
    }
    case 'most reported organisations, all time':
      return [...figures]
        .filter(([, f]) => f.type === 'ORGANIZATION')
        .map(([id, f]) => ({
          entity_id: id,
          canonical: canonical(id),
          article_count: f.articles.size,
          mention_count: f.mentions,
          first_published_at: f.dates.length ? f.dates.reduce((a, b) => (byBytes(a, b) <= 0 ? a : b)) : null,
          last_published_at: f.dates.length ? f.dates.reduce((a, b) => (byBytes(a, b) >= 0 ? a : b)) : null,
        }))
        .sort((a, b) => b.article_count - a.article_count || b.mention_count - a.mention_count || byBytes(a.entity_id, b.entity_id))
        .slice(0, 20);
    default:
      throw new Error(`README query "${name}" has no expected answer in this test: add one`);
  }
}

/** Numbers as numbers (PostgreSQL returns counts as bigint strings), keys as selected. */
const normal = (rows: Record<string, unknown>[]): Row[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && k !== 'published_date' ? Number(v) : (v as string | number | null)])));

let records: DocumentRecord[];
beforeAll(async () => {
  records = [await exampleRecord(), ...(await corpusRecords(300))];
});

function readmeSuite(dialect: Dialect, openDb: () => Promise<TestDb>): void {
  let db: TestDb;
  beforeAll(async () => {
    db = await openDb();
    const sink = createSink(db.spec);
    await sink.open();
    await syncSink(sink, records.map(recordArticle), { batchSize: 100 });
    await sink.close();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('answers every README query for this database as the records say', async () => {
    const queries = readmeQueries().filter((q) => q.dialects.includes(dialect));
    expect(queries.map((q) => q.name)).toEqual([
      'top 20 people this week',
      'mentions per day of one entity',
      'articles per outlet per day',
      'language mix',
      'most reported organisations, all time',
    ]);
    for (const query of queries) {
      const rows = normal(await db.query(anchorToday(query.sql, dialect)));
      const want = expected(query.name, records);
      expect(rows.length, query.name).toBeGreaterThan(0);
      if (query.name === 'articles per outlet per day') {
        // the order of outlet names within a day follows the server's collation: compare as sets
        const key = (r: Row) => JSON.stringify(r);
        expect(rows.map(key).sort(), query.name).toEqual(want.map(key).sort());
        expect(rows.map((r) => r.published_date), 'ordered by day').toEqual([...rows.map((r) => r.published_date)].sort());
      } else {
        expect(rows, query.name).toEqual(want);
      }
    }
  });
}

describeWithService({ name: 'SQLite', available: true }, 'README dashboard queries, SQLite', () => readmeSuite('sqlite', sqliteTestDb));

const postgres = await postgresService();
describeWithService(postgres, 'README dashboard queries, PostgreSQL', () => readmeSuite('postgres', postgresTestDb));
