// One client connection as a room sees it: who it is (role from its session), what it owns
// (awareness client ids) and whether it waits for a "stored" acknowledgement.
import type { Logger } from 'pino';
import type { AuthenticatedSession } from '../boards/BoardService.ts';
import type { RoomSocket } from './RoomSocket.ts';
import { ConnectionBudget } from './ConnectionBudget.ts';

/**
 * A client asks for the board (sync step 1) once per connection; a few more allow for odd clients.
 * Each answer can be the whole board, so more are refused (issue 6: 400 requests from one viewer
 * produced 648 MB of replies).
 */
const SYNC_REQUESTS_BURST = 4;
const SYNC_REQUESTS_PER_SECOND = 1 / 10;

export class RoomClient {
  /** Awareness client ids this connection announced first (see Presence#admit). */
  readonly ownedClientIds = new Set<number>();
  /** It wrote updates that have not been acknowledged with a Stored message yet. */
  unacked = false;
  /** Disconnected, by either side. */
  closed = false;
  /** Closed by the server for bad input: messages it still has queued are dropped. */
  rejected = false;
  /** The server asked it for what the board lacks (after an update that depended on missing content). */
  resyncRequested = false;
  /** Updates of it refused by the write rules (logged once per connection). */
  refusedUpdates = 0;
  /** Sync step 1 requests it may still make. */
  readonly syncRequests = new ConnectionBudget(SYNC_REQUESTS_PER_SECOND, SYNC_REQUESTS_BURST);
  private closeListeners: Array<() => void> = [];

  constructor(
    readonly id: number,
    readonly session: AuthenticatedSession,
    private readonly socket: RoomSocket,
    readonly log: Logger,
    /** What its messages may cost (checked by the gateway, charged by the room for replies). */
    readonly budget: ConnectionBudget,
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
