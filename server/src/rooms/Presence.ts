// Presence (y-protocols awareness) of one board, and who may speak for which awareness client id.
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/src/protocol.ts';
import type { RoomClient } from './RoomClient.ts';
import { encodeAwareness } from './messages.ts';

/**
 * Presence is a name, a colour and a cursor: far below this. Every awareness update is sent to every
 * connection of the board, so a big one would be amplified N times.
 */
const MAX_AWARENESS_BYTES = 64 * 1024;
/** A client has one awareness id (its doc's clientID); a few more allow reconnect races. Stops id flooding. */
const MAX_AWARENESS_IDS_PER_CONNECTION = 8;

export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client id to the connection that announced it first. */
  private readonly owners = new Map<number, RoomClient>();
  /** Awareness client id to the session of its last owner that left: lets that client come back. */
  private readonly formerOwners = new Map<number, string>();

  /**
   * `broadcast` gets every change, for everyone, the sender included: a lone client's y-websocket
   * watchdog reconnects after 30 s without any message, and the echo of its own awareness renewal
   * keeps it alive.
   */
  constructor(doc: Y.Doc, broadcast: (message: Uint8Array) => void) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      broadcast(encodeAwareness(this.awareness, added.concat(updated, removed)));
    });
  }

  /** Every current state as one awareness message, or undefined when nobody is present. */
  allStates(): Uint8Array | undefined {
    const states = this.awareness.getStates();
    return states.size > 0 ? encodeAwareness(this.awareness, Array.from(states.keys())) : undefined;
  }

  /**
   * A connection owns the awareness client ids it announces first. An entry that would change the
   * state of an id owned by another live connection (a newer clock) is refused with 4403, unless
   * that connection has the same session: a client reconnecting before the server noticed its old
   * socket died keeps its id. Entries that are not newer than what the server has are echoes: the
   * stock y-websocket client re-broadcasts every awareness state it hears, other users' included.
   * They are dropped (applying them could only remove a state the owner still holds).
   */
  receive(client: RoomClient, update: Uint8Array): void {
    if (update.byteLength > MAX_AWARENESS_BYTES) {
      client.reject(CloseCode.TooLarge, 'awareness update too large', { bytes: update.byteLength });
      return;
    }
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      const owner = this.owners.get(entry.clientId);
      const knownClock = this.awareness.meta.get(entry.clientId)?.clock;
      const isNews = knownClock === undefined || entry.clock > knownClock;
      if (owner === client) {
        accepted.push(entry);
      } else if (owner && !owner.closed) {
        if (!isNews) continue; // an echo
        if (owner.session.sessionHash !== client.session.sessionHash) {
          client.reject(CloseCode.Forbidden, 'awareness client id owned by another connection', { clientId: entry.clientId });
          return;
        }
        // Same session: a reconnect that overtook the close of the old socket.
        owner.ownedClientIds.delete(entry.clientId);
        if (!this.claim(client, entry.clientId)) return;
        accepted.push(entry);
      } else if (entry.state !== 'null') {
        const returning = this.formerOwners.get(entry.clientId) === client.session.sessionHash;
        if (!isNews && !returning) continue; // an echo of a state that is gone
        if (!this.claim(client, entry.clientId)) return;
        // A client that comes back announces the clock the server already has, which would be ignored
        // and leave it invisible until its next renewal (15 s): the server moves the clock on instead.
        accepted.push(isNews ? entry : { ...entry, clock: (knownClock ?? 0) + 1 });
      }
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), client);
  }

  private claim(client: RoomClient, clientId: number): boolean {
    if (client.ownedClientIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) {
      client.reject(CloseCode.Forbidden, 'too many awareness client ids', { clientId });
      return false;
    }
    this.owners.set(clientId, client);
    client.ownedClientIds.add(clientId);
    return true;
  }

  /** Removes the states a leaving connection owned (and tells everyone). */
  remove(client: RoomClient): void {
    const owned = Array.from(client.ownedClientIds).filter((id) => this.owners.get(id) === client);
    for (const id of owned) {
      this.owners.delete(id);
      this.formerOwners.set(id, client.session.sessionHash);
    }
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'leave');
  }

  destroy(): void {
    this.awareness.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text ('null' for a removal). */
  state: string;
}

/** Reads an awareness update (count, then client id, clock and JSON state per entry). */
function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    entries.push({ clientId: decoding.readVarUint(d), clock: decoding.readVarUint(d), state: decoding.readVarString(d) });
  }
  return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.state);
  }
  return encoding.toUint8Array(e);
}
