// Test support: where every struct and deletion of an update sits (root name + key path), read
// from a document that has applied it. The server resolves the same paths from its own state
// before applying; tests use this to check which targets each typed operation touches.
import * as Y from 'yjs';
import type { ParentPath } from './writeTarget.ts';

export interface UpdatePath {
  root: string;
  path: ParentPath;
}

function pathOf(item: Y.Item): UpdatePath {
  const path: (string | null)[] = [];
  let current: Y.Item | null = item;
  for (;;) {
    path.unshift(current.parentSub);
    const parent = current.parent as Y.AbstractType<unknown>;
    if (parent._item) current = parent._item;
    else return { root: Y.findRootTypeKey(parent), path };
  }
}

/** Runs `change` on `doc` and returns the path of everything its update inserts or deletes. */
export function pathsOfChange(doc: Y.Doc, change: () => void): UpdatePath[] {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array) => updates.push(u);
  doc.on('update', listen);
  try {
    change();
  } finally {
    doc.off('update', listen);
  }
  const out: UpdatePath[] = [];
  for (const update of updates) {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const s of structs) {
      if (s instanceof Y.Item) out.push(pathOf(Y.getItem(doc.store, s.id) as Y.Item));
    }
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) {
        for (let c = clock; c < clock + len; ) {
          const item = Y.getItem(doc.store, Y.createID(client, c));
          if (item instanceof Y.Item) out.push(pathOf(item));
          c = item.id.clock + item.length;
        }
      }
    }
  }
  return out;
}
