// A Yjs update, made without touching the board, that sets one key of a root map to a JSON value.
// The server writes the participant list this way (Room.registerParticipant): the update is stored
// first and only then applied, like a client's, so the board never holds what is not stored. Yjs
// offers no way to make an update without applying it, and a copy of the board per write would cost
// as much as the board; a single map entry is one item (mapWriteUpdate.ts encodes it).
import type * as Y from 'yjs';
import { mapWriteUpdate } from './mapWriteUpdate.ts';

/**
 * The update that sets `root[key] = value` by `client` on top of `doc`. The item's origin is the
 * key's current item (even a deleted one), as Y.Map#set does, so it becomes the key's value; without
 * any item for the key it names its parent root and key instead.
 */
export function mapSetUpdate(doc: Y.Doc, root: string, key: string, value: unknown, client = doc.clientID): Uint8Array {
  return mapWriteUpdate(doc, root, [[key, value]], [], client);
}
