// A Yjs update, made without touching the board, that sets and deletes many keys of one root map in
// one step: the server's import of a pyramid's accounts (issue 9) replaces thousands of entries at
// once, and like every server write it is stored before it is applied (Room.writeAsServer). The
// single-key case is mapSetUpdate.ts; this is the same encoding (Yjs' UpdateEncoderV1) for a list.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** yjs src/structs/Item.js: content ref of ContentAny and the info bits. */
const CONTENT_ANY = 8;
const HAS_ORIGIN = 0x80;
const HAS_PARENT_SUB = 0x20;

/**
 * The update by `client` on top of `doc` that sets `root[key] = value` for every pair of `sets` (each
 * key at most once) and deletes each key of `deletes` the map has. A set of a key that has an item
 * (even a deleted one) takes that item as its origin, as Y.Map#set does.
 */
export function mapWriteUpdate(doc: Y.Doc, root: string, sets: ReadonlyArray<readonly [string, unknown]>, deletes: Iterable<string>, client: number): Uint8Array {
  const items = (doc.getMap(root) as unknown as { _map: Map<string, Y.Item> })._map;
  const e = encoding.createEncoder();
  if (sets.length === 0) encoding.writeVarUint(e, 0);
  else {
    encoding.writeVarUint(e, 1); // clients with structs
    encoding.writeVarUint(e, sets.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, Y.getState(doc.store, client));
    for (const [key, value] of sets) {
      const current = items.get(key);
      if (current) {
        encoding.writeUint8(e, CONTENT_ANY | HAS_ORIGIN | HAS_PARENT_SUB);
        encoding.writeVarUint(e, current.id.client);
        encoding.writeVarUint(e, current.id.clock + current.length - 1);
      } else {
        encoding.writeUint8(e, CONTENT_ANY | HAS_PARENT_SUB);
        encoding.writeVarUint(e, 1); // the parent is a root type, by name
        encoding.writeVarString(e, root);
        encoding.writeVarString(e, key);
      }
      encoding.writeVarUint(e, 1); // values in the ContentAny
      encoding.writeAny(e, value as Parameters<typeof encoding.writeAny>[1]);
    }
  }
  // The delete set: per client, sorted, adjacent ranges merged (fewer ranges, as Yjs writes them).
  const ranges = new Map<number, Array<[clock: number, len: number]>>();
  for (const key of deletes) {
    const item = items.get(key);
    if (!item || item.deleted) continue;
    const list = ranges.get(item.id.client) ?? [];
    list.push([item.id.clock, item.length]);
    ranges.set(item.id.client, list);
  }
  encoding.writeVarUint(e, ranges.size);
  for (const [c, list] of [...ranges].sort((a, b) => b[0] - a[0])) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [clock, len] of list) {
      const last = merged[merged.length - 1];
      if (last && last[0] + last[1] === clock) last[1] += len;
      else merged.push([clock, len]);
    }
    encoding.writeVarUint(e, c);
    encoding.writeVarUint(e, merged.length);
    for (const [clock, len] of merged) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}
