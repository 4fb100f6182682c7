// Runs SQLite WAL checkpoints on a worker thread with its own connection. A checkpoint fsyncs the
// database file; done by SQLite's auto-checkpoint inside a commit, that stalls the event loop (and so
// every board's relaying) for tens of milliseconds on a busy disk. A PASSIVE checkpoint next to the
// writer blocks neither side.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/** Plain CommonJS evaluated in the worker: no TypeScript loader is needed there. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ error: String(err) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'checkpoint') checkpoint();
  if (m === 'close') { clearInterval(timer); db.close(); parentPort.postMessage('closed'); parentPort.close(); }
});
parentPort.postMessage('ready');
`;

export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and resolves once it has the database open. */
  static start(file: string, intervalMs = 1000, onError: (message: string) => void = () => {}): Promise<WalCheckpointer> {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
    worker.unref();
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`checkpoint worker exited with ${code}`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.on('message', (m: unknown) => {
        if (m === 'ready') {
          worker.off('error', reject);
          worker.off('exit', onExit);
          worker.on('error', (err) => onError(String(err)));
          resolve(new WalCheckpointer(worker));
        } else if (typeof m === 'object' && m !== null && 'error' in m) {
          onError(String((m as { error: unknown }).error));
        }
      });
    });
  }

  /** Asks for a checkpoint now (e.g. after a compaction deleted many rows). */
  nudge(): void {
    this.worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }
}
