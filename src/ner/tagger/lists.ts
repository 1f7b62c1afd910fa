/**
 * Name lists as tagger features (not decisions): for each token, whether a
 * place, organisation or person list has a phrase starting, continuing or
 * ending there (BILU), and which list. The phrases are stored in the model
 * file, so tagging does not depend on the installed list packages.
 */
import { lexKey } from './features.js';
import { tokenize } from './tokenize.js';

/**
 * The lists, in priority order within their group (a country beats a city of
 * the same length). The `known-*` lists are the names annotated in the other
 * language's training data (see `train-resources.ts`).
 */
export const LIST_NAMES = [
  'country', 'province', 'regency', 'city', 'place', 'region', 'organization', 'company', 'team', 'person',
  'known-location', 'known-organization', 'known-person', 'district', 'village',
] as const; // prettier-ignore
export type ListName = (typeof LIST_NAMES)[number];
/** Feature group of each list: 0 places, 1 organisations, 2 people. */
export const LIST_GROUP: readonly number[] = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0, 1, 2, 0, 0];
export const NUM_GROUPS = 3;

export interface ListNode {
  next?: Map<string, ListNode>;
  /** Bit l set: a phrase of list l ends here. */
  lists: number;
}

export class PhraseLists {
  private readonly root = new Map<string, ListNode>();
  size = 0;

  constructor(lists: Partial<Record<ListName, readonly string[]>>) {
    const toks: number[] = [];
    LIST_NAMES.forEach((name, l) => {
      for (const phrase of lists[name] ?? []) {
        const n = tokenize(phrase, 0, phrase.length, toks);
        if (n === 0) continue;
        let level = this.root;
        let node: ListNode | undefined;
        for (let i = 0; i < n; i++) {
          const key = lexKey(phrase.slice(toks[2 * i], toks[2 * i + 1]));
          node = level.get(key);
          if (!node) level.set(key, (node = { lists: 0 }));
          if (i < n - 1) level = node.next ??= new Map();
        }
        if (!(node!.lists & (1 << l))) this.size++;
        node!.lists |= 1 << l;
      }
    });
  }

  /** The node of a one-token prefix (cached per word by the tagger). */
  first(key: string): ListNode | undefined {
    return this.root.get(key);
  }

  /**
   * Longest match per start position and group: `len[g * n + i]` tokens of
   * list `list[g * n + i]` (0 when none). `firsts[i]` is `first(keys[i])`.
   */
  matchAll(keys: readonly string[], firsts: readonly (ListNode | undefined)[], n: number, len: Int32Array, list: Int32Array): void {
    len.fill(0, 0, NUM_GROUPS * n);
    for (let i = 0; i < n; i++) {
      let node = firsts[i];
      let depth = 1;
      while (node) {
        let bits = node.lists;
        while (bits) {
          const l = 31 - Math.clz32(bits & -bits);
          bits &= bits - 1;
          const at = LIST_GROUP[l] * n + i;
          // lists are in priority order: a longer match wins, then the earlier list
          if (depth > len[at] || (depth === len[at] && l < list[at])) {
            len[at] = depth;
            list[at] = l;
          }
        }
        if (i + depth >= n || !node.next) break;
        node = node.next.get(keys[i + depth]);
        depth++;
      }
    }
  }
}
