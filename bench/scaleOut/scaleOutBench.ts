// Edit propagation across two instances (issue 12) against one instance, both on PostgreSQL, both
// running at once: one writer (a real WebsocketProvider) edits in a closed loop and one bare viewer
// socket timestamps the relayed update. One instance: writer and viewer on the same server. Two
// instances (REDIS_URL): the writer on A, the viewer on B, so every edit goes A -> PostgreSQL -> Redis
// -> B. Blocks alternate between the two setups (ABAB) so machine noise hits both.
import { Redis } from 'ioredis';
import { redactRedisUrl } from '../../server/src/bus/RedisBoardBus.ts';
import { closeProvider } from '../provider.ts';
import { OurServer } from '../servers/OurServer.ts';
import { ms, ratio, summarize, table, type Summary } from '../stats.ts';
import { adminQuery, editBlock, openEditPair, probe, waitUntil, type EditPair } from '../storage/storageBench.ts';
import { formatManyBoards, runManyBoards, type ManyBoardsOptions, type ManyBoardsSetup } from './manyBoards.ts';

export interface ScaleOutOptions {
  databaseUrl: string;
  /** BENCH_REDIS_URL. */
  redisUrl: string;
  /** Edits measured per setup (BENCH_SCALEOUT_EDITS). */
  edits: number;
  /** The many-boards part: boards (BENCH_SCALEOUT_BOARDS), edits per setup (BENCH_SCALEOUT_BOARD_EDITS), edits/s (BENCH_SCALEOUT_RATE). */
  many: ManyBoardsOptions;
}

type Setup = 'one instance' | 'two instances';
export type ScaleOutResult = { skipped: string } | { setups: Array<{ setup: Setup; delivery: Summary }>; many: ManyBoardsSetup[]; boards: number };

const BLOCK = 100;
const NOTE = { x: 16, y: 72, color: 'yellow' as const, author: 'Bench', frame: 'swot.strengths', text: 'Strength' };

interface Target extends EditPair {
  setup: Setup;
}

export async function runScaleOut(opts: ScaleOutOptions, log: (line: string) => void): Promise<ScaleOutResult> {
  const unreachable = (await probe(opts.databaseUrl)) ?? (await probeRedis(opts.redisUrl));
  if (unreachable) return { skipped: unreachable };
  const schema = `wb_bench_scale_${process.pid}`;
  const servers: OurServer[] = [];
  const targets: Target[] = [];
  const start = async (env: Record<string, string>) => {
    const s = new OurServer({ env: { WS_MESSAGES_PER_SECOND: '1000000', DATABASE_URL: opts.databaseUrl, ...env } });
    servers.push(s);
    await s.start();
    return s;
  };
  try {
    const single = await start({ DATABASE_SCHEMA: `${schema}_one` });
    const shared = { DATABASE_SCHEMA: `${schema}_two`, REDIS_URL: opts.redisUrl, REDIS_PREFIX: `${schema}:`, LINK_KEY: Buffer.alloc(32, 1).toString('base64') };
    const a = await start(shared);
    const b = await start(shared);
    log(`  ${opts.edits} edits per setup, blocks of ${BLOCK}; Redis ${redactRedisUrl(opts.redisUrl)}`);
    targets.push(await openTarget('one instance', single, single), await openTarget('two instances', a, b));
    for (const t of targets) await editBlock(t, 50, false);
    for (let done = 0, round = 0; done < opts.edits; done += BLOCK, round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) await editBlock(t, Math.min(BLOCK, opts.edits - done), true);
    }
    const setups = targets.map((t) => ({ setup: t.setup, delivery: summarize(t.delivery) }));
    for (const t of targets.splice(0)) {
      t.socket.terminate();
      closeProvider(t.writer);
    }
    return { setups, many: await runManyBoards(single, a, b, opts.many, log), boards: opts.many.boards };
  } finally {
    for (const t of targets) {
      t.socket.terminate();
      closeProvider(t.writer);
    }
    for (const s of servers) await s.dispose();
    await adminQuery(opts.databaseUrl, `DROP SCHEMA IF EXISTS ${schema}_one CASCADE; DROP SCHEMA IF EXISTS ${schema}_two CASCADE`);
  }
}

async function probeRedis(url: string): Promise<string | undefined> {
  const r = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  r.on('error', () => {});
  try {
    await r.connect();
    return undefined;
  } catch (err) {
    return `Redis at ${redactRedisUrl(url)} unreachable (${(err as Error).message}); set BENCH_REDIS_URL`;
  } finally {
    r.disconnect();
  }
}

async function openTarget(setup: Setup, writerServer: OurServer, viewerServer: OurServer): Promise<Target> {
  return { setup, ...(await openEditPair('scale-out bench', writerServer, viewerServer, NOTE)) };
}


export function formatScaleOut(r: ScaleOutResult): string {
  if ('skipped' in r) return `  skipped: ${r.skipped}`;
  const [one, two] = r.setups;
  return [
    table(['setup', 'edit to viewer p50', 'p99', 'mean'], r.setups.map((s) => [s.setup, ms(s.delivery.p50), ms(s.delivery.p99), ms(s.delivery.mean)])),
    `two instances / one: p50 ${ratio(two.delivery.p50, one.delivery.p50)}, p99 ${ratio(two.delivery.p99, one.delivery.p99)}`,
    '',
    formatManyBoards(r.many, r.boards),
  ].join('\n');
}
