import { columnsOf } from './schema.js';
import type { Row } from './record-rows.js';

const MENTIONS = columnsOf('entity_mentions');
const ARTICLE_ID = MENTIONS.indexOf('article_id');
const ENTITY_ID = MENTIONS.indexOf('entity_id');
const CANONICAL = MENTIONS.indexOf('canonical');
const TYPE = MENTIONS.indexOf('type');

/** Old mention counts of the touched articles, as the database reports them (PostgreSQL counts arrive as strings). */
export interface OldCanonicalCount {
  entity_id: string;
  canonical: string;
  type: string;
  mentions: number | string;
}
export interface OldArticleCount {
  entity_id: string;
  articles: number | string;
}

/**
 * What a batch changes in the entity tables: per entity, mentions and articles added minus
 * removed, and per (entity, canonical) mentions added minus removed. Replacing an article counts
 * its old mentions out and its new ones in; only non-zero changes are applied.
 */
export class EntityDelta {
  private readonly canonicals = new Map<string, Map<string, number>>();
  private readonly entities = new Map<string, { type: string | null; mentions: number; articles: number }>();

  get size(): number {
    return this.entities.size;
  }

  private entity(id: string, type: string | null) {
    let e = this.entities.get(id);
    if (!e) this.entities.set(id, (e = { type, mentions: 0, articles: 0 }));
    else if (e.type === null) e.type = type;
    return e;
  }

  private addCanonical(id: string, canonical: string, n: number): void {
    let m = this.canonicals.get(id);
    if (!m) this.canonicals.set(id, (m = new Map()));
    m.set(canonical, (m.get(canonical) ?? 0) + n);
  }

  /** The rows about to be deleted, as counted by the database. */
  remove(canonicals: readonly OldCanonicalCount[], articles: readonly OldArticleCount[]): void {
    for (const c of canonicals) {
      const n = Number(c.mentions);
      this.entity(c.entity_id, c.type).mentions -= n;
      this.addCanonical(c.entity_id, c.canonical, -n);
    }
    for (const a of articles) this.entity(a.entity_id, null).articles -= Number(a.articles);
  }

  /** The mention rows about to be inserted. */
  add(mentions: readonly Row[]): void {
    const seen = new Set<string>();
    for (const row of mentions) {
      const id = row[ENTITY_ID] as string;
      const e = this.entity(id, row[TYPE] as string | null);
      e.mentions++;
      this.addCanonical(id, row[CANONICAL] as string, 1);
      const key = `${row[ARTICLE_ID] as string}\0${id}`;
      if (!seen.has(key)) {
        seen.add(key);
        e.articles++;
      }
    }
  }

  /** Rows for `warta_canonical_delta` and `warta_entity_delta` (touched entities, even at a net zero: their names may differ). */
  rows(): { canonicals: Row[]; entities: Row[] } {
    const canonicals: Row[] = [];
    for (const [id, m] of this.canonicals) for (const [canonical, n] of m) if (n !== 0) canonicals.push([id, canonical, n]);
    const entities: Row[] = [];
    for (const [id, e] of this.entities) entities.push([id, e.type, e.mentions, e.articles]);
    return { canonicals, entities };
  }

  clear(): void {
    this.canonicals.clear();
    this.entities.clear();
  }
}
