// The batches the sink crash test applies (shared by the test and its child process, plain JS so
// that the child runs without a TypeScript loader). Batch k writes 20 new articles, re-writes 5
// earlier ones with changed content and deletes 3 earlier ones, the operations interleaved.

export const NEW_PER_BATCH = 20;

/** An earlier article as a later run sees it: retitled, a third of its entities gone. */
export function variant(record, k) {
  return { ...record, title: `${record.title ?? ''} (update ${k})`, entities: record.entities.filter((_, i) => (i + k) % 3 !== 0) };
}

/** @returns {{write?: object, delete?: string}[][]} */
export function planBatches(records) {
  const batches = [];
  const deleted = new Set();
  for (let k = 0; k * NEW_PER_BATCH < records.length; k++) {
    const fresh = records.slice(k * NEW_PER_BATCH, (k + 1) * NEW_PER_BATCH).map((r) => ({ write: r }));
    const earlier = records.slice(0, k * NEW_PER_BATCH).filter((r) => !deleted.has(r.id));
    const updates = [];
    const deletes = [];
    for (let j = 0; earlier.length && j < 5; j++) updates.push({ write: variant(earlier[(k * 7 + j * 11) % earlier.length], k) });
    const updated = new Set(updates.map((u) => u.write.id));
    const deletable = earlier.filter((r) => !updated.has(r.id));
    for (let j = 0; deletable.length && j < 3; j++) {
      const id = deletable[(k * 13 + j * 17) % deletable.length].id;
      if (!deleted.has(id)) {
        deleted.add(id);
        deletes.push({ delete: id });
      }
    }
    const ops = [];
    for (let i = 0; i < fresh.length; i++) {
      ops.push(fresh[i]);
      if (i % 4 === 1 && updates.length) ops.push(updates.shift());
      if (i % 6 === 3 && deletes.length) ops.push(deletes.shift());
    }
    batches.push([...ops, ...updates, ...deletes]);
  }
  return batches;
}

/** The articles a sink holds after the first `committed` batches, by id. */
export function stateAfter(batches, committed) {
  const state = new Map();
  for (const ops of batches.slice(0, committed)) {
    for (const op of ops) {
      if (op.write) state.set(op.write.id, op.write);
      else state.delete(op.delete);
    }
  }
  return state;
}
