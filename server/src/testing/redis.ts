// Test support for several instances (REDIS_URL, issue 12). Tests reach Redis at TEST_REDIS_URL
// (default: the local Redis every developer machine and CI of this project runs) and PostgreSQL as
// testing/postgres.ts does. Where Redis cannot be reached they are skipped with the reason printed,
// so `npm test` passes on a machine without it; with CI set that is a failure instead. Board ids
// are random, so parallel runs on one Redis never hear each other's boards.
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { describeIfReachable } from './needsService.ts';
import { redactRedisUrl } from '../bus/RedisBoardBus.ts';
import { describePostgres } from './postgres.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function probe(): Promise<string | undefined> {
  const r = new Redis(TEST_REDIS_URL, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 3000, maxRetriesPerRequest: 0 });
  let cause: Error | undefined;
  r.on('error', (err: Error) => (cause = err));
  try {
    await r.connect();
    await r.ping();
    return undefined;
  } catch (err) {
    return `Redis at ${redactRedisUrl(TEST_REDIS_URL)} is unreachable (${(cause ?? (err as Error)).message})`;
  } finally {
    r.disconnect();
  }
}

const unreachable = await probe();

/** `describe` for tests that need Redis and PostgreSQL: skipped with a printed reason, failing under CI. */
export function describeScaleOut(name: string, fn: () => void): void {
  describeIfReachable('Redis', 'TEST_REDIS_URL', unreachable, name, () => describePostgres(name, fn));
}

/** A REDIS_PREFIX of one test's own: its rate-limit counts start at zero and meet no other run's. */
export function testRedisPrefix(): string {
  return `wb_test_${crypto.randomBytes(4).toString('hex')}:`;
}

/** A LINK_KEY the instances of one test share (base64 of 32 bytes). */
export function testLinkKey(): string {
  return crypto.randomBytes(32).toString('base64');
}
