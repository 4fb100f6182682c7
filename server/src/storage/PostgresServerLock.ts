// One server per PostgreSQL schema, the PostgreSQL side of DataDirLock: until instances share their
// edits (REDIS_URL, issue 12), two servers on one database would each keep their own copy of a board
// in memory, and one's compaction would delete updates the other stored (lost edits).
//
// The guard is a session-level advisory lock held on a connection of its own for the server's life.
// PostgreSQL releases it when that connection ends, also when the server is killed (kill -9: the
// socket closes), so a restart never finds a stale lock.
import pg from 'pg';
import { postgresClientConfig, type PostgresStoreOptions } from './PostgresBoardStore.ts';

export class PostgresServerLock {
  private constructor(private readonly client: pg.Client) {}

  /** Takes the lock or throws at once (no waiting) if another server holds it. */
  static async acquire(opts: Pick<PostgresStoreOptions, 'connectionString' | 'schema' | 'onError'>): Promise<PostgresServerLock> {
    const client = new pg.Client(postgresClientConfig(opts));
    client.on('error', (err) => opts.onError('the connection holding the server lock failed; another server could now start on this database', err));
    await client.connect();
    try {
      const r = await client.query<{ locked: boolean; schema: string }>(
        "SELECT pg_try_advisory_lock(hashtext('strategy-whiteboard server ' || current_schema())) AS locked, current_schema() AS schema",
      );
      if (!r.rows[0].locked) {
        throw new Error(
          `Another server already uses PostgreSQL schema "${r.rows[0].schema}" of this database. ` +
            'Stop it first, or give this one its own DATABASE_SCHEMA: several servers on one database need REDIS_URL (not available yet).',
        );
      }
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    return new PostgresServerLock(client);
  }

  /** Ends the connection, which releases the lock. */
  async release(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
