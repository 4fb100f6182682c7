// The connection cap counted in Redis (several instances, issue 12), on a redis-server of this
// test's own: the cap holds in sum over instances, a release frees a place on the other one, the
// places of an instance that died are free after two counting windows at most, and a Redis that
// restarted empty counts the open connections again. Each "instance" has its own Redis connection.
import { afterAll, afterEach, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CAP_WINDOW_MS, RedisConnectionCap, type Release } from './ConnectionCap.ts';
import { describePrivateRedis, PrivateRedis } from '../testing/privateRedis.ts';
import { testRedisPrefix } from '../testing/redis.ts';
import { waitFor } from '../testing/testServer.ts';

let redis: PrivateRedis | undefined;
const connections: Redis[] = [];
const held: Release[] = [];

afterEach(() => {
  for (const release of held.splice(0)) release();
});

afterAll(async () => {
  for (const c of connections) c.disconnect();
  await redis?.kill();
});

async function instance(prefix: string, limit: number, now: () => number = Date.now): Promise<{ cap: RedisConnectionCap; redis: Redis }> {
  redis ??= await PrivateRedis.start();
  // As the bus connects (bus/RedisBoardBus.ts): retrying, no offline queue.
  const c = new Redis(redis.url, { retryStrategy: () => 100, enableOfflineQueue: false, lazyConnect: true });
  c.on('error', () => {});
  connections.push(c);
  await c.connect();
  return { cap: new RedisConnectionCap(limit, 'conn:', { redis: c, prefix }, now), redis: c };
}

/** Takes `n` places of `key`, failing if one is refused. */
async function take(cap: RedisConnectionCap, key: string, n: number): Promise<Release[]> {
  const out: Release[] = [];
  for (let i = 0; i < n; i++) {
    const release = await cap.acquire(key);
    if (!release) throw new Error(`place ${i + 1} of ${n} refused`);
    out.push(release);
    held.push(release);
  }
  return out;
}

/** Whether `cap` gives a place of `key` now (given back at once). */
async function hasPlace(cap: RedisConnectionCap, key: string): Promise<boolean> {
  const release = await cap.acquire(key);
  release?.();
  return release !== undefined;
}

describePrivateRedis('the connection cap in Redis', () => {
  it('holds in sum over two instances, and a place released on one is free on the other', async () => {
    const prefix = testRedisPrefix();
    const a = await instance(prefix, 3);
    const b = await instance(prefix, 3);
    const [first] = await take(a.cap, '203.0.113.1', 2);
    await take(b.cap, '203.0.113.1', 1);
    expect(await hasPlace(a.cap, '203.0.113.1')).toBe(false);
    expect(await hasPlace(b.cap, '203.0.113.1')).toBe(false);
    // Another key is counted on its own.
    expect(await hasPlace(b.cap, '203.0.113.2')).toBe(true);
    first();
    // The release goes over A's own Redis connection, B asks over its own: it is free once it arrived.
    await waitFor(() => hasPlace(b.cap, '203.0.113.1'), 'the place A gave back is free on B');
  });

  it("frees the places of an instance that died after two counting windows at most", async () => {
    const prefix = testRedisPrefix();
    let now = 10 * CAP_WINDOW_MS + 1;
    const clock = () => now;
    const dead = await instance(prefix, 2, clock);
    const alive = await instance(prefix, 2, clock);
    await take(dead.cap, 'sess', 2);
    // kill -9: nothing it held is released, it counts nothing any more.
    dead.redis.disconnect();
    expect(await hasPlace(alive.cap, 'sess')).toBe(false);
    now += CAP_WINDOW_MS;
    expect(await hasPlace(alive.cap, 'sess')).toBe(false);
    now += CAP_WINDOW_MS;
    expect(await hasPlace(alive.cap, 'sess')).toBe(true);
  });

  it("keeps counting a live instance's open connections window after window", async () => {
    const prefix = testRedisPrefix();
    let now = 10 * CAP_WINDOW_MS + 1;
    const clock = () => now;
    const holder = await instance(prefix, 2, clock);
    const other = await instance(prefix, 2, clock);
    await take(holder.cap, 'sess', 2);
    for (let windows = 0; windows < 4; windows++) {
      now += CAP_WINDOW_MS;
      await holder.cap.recount(); // what its timer does at the start of every window
      expect(await hasPlace(other.cap, 'sess')).toBe(false);
    }
  });

  it('counts the open connections again when Redis comes back empty after a restart', async () => {
    const prefix = testRedisPrefix();
    const a = await instance(prefix, 2);
    const b = await instance(prefix, 2);
    await take(a.cap, 'sess', 2);
    expect(await hasPlace(b.cap, 'sess')).toBe(false);
    await redis!.kill();
    await redis!.start();
    await waitFor(() => a.redis.status === 'ready' && b.redis.status === 'ready', 'both instances reconnected');
    await waitFor(async () => !(await hasPlace(b.cap, 'sess')), "the restarted Redis counts A's open connections again");
  });
});
