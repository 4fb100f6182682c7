// Which part of an incoming update the board does not have yet. Clients re-send content the server
// already holds (a page reload that replays IndexedDB into a connected provider sends the whole board
// again); storing those copies would grow the log and hit the size cap for nothing.
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

type NewContent =
  /** Applying it would change nothing. */
  | { kind: 'none' }
  /** All of it is new (the common case: a live edit). */
  | { kind: 'all'; update: Uint8Array }
  /** Partly known: `update` is only the unknown structs plus the deletions. */
  | { kind: 'part'; update: Uint8Array };

export function newContent(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate): NewContent {
  let known = false;
  let fresh = false;
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) known = true;
    else fresh = true;
  }
  if (fresh && !known) return { kind: 'all', update };
  if (fresh) return { kind: 'part', update: Y.diffUpdate(update, Y.encodeStateVector(doc)) };
  return deletesSomething(doc, decoded.ds) ? { kind: 'all', update } : { kind: 'none' };
}

function deletesSomething(doc: Y.Doc, ds: DecodedUpdate['ds']): boolean {
  try {
    return deletesSomethingIn(doc, ds);
  } catch {
    return true; // an inconsistent range: let the normal path store and apply it
  }
}

/** True when a delete set removes anything the doc still has (or content it has not seen). */
function deletesSomethingIn(doc: Y.Doc, ds: DecodedUpdate['ds']): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return true;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > state) return true;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
        if (!structs[i].deleted) return true;
      }
    }
  }
  return false;
}
