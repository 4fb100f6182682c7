// The fan-out bench's clients: one writer, a real WebsocketProvider in this (the coordinator's)
// process, and N-1 bare observer sockets spread over worker processes. Turns one edit into the
// latencies of all observers.
import type { ChildProcess } from 'node:child_process';
import type { WebsocketProvider } from 'y-websocket';
import { benchPath, forkTs, sleep, stopChild, waitForMessage } from '../childProcess.ts';
import { roomUrl, writeMarkedEdit } from '../bareSocket.ts';
import { closeProvider, openProvider, whenSynced } from '../provider.ts';
import type { BoardAccess } from '../servers/BenchServer.ts';
import type { PropagationClients } from '../propagation/propagationBench.ts';
import { nowMicros } from '../stats.ts';
import type { FromObserverWorker, ToObserverWorker } from './messages.ts';

interface Writer {
  provider: WebsocketProvider;
  observers: number;
  /** Last close code the server sent the writer, for the error message if edits stop arriving. */
  lastClose?: string;
}

interface EditWait {
  times: number[];
  expected: number;
  resolve: (timesMicros: number[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class ObserverPool implements PropagationClients {
  private readonly workers: ChildProcess[] = [];
  private readonly waits = new Map<string, EditWait>();
  private readonly writers = new Map<string, Writer>();
  private failure: Error | undefined;
  private lastEditAt = 0;

  /**
   * `minIntervalMs`: least time between the starts of two edits. One writer makes every edit, and
   * a server may cap messages per connection (ours: WS_MESSAGES_PER_SECOND, 200 by default).
   */
  private constructor(private readonly minIntervalMs: number) {}

  static async start(processes: number, minIntervalMs: number): Promise<ObserverPool> {
    const pool = new ObserverPool(minIntervalMs);
    for (let i = 0; i < processes; i++) {
      const w = forkTs(benchPath('./fanout/observerWorkerMain.ts'));
      pool.workers.push(w);
      w.on('message', (m: FromObserverWorker) => pool.onMessage(m));
    }
    await Promise.all(
      pool.workers.map((w) => waitForMessage(w, (m): m is FromObserverWorker => m?.type === 'ready', 30_000, 'observer worker start')),
    );
    return pool;
  }

  /**
   * Client 0 (`access.params[0]`) is the writer; clients 1..N-1 are observers (observer i in worker
   * i mod K). Resolves when all have synced.
   */
  async connect(target: string, wsUrl: string, access: BoardAccess): Promise<void> {
    const provider = openProvider(wsUrl, access.room, access.params[0]);
    const writer: Writer = { provider, observers: access.params.length - 1 };
    provider.on('connection-close', (e: { code: number; reason: string } | null) => {
      if (e) writer.lastClose = `${e.code} ${e.reason}`;
    });
    this.writers.set(target, writer);
    await whenSynced(provider);
    const urls = access.params.slice(1).map((p) => roomUrl(wsUrl, access.room, p));
    await Promise.all(
      this.workers.map((w, k) => {
        const mine = urls.filter((_, i) => i % this.workers.length === k);
        const done = waitForMessage(
          w,
          (m): m is FromObserverWorker => (m?.type === 'connected' && m.target === target) || m?.type === 'error',
          180_000,
          `connecting ${mine.length} observers to ${target}`,
        );
        this.send(w, { type: 'connect', target, urls: mine });
        return done.then((m) => {
          if (m.type === 'error') throw new Error(m.message);
        });
      }),
    );
  }

  /** The writer types edit `seq`'s marker into a note; resolves with each observer's latency (µs). */
  async edit(target: string, seq: number, timeoutMs = 15_000): Promise<number[]> {
    if (this.failure) throw this.failure;
    const writer = this.writers.get(target);
    if (!writer) throw new Error(`edit for unknown target ${target}`);
    const wait = this.lastEditAt + this.minIntervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    this.lastEditAt = performance.now();
    const key = `${target}#${seq}`;
    const observed = new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        const w = this.waits.get(key);
        this.waits.delete(key);
        const closed = writer.lastClose ? ` (the server closed the writer: ${writer.lastClose})` : '';
        reject(new Error(`edit ${seq} on ${target}: ${w?.times.length ?? 0} of ${writer.observers} observers got it within ${timeoutMs} ms${closed}`));
      }, timeoutMs);
      this.waits.set(key, { times: [], expected: writer.observers, resolve, reject, timer });
    });
    const t0 = nowMicros();
    writeMarkedEdit(writer.provider.doc, seq);
    return (await observed).map((t) => t - t0);
  }

  async close(target: string): Promise<void> {
    const writer = this.writers.get(target);
    this.writers.delete(target);
    if (writer) closeProvider(writer.provider);
    await Promise.all(
      this.workers.map((w) => {
        const done = waitForMessage(w, (m): m is FromObserverWorker => m?.type === 'closed' && m.target === target, 30_000, 'closing observers');
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

  private send(w: ChildProcess, m: ToObserverWorker): void {
    w.send(m);
  }

  private onMessage(m: FromObserverWorker): void {
    if (m.type === 'error') {
      this.failure = new Error(`observer worker: ${m.message}`);
      for (const [key, w] of this.waits) {
        clearTimeout(w.timer);
        w.reject(this.failure);
        this.waits.delete(key);
      }
      return;
    }
    if (m.type !== 'observed') return;
    const key = `${m.target}#${m.seq}`;
    const w = this.waits.get(key);
    if (!w) return;
    w.times.push(...m.times);
    if (w.times.length >= w.expected) {
      clearTimeout(w.timer);
      this.waits.delete(key);
      w.resolve(w.times);
    }
  }
}
