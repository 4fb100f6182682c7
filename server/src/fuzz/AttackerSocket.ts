// A raw `ws` socket on /yjs with a real session, for sending hostile frames one at a time. After
// each frame it sends a sync step 1 with an empty state vector and waits for the answer (a sync
// step 2: the server sends that only in reply to a step 1) or for the close: the room handles a
// connection's messages in order, so an answer means the frame was handled, and the reply is a full
// encode of the board, the very thing a poisoned board can no longer do. When the server closed the
// socket, the next frame goes out on a new one.
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { MessageType } from '../../../shared/src/protocol.ts';
import { frame } from './hostileFrames.ts';

/** What happened to one frame. */
export type FrameOutcome =
  | { result: 'handled' }
  | { result: 'closed'; code: number }
  /** The server refused the connection the frame was to go out on (the close code it sent, 0 for none). */
  | { result: 'not sent'; code: number }
  /** No answer and no close within the wait: the server (or this board) stalled. */
  | { result: 'no answer'; waitedMs: number };

const SYNC_STEP_2 = 1;
const PROBE = frame(MessageType.Sync, 0, Uint8Array.of(0));

/**
 * Below WS_MESSAGES_PER_SECOND (200 by default) per rolling second: the attacker is here to send
 * hostile content, not to be cut off by the rate limit (which has tests of its own).
 */
const MAX_MESSAGES_PER_SECOND = 150;

export class AttackerSocket {
  /** Close codes the server sent, over all connections, in order. */
  readonly closeCodes: number[] = [];
  private ws: WebSocket | undefined;
  private opened: Promise<boolean> | undefined;
  private readonly sentAt: number[] = [];
  private waiter: ((o: FrameOutcome) => void) | undefined;
  /** Sync step 2 answers still expected for the frame in flight (2 when the frame is a step 1 itself). */
  private answersDue = 0;

  constructor(private readonly url: string, private readonly answerTimeoutMs = 20_000) {}

  /** Sends one frame and resolves once the server handled it, closed the socket or did not answer in time. */
  async send(bytes: Uint8Array): Promise<FrameOutcome> {
    if (!(await this.connect())) return { result: 'not sent', code: this.closeCodes.at(-1) ?? 0 };
    await this.pace(2);
    const ws = this.ws!;
    const outcome = new Promise<FrameOutcome>((resolve) => (this.waiter = resolve));
    this.answersDue = isSyncStep1(bytes) ? 2 : 1;
    const started = Date.now();
    const timer = setTimeout(() => this.settle({ result: 'no answer', waitedMs: Date.now() - started }), this.answerTimeoutMs);
    ws.send(bytes);
    if (ws.readyState === WebSocket.OPEN) ws.send(PROBE);
    const o = await outcome;
    clearTimeout(timer);
    return o;
  }

  close(): void {
    this.ws?.close();
    this.ws = undefined;
  }

  private connect(): Promise<boolean> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && this.opened) return this.opened;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      try {
        if (decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === SYNC_STEP_2 && --this.answersDue === 0) {
          this.settle({ result: 'handled' });
        }
      } catch {
        // Not ours to judge: the honest clients check what the server sends.
      }
    });
    ws.on('close', (code) => {
      this.closeCodes.push(code);
      if (this.ws === ws) this.ws = undefined;
      this.settle({ result: 'closed', code });
    });
    this.opened = new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    return this.opened;
  }

  private settle(o: FrameOutcome): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.(o);
  }

  private async pace(messages: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sentAt.length > 0 && this.sentAt[0] <= now - 1000) this.sentAt.shift();
      if (this.sentAt.length + messages <= MAX_MESSAGES_PER_SECOND) break;
      await new Promise((r) => setTimeout(r, this.sentAt[0] + 1001 - now));
    }
    for (let i = 0; i < messages; i++) this.sentAt.push(Date.now());
  }
}

function isSyncStep1(bytes: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(bytes);
    return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 0;
  } catch {
    return false;
  }
}
