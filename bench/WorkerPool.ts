// The coordinator's side of a set of bench worker processes (see workerMessages.ts): starting and
// stopping them, the load measurement, closing a target, and waiting for the clock readings of
// one edit from all of them.
import type { ChildProcess } from 'node:child_process';
import { benchPath, forkTs, stopChild, waitForMessage } from './childProcess.ts';
import type { FromAnyWorker, ToAnyWorker } from './workerMessages.ts';

export interface EditWait {
  /** The writer's clock reading (µs), when the pool learns it from a worker. */
  t0?: number;
  /** Clock readings (µs) of the observers so far. */
  times: number[];
  expected: number;
  resolve: (w: EditWait) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class WorkerPool<ToW extends { type: string }, FromW extends { type: string }> {
  protected readonly workers: ChildProcess[] = [];
  protected readonly waits = new Map<string, EditWait>();
  protected failure: Error | undefined;

  /** Forks `processes` copies of `script` (relative to bench/) and waits until each is ready. */
  protected async fork(script: string, processes: number, onMessage: (m: FromW) => void): Promise<void> {
    for (let i = 0; i < processes; i++) {
      const w = forkTs(benchPath(script));
      this.workers.push(w);
      w.on('message', (m: FromW | FromAnyWorker) => {
        if (m.type === 'error') this.fail(new Error(`worker: ${(m as Extract<FromAnyWorker, { type: 'error' }>).message}`));
        else onMessage(m as FromW);
      });
    }
    await Promise.all(this.workers.map((w) => waitForMessage(w, (m): m is FromAnyWorker => m?.type === 'ready', 30_000, `${script} start`)));
  }

  /** Sends each worker its `connect` message and resolves when every one answered `connected`. */
  protected async connectAll(target: string, message: (worker: number) => ToW, what: (worker: number) => string): Promise<void> {
    await Promise.all(
      this.workers.map((w, k) => {
        const done = waitForMessage(
          w,
          (m): m is FromAnyWorker => (m?.type === 'connected' && m.target === target) || m?.type === 'error',
          180_000,
          what(k),
        );
        this.send(w, message(k));
        return done.then((m) => {
          if (m.type === 'error') throw new Error(m.message);
        });
      }),
    );
  }

  /** Starts waiting for `expected` readings under `key`; `timeoutMessage` says what was missing. */
  protected waitFor(key: string, expected: number, timeoutMs: number, timeoutMessage: (got: number) => string): Promise<EditWait> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<EditWait>((resolve, reject) => {
      const timer = setTimeout(() => {
        const w = this.waits.get(key);
        this.waits.delete(key);
        reject(new Error(timeoutMessage(w?.times.length ?? 0)));
      }, timeoutMs);
      this.waits.set(key, { times: [], expected, resolve, reject, timer });
    });
  }

  /** Resolves the wait once it has all its readings (and the writer's, if `needsT0`). */
  protected settle(key: string, w: EditWait, needsT0 = false): void {
    if (w.times.length < w.expected || (needsT0 && w.t0 === undefined)) return;
    clearTimeout(w.timer);
    this.waits.delete(key);
    w.resolve(w);
  }

  async close(target: string): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        const done = waitForMessage(w, (m): m is FromAnyWorker => m?.type === 'closed' && m.target === target, 30_000, `closing ${target}`);
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
        const got = waitForMessage(w, (m): m is Extract<FromAnyWorker, { type: 'load' }> => m?.type === 'load', 10_000, 'worker load');
        this.send(w, { type: 'load-read' });
        return got.then((m) => m.utilization);
      }),
    );
    return values.reduce((a, b) => a + b, 0) / values.length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => stopChild(w)));
  }

  protected send(w: ChildProcess, m: ToW | ToAnyWorker): void {
    w.send(m);
  }

  private fail(err: Error): void {
    this.failure = err;
    for (const [key, w] of this.waits) {
      clearTimeout(w.timer);
      w.reject(err);
      this.waits.delete(key);
    }
  }
}
