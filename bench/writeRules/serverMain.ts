// Our server for the write-rules bench: server/src/main.ts's configuration (environment variables),
// plus the one switch only this bench has, BENCH_WRITE_RULES=off, which starts it without the write
// rules (StartOptions.benchWithoutWriteRules). The server's own configuration cannot turn them off.
import { loadConfig } from '../../server/src/config.ts';
import { startServer } from '../../server/src/startServer.ts';

const server = await startServer(loadConfig(), { benchWithoutWriteRules: process.env.BENCH_WRITE_RULES === 'off' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0), () => process.exit(1)));
}
