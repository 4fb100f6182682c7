// The fan-out bench's clients: one writer, a real WebsocketProvider in this (the coordinator's)
// process, and N-1 bare observer sockets spread over worker processes. Turns one edit into the
// latencies of all observers.
import type { WebsocketProvider } from 'y-websocket';
import { sleep } from '../childProcess.ts';
import { roomUrl, writeMarkedEdit } from '../bareSocket.ts';
import { closeProvider, openProvider, whenSynced } from '../provider.ts';
import type { BoardAccess } from '../servers/BenchServer.ts';
import type { PropagationClients } from '../propagation/propagationBench.ts';
import { nowMicros } from '../stats.ts';
import { WorkerPool } from '../WorkerPool.ts';
import type { FromObserverWorker, ToObserverWorker } from './messages.ts';

interface Writer {
  provider: WebsocketProvider;
  observers: number;
  /** Last close the server sent the writer, for the error message if edits stop arriving. */
  lastClose?: string;
}

export class ObserverPool extends WorkerPool<ToObserverWorker, FromObserverWorker> implements PropagationClients {
  private readonly writers = new Map<string, Writer>();
  private lastEditAt = 0;

  /**
   * `minIntervalMs`: least time between the starts of two edits. One writer makes every edit, and
   * a server may cap messages per connection (ours: WS_MESSAGES_PER_SECOND, 200 by default).
   */
  private constructor(private readonly minIntervalMs: number) {
    super();
  }

  static async start(processes: number, minIntervalMs: number): Promise<ObserverPool> {
    const pool = new ObserverPool(minIntervalMs);
    await pool.fork('./fanout/observerWorkerMain.ts', processes, (m) => pool.onMessage(m));
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
    const share = (k: number) => urls.filter((_, i) => i % this.workers.length === k);
    await this.connectAll(
      target,
      (k) => ({ type: 'connect', target, urls: share(k) }),
      (k) => `connecting ${share(k).length} observers to ${target}`,
    );
  }

  /** The writer types edit `seq`'s marker into a note; resolves with each observer's latency (µs). */
  async edit(target: string, seq: number, timeoutMs = 15_000): Promise<number[]> {
    const writer = this.writers.get(target);
    if (!writer) throw new Error(`edit for unknown target ${target}`);
    const wait = this.lastEditAt + this.minIntervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    this.lastEditAt = performance.now();
    const observed = this.waitFor(`${target}#${seq}`, writer.observers, timeoutMs, (got) => {
      const closed = writer.lastClose ? ` (the server closed the writer: ${writer.lastClose})` : '';
      return `edit ${seq} on ${target}: ${got} of ${writer.observers} observers got it within ${timeoutMs} ms${closed}`;
    });
    const t0 = nowMicros();
    writeMarkedEdit(writer.provider.doc, seq);
    return (await observed).times.map((t) => t - t0);
  }

  override async close(target: string): Promise<void> {
    const writer = this.writers.get(target);
    this.writers.delete(target);
    if (writer) closeProvider(writer.provider);
    await super.close(target);
  }

  private onMessage(m: FromObserverWorker): void {
    if (m.type !== 'observed') return;
    const key = `${m.target}#${m.seq}`;
    const w = this.waits.get(key);
    if (!w) return;
    w.times.push(...m.times);
    this.settle(key, w);
  }
}
