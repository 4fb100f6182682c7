// The coordinator's side of the client worker processes: spreads clients over the workers and
// turns one edit into a promise of its observation latencies. The writer rotates over all clients.
import type { ChildProcess } from 'node:child_process';
import { benchPath, forkTs, stopChild, waitForMessage } from '../childProcess.ts';
import type { BoardAccess } from '../servers/BenchServer.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import type { PropagationClients } from './propagationBench.ts';

interface EditWait {
  t0: number | undefined;
  times: number[];
  expected: number;
  resolve: (latenciesMicros: number[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class ClientPool implements PropagationClients {
  private readonly workers: ChildProcess[] = [];
  private readonly waits = new Map<string, EditWait>();
  /** Clients per target. */
  private readonly sizes = new Map<string, number>();
  private failure: Error | undefined;

  private constructor() {}

  static async start(processes: number): Promise<ClientPool> {
    const pool = new ClientPool();
    for (let i = 0; i < processes; i++) {
      const w = forkTs(benchPath('./propagation/clientWorkerMain.ts'));
      pool.workers.push(w);
      w.on('message', (m: FromWorker) => pool.onMessage(m));
    }
    await Promise.all(
      pool.workers.map((w) => waitForMessage(w, (m): m is FromWorker => m?.type === 'ready', 30_000, 'client worker start')),
    );
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Connects N clients (client i in worker i mod K) and resolves when every one has synced. */
  async connect(target: string, wsUrl: string, access: BoardAccess): Promise<void> {
    const n = access.params.length;
    this.sizes.set(target, n);
    await Promise.all(
      this.workers.map((w, k) => {
        const clients = [];
        for (let i = k; i < n; i += this.workers.length) clients.push({ index: i, params: access.params[i] });
        const done = waitForMessage(
          w,
          (m): m is FromWorker => (m?.type === 'connected' && m.target === target) || m?.type === 'error',
          120_000,
          `connecting ${clients.length} clients to ${target}`,
        );
        this.send(w, { type: 'connect', target, wsUrl, room: access.room, clients });
        return done.then((m) => {
          if (m.type === 'error') throw new Error(m.message);
        });
      }),
    );
  }

  /** One edit by client seq mod N; resolves with the latency (µs) of each of the other N-1 clients. */
  edit(target: string, seq: number, timeoutMs = 15_000): Promise<number[]> {
    if (this.failure) return Promise.reject(this.failure);
    const clients = this.sizes.get(target);
    if (clients === undefined) return Promise.reject(new Error(`edit for unknown target ${target}`));
    const writer = seq % clients;
    const key = `${target}#${seq}`;
    const result = new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        const w = this.waits.get(key);
        this.waits.delete(key);
        reject(new Error(`edit ${seq} on ${target}: ${w?.times.length ?? 0} of ${clients - 1} clients observed it within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waits.set(key, { t0: undefined, times: [], expected: clients - 1, resolve, reject, timer });
    });
    for (const w of this.workers) this.send(w, { type: 'edit', target, seq, writer });
    return result;
  }

  async close(target: string): Promise<void> {
    this.sizes.delete(target);
    await Promise.all(
      this.workers.map((w) => {
        const done = waitForMessage(w, (m): m is FromWorker => m?.type === 'closed' && m.target === target, 30_000, 'closing clients');
        this.send(w, { type: 'close', target });
        return done;
      }),
    );
  }

  resetLoad(): void {
    for (const w of this.workers) this.send(w, { type: 'load-reset' });
  }

  /** Mean event-loop utilisation of the workers since resetLoad(). */
  async readLoad(): Promise<number> {
    const values = await Promise.all(
      this.workers.map((w) => {
        const got = waitForMessage(w, (m): m is { type: 'load'; utilization: number } => m?.type === 'load', 10_000, 'worker load');
        this.send(w, { type: 'load-read' });
        return got.then((m) => m.utilization);
      }),
    );
    return values.reduce((a, b) => a + b, 0) / values.length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => stopChild(w)));
  }

  private send(w: ChildProcess, m: ToWorker): void {
    w.send(m);
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'error') {
      this.failure = new Error(`client worker: ${m.message}`);
      for (const [key, w] of this.waits) {
        clearTimeout(w.timer);
        w.reject(this.failure);
        this.waits.delete(key);
      }
      return;
    }
    if (m.type !== 'wrote' && m.type !== 'observed') return;
    const key = `${m.target}#${m.seq}`;
    const w = this.waits.get(key);
    if (!w) return;
    if (m.type === 'wrote') w.t0 = m.t0;
    else w.times.push(...m.times);
    if (w.t0 !== undefined && w.times.length >= w.expected) {
      clearTimeout(w.timer);
      this.waits.delete(key);
      const t0 = w.t0;
      w.resolve(w.times.map((t) => t - t0));
    }
  }
}
