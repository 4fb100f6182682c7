// Ends a long-lived connection when its session expires without being renewed. Sessions are only
// checked when a socket opens; without this a leaked or revoked session would keep a socket open
// for as long as the peer likes. One timer per connection: at expiresAt it re-reads the session
// (a renewal moved expiresAt: sleep again), otherwise it calls onExpired once.

/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days): longer waits are split. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;
/** When the store cannot be read, look again after this long instead of closing a valid session. */
const RETRY_AFTER_ERROR_MS = 5_000;

interface SessionExpiryTimerOptions {
  /** The session's hash: never the session itself, so nothing here can leak it. */
  sessionHash: string;
  expiresAt: number;
  /** Current expiry of the session, or undefined when it is gone or expired. */
  lookup: (sessionHash: string) => Promise<number | undefined>;
  onExpired: () => void;
  onError: (err: unknown) => void;
  now?: () => number;
}

export class SessionExpiryTimer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: SessionExpiryTimerOptions) {
    this.now = opts.now ?? Date.now;
    this.arm(opts.expiresAt);
  }

  /** Call when the connection closes (idempotent). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(at: number): void {
    if (this.stopped) return;
    const delay = Math.min(Math.max(at - this.now(), 0), MAX_TIMER_DELAY_MS);
    this.timer = setTimeout(() => void this.check(), delay);
    // The socket keeps the process alive while it is open; the timer alone should not.
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    let expiresAt: number | undefined;
    try {
      expiresAt = await this.opts.lookup(this.opts.sessionHash);
    } catch (err) {
      this.opts.onError(err);
      this.arm(this.now() + RETRY_AFTER_ERROR_MS);
      return;
    }
    if (this.stopped) return;
    if (expiresAt === undefined) {
      this.stopped = true;
      this.opts.onExpired();
    } else {
      this.arm(expiresAt);
    }
  }
}
