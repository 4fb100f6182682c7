// `npm run bench`: prints numbers and ratios, never pass/fail. See docs/benchmarks.md.
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { readOptions, type BenchOptions } from './options.ts';
import { ReferenceServer } from './servers/ReferenceServer.ts';
import { OurServer } from './servers/OurServer.ts';
import type { BenchServer } from './servers/BenchServer.ts';
import { formatPropagation, runPropagation } from './propagation/propagationBench.ts';
import { ClientPool } from './propagation/ClientPool.ts';
import { ObserverPool } from './fanout/ObserverPool.ts';
import { formatStall, runStall } from './stall/stallBench.ts';
import { formatLoad, runLoad } from './load/loadBench.ts';
import { formatMergeVsReplay, mergeVsReplay } from './load/mergeVsReplay.ts';
import { generateHistory } from './load/generateHistory.ts';
import * as Y from 'yjs';
import { DEFAULT_CLIENT_DIR, formatBrowser, runBrowser, type BrowserResult } from './browser/browserBench.ts';
import { buildPeers, PeerServer, runPeer, type PeerResult } from './browser/peerBench.ts';
import { formatBrowserSummary } from './browser/browserSummary.ts';
import { buildClient } from './browser/buildClient.ts';
import { formatStartup, runStartup } from './startup/startupBench.ts';
import { formatMatrix, runMatrix } from './matrix/matrixBench.ts';
import { formatPlan, runPlan } from './plan/planBench.ts';
import { formatWriteRules, runWriteRules } from './writeRules/writeRulesBench.ts';
import { formatPyramid, runPyramid } from './pyramid/pyramidBench.ts';
import { formatStorage, runStorage } from './storage/storageBench.ts';
import { formatScaleOut, runScaleOut } from './scaleOut/scaleOutBench.ts';

const ourServerMain = fileURLToPath(new URL('../server/src/main.ts', import.meta.url));

function heading(text: string): void {
  process.stdout.write(`\n== ${text} ==\n`);
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Starts the servers of BENCH_SERVERS, runs `body` and stops every server that started. */
async function withServers(opts: BenchOptions, body: (servers: BenchServer[]) => Promise<void>): Promise<void> {
  const servers: BenchServer[] = [];
  try {
    for (const name of opts.servers) {
      if (name === 'ours' && !existsSync(ourServerMain)) {
        log('  ours: server/src/main.ts not found, skipped');
        continue;
      }
      const s = name === 'ours' ? new OurServer() : new ReferenceServer();
      servers.push(s);
      await s.start();
    }
    await body(servers);
  } finally {
    for (const s of servers) await (s instanceof OurServer ? s.dispose() : s.stop());
  }
}

async function propagation(opts: BenchOptions): Promise<void> {
  heading(`Edit propagation (${opts.clientCounts.join(', ')} clients, ${opts.edits} edits each, ${opts.clientProcs} client processes)`);
  await withServers(opts, async (servers) => {
    const pool = await ClientPool.start(opts.clientProcs);
    try {
      const results = await runPropagation(servers, opts, pool, log);
      log(`\n${formatPropagation(results, 'target: p99 within 1.2x')}`);
    } finally {
      await pool.stop();
    }
  });
}

async function fanout(opts: BenchOptions): Promise<void> {
  heading(
    `Edit fan-out to bare observer sockets (${opts.fanoutClients.join(', ')} clients, ${opts.fanoutEdits} edits each, ` +
      `one writer, ${opts.observerProcs} observer processes)`,
  );
  await withServers(opts, async (servers) => {
    const pool = await ObserverPool.start(opts.observerProcs, opts.fanoutIntervalMs);
    try {
      const results = await runPropagation(servers, { ...opts, clientCounts: opts.fanoutClients, edits: opts.fanoutEdits }, pool, log);
      log(`\n${formatPropagation(results, 'targets: server CPU/edit at most 1.00x, p50 (first) within 1.10x; at 1,000 clients p99 under 100 ms')}`);
    } finally {
      await pool.stop();
    }
  });
}

async function stall(opts: BenchOptions): Promise<void> {
  heading(`Stall: a victim on another board edits every ${opts.stallEditMs} ms while an attacker sends each hostile payload (our server)`);
  if (!existsSync(ourServerMain)) {
    process.stdout.write('  server/src/main.ts not found, skipped\n');
    return;
  }
  const report = await runStall(opts, log);
  process.stdout.write(`\n${formatStall(report)}\n`);
}

async function load(opts: BenchOptions): Promise<void> {
  heading(`Board load time (${opts.history}-update history, our server)`);
  if (!existsSync(ourServerMain)) {
    process.stdout.write('  server/src/main.ts not found, skipped\n');
    return;
  }
  const result = await runLoad({ history: opts.history }, log);
  process.stdout.write(`\n${formatLoad(result)}\n`);

  const slice = Math.min(opts.mergeSlice, opts.history);
  heading(`Y.mergeUpdates vs replay (${slice} updates of the same kind, in this process)`);
  const base = Y.encodeStateAsUpdate(new Y.Doc());
  const h = generateHistory(base, slice);
  process.stdout.write(`${formatMergeVsReplay(mergeVsReplay(base, h.updates))}\n`);
}

async function browser(opts: BenchOptions): Promise<void> {
  heading(`Browser: boards of ${opts.noteCounts.join(', ')} notes in headless chromium; peers ${opts.peers.join(', ') || 'none'} at ${opts.peerNoteCounts.join(', ')}`);
  if (!existsSync(ourServerMain)) {
    process.stdout.write('  server/src/main.ts not found, skipped\n');
    return;
  }
  if (!existsSync(opts.chromium)) {
    process.stdout.write(`  no chromium at ${opts.chromium} (BENCH_CHROMIUM), skipped\n`);
    return;
  }
  let clientDir = DEFAULT_CLIENT_DIR;
  let built: string | undefined;
  if (opts.build || !existsSync(`${clientDir}/index.html`)) {
    const t = performance.now();
    built = clientDir = await buildClient();
    process.stdout.write(`  built the client from the current source in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  } else {
    process.stdout.write('  using the existing build in dist/client (BENCH_BUILD=0)\n');
  }
  const ours: BrowserResult[] = [];
  try {
    for (const notes of opts.noteCounts) {
      log(`\n-- ours, ${notes} notes (load average ${os.loadavg()[0].toFixed(2)}) --`);
      const result = await runBrowser({ notes, chromium: opts.chromium, clientDir }, log);
      ours.push(result);
      process.stdout.write(`\n${formatBrowser(result)}\n`);
    }
  } finally {
    if (built) rmSync(dirname(built), { recursive: true, force: true });
  }
  const peers: PeerResult[] = [];
  const peerErrors: string[] = [];
  if (opts.peers.length > 0) {
    log('\n-- peers --');
    let server: PeerServer | undefined;
    try {
      server = new PeerServer(await buildPeers(log));
      await server.start();
    } catch (err) {
      peerErrors.push(`peers not measured: ${err instanceof Error ? err.message : String(err)}`);
      await server?.stop();
      server = undefined;
    }
    if (server) {
      try {
        for (const notes of opts.peerNoteCounts) {
          for (const peer of opts.peers) {
            log(`  ${peer}, ${notes} shapes (load average ${os.loadavg()[0].toFixed(2)})`);
            try {
              peers.push(await runPeer(server, peer, notes, opts.chromium, log));
            } catch (err) {
              peers.push({ peer, notes, loadMs: NaN, heapMB: NaN, error: err instanceof Error ? err.message : String(err) });
            }
          }
        }
      } finally {
        await server.stop();
      }
    }
  }
  process.stdout.write(`\n${formatBrowserSummary(ours, peers, peerErrors)}\n`);
}

async function startup(opts: BenchOptions): Promise<void> {
  heading(`Server start: compiled (npm start) vs tsx (npm run serve), ${opts.starts} starts each`);
  process.stdout.write(`${formatStartup(await runStartup({ starts: opts.starts }))}\n`);
}

async function writeRules(opts: BenchOptions): Promise<void> {
  heading(`Write rules (issue 7): the check per update, and our server with the rules on and off`);
  const result = await runWriteRules({ observers: opts.rulesObservers, edits: opts.rulesEdits, notes: opts.rulesNotes }, (line) =>
    process.stdout.write(`${line}\n`),
  );
  process.stdout.write(`\n${formatWriteRules(result)}\n`);
}

async function main(): Promise<void> {
  const opts = readOptions();
  const started = performance.now();
  process.stdout.write(
    `bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  if (opts.sections.includes('propagation')) await propagation(opts);
  if (opts.sections.includes('fanout')) await fanout(opts);
  if (opts.sections.includes('stall')) await stall(opts);
  if (opts.sections.includes('load')) await load(opts);
  if (opts.sections.includes('browser')) await browser(opts);
  if (opts.sections.includes('startup')) await startup(opts);
  if (opts.sections.includes('matrix')) {
    heading('Confrontation matrix: 10 x 10 cells scored by 30 participants (issue 7)');
    process.stdout.write(`${formatMatrix(runMatrix())}\n`);
  }
  if (opts.sections.includes('writeRules')) await writeRules(opts);
  if (opts.sections.includes('pyramid')) {
    heading('Customer pyramid: import and analysis of 10,000 accounts (issue 9)');
    process.stdout.write(`${formatPyramid(runPyramid())}\n`);
  }
  if (opts.sections.includes('plan')) {
    heading('Action plan: generation and every format for a large board (issue 11)');
    process.stdout.write(`${formatPlan(await runPlan())}\n`);
  }
  if (opts.sections.includes('storage')) {
    heading('Storage (issue 12): PostgreSQL against SQLite write latency, in-process and through the server');
    const result = await runStorage({ databaseUrl: opts.databaseUrl, appends: opts.storageAppends, edits: opts.storageEdits, busyWriters: opts.busyWriters, busyEdits: opts.busyEdits }, log);
    process.stdout.write(`${formatStorage(result)}\n`);
  }
  if (opts.sections.includes('scaleOut')) {
    heading('Scale-out (issue 12): edit propagation across two instances (PostgreSQL + Redis) against one instance');
    const result = await runScaleOut({
      databaseUrl: opts.databaseUrl, redisUrl: opts.redisUrl, edits: opts.scaleOutEdits,
      many: { boards: opts.scaleOutBoards, edits: opts.scaleOutBoardEdits, rate: opts.scaleOutRate },
    }, log);
    process.stdout.write(`${formatScaleOut(result)}\n`);
  }
  process.stdout.write(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main().then(
  // Every child process is stopped by now; exit even if a library left a timer behind.
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
