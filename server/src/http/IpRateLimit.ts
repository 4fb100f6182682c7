// Per-IP request limits for the REST endpoints that create things or check secrets.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLimits } from './rateLimiter.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './sendError.ts';
import { rateLimiter } from './rateLimiter.ts';

export class IpRateLimit {
  private readonly limiter: RateLimiterAbstract;

  /** `shared`: counted across instances (REDIS_URL). */
  constructor(
    readonly name: string,
    perMinute: number,
    shared?: RedisLimits,
  ) {
    this.limiter = rateLimiter({ keyPrefix: name, points: perMinute, duration: 60 }, shared);
  }

  /** A fastify preHandler: answers 429 (with Retry-After) once the caller's IP is over its limit. */
  readonly preHandler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await this.limiter.consume(req.ip);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      reply.header('Retry-After', String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))));
      req.log.warn({ limit: this.name }, 'rate limited');
      await sendError(reply, 'rate_limited', 'Too many requests; wait a minute and try again.');
    }
  };
}
