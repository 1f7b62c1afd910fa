import { columnsOf } from './schema.js';
import type { Row } from './record-rows.js';

const MENTIONS = columnsOf('entity_mentions');
const ARTICLE_ID = MENTIONS.indexOf('article_id');
const ENTITY_ID = MENTIONS.indexOf('entity_id');
const CANONICAL = MENTIONS.indexOf('canonical');
const TYPE = MENTIONS.indexOf('type');

/** A deleted mention row, as `DELETE … RETURNING` gives it back. */
export interface RemovedMention {
  article_id: string;
  entity_id: string;
  canonical: string;
  type: string;
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

  /** The mention rows just deleted. */
  remove(mentions: readonly RemovedMention[]): void {
    const seen = new Set<string>();
    for (const m of mentions) this.count(-1, m.article_id, m.entity_id, m.type, m.canonical, seen);
  }

  /** The mention rows about to be inserted. */
  add(mentions: readonly Row[]): void {
    const seen = new Set<string>();
    for (const row of mentions) {
      this.count(1, row[ARTICLE_ID] as string, row[ENTITY_ID] as string, row[TYPE] as string | null, row[CANONICAL] as string, seen);
    }
  }

  /** One mention in or out; an article counts once per entity (`seen` holds the article/entity pairs counted). */
  private count(sign: 1 | -1, articleId: string, entityId: string, type: string | null, canonical: string, seen: Set<string>): void {
    const e = this.entity(entityId, type);
    e.mentions += sign;
    this.addCanonical(entityId, canonical, sign);
    const key = `${articleId}\0${entityId}`;
    if (!seen.has(key)) {
      seen.add(key);
      e.articles += sign;
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
