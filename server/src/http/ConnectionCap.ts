// At most `limit` open connections per key: per client address (shared by /yjs and socket.io, so
// one host cannot exhaust descriptors through either) and per session (one person's tabs).
// Synchronous on purpose: check and count happen in one step, so a burst of connections opened
// at the same moment cannot slip past the cap while something else is awaited.
export class ConnectionCap {
  /** Open connections per key; a key is removed at zero, so the map holds only keys with open connections. */
  private readonly open = new Map<string, number>();

  constructor(readonly limit: number) {}

  /**
   * Counts one more open connection of `key` and returns the function that releases it (safe to
   * call more than once), or undefined when `key` already has `limit` open connections.
   */
  acquire(key: string): (() => void) | undefined {
    const n = this.open.get(key) ?? 0;
    if (n >= this.limit) return undefined;
    this.open.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }
}
