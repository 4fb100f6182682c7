// One attacker connection: a bare socket (../bareSocket.ts) that sends a hostile payload's frames
// and notes how, and whether, the server closed it.
import type WebSocket from 'ws';
import { SYNC_STEP1_EMPTY, isSyncStep2, openBareSocket } from '../bareSocket.ts';
import { sleep } from '../childProcess.ts';

export class Attacker {
  private closed: string | undefined;
  private onStep2: (() => void) | undefined;
  private ws!: WebSocket;

  private constructor() {}

  /** Connects and waits for the server's answer to the handshake (the attacker is in the room). */
  static async connect(url: string): Promise<Attacker> {
    const a = new Attacker();
    a.ws = await openBareSocket(url, {
      onFrame: (frame) => {
        if (isSyncStep2(frame)) a.onStep2?.();
      },
      // 1006: the connection ended without a close frame (e.g. the server gave up on a socket
      // that stopped reading, with its close frame still queued behind unread replies).
      onClose: (code, reason) => (a.closed = code === 1006 ? '1006 (no close frame)' : `${code} ${reason}`.trim()),
    });
    return a;
  }

  /**
   * Sends frames, then a sync step 1, and resolves on its answer: the server handles a
   * connection's messages in order, so by then it has handled the frames.
   */
  async sendAndWait(frames: Uint8Array[], timeoutMs = 60_000): Promise<void> {
    if (frames.length === 0) return;
    const answered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`attacker: setup not answered within ${timeoutMs} ms`)), timeoutMs);
      this.onStep2 = () => {
        clearTimeout(timer);
        this.onStep2 = undefined;
        resolve();
      };
    });
    for (const f of frames) this.ws.send(f);
    this.ws.send(SYNC_STEP1_EMPTY);
    await answered;
  }

  /**
   * Sends the frames, back to back or `perSecond` of them a second. `reads: false` stops reading
   * the socket first.
   */
  async send(frames: Uint8Array[], reads: boolean, perSecond?: number): Promise<void> {
    if (!reads) this.ws.pause();
    const started = performance.now();
    for (let i = 0; i < frames.length; i++) {
      if (perSecond !== undefined) {
        const due = started + (i * 1000) / perSecond - performance.now();
        if (due > 0) await sleep(due);
      }
      if (this.closed !== undefined) return;
      this.ws.send(frames[i]);
    }
  }

  /**
   * Reads again and waits up to `waitMs` for the server's close. Resolves with "<code> <reason>",
   * or "not closed" (the socket is then closed by the bench).
   */
  async finish(waitMs: number): Promise<string> {
    this.ws.resume();
    const deadline = performance.now() + waitMs;
    while (this.closed === undefined && performance.now() < deadline) await sleep(50);
    if (this.closed !== undefined) return this.closed;
    this.ws.terminate();
    return 'not closed';
  }
}
