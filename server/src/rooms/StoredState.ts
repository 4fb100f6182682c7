// The snapshot (state vector and delete set) of a room's doc, kept up to date per transaction.
// Y.snapshot(doc) walks every struct to build the delete set (245 us per Stored acknowledgement at
// 3k structs, 1.8 ms at 40k: issue 6); here each transaction's own delete set is merged in instead.
import * as Y from 'yjs';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export class StoredState {
  private deleteSet: DeleteSet;
  /** Delete sets of transactions since the last snapshot(), merged lazily. */
  private added: DeleteSet[] = [];
  private readonly onTransaction = (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0) this.added.push(tr.deleteSet);
    const arrived = arrivedDeleted(tr);
    if (arrived) this.added.push(arrived);
  };

  constructor(private readonly doc: Y.Doc) {
    this.deleteSet = Y.createDeleteSetFromStructStore(doc.store);
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Equal to Y.snapshot(doc). */
  snapshot(): Y.Snapshot {
    if (this.added.length > 0) {
      this.deleteSet = Y.mergeDeleteSets([this.deleteSet, ...this.added]);
      this.added = [];
    }
    const store = this.doc.store;
    const stateVector = new Map<number, number>();
    for (const client of store.clients.keys()) stateVector.set(client, Y.getState(store, client));
    return Y.createSnapshot(this.deleteSet, stateVector);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }
}

/**
 * Structs the transaction added that were deleted on arrival and so are in no transaction's delete
 * set: GC structs, content a client created and deleted before the server saw it (a sync after a
 * reconnect brings them). Y.snapshot counts them deleted; without them a Stored snapshot never
 * contains that client's delete, and its "All changes saved" never shows (the fuzz's seed 1 under load).
 */
function arrivedDeleted(tr: Y.Transaction): DeleteSet | null {
  let ds: DeleteSet | null = null;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client);
    if (!structs) continue;
    const ranges: Array<{ clock: number; len: number }> = [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i];
      if (s instanceof Y.GC) ranges.push({ clock: s.id.clock, len: s.length });
    }
    if (ranges.length === 0) continue;
    ds ??= Y.createDeleteSet();
    ds.clients.set(client, ranges);
  }
  return ds;
}
