// Encoders for the y-websocket messages the server sends (y-protocols framing, lib0 encoding).
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType, type RefusedMessage } from '../../../shared/src/protocol.ts';

export function encodeSyncStep1(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

/** Sync step 2 carrying `update` (e.g. an already encoded state of the whole doc). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

/**
 * Our extra message (type 100): the snapshot (state vector + delete set) of what is stored. A client
 * checks its own updates against it with `Y.snapshotContainsUpdate` to show "All changes saved".
 */
export function encodeStored(snapshot: Y.Snapshot): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Stored);
  encoding.writeVarUint8Array(e, Y.encodeSnapshot(snapshot));
  return encoding.toUint8Array(e);
}

/** Our message type 101: one of the connection's updates was refused whole (docs/api.md, "Write rules"). */
export function encodeRefused(refused: RefusedMessage): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Refused);
  encoding.writeVarString(e, JSON.stringify(refused));
  return encoding.toUint8Array(e);
}
