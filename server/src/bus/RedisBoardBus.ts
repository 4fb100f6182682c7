// The board bus over Redis pub/sub (REDIS_URL, issue 12): channel `<prefix>board:<boardId>`, one
// subscription per board this instance holds. Redis pub/sub delivers at most once and keeps nothing
// for a subscriber that is away, which is enough here: every update is in storage before it is
// published, and a receiver that sees a gap in the sequence numbers, or got its connection back,
// reads storage (Room.catchUp).
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { redactUrl } from '../observability/redactUrl.ts';
import { decodeBusMessage, encodeBusMessage, type BoardBus, type BusHandler, type BusMessage, type SessionsEndedHandler } from './BoardBus.ts';
import type { SessionEnd } from '../auth/LiveSessions.ts';

export interface RedisBusOptions {
  url: string;
  /** Channel prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** Connection problems; the message only (an ioredis error can carry the URL, password included). */
  onError: (message: string, err: unknown) => void;
}

/** The Redis URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  return redactUrl(url, 'REDIS_URL');
}

export class RedisBoardBus implements BoardBus {
  readonly instanceId = crypto.randomUUID();
  readonly shared = true;
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly reconnectListeners: Array<() => void> = [];
  private readonly prefix: string;
  private readonly sessionsChannel: string;
  private sessionsEnded: SessionsEndedHandler | undefined;

  private constructor(
    /** Publishes (a subscribed connection can do nothing else). */
    readonly pub: Redis,
    /** Subscribes. The socket.io adapter has duplicates of both; the rate limits use `pub`. */
    readonly sub: Redis,
    opts: RedisBusOptions,
  ) {
    this.prefix = `${opts.prefix ?? 'wb:'}board:`;
    this.sessionsChannel = sessionsChannel(opts.prefix);
    sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.deliver(channel.toString(), data));
    for (const [name, c] of [['publish', pub], ['subscribe', sub]] as const) {
      c.on('error', (err: unknown) => opts.onError(`redis ${name} connection: ${errorMessage(err)}`, err));
    }
    // Constructed after the first 'ready' (connect), so every 'ready' here is a reconnect.
    sub.on('ready', () => void this.resubscribe(opts));
  }

  /**
   * After a reconnect: every channel subscribed again (also the boards opened while Redis was away,
   * whose subscribe failed), and only once Redis confirmed that, the listeners (the rooms read
   * storage): a read started earlier could miss an update published before the subscription held.
   * ioredis' own resubscription is not waited for: it emits 'ready' before sending it.
   */
  private async resubscribe(opts: RedisBusOptions): Promise<void> {
    try {
      await this.sub.subscribe(this.sessionsChannel, ...Array.from(this.handlers.keys(), (id) => this.prefix + id));
    } catch (err) {
      // The connection went again: its next 'ready' comes back here.
      opts.onError(`redis subscribe connection: resubscribing failed: ${errorMessage(err)}`, err);
      return;
    }
    for (const l of this.reconnectListeners) l();
  }

  /** Connects both connections; rejects with a clear message when Redis cannot be reached. */
  static async connect(opts: RedisBusOptions): Promise<RedisBoardBus> {
    const make = () =>
      new Redis(opts.url, {
        lazyConnect: true,
        // Keep retrying for as long as the server runs (Redis restarted, a failover): at most every 2 s.
        retryStrategy: (times) => Math.min(times * 200, 2000),
        // While Redis is away commands fail at once instead of queueing: publishes under write load
        // would pile up in memory (every update, for as long as the outage lasts) and be flushed late;
        // the receivers read storage after the reconnect anyway, and the rate limits fall back to
        // memory (http/rateLimiter.ts). A subscribe that failed is made again on reconnect.
        enableOfflineQueue: false,
      });
    const pub = make();
    const sub = make();
    // The cause (ECONNREFUSED, a wrong password) comes as an 'error' event; connect() only says "closed".
    let cause: unknown;
    const remember = (err: unknown) => (cause = err);
    for (const c of [pub, sub]) c.on('error', remember);
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      await sub.subscribe(sessionsChannel(opts.prefix));
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`Cannot reach Redis at ${redactRedisUrl(opts.url)} (REDIS_URL): ${errorMessage(cause ?? err)}`);
    }
    for (const c of [pub, sub]) c.off('error', remember);
    return new RedisBoardBus(pub, sub, opts);
  }

  async subscribe(boardId: string, handler: BusHandler): Promise<() => void> {
    const channel = this.prefix + boardId;
    let set = this.handlers.get(boardId);
    if (!set) {
      set = new Set();
      this.handlers.set(boardId, set);
      // While Redis is away the board loads from storage without waiting for it: the reconnect
      // subscribes it (resubscribe), after which every room catches up from storage.
      if (this.sub.status === 'ready') await this.sub.subscribe(channel).catch(() => {});
    }
    set.add(handler);
    return () => {
      const s = this.handlers.get(boardId);
      if (!s?.delete(handler) || s.size > 0) return;
      this.handlers.delete(boardId);
      // While Redis is away there is nothing to undo: the reconnect subscribes only what has handlers.
      if (this.sub.status === 'ready') this.sub.unsubscribe(channel).catch(() => {});
    };
  }

  publish(boardId: string, message: BusMessage): void {
    this.pub.publish(this.prefix + boardId, Buffer.from(encodeBusMessage(message))).catch(() => {
      // Counted by the receivers as a gap (or caught up on reconnect): the update is stored.
    });
  }

  publishSessionsEnded(sessionHashes: string[], why: SessionEnd): void {
    if (sessionHashes.length === 0) return;
    this.pub.publish(this.sessionsChannel, JSON.stringify({ from: this.instanceId, sessionHashes, why })).catch(() => {
      // Lost: those sockets on other instances end at their session's expiry check instead.
    });
  }

  onSessionsEnded(handler: SessionsEndedHandler): void {
    this.sessionsEnded = handler;
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  private deliver(channel: string, data: Buffer): void {
    if (channel === this.sessionsChannel) return this.deliverSessionsEnded(data);
    if (!channel.startsWith(this.prefix)) return;
    const set = this.handlers.get(channel.slice(this.prefix.length));
    if (!set) return;
    let message: BusMessage;
    try {
      message = decodeBusMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      return; // not ours: only instances of this server publish on these channels
    }
    if (message.from === this.instanceId) return;
    for (const h of set) h(message);
  }

  private deliverSessionsEnded(data: Buffer): void {
    try {
      const m = JSON.parse(data.toString()) as { from: string; sessionHashes: string[]; why: SessionEnd };
      if (m.from !== this.instanceId && Array.isArray(m.sessionHashes)) this.sessionsEnded?.(m.sessionHashes.map(String), m.why);
    } catch {
      // not ours
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.sub, this.pub);
  }
}

function sessionsChannel(prefix = 'wb:'): string {
  return `${prefix}sessions-ended`;
}

/** QUIT where the connection is up, else just drop it (QUIT would wait for a Redis that is away). */
export async function closeRedis(...connections: Redis[]): Promise<void> {
  await Promise.allSettled(connections.map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()))));
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
