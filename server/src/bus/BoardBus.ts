// The board bus (issue 12, "Scale-out"): how server instances that hold the same board tell each
// other what they stored and who is present. A room stores an update first, then applies it
// (relaying it to its own sockets) and publishes it with its storage sequence number; every other
// instance holding the board applies it to its doc and relays it to its sockets, never storing it
// again. Awareness (presence) goes over the bus too.
//
// `LocalBoardBus` (the default, one instance, nothing to install) carries nothing; `RedisBoardBus`
// (REDIS_URL) goes through Redis pub/sub, one channel per board.
import crypto from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SessionEnd } from '../auth/LiveSessions.ts';

export type BusMessage =
  /** An update stored with this sequence number (per board, gap-free: PostgreSQL). */
  | { kind: 'update'; from: string; seq: number; update: Uint8Array }
  /** A y-protocols awareness update (not the whole message), its states already sanitized by the sender. */
  | { kind: 'awareness'; from: string; update: Uint8Array }
  /**
   * The board's facilitation state was stored with this version (facilitation/BoardSessions.ts): every
   * instance holding an older one reads it, enforces it, and only then sends it to its own sockets.
   * 0: a version not said (a sender from before versions were carried): read it anyway.
   */
  | { kind: 'session'; from: string; version: number };

export type BusHandler = (message: BusMessage) => void;

/** Sessions a facilitator ended (by hash, never the sessions themselves): every instance closes their sockets. */
export type SessionsEndedHandler = (sessionHashes: string[], why: SessionEnd) => void;

export interface BoardBus {
  /** This instance's id, carried by every message it publishes. */
  readonly instanceId: string;
  /**
   * true when other instances may write the same boards: the room then tracks the sequence numbers
   * it applied without gaps and catches up from storage (Room). false: this instance is the only writer.
   */
  readonly shared: boolean;
  /** Resolves once messages of the board reach `handler` (never this instance's own); returns the unsubscribe. */
  subscribe(boardId: string, handler: BusHandler): Promise<() => void>;
  /** Fire and forget: a message lost on the way is caught up from storage by its receivers. */
  publish(boardId: string, message: BusMessage): void;
  /** Tells the other instances to close the open sockets of these sessions (LiveSessions). */
  publishSessionsEnded(sessionHashes: string[], why: SessionEnd): void;
  /** Where other instances' publishSessionsEnded go (one handler; subscribed when the bus connected). */
  onSessionsEnded(handler: SessionsEndedHandler): void;
  /** `listener` runs after the bus lost its connection and has it again (messages may be missing). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** One instance: nobody to tell. */
export class LocalBoardBus implements BoardBus {
  readonly instanceId = crypto.randomUUID();
  readonly shared = false;
  async subscribe(): Promise<() => void> {
    return () => {};
  }
  publish(): void {}
  publishSessionsEnded(): void {}
  onSessionsEnded(): void {}
  onReconnect(): void {}
  async close(): Promise<void> {}
}

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_SESSION = 2;
const KINDS = { update: KIND_UPDATE, awareness: KIND_AWARENESS, session: KIND_SESSION } as const;

/** Binary frame: kind, sender instance id, seq (an update's; a session's version; else 0), payload (empty for session). */
export function encodeBusMessage(m: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KINDS[m.kind]);
  encoding.writeVarString(e, m.from);
  encoding.writeVarUint(e, m.kind === 'update' ? m.seq : m.kind === 'session' ? m.version : 0);
  encoding.writeVarUint8Array(e, m.kind === 'session' ? new Uint8Array(0) : m.update);
  return encoding.toUint8Array(e);
}

/** Throws on a frame that is not one (the caller logs and drops it). */
export function decodeBusMessage(data: Uint8Array): BusMessage {
  const d = decoding.createDecoder(data);
  const kind = decoding.readVarUint(d);
  const from = decoding.readVarString(d);
  const seq = decoding.readVarUint(d);
  const update = decoding.readVarUint8Array(d);
  if (kind === KIND_UPDATE) return { kind: 'update', from, seq, update };
  if (kind === KIND_AWARENESS) return { kind: 'awareness', from, update };
  if (kind === KIND_SESSION) return { kind: 'session', from, version: seq };
  throw new Error(`unknown bus message kind ${kind}`);
}
