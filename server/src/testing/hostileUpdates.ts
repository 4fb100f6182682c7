// Yjs updates that decode but attack the server (issue 6), hand-encoded in the v1 update format
// because Yjs itself would refuse or crash while producing them. Used by tests and bench/stall.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

const ATTACKER_CLIENT = 424242;

/** Content refs of the v1 format (yjs src/structs/Item.js). */
const CONTENT_JSON = 2;
const CONTENT_FORMAT = 6;
const CONTENT_ANY = 8;
/** lib0 `writeAny` tag of an array. */
const ANY_ARRAY = 117;
const ANY_NULL = 126;

/**
 * One item in root map `notes` under key `poison` whose content is nested `depth` deep: JSON text
 * for ContentJSON and ContentFormat (JSON.stringify recurses when the board is encoded), lib0 any
 * for ContentAny (writeAny recurses).
 */
export function deepContentUpdate(kind: 'json' | 'format' | 'any', depth: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, ATTACKER_CLIENT);
  encoding.writeVarUint(e, 0); // clock
  const ref = kind === 'json' ? CONTENT_JSON : kind === 'format' ? CONTENT_FORMAT : CONTENT_ANY;
  encoding.writeUint8(e, ref | 0x20); // no origins, has parentSub
  encoding.writeVarUint(e, 1); // parent is a root type name
  encoding.writeVarString(e, 'notes');
  encoding.writeVarString(e, 'poison');
  const json = '['.repeat(depth) + ']'.repeat(depth);
  if (kind === 'json') {
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, json);
  } else if (kind === 'format') {
    encoding.writeVarString(e, 'bold');
    encoding.writeVarString(e, json);
  } else {
    encoding.writeVarUint(e, 1);
    for (let i = 0; i < depth; i++) {
      encoding.writeUint8(e, ANY_ARRAY);
      encoding.writeVarUint(e, 1);
    }
    encoding.writeUint8(e, ANY_NULL);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** Two delete-set-only updates found by fuzzing: together their clocks pass 2^53 (issue 6). */
export function hugeClockDeletes(): [Uint8Array, Uint8Array] {
  return [fromHex('0001e9aa2601e9aa2603'), fromHex('0001e9aa2602ff80808080808080808001ffffffffffff7f7303')];
}

/** The note whose text `descendingDeleteSet` fills and thins out. */
export const HOSTILE_NOTE_ID = 'hostile-note';

/**
 * `setup` creates a note whose text holds 2n characters in one struct; `update` deletes every other
 * one with n delete ranges in descending clock order (quadratic in Y.applyUpdate unless sorted).
 * A note, so that a participant may write both (issue 7's write rules).
 */
export function descendingDeleteSet(n: number): { setup: Uint8Array; update: Uint8Array; text: (doc: Y.Doc) => string } {
  const doc = new Y.Doc();
  doc.clientID = ATTACKER_CLIENT;
  const text = new Y.Text();
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    doc.getMap('notes').set(HOSTILE_NOTE_ID, note);
    note.set('text', text);
  });
  const first = Y.getState(doc.store, ATTACKER_CLIENT);
  text.insert(0, 'x'.repeat(2 * n));
  const setup = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // delete set: one client
  encoding.writeVarUint(e, ATTACKER_CLIENT);
  encoding.writeVarUint(e, n);
  for (let i = n - 1; i >= 0; i--) {
    encoding.writeVarUint(e, first + 2 * i);
    encoding.writeVarUint(e, 1);
  }
  const textOf = (d: Y.Doc) => String((d.getMap('notes').get(HOSTILE_NOTE_ID) as Y.Map<unknown> | undefined)?.get('text') ?? '');
  return { setup, update: encoding.toUint8Array(e), text: textOf };
}

/**
 * An update with no structs and one delete range: a deletion of `client`'s content from `clock` on,
 * sent before that content exists (Yjs would keep it pending and delete the content when it comes).
 */
export function aheadOfTimeDeletion(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // delete set: one client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1); // one range
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
