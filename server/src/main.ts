// Composition root: reads the configuration from the environment and runs the server until
// SIGTERM/SIGINT, on which it stores everything, closes sockets with 1001 and exits 0.
import { loadConfig } from './config.ts';
import { startServer } from './startServer.ts';

/** A shutdown that takes longer than this (a stuck socket or disk) exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  }
  const server = await startServer(config);
  // Every handler catches its own errors; a stray rejection is a bug to log, not a reason to drop
  // every board's connections.
  process.on('unhandledRejection', (err) => server.log.error({ err }, 'unhandled rejection'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'signal received');
    setTimeout(() => {
      server.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
