// Edit propagation: one board, N clients, a rotating writer; for each edit, the time until each of
// the other N-1 clients has it applied in its Y.Doc. Servers are measured in alternating blocks of
// edits within one run, so that noise from other work on the machine falls on both alike.
import type { BenchServer, BoardAccess } from '../servers/BenchServer.ts';
import { seedBoard } from '../seedBoard.ts';
import { cpuSeconds } from '../childProcess.ts';
import { bootstrapRatio, ms, ratio, summarize, table, type Summary } from '../stats.ts';

function interval(r: { low: number; high: number }): string {
  return `${r.low.toFixed(2)}x-${r.high.toFixed(2)}x`;
}

export interface PropagationOptions {
  clientCounts: number[];
  edits: number;
  warmup: number;
  /**
   * Edits per block before switching to the other server. Small blocks spread the noise of a shared
   * machine evenly over both servers.
   */
  blockSize?: number;
  /** Notes on the board before measuring (edits type into them). */
  seedNotes?: number;
}

/**
 * The clients of a propagation run: how they connect and how one edit is made and observed. The
 * measuring around them (alternating blocks, CPU, percentiles) is the same for every kind.
 */
export interface PropagationClients {
  /** Connects one client per entry of `access.params` to the board, under the name `target`. */
  connect(target: string, wsUrl: string, access: BoardAccess): Promise<void>;
  /** Makes edit `seq` on `target`; resolves with the latency (µs) of each client that observed it. */
  edit(target: string, seq: number): Promise<number[]>;
  resetLoad(): void;
  /** Mean event-loop utilisation of the client processes since resetLoad(). */
  readLoad(): Promise<number>;
  close(target: string): Promise<void>;
}

export interface PropagationResult {
  clients: number;
  server: string;
  /** Latency of every (edit, observer) pair, ms. */
  all: Summary;
  /** Latency until the first of the N-1 observers had the edit, per edit, ms: the server's own delay. */
  first: Summary;
  /** Latency until the last of the N-1 observers had the edit, per edit, ms: the whole fan-out. */
  last: Summary;
  /** Server CPU time per measured edit, ms. */
  serverCpuPerEdit: number;
  /** Mean event-loop utilisation of the client processes while measuring. */
  clientLoad: number;
  connectMs: number;
  /** Latencies of each measured edit (ms), one array per edit: for the bootstrap interval. */
  perEdit: number[][];
}

interface Accum {
  perEdit: number[][];
  all: number[];
  first: number[];
  last: number[];
  cpu: number;
  loadWeighted: number;
  busyMs: number;
  connectMs: number;
}

export async function runPropagation(
  servers: BenchServer[],
  opts: PropagationOptions,
  clients: PropagationClients,
  log: (line: string) => void,
): Promise<PropagationResult[]> {
  const results: PropagationResult[] = [];
  const block = opts.blockSize ?? 5;
  let seq = 0;
  for (const n of opts.clientCounts) {
    const acc = new Map<string, Accum>();
    for (const s of servers) {
      const access = await s.openBoard(n);
      await seedBoard(s.wsUrl, access.room, access.params[0], opts.seedNotes ?? 20);
      const t = performance.now();
      await clients.connect(`${s.name}/${n}`, s.wsUrl, access);
      acc.set(s.name, { perEdit: [], all: [], first: [], last: [], cpu: 0, loadWeighted: 0, busyMs: 0, connectMs: performance.now() - t });
      log(`  ${s.name}: ${n} clients connected and synced in ${ms(performance.now() - t, 0)}`);
    }
    for (const s of servers) {
      for (let i = 0; i < opts.warmup; i++, seq++) await clients.edit(`${s.name}/${n}`, seq);
    }
    for (let done = 0; done < opts.edits; done += block) {
      const count = Math.min(block, opts.edits - done);
      for (const s of servers) {
        const a = acc.get(s.name)!;
        const cpu0 = await cpuSeconds(s.pid);
        clients.resetLoad();
        const t0 = performance.now();
        for (let i = 0; i < count; i++, seq++) {
          const lat = await clients.edit(`${s.name}/${n}`, seq);
          let max = 0;
          let min = Infinity;
          a.perEdit.push(lat.map((l) => l / 1000));
          for (const l of lat) {
            a.all.push(l / 1000);
            if (l > max) max = l;
            if (l < min) min = l;
          }
          a.first.push(min / 1000);
          a.last.push(max / 1000);
        }
        const elapsed = performance.now() - t0;
        a.loadWeighted += (await clients.readLoad()) * elapsed;
        a.busyMs += elapsed;
        a.cpu += (await cpuSeconds(s.pid)) - cpu0;
      }
    }
    for (const s of servers) {
      const a = acc.get(s.name)!;
      results.push({
        clients: n,
        server: s.name,
        all: summarize(a.all),
        first: summarize(a.first),
        last: summarize(a.last),
        serverCpuPerEdit: (a.cpu * 1000) / opts.edits,
        clientLoad: a.loadWeighted / a.busyMs,
        connectMs: a.connectMs,
        perEdit: a.perEdit,
      });
      await clients.close(`${s.name}/${n}`);
    }
  }
  return results;
}

/** `targets`: the targets, printed above the ratios (the bench itself never judges). */
export function formatPropagation(results: PropagationResult[], targets: string): string {
  const rows = results.map((r) => [
    String(r.clients),
    r.server,
    String(r.last.count),
    ms(r.all.p50),
    ms(r.all.p99),
    ms(r.first.p50),
    ms(r.first.p99),
    ms(r.last.p50),
    ms(r.last.p99),
    ms(r.serverCpuPerEdit, 3),
    `${Math.round(r.clientLoad * 100)}%`,
  ]);
  const out = [
    table(['clients', 'server', 'edits', 'p50', 'p99', 'p50 (first)', 'p99 (first)', 'p50 (last)', 'p99 (last)', 'server CPU/edit', 'client loop busy'], rows),
  ];
  const ratios: string[][] = [];
  for (const n of new Set(results.map((r) => r.clients))) {
    const ours = results.find((r) => r.clients === n && r.server === 'ours');
    const ref = results.find((r) => r.clients === n && r.server === 'reference');
    if (!ours || !ref) continue;
    ratios.push([
      String(n),
      ratio(ours.all.p50, ref.all.p50),
      ratio(ours.all.p99, ref.all.p99),
      ratio(ours.first.p50, ref.first.p50),
      ratio(ours.first.p99, ref.first.p99),
      ratio(ours.last.p50, ref.last.p50),
      ratio(ours.last.p99, ref.last.p99),
      ratio(ours.serverCpuPerEdit, ref.serverCpuPerEdit),
      interval(bootstrapRatio(ours.perEdit, ref.perEdit, 99)),
    ]);
  }
  if (ratios.length) {
    out.push('', `ours / reference (${targets})`, table(['clients', 'p50', 'p99', 'p50 (first)', 'p99 (first)', 'p50 (last)', 'p99 (last)', 'server CPU/edit', 'p99: 90% interval'], ratios));
  }
  return out.join('\n');
}
