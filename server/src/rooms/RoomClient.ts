// One client connection as a room sees it: who it is (role from its session), what it owns
// (awareness client ids) and whether it waits for a "stored" acknowledgement.
import type { Logger } from 'pino';
import type { AuthenticatedSession } from '../boards/BoardService.ts';
import type { RoomSocket } from './RoomSocket.ts';

export class RoomClient {
  /** Awareness client ids this connection announced first (see Presence#admit). */
  readonly ownedClientIds = new Set<number>();
  /** It wrote updates that have not been acknowledged with a Stored message yet. */
  unacked = false;
  /** Disconnected, by either side. */
  closed = false;
  /** Closed by the server for bad input: messages it still has queued are dropped. */
  rejected = false;
  private closeListeners: Array<() => void> = [];

  constructor(
    readonly id: number,
    readonly session: AuthenticatedSession,
    private readonly socket: RoomSocket,
    readonly log: Logger,
  ) {}

  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message);
  }

  /** Closes the connection for a reason the client caused (a CloseCode); one log line, nothing else. */
  reject(code: number, reason: string, detail?: Record<string, unknown>): void {
    if (this.closed) return;
    this.rejected = true;
    this.log.warn({ code, reason, ...detail }, 'closing connection');
    this.socket.close(code, reason);
    this.markClosed();
  }

  /** Closes without blame (shutdown). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.markClosed();
  }

  /** Called when the socket is gone; runs the close listeners once. */
  markClosed(): void {
    this.closed = true;
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const l of listeners) l();
  }

  onClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }
}
