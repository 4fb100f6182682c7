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
import { formatLoad, runLoad } from './load/loadBench.ts';
import { formatMergeVsReplay, mergeVsReplay } from './load/mergeVsReplay.ts';
import { generateHistory } from './load/generateHistory.ts';
import * as Y from 'yjs';
import { DEFAULT_CLIENT_DIR, formatBrowser, runBrowser } from './browser/browserBench.ts';
import { buildClient } from './browser/buildClient.ts';
import { formatStartup, runStartup } from './startup/startupBench.ts';

const ourServerMain = fileURLToPath(new URL('../server/src/main.ts', import.meta.url));

function heading(text: string): void {
  process.stdout.write(`\n== ${text} ==\n`);
}

async function propagation(opts: BenchOptions): Promise<void> {
  heading(`Edit propagation (${opts.clientCounts.join(', ')} clients, ${opts.edits} edits each, ${opts.clientProcs} client processes)`);
  const servers: BenchServer[] = [];
  try {
    for (const name of opts.servers) {
      if (name === 'ours' && !existsSync(ourServerMain)) {
        process.stdout.write('  ours: server/src/main.ts not found, skipped\n');
        continue;
      }
      const s = name === 'ours' ? new OurServer() : new ReferenceServer();
      await s.start();
      servers.push(s);
    }
    const results = await runPropagation(servers, opts);
    process.stdout.write(`\n${formatPropagation(results)}\n`);
  } finally {
    for (const s of servers) await (s instanceof OurServer ? s.dispose() : s.stop());
  }
}

async function load(opts: BenchOptions): Promise<void> {
  heading(`Board load time (${opts.history}-update history, our server)`);
  if (!existsSync(ourServerMain)) {
    process.stdout.write('  server/src/main.ts not found, skipped\n');
    return;
  }
  const result = await runLoad({ history: opts.history }, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`\n${formatLoad(result)}\n`);

  const slice = Math.min(opts.mergeSlice, opts.history);
  heading(`Y.mergeUpdates vs replay (${slice} updates of the same kind, in this process)`);
  const base = Y.encodeStateAsUpdate(new Y.Doc());
  const h = generateHistory(base, slice);
  process.stdout.write(`${formatMergeVsReplay(mergeVsReplay(base, h.updates))}\n`);
}

async function browser(opts: BenchOptions): Promise<void> {
  heading(`Browser: a board with ${opts.notes} notes in headless chromium`);
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
  try {
    const result = await runBrowser({ notes: opts.notes, chromium: opts.chromium, clientDir }, (line) =>
      process.stdout.write(`${line}\n`),
    );
    process.stdout.write(`\n${formatBrowser(result)}\n`);
  } finally {
    if (built) rmSync(dirname(built), { recursive: true, force: true });
  }
}

async function startup(opts: BenchOptions): Promise<void> {
  heading(`Server start: compiled (npm start) vs tsx (npm run serve), ${opts.starts} starts each`);
  process.stdout.write(`${formatStartup(await runStartup({ starts: opts.starts }))}\n`);
}

async function main(): Promise<void> {
  const opts = readOptions();
  const started = performance.now();
  process.stdout.write(
    `bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  if (opts.sections.includes('propagation')) await propagation(opts);
  if (opts.sections.includes('load')) await load(opts);
  if (opts.sections.includes('browser')) await browser(opts);
  if (opts.sections.includes('startup')) await startup(opts);
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
