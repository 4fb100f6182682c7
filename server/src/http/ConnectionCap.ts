// At most `limit` open connections per key: per client address (shared by /yjs and socket.io, so
// one host cannot exhaust descriptors through either) and per session (one person's tabs).
//
// One instance: counted in memory (MemoryConnectionCap). Several instances (REDIS_URL, issue 12):
// counted in Redis too (RedisConnectionCap), so a client cannot multiply the cap by the number of
// instances behind the proxy. The count on this instance is checked first, synchronously, so a
// burst of connections opened at the same moment cannot slip past it while Redis is asked.
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisLimits } from './rateLimiter.ts';

/** Releases one connection's place (safe to call more than once). */
export type Release = () => void;

export interface ConnectionCap {
  readonly limit: number;
  /** Counts one more open connection of `key`: its release, or undefined when `key` has `limit` open. */
  acquire(key: string): Promise<Release | undefined>;
}

/** The cap of `limit` per key: in Redis when `shared` is given (several instances), else in memory. */
export function connectionCap(limit: number, keyPrefix: string, shared?: RedisLimits): ConnectionCap {
  return shared ? new RedisConnectionCap(limit, keyPrefix, shared) : new MemoryConnectionCap(limit);
}

export class MemoryConnectionCap implements ConnectionCap {
  /** Open connections per key; a key is removed at zero, so the map holds only keys with open connections. */
  private readonly open = new Map<string, number>();

  constructor(readonly limit: number) {}

  async acquire(key: string): Promise<Release | undefined> {
    return this.take(key);
  }

  /** acquire without the promise: checked and counted in one step. */
  take(key: string): Release | undefined {
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

/**
 * Length of a counting window. Redis counts per key and window (`<key>:<window number>`, expiring
 * after three windows); an open connection is counted in the window it opened in and the next, and
 * at the start of every window each instance adds its open connections to the window after it. So
 * every window's count holds every connection open during it, and one that no instance releases
 * (its instance died) stops counting after two windows at most: the bound of a leak is 2 x 30 s.
 */
export const CAP_WINDOW_MS = 30_000;

/** One open connection counted in Redis: the windows it was added to (and is taken off again on release). */
interface Lease {
  key: string;
  windows: Set<number>;
}

export class RedisConnectionCap implements ConnectionCap {
  private readonly counts: RateLimiterRedis;
  /** This instance's connections: checked first, and what decides while Redis is away. */
  private readonly local: MemoryConnectionCap;
  private readonly leases = new Set<Lease>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limit: number,
    keyPrefix: string,
    shared: RedisLimits,
    /** Clock of the windows (tests); the instances' clocks are assumed in sync (NTP). */
    private readonly now: () => number = Date.now,
  ) {
    this.local = new MemoryConnectionCap(limit);
    this.counts = new RateLimiterRedis({
      storeClient: shared.redis,
      keyPrefix: `${shared.prefix}${keyPrefix}`,
      points: limit,
      duration: (3 * CAP_WINDOW_MS) / 1000,
      // While Redis is away a connection is not kept waiting: this instance's count decides.
      rejectIfRedisNotReady: true,
    });
    // Redis back (maybe restarted empty): the open connections are counted again.
    shared.redis.on('ready', () => void this.recount(true));
  }

  async acquire(key: string): Promise<Release | undefined> {
    const releaseLocal = this.local.take(key);
    if (!releaseLocal) return undefined;
    const w = this.window();
    const lease: Lease = { key, windows: new Set() };
    try {
      await this.counts.consume(windowKey(key, w));
      lease.windows.add(w);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        // Refused: consume counted it all the same.
        this.counts.reward(windowKey(key, w)).catch(() => {});
        releaseLocal();
        return undefined;
      }
      // Redis is away: admitted on this instance's count; recount adds it once Redis is back.
    }
    this.leases.add(lease);
    this.add([lease], w + 1);
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      releaseLocal();
      this.leases.delete(lease);
      const current = this.window();
      for (const x of lease.windows) if (x >= current) this.counts.reward(windowKey(key, x)).catch(() => {});
      lease.windows.clear();
      if (this.leases.size === 0) this.stop();
    };
  }

  private window(): number {
    return Math.floor(this.now() / CAP_WINDOW_MS);
  }

  /** Adds the leases to window `w` (one command per key); taken back from their windows if Redis refuses. */
  private add(leases: Lease[], w: number): void {
    const missing = leases.filter((l) => !l.windows.has(w));
    // Marked before the reply: a release meanwhile takes it off again (commands go in order).
    for (const l of missing) l.windows.add(w);
    for (const [key, ls] of byKey(missing)) {
      this.counts.penalty(windowKey(key, w), ls.length).catch(() => {
        for (const l of ls) l.windows.delete(w);
      });
    }
  }

  /**
   * Counts every open connection in this window and the next. After a reconnect, a key whose window
   * Redis no longer has (it restarted empty) is counted again from scratch.
   */
  async recount(reconnected = false): Promise<void> {
    const w = this.window();
    if (reconnected) {
      await Promise.all(Array.from(byKey(this.leases), async ([key, ls]) => {
        // null: Redis has no count for the key (undefined: it could not say, and nothing is changed).
        if ((await this.counts.get(windowKey(key, w)).catch(() => undefined)) === null) for (const l of ls) l.windows.clear();
      }));
    }
    // The leases open now: one released meanwhile must not be added again.
    const open = Array.from(this.leases);
    for (const l of open) for (const x of l.windows) if (x < w) l.windows.delete(x);
    this.add(open, w);
    this.add(open, w + 1);
  }

  /** Runs recount at the start of every window while connections are open. */
  private schedule(): void {
    if (this.timer) return;
    const wait = CAP_WINDOW_MS - (this.now() % CAP_WINDOW_MS) + 100;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.leases.size === 0) return;
      void this.recount();
      this.schedule();
    }, wait);
    this.timer.unref();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function windowKey(key: string, w: number): string {
  return `${key}:${w}`;
}

function byKey(leases: Iterable<Lease>): Map<string, Lease[]> {
  const out = new Map<string, Lease[]>();
  for (const l of leases) {
    const same = out.get(l.key);
    if (same) same.push(l);
    else out.set(l.key, [l]);
  }
  return out;
}
