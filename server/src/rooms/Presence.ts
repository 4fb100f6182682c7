// Presence (y-protocols awareness) of one board: who may speak for which awareness client id, and
// the name and role every state carries, which come from the session, not from the client.
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType } from '../../../shared/src/protocol.ts';
import type { AuthenticatedSession } from '../boards/BoardService.ts';
import type { RoomClient } from './RoomClient.ts';
import { encodeAwareness } from './messages.ts';

/**
 * Presence is a name, a colour and a cursor: far below this. Every awareness update is sent to every
 * connection of the board, so a big one would be amplified N times.
 */
const MAX_AWARENESS_BYTES = 64 * 1024;
/** A client has one awareness id (its doc's clientID); a few more allow reconnect races. Stops id flooding. */
const MAX_AWARENESS_IDS_PER_CONNECTION = 8;
/**
 * How long the awareness ids of a connection that left stay reserved for its session. Without it a
 * viewer could announce a user's id with a newer clock in the moment that user's socket was down
 * (150 ms was enough): everyone saw the impostor under that id, and the user, coming back, was the
 * one refused (4403, final for y-websocket@3; issue 6, item 5). y-websocket reconnects within its
 * 2.5 s maximum backoff; 60 s also covers a short network outage or a Wi-Fi handover.
 */
const RESERVATION_MS = 60_000;
/**
 * Reservations kept per board; past it the oldest goes first. Bounds memory against a client that
 * connects, claims ids and leaves in a loop (each departure reserves up to 8 ids).
 */
const MAX_RESERVATIONS = 4096;

interface PresenceOptions {
  /** Clock for the reservations (tests). */
  now?: () => number;
  /**
   * Gets every change made here (an awareness update, not a message) for the other instances
   * holding the board (issue 12); not the changes that came from them (receiveRemote).
   */
  publish?: (update: Uint8Array) => void;
}

/** Origin of awareness changes another instance made (already checked and sanitized there). */
const REMOTE = Symbol('remote');

export class Presence {
  private readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client id to the live connection that announced it first. */
  private readonly owners = new Map<number, RoomClient>();
  /**
   * Awareness client id to the participant whose connection on another instance holds it (issue 12),
   * from the states that instance sends (it set `user.participantId` from the session).
   */
  private readonly remoteOwners = new Map<number, string>();
  /** Awareness client id of a connection that left (here or on another instance) to whom it stays reserved; in expiry order. */
  private readonly reservations = new Map<number, Reservation>();
  private readonly now: () => number;
  private readonly publish: ((update: Uint8Array) => void) | undefined;

  /**
   * `broadcast` gets every change, for everyone, the sender included: a lone client's y-websocket
   * watchdog reconnects after 30 s without any message, and the echo of its own awareness renewal
   * keeps it alive.
   */
  constructor(
    doc: Y.Doc,
    private readonly broadcast: (message: Uint8Array) => void,
    opts: PresenceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.publish = opts.publish;
    // Removals (a connection leaving, the 30 s timeout of a state not renewed) and other instances'
    // states (receiveRemote) go through the awareness' events: `receive` applies, broadcasts and
    // publishes what clients here send itself. Other instances' changes are not published again.
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const ids = added.concat(updated, removed);
      // Gone from another instance (left there, or not renewed for 30 s): reserved for its participant.
      this.reserveRemoved(removed);
      if (origin !== REMOTE) this.publish?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
      broadcast(encodeAwareness(this.awareness, ids));
    });
  }

  /** Every current state as one awareness message, or undefined when nobody is present. */
  allStates(): Uint8Array | undefined {
    const states = this.awareness.getStates();
    return states.size > 0 ? encodeAwareness(this.awareness, Array.from(states.keys())) : undefined;
  }

  /**
   * Applies the entries of one awareness update the client may make, with `user.name`, `user.role`
   * and `user.participantId` set from its session, and sends them to everyone. Each accepted state
   * is parsed once and stringified once; dropped entries are not parsed at all.
   */
  receive(client: RoomClient, update: Uint8Array): void {
    if (update.byteLength > MAX_AWARENESS_BYTES) {
      client.reject(CloseCode.TooLarge, 'awareness update too large', { bytes: update.byteLength });
      return;
    }
    const changes = new Map<number, AwarenessEntry>();
    let conflicts = 0;
    for (const entry of decodeAwarenessEntries(update)) {
      const clock = this.admit(client, entry);
      if (clock === CONFLICT) conflicts++;
      if (client.closed) return;
      if (typeof clock !== 'number') continue;
      let state: Record<string, unknown> | null = null;
      if (entry.state !== 'null') {
        const parsed: unknown = JSON.parse(entry.state);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          client.reject(CloseCode.BadRequest, 'awareness state is not a JSON object', { clientId: entry.clientId });
          return;
        }
        state = withSessionUser(parsed as Record<string, unknown>, client.session);
      }
      // Applied one by one: a later entry for the same id is judged against this one.
      if (state === null) this.awareness.states.delete(entry.clientId);
      else this.awareness.states.set(entry.clientId, state);
      this.awareness.meta.set(entry.clientId, { clock, lastUpdated: Date.now() });
      changes.set(entry.clientId, { clientId: entry.clientId, clock, state: JSON.stringify(state) });
    }
    if (conflicts > 0) client.log.debug({ conflicts }, 'dropped awareness entries for ids another session holds');
    if (changes.size === 0) return;
    const entries = Array.from(changes.values());
    this.broadcast(encodeAwarenessMessage(entries));
    this.publish?.(encodeAwarenessEntries(entries));
  }

  /**
   * States from another instance holding the board: that instance checked them and set their user
   * from its sessions, so they are applied as they are and relayed to every connection here, with
   * two exceptions (issue 12): a state for an id a connection here holds for another participant
   * (the claim lost the race), and a removal of an id nobody there holds. The ids they name are
   * theirs from then on: only the same participant may take one over here, and once it is gone it
   * stays reserved for that participant as a connection's own ids are. They expire like any state
   * not renewed within 30 s, so an instance that died leaves nobody behind for long.
   */
  receiveRemote(update: Uint8Array): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      const { clientId, clock } = entry;
      const known = this.awareness.meta.get(clientId)?.clock ?? 0;
      // What y-protocols would apply: newer, or a removal at the current clock.
      if (!(clock > known || (clock === known && entry.state === 'null' && this.awareness.states.has(clientId)))) continue;
      if (entry.state === 'null') {
        // Not theirs to remove (held here, or by nobody). Their removal is reserved by the 'update' handler.
        if (!this.remoteOwners.has(clientId)) continue;
      } else {
        const participantId = participantOf(entry.state);
        if (participantId === undefined) continue;
        const owner = this.owners.get(clientId);
        // A connection here holds the id: another person's claim elsewhere lost the race, the same
        // person's (a tab or a reconnect on the other instance) takes it over, as it would here.
        if (owner && owner.session.participantId !== participantId) continue;
        if (owner) {
          this.owners.delete(clientId);
          owner.ownedClientIds.delete(clientId);
        }
        this.reservations.delete(clientId);
        this.remoteOwners.set(clientId, participantId);
      }
      accepted.push(entry);
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), REMOTE);
  }

  /**
   * The clock to apply an entry with, undefined to drop it, or CONFLICT when another session holds
   * the id. A connection owns the ids it announces first. Entries that are not newer than what the
   * server has are echoes (the stock y-websocket client re-broadcasts every state it hears) and are
   * dropped: applying them could only remove a state its owner still holds. An id owned by another
   * live connection of the same session is taken over (a reconnect that overtook the close of the
   * old socket). An id owned by, or reserved for, another session is not accepted, and nobody is
   * closed for it: the sender may be an honest client coming back after its reservation ran out,
   * and 4403 would be final for it, while a hostile client is not stopped by a close anyway.
   */
  private admit(client: RoomClient, entry: AwarenessEntry): number | typeof CONFLICT | undefined {
    const { clientId, clock } = entry;
    // y-protocols counts an unknown id as clock 0.
    const known = this.awareness.meta.get(clientId)?.clock ?? 0;
    const isNews = clock > known;
    const owner = this.owners.get(clientId);
    if (owner === client) {
      // y-protocols also applies a removal at the current clock.
      const isRemoval = clock === known && entry.state === 'null' && this.awareness.states.has(clientId);
      return isNews || isRemoval ? clock : undefined;
    }
    if (owner) {
      if (!isNews) return undefined; // an echo
      if (owner.session.sessionHash !== client.session.sessionHash) return CONFLICT;
      owner.ownedClientIds.delete(clientId);
      return this.claim(client, clientId) ? clock : undefined;
    }
    if (entry.state === 'null') return undefined; // nothing of its own to remove (another instance removes its own)
    // Held on another instance: its participant may take it over here (a reconnect), nobody else.
    const remoteOwner = this.remoteOwners.get(clientId);
    if (remoteOwner !== undefined) {
      if (!isNews) return undefined; // an echo
      if (remoteOwner !== client.session.participantId) return CONFLICT;
      this.remoteOwners.delete(clientId);
      return this.claim(client, clientId) ? clock : undefined;
    }
    const reservation = this.reservationOf(clientId);
    if (reservation && !reservedTo(reservation, client)) return CONFLICT;
    if (!isNews && reservation === undefined) return undefined; // an echo of a state that is gone
    if (!this.claim(client, clientId)) return undefined;
    // A client that comes back announces the clock the server already has, which would be ignored
    // and leave it invisible until its next renewal (15 s): the server moves the clock on instead.
    return isNews ? clock : known + 1;
  }

  private claim(client: RoomClient, clientId: number): boolean {
    if (client.ownedClientIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) {
      client.reject(CloseCode.Forbidden, 'too many awareness client ids', { clientId });
      return false;
    }
    this.owners.set(clientId, client);
    this.reservations.delete(clientId);
    client.ownedClientIds.add(clientId);
    return true;
  }

  /** The reservation of an unowned id, if it still runs. */
  private reservationOf(clientId: number): Reservation | undefined {
    const r = this.reservations.get(clientId);
    return r && r.expiresAt > this.now() ? r : undefined;
  }

  private reserveRemoved(removed: number[]): void {
    const now = this.now();
    let reserved = false;
    for (const id of removed) {
      const participantId = this.remoteOwners.get(id);
      if (participantId === undefined) continue;
      this.remoteOwners.delete(id);
      this.reserve(id, { participantId, expiresAt: now + RESERVATION_MS });
      reserved = true;
    }
    if (reserved) this.expireReservations(now);
  }

  /** Re-inserted last: the map stays in expiry order. */
  private reserve(clientId: number, r: Reservation): void {
    this.reservations.delete(clientId);
    this.reservations.set(clientId, r);
  }

  /** Removes the states a leaving connection owned (and tells everyone); reserves their ids for its session. */
  remove(client: RoomClient): void {
    const owned = Array.from(client.ownedClientIds).filter((id) => this.owners.get(id) === client);
    const now = this.now();
    for (const id of owned) {
      this.owners.delete(id);
      this.reserve(id, { sessionHash: client.session.sessionHash, expiresAt: now + RESERVATION_MS });
    }
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'leave');
    this.expireReservations(now);
  }

  /**
   * Drops reservations that ran out (and past MAX_RESERVATIONS, the oldest), with the clock the
   * awareness keeps for their ids: nobody owns them and they have no state, so nothing else would
   * ever free that memory.
   */
  private expireReservations(now: number): void {
    for (const [id, r] of this.reservations) {
      if (r.expiresAt > now && this.reservations.size <= MAX_RESERVATIONS) break;
      this.reservations.delete(id);
      this.awareness.meta.delete(id);
    }
  }

  destroy(): void {
    this.awareness.destroy();
  }
}

/** `admit`'s answer for an entry about an id another session owns or has reserved. */
const CONFLICT = Symbol('conflict');

/**
 * Who may claim an id whose owner left: the session of a connection that left here, or the
 * participant of one that left another instance (which sends participant ids, not sessions).
 */
type Reservation = { expiresAt: number } & ({ sessionHash: string } | { participantId: string });

function reservedTo(r: Reservation, client: RoomClient): boolean {
  return 'sessionHash' in r ? r.sessionHash === client.session.sessionHash : r.participantId === client.session.participantId;
}

/** `user.participantId` of a state another instance sent (it set it from the session), if any. */
function participantOf(state: string): string | undefined {
  try {
    const user = (JSON.parse(state) as { user?: { participantId?: unknown } } | null)?.user;
    return typeof user?.participantId === 'string' ? user.participantId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The state with `user.name`, `user.role` and `user.participantId` from the session: the client
 * writes its own, so others would otherwise see whatever name and role it chose ("Teacher",
 * "facilitator") or another participant's id. Other user fields (the colour) are kept.
 */
function withSessionUser(state: Record<string, unknown>, session: AuthenticatedSession): Record<string, unknown> {
  const user = state.user;
  const fields = typeof user === 'object' && user !== null && !Array.isArray(user) ? user : {};
  state.user = { ...fields, name: session.name, role: session.role, participantId: session.participantId };
  return state;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface AwarenessEntry {
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

/** An awareness message (type and update) of entries whose states are already JSON. */
export function encodeAwarenessMessage(entries: AwarenessEntry[]): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.Awareness);
  encoding.writeVarUint8Array(message, encodeAwarenessEntries(entries));
  return encoding.toUint8Array(message);
}

/** An awareness update (count, then client id, clock and JSON state per entry). */
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
