// Chooses the bus from the configuration: Redis when REDIS_URL is set (several instances, issue 12),
// else LocalBoardBus (one instance, nothing to install). With Redis, socket.io gets the Redis adapter
// too, so facilitation events (a summon, a lowered hand, a voter's own dots) reach the sockets of a
// board on every instance; the session state does not go through it (BoardSessions.watch).
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import type { RedisLimits } from '../http/rateLimiter.ts';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Config } from '../config.ts';
import { LocalBoardBus, type BoardBus } from './BoardBus.ts';
import { closeRedis, RedisBoardBus, redactRedisUrl } from './RedisBoardBus.ts';

export interface OpenedBus {
  bus: BoardBus;
  /** For socket.io's `adapter` option; undefined: its default in-memory adapter. */
  socketIoAdapter?: ServerOptions['adapter'];
  /** For the rate limits of rate-limiter-flexible (http/rateLimiter.ts); undefined: in memory. */
  rateLimit?: RedisLimits;
  close(): Promise<void>;
}

export async function openBoardBus(config: Config, log: Logger): Promise<OpenedBus> {
  if (!config.redisUrl) {
    const bus = new LocalBoardBus();
    return { bus, close: () => bus.close() };
  }
  // The message only: an ioredis error can carry the connection options.
  const onError = (message: string) => log.warn({ message }, 'redis');
  const bus = await RedisBoardBus.connect({ url: config.redisUrl, prefix: config.redisPrefix, onError });
  // The adapter's own connections: it subscribes to patterns the board channels must not see.
  // With an offline queue (the bus' connections have none) that waits for Redis however long it is
  // away: the adapter does not catch a failed publish (each would be an unhandled rejection). What it
  // holds meanwhile is a few facilitation events, sent late; the session state, which each instance
  // sends its own sockets, is read again on reconnect (BoardSessions.resync).
  const queued = { enableOfflineQueue: true, maxRetriesPerRequest: null };
  const adapterPub = bus.pub.duplicate(queued);
  const adapterSub = bus.sub.duplicate(queued);
  for (const c of [adapterPub, adapterSub]) c.on('error', (err: unknown) => onError(`socket.io adapter: ${err instanceof Error ? err.message : String(err)}`));
  bus.onReconnect(() => log.warn('redis connection back: loaded boards catch up from storage'));
  log.info({ redis: redactRedisUrl(config.redisUrl), instanceId: bus.instanceId }, 'board bus on redis');
  return {
    bus,
    socketIoAdapter: createAdapter(adapterPub, adapterSub, { key: `${config.redisPrefix}socket.io` }),
    rateLimit: { redis: bus.pub, prefix: `${config.redisPrefix}rl:` },
    close: async () => {
      await closeRedis(adapterPub, adapterSub);
      await bus.close();
    },
  };
}
