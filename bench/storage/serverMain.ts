// Our server for the storage bench: server/src/main.ts's configuration (environment variables), plus
// the one switch only this bench has, BENCH_GROUP_COMMIT=off, which stores every update of a board in
// an append of its own, as before group commit (StartOptions.benchWithoutGroupCommit).
import { loadConfig } from '../../server/src/config.ts';
import { startServer } from '../../server/src/startServer.ts';

const server = await startServer(loadConfig(), { benchWithoutGroupCommit: process.env.BENCH_GROUP_COMMIT === 'off' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0), () => process.exit(1)));
}
