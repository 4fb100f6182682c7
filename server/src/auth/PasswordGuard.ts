// Limits wrong link passwords (issue 10) with rate-limiter-flexible: per client address and link,
// so one guesser is stopped without locking the link for the room (a limit per link alone would let
// anyone lock everyone out by typing wrong passwords). Only failures count.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLimits } from '../http/rateLimiter.ts';
import { rateLimiter } from '../http/rateLimiter.ts';
import { BoardError } from '../boards/BoardError.ts';

/** Wrong passwords per address and link before a pause: enough for typos, far too few to guess. */
const WRONG_PASSWORDS = 5;
const WINDOW_SECONDS = 15 * 60;

export class PasswordGuard {
  private readonly failures: RateLimiterAbstract;

  /** `shared`: failures counted across instances (REDIS_URL). */
  constructor(shared?: RedisLimits) {
    this.failures = rateLimiter({ keyPrefix: 'link-password', points: WRONG_PASSWORDS, duration: WINDOW_SECONDS }, shared);
  }

  /** Throws `rate_limited` while `key` is paused; call before checking the password. */
  async before(key: string): Promise<void> {
    const res = await this.failures.get(key);
    if (res && res.consumedPoints >= WRONG_PASSWORDS) throw pause(res);
  }

  /** Counts a wrong password for `key`. */
  async failed(key: string): Promise<void> {
    try {
      await this.failures.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
    }
  }
}

function pause(res: RateLimiterRes): BoardError {
  const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
  return new BoardError('rate_limited', `Too many wrong passwords; try again in ${minutes} minutes.`);
}
