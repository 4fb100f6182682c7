// PostgresBoardStore against a real PostgreSQL (TEST_DATABASE_URL; skipped with the reason printed
// when unreachable, a failure under CI): the shared contract, then what only several writers on one
// database show.
import { expect, it } from 'vitest';
import { boardStoreContract, type StorePlace } from './BoardStore.contract.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { PostgresBoardStore } from './PostgresBoardStore.ts';
import { PostgresServerLock } from './PostgresServerLock.ts';
import { ROLES } from '../../../shared/src/protocol.ts';
import { adminQuery, describePostgres, TEST_DATABASE_URL, testSchema } from '../testing/postgres.ts';

const errors: unknown[] = [];
const options = (schema: string) => ({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4, onError: (_m: string, err: unknown) => errors.push(err) });

function place(schema = testSchema()): StorePlace & { schema: string } {
  return {
    schema,
    open: () => PostgresBoardStore.open(options(schema)),
    schemaVersion: async () => (await adminQuery<{ version: number }>(`SELECT version FROM ${schema}.schema_version`))[0]?.version ?? 0,
    setSchemaVersion: async (version) => void (await adminQuery(`UPDATE ${schema}.schema_version SET version = $1`, [version])),
  };
}

describePostgres('PostgresBoardStore', () => {
  boardStoreContract('PostgresBoardStore', { migrations: POSTGRES_MIGRATIONS.length, place });

  const board = { id: 'CCCCCCCCCCCCCCCC', title: 'Scale', template: 'swot' as const, language: 'en' as const, createdAt: 1 };
  const links = ROLES.map((role) => ({ boardId: board.id, role, tokenHash: role.padEnd(64, 'x'), sealedToken: null, expiresAt: null, passwordHash: null }));

  it('numbers a board\'s updates 1, 2, 3... without gaps, also with two writers at once', async () => {
    const p = place();
    const a = await p.open();
    const b = await p.open();
    try {
      await a.createBoard(board, links, new Uint8Array([0]));
      const seqs = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendUpdates(board.id, [new Uint8Array([i])])));
      expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await a.appendUpdates(board.id, [new Uint8Array([1]), new Uint8Array([2])])).toBe(42);
      const rows = await adminQuery<{ seq: number }>(`SELECT seq::int AS seq FROM ${p.schema}.board_updates ORDER BY seq`);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('migrates once when several servers open an empty schema at the same moment', async () => {
    const p = place();
    const stores = await Promise.all([p.open(), p.open(), p.open()]);
    expect(await p.schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
    expect(await adminQuery(`SELECT * FROM ${p.schema}.schema_version`)).toHaveLength(1);
    for (const s of stores) await s.close();
  });

  it('lets one server at a time use a schema, and the next one in once it stopped', async () => {
    const p = place();
    const store = await p.open();
    const first = await PostgresServerLock.acquire(options(p.schema));
    await expect(PostgresServerLock.acquire(options(p.schema))).rejects.toThrow(/Another server already uses PostgreSQL schema "wb_test_/);
    // Another schema is another set of boards.
    const q = place();
    const otherStore = await q.open();
    const other = await PostgresServerLock.acquire(options(q.schema));
    await first.release();
    const next = await PostgresServerLock.acquire(options(p.schema));
    await next.release();
    await other.release();
    await store.close();
    await otherStore.close();
  });

  it('says which database it could not reach, without the password', async () => {
    const url = 'postgres://wb:s3cret-pass@127.0.0.1:1/nothing';
    const err = await PostgresBoardStore.open({ ...options(testSchema()), connectionString: url, connectTimeoutMs: 2000 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^PostgreSQL at postgres:\/\/wb:\*\*\*@127\.0\.0\.1:1\/nothing: /);
    expect((err as Error).message).not.toContain('s3cret');
    expect(errors).toEqual([]);
  });
});
