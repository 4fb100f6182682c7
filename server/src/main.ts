// Composition root: reads the configuration from the environment and runs the server until
// SIGTERM, SIGINT or SIGHUP, on which it stores everything, closes sockets with 1001 and exits 0.
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
  // Listening from the start: a signal while boards load must stop the server cleanly too, not kill
  // it. `on`, not `once`: a signal to the process group (systemd's default, Ctrl-C) reaches the
  // server and scripts/start.mjs, which forwards it, so the server gets it twice or more, and with
  // no listener left the second one would kill it in the middle of storing (issue 6, item 9).
  const started = startServer(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const server = await started;
    server.log.info({ signal }, 'signal received');
    setTimeout(() => {
      server.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await server.close();
    } catch (err) {
      server.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    // A start that failed is reported (and exits 1) below.
    process.on(signal, () => stop(signal).catch(() => {}));
  }
  const server = await started;
  // Every handler catches its own errors; a stray rejection is a bug to log, not a reason to drop
  // every board's connections.
  process.on('unhandledRejection', (err) => server.log.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
