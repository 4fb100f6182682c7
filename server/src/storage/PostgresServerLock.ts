// One server per PostgreSQL schema, the PostgreSQL side of DataDirLock: until instances share their
// edits (REDIS_URL, issue 12), two servers on one database would each keep their own copy of a board
// in memory, and one's compaction would delete updates the other stored (lost edits).
//
// The guard is a session-level advisory lock held on a connection of its own for the server's life.
// PostgreSQL releases it when that connection ends, also when the server is killed (kill -9: the
// socket closes), so a restart never finds a stale lock. When the database drops the connection
// (a restart, a failover) the lock is taken again on a new one, retried every few seconds.
import pg from 'pg';
import { postgresClientConfig, type PostgresStoreOptions } from './PostgresBoardStore.ts';

type LockOptions = Pick<PostgresStoreOptions, 'connectionString' | 'schema' | 'onError'>;

const RETRY_MS = 3_000;

export class PostgresServerLock {
  private released = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(private client: pg.Client, private readonly opts: LockOptions) {
    this.watch(client);
  }

  /** Takes the lock or throws at once (no waiting) if another server holds it. */
  static async acquire(opts: LockOptions): Promise<PostgresServerLock> {
    return new PostgresServerLock(await lockedClient(opts), opts);
  }

  private watch(client: pg.Client): void {
    let lost = false;
    client.on('error', (err) => {
      if (lost || this.released) return;
      lost = true;
      this.opts.onError('the connection holding the server lock failed; taking the lock again', err);
      this.retakeLater();
    });
  }

  private retakeLater(): void {
    this.retry = setTimeout(() => {
      if (this.released) return;
      lockedClient(this.opts).then(
        (client) => {
          if (this.released) return void client.end().catch(() => {});
          this.client = client;
          this.watch(client);
        },
        (err: unknown) => {
          this.opts.onError('taking the server lock again failed; retrying', err);
          this.retakeLater();
        },
      );
    }, RETRY_MS);
    this.retry.unref();
  }

  /** Ends the connection, which releases the lock. */
  async release(): Promise<void> {
    this.released = true;
    clearTimeout(this.retry);
    await this.client.end().catch(() => {});
  }
}

async function lockedClient(opts: LockOptions): Promise<pg.Client> {
  const client = new pg.Client(postgresClientConfig(opts));
  // Until watch() takes over: a failure here rejects the connect or the query.
  client.on('error', () => {});
  try {
    await client.connect();
    const r = await client.query<{ locked: boolean; schema: string }>(
      "SELECT pg_try_advisory_lock(hashtext('strategy-whiteboard server ' || current_schema())) AS locked, current_schema() AS schema",
    );
    if (!r.rows[0].locked) {
      throw new Error(
        `Another server already uses PostgreSQL schema "${r.rows[0].schema}" of this database. ` +
          'Stop it first, or give this one its own DATABASE_SCHEMA: several servers on one schema need REDIS_URL (docs/deploy.md).',
      );
    }
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
}
