// What the status badge says, derived from what the provider and the browser report.

export type ConnectionState = 'connecting' | 'live' | 'offline' | 'reconnecting';

export interface ConnectionFacts {
  /** Last provider `status` event. */
  status: 'connecting' | 'connected' | 'disconnected';
  /** Provider finished the sync handshake with the server on the current socket. */
  synced: boolean;
  /** `navigator.onLine`. */
  online: boolean;
  /** The board was live (connected and synced) at least once since the page loaded. */
  everConnected: boolean;
  /** Connection attempts that failed in a row (reset once live). */
  failedAttempts: number;
  /** The server closed with a 44xx code: the provider stopped retrying. */
  stopped: boolean;
}

/**
 * Failed attempts in a row after which we call the server unreachable ("offline") rather than
 * "reconnecting": y-websocket backs off to 2.5 s, so this is roughly ten seconds of trying.
 */
export const OFFLINE_AFTER_FAILURES = 5;

export function deriveConnectionState(f: ConnectionFacts): ConnectionState {
  if (!f.online || f.stopped) return 'offline';
  if (f.status === 'connected' && f.synced) return 'live';
  if (f.failedAttempts >= OFFLINE_AFTER_FAILURES) return 'offline';
  if (!f.everConnected && f.failedAttempts === 0) return 'connecting';
  return 'reconnecting';
}

export type ConnectionMessage = 'status.connecting' | 'status.live' | 'status.reconnecting' | 'status.noNetwork' | 'status.serverUnreachable';

/**
 * What the badge says. "Offline" sent people to check their own Wi-Fi when the server was down
 * (issue 8): only a device without a network is told so; otherwise the server is unreachable, and
 * both say that the changes are kept.
 */
export function connectionMessage(state: ConnectionState, deviceOnline: boolean): ConnectionMessage {
  if (state !== 'offline') return `status.${state}`;
  return deviceOnline ? 'status.serverUnreachable' : 'status.noNetwork';
}

export type SaveState = 'saved' | 'saving' | 'offline';

/** "Saved" only when the server confirmed every local change; unsaved work while disconnected is "kept on this device". */
export function deriveSaveState(saved: boolean, connection: ConnectionState): SaveState {
  if (saved) return 'saved';
  return connection === 'live' ? 'saving' : 'offline';
}
