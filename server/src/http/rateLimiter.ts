// One rate limiter of rate-limiter-flexible: in memory for one instance, in Redis when several
// instances serve the same boards (REDIS_URL, issue 12), so a client cannot multiply its allowance
// (board creations, join attempts, wrong link passwords) by the number of instances behind the proxy.
// While Redis is away the in-memory limiter stands in at once (insuranceLimiter, rejectIfRedisNotReady: no
// request waits for Redis): limits per instance until it is back.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

/** Where limits are counted when several instances share them. */
export interface RedisLimits {
  redis: Redis;
  /** Key prefix (REDIS_PREFIX + 'rl:'). */
  prefix: string;
}

export function rateLimiter(opts: LimiterOptions, shared?: RedisLimits): RateLimiterAbstract {
  const memory = new RateLimiterMemory(opts);
  if (!shared) return memory;
  return new RateLimiterRedis({ ...opts, keyPrefix: shared.prefix + opts.keyPrefix, storeClient: shared.redis, insuranceLimiter: memory, rejectIfRedisNotReady: true });
}
