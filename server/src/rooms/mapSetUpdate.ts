// A Yjs update, made without touching the board, that sets one key of a root map to a JSON value.
// The server writes the participant list this way (Room.registerParticipant): the update is stored
// first and only then applied, like a client's, so the board never holds what is not stored. Yjs
// offers no way to make an update without applying it, and a copy of the board per write would cost
// as much as the board; a single map entry is one item, encoded here as Yjs' UpdateEncoderV1 would.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** yjs src/structs/Item.js: content ref of ContentAny and the info bits. */
const CONTENT_ANY = 8;
const HAS_ORIGIN = 0x80;
const HAS_PARENT_SUB = 0x20;

/**
 * The update that sets `root[key] = value` by `client` on top of `doc`. The item's origin is the
 * key's current item (even a deleted one), as Y.Map#set does, so it becomes the key's value; without
 * any item for the key it names its parent root and key instead.
 */
export function mapSetUpdate(doc: Y.Doc, root: string, key: string, value: unknown, client = doc.clientID): Uint8Array {
  const current = (doc.getMap(root) as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients with structs
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, Y.getState(doc.store, client));
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
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
