import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('caps connections per session at a handful of tabs and per address in the thousands by default', () => {
    const c = loadConfig({});
    expect(c.wsConnectionsPerSession).toBe(16);
    expect(c.wsConnectionsPerIp).toBe(2000);
  });

  it('reads TRUST_PROXY as a hop count or a list of proxy addresses; off by default', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, loopback ,192.168.1.5' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', '192.168.1.5']);
  });

  it('refuses TRUST_PROXY=true, which trusted client-written X-Forwarded-For entries, and says what to set instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*number of proxies/s);
  });

  it('refuses a TRUST_PROXY entry that is not an address or range', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8, proxy.example' })).toThrow(/TRUST_PROXY.*proxy\.example/s);
  });

  it('uses SQLite unless DATABASE_URL names a PostgreSQL database, and never repeats the URL in an error', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: undefined, databasePoolSize: 10, databaseSchema: undefined });
    expect(loadConfig({ DATABASE_URL: 'postgres://wb:pw@db:5432/boards', DATABASE_POOL_SIZE: '4', DATABASE_SCHEMA: 'staging' }))
      .toMatchObject({ databaseUrl: 'postgres://wb:pw@db:5432/boards', databasePoolSize: 4, databaseSchema: 'staging' });
    const err = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://wb:secret-pw@db/boards' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(err).toMatch(/DATABASE_URL: expected postgres:\/\//);
    expect(err).not.toContain('secret-pw');
    expect(() => loadConfig({ DATABASE_SCHEMA: 'Boards; DROP TABLE boards' })).toThrow(/DATABASE_SCHEMA/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('takes REDIS_URL only with a shared database and link key, and never repeats the URL in an error', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, redisPrefix: 'wb:' });
    expect(loadConfig({ REDIS_URL: 'redis://:pw@cache:6379/0', DATABASE_URL: 'postgres://wb:pw@db:5432/boards', LINK_KEY: key, REDIS_PREFIX: 'staging:' }))
      .toMatchObject({ redisUrl: 'redis://:pw@cache:6379/0', redisPrefix: 'staging:' });
    expect(() => loadConfig({ REDIS_URL: 'redis://:secret@cache:6379' })).toThrow(/DATABASE_URL[\s\S]*LINK_KEY/);
    expect(() => loadConfig({ REDIS_URL: 'http://:secret@cache:6379' })).toThrow(/REDIS_URL: expected redis:\/\//);
    try {
      loadConfig({ REDIS_URL: 'http://:secret@cache:6379' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
    }
  });
});
