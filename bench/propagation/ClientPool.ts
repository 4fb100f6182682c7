// The coordinator's side of the client worker processes: spreads clients over the workers and
// turns one edit into a promise of its observation latencies. The writer rotates over all clients.
import { WorkerPool } from '../WorkerPool.ts';
import type { BoardAccess } from '../servers/BenchServer.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import type { PropagationClients } from './propagationBench.ts';

export class ClientPool extends WorkerPool<ToWorker, FromWorker> implements PropagationClients {
  /** Clients per target. */
  private readonly sizes = new Map<string, number>();

  private constructor() {
    super();
  }

  static async start(processes: number): Promise<ClientPool> {
    const pool = new ClientPool();
    await pool.fork('./propagation/clientWorkerMain.ts', processes, (m) => pool.onMessage(m));
    return pool;
  }

  /** Connects N clients (client i in worker i mod K) and resolves when every one has synced. */
  async connect(target: string, wsUrl: string, access: BoardAccess): Promise<void> {
    const n = access.params.length;
    this.sizes.set(target, n);
    const share = (k: number) => {
      const clients = [];
      for (let i = k; i < n; i += this.workers.length) clients.push({ index: i, params: access.params[i] });
      return clients;
    };
    await this.connectAll(
      target,
      (k) => ({ type: 'connect', target, wsUrl, room: access.room, clients: share(k) }),
      (k) => `connecting ${share(k).length} clients to ${target}`,
    );
  }

  /** One edit by client seq mod N; resolves with the latency (µs) of each of the other N-1 clients. */
  async edit(target: string, seq: number, timeoutMs = 15_000): Promise<number[]> {
    const clients = this.sizes.get(target);
    if (clients === undefined) throw new Error(`edit for unknown target ${target}`);
    const key = `${target}#${seq}`;
    const observed = this.waitFor(key, clients - 1, timeoutMs, (got) => `edit ${seq} on ${target}: ${got} of ${clients - 1} clients observed it within ${timeoutMs} ms`);
    for (const w of this.workers) this.send(w, { type: 'edit', target, seq, writer: seq % clients });
    const { times, t0 } = await observed;
    return times.map((t) => t - t0!);
  }

  override async close(target: string): Promise<void> {
    this.sizes.delete(target);
    await super.close(target);
  }

  private onMessage(m: FromWorker): void {
    if (m.type !== 'wrote' && m.type !== 'observed') return;
    const key = `${m.target}#${m.seq}`;
    const w = this.waits.get(key);
    if (!w) return;
    if (m.type === 'wrote') w.t0 = m.t0;
    else w.times.push(...m.times);
    this.settle(key, w, true);
  }
}
