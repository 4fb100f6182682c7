// Bare y-websocket peers: a raw `ws` socket that does the least of the handshake a server needs
// (sync step 1 with an empty state vector) and then only looks at the bytes of incoming frames. No
// Y.Doc, no decoding: with official clients applying every update, 2 cores are client-bound past
// ~200 clients (docs/benchmarks.md), so the fan-out and stall benches observe with these instead.
//
// Edits are recognised by a marker the writer types into a note (`writeMarkedEdit`): Yjs stores
// inserted text as plain UTF-8 inside the update, so a byte search finds it in the relayed frame.
import WebSocket from 'ws';
import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { noteText, notesMap } from '../shared/src/board/index.ts';
import { MessageType } from '../shared/src/protocol.ts';
import { nowMicros } from './stats.ts';

/** `${wsUrl}/${room}?params`, the URL a WebsocketProvider with the same arguments opens. */
export function roomUrl(wsUrl: string, room: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${wsUrl}/${room}${query ? `?${query}` : ''}`;
}

/** A y-websocket sync step 1 message: "here is my state vector, send me what I lack". */
export function syncStep1Frame(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** A y-websocket update message carrying one Yjs update (as a client sends a local edit). */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** Sync step 1 with an empty state vector (4 bytes): asks for the whole board. */
export const SYNC_STEP1_EMPTY = syncStep1Frame();

/** The server's answer to a sync step 1. Both message type and step are one-byte varuints. */
export function isSyncStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.Sync && frame[1] === syncProtocol.messageYjsSyncStep2;
}

const MARKER_PREFIX = '<seq:';
const MARKER_DIGITS = 9;
const MARKER_PREFIX_BYTES = Buffer.from(MARKER_PREFIX, 'latin1');

/** The text a marked edit types: `<seq:000000042>`. Fixed width, ASCII, so its bytes are its characters. */
export function seqMarker(seq: number): string {
  return `${MARKER_PREFIX}${String(seq).padStart(MARKER_DIGITS, '0')}>`;
}

/** Calls `found` with every edit marker in the frame, in order (a merged update can hold several). */
export function forEachSeqMarker(frame: Buffer, found: (seq: number) => void): void {
  let at = frame.indexOf(MARKER_PREFIX_BYTES);
  while (at >= 0) {
    let seq = 0;
    let i = at + MARKER_PREFIX_BYTES.length;
    const end = i + MARKER_DIGITS;
    if (end > frame.length) return;
    for (; i < end; i++) {
      const d = frame[i] - 48;
      if (d < 0 || d > 9) break;
      seq = seq * 10 + d;
    }
    if (i === end) found(seq);
    at = frame.indexOf(MARKER_PREFIX_BYTES, end);
  }
}

/**
 * The writer's edit: the marker typed at the end of one of the board's notes (rotating), in one
 * transaction. Notes are where users type, so no validation of the board schema can refuse it.
 * A board without notes gets the marker in a text of its own.
 */
export function writeMarkedEdit(doc: Y.Doc, seq: number): void {
  const ids = [...notesMap(doc).keys()].sort();
  const text = (ids.length ? noteText(doc, ids[seq % ids.length]) : undefined) ?? doc.getText('bench');
  text.insert(text.length, seqMarker(seq));
}

export interface BareSocketOptions {
  /** Every frame after the sync step 2 answer, with the monotonic clock (µs) read on arrival. */
  onFrame?: (frame: Buffer, atMicros: number) => void;
  /** The sync step 2 answer itself (the whole board), likewise. */
  onSyncStep2?: (frame: Buffer, atMicros: number) => void;
  /** The socket closed after it was open (by either side). */
  onClose?: (code: number, reason: string) => void;
  timeoutMs?: number;
}

/**
 * Opens a bare socket and resolves once the server answered its sync step 1 (it is then in the
 * room and gets every update). It answers nothing: the server's own sync step 1 needs no reply,
 * and `ws` answers pings by itself.
 */
export function openBareSocket(url: string, opts: BareSocketOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  return new Promise((resolve, reject) => {
    let synced = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`bare socket: no sync step 2 within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    ws.on('open', () => ws.send(SYNC_STEP1_EMPTY));
    ws.on('message', (data: Buffer) => {
      if (synced) {
        opts.onFrame?.(data, nowMicros());
      } else if (isSyncStep2(data)) {
        synced = true;
        opts.onSyncStep2?.(data, nowMicros());
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.on('error', (err) => {
      if (synced) return;
      clearTimeout(timer);
      reject(err);
    });
    ws.on('close', (code, reason) => {
      if (synced) {
        opts.onClose?.(code, reason.toString());
        return;
      }
      clearTimeout(timer);
      reject(new Error(`bare socket closed before sync: ${code} ${reason.toString()}`));
    });
  });
}
