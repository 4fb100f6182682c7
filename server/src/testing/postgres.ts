// Test support for the PostgreSQL store (issue 12). Tests reach PostgreSQL at TEST_DATABASE_URL
// (default: the local server every developer machine and CI of this project runs). Where it cannot
// be reached they are skipped with the reason printed, so `npm test` passes on a machine without
// PostgreSQL; with CI set (.ci/run) unreachable is a failure instead. Every test file works in
// schemas of its own (wb_test_<pid>_<n>_<random>), dropped afterwards, so parallel runs never meet.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { describeIfReachable } from './needsService.ts';
import { redactDatabaseUrl } from '../storage/PostgresBoardStore.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${redactDatabaseUrl(TEST_DATABASE_URL)} is unreachable (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await probe();

/**
 * `describe` for tests that need PostgreSQL: skipped with a printed reason when it is unreachable,
 * except under CI, where a failing test says why.
 */
export function describePostgres(name: string, fn: () => void): void {
  describeIfReachable('PostgreSQL', 'TEST_DATABASE_URL', unreachable, name, fn);
}

let schemas = 0;
const made: string[] = [];

/** A new schema name for this test file (created by the store that opens it), dropped in afterAll. */
export function testSchema(): string {
  const name = `wb_test_${process.pid}_${++schemas}_${crypto.randomBytes(3).toString('hex')}`;
  made.push(name);
  return name;
}

/** Runs SQL on its own connection (outside any store). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (unreachable !== undefined) return;
  for (const s of made.splice(0)) await adminQuery(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
});
