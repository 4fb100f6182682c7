// Chooses the store from the configuration: PostgreSQL when DATABASE_URL is set, else the SQLite
// file in DATA_DIR (the default, nothing to install). Also takes the guard that keeps a second server
// off the same data (DataDirLock for SQLite and the data dir, PostgresServerLock for the database
// unless REDIS_URL lets instances share it).
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { BoardStore } from './BoardStore.ts';
import { DataDirLock } from './DataDirLock.ts';
import { PostgresBoardStore, redactDatabaseUrl } from './PostgresBoardStore.ts';
import { PostgresServerLock } from './PostgresServerLock.ts';
import { SqliteBoardStore } from './SqliteBoardStore.ts';

export interface OpenedStore {
  store: BoardStore;
  /** Closes the store, then releases the guards. */
  close(): Promise<void>;
}

export async function openBoardStore(config: Config, log: Logger): Promise<OpenedStore> {
  // DATA_DIR also holds link.key with PostgreSQL: one server per directory either way.
  const dirLock = DataDirLock.acquire(config.dataDir);
  try {
    if (!config.databaseUrl) {
      const store = await SqliteBoardStore.openWithCheckpointer(config.dataDir, (message) => log.warn({ message }, 'WAL checkpoint'));
      log.info({ storage: 'sqlite', dataDir: config.dataDir }, 'storage opened');
      return { store, close: async () => { await store.close(); dirLock.release(); } };
    }
    const pgOptions = {
      connectionString: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: config.databasePoolSize,
      // The message and code only: pg attaches its whole client (connection parameters included) to errors.
      onError: (message: string, err: unknown) =>
        log.error({ error: err instanceof Error ? err.message : String(err), code: (err as { code?: string } | undefined)?.code }, message),
    };
    const store = await PostgresBoardStore.open(pgOptions);
    let serverLock: PostgresServerLock | undefined;
    try {
      // With REDIS_URL the instances share their edits (rooms/Room.ts), so several may use the schema.
      if (!config.redisUrl) serverLock = await PostgresServerLock.acquire(pgOptions);
    } catch (err) {
      await store.close();
      throw err;
    }
    log.info({ storage: 'postgresql', database: redactDatabaseUrl(config.databaseUrl), schema: config.databaseSchema ?? 'public', poolSize: config.databasePoolSize }, 'storage opened');
    return {
      store,
      close: async () => {
        await store.close();
        await serverLock?.release();
        dirLock.release();
      },
    };
  } catch (err) {
    dirLock.release();
    throw err;
  }
}
