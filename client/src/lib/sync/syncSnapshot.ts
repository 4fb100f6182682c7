// What the server had stored when it answered the sync handshake. The server only acknowledges
// (MessageType.Stored) updates it newly writes, so content restored from IndexedDB that the server
// already has would never be confirmed. The handshake tells us anyway: the server's sync step 1 is
// its state vector, and its sync step 2 carries its whole delete set (y-protocols always encodes
// the full delete set). Both describe stored content only, because the server stores before it
// applies (issue 2).
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;

/** Reads the sync sub-message without consuming the decoder y-websocket will read next. */
export function peekSyncMessage(decoder: decoding.Decoder): { step: number; payload: Uint8Array } | null {
  try {
    const d = decoding.clone(decoder);
    const step = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    return { step, payload };
  } catch {
    return null;
  }
}

/** The stored state implied by the server's step 1 (state vector) and step 2 (update with delete set). */
export function snapshotFromSync(stateVector: Uint8Array, step2Update: Uint8Array): Y.Snapshot {
  const sv = Y.decodeStateVector(stateVector);
  const { ds } = Y.decodeUpdate(step2Update);
  return Y.createSnapshot(ds, sv);
}
