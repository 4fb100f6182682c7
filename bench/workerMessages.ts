// IPC messages every bench worker process understands (client workers of the propagation bench,
// observer workers of the fan-out bench), and the worker side of the load measurement.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export type ToAnyWorker =
  | { type: 'load-reset' }
  | { type: 'load-read' }
  /** Close every connection of `target`; answer `closed`. */
  | { type: 'close'; target: string };

export type FromAnyWorker =
  | { type: 'ready' }
  /** Every connection of `target` is open and synced. */
  | { type: 'connected'; target: string }
  | { type: 'closed'; target: string }
  /** Event-loop utilisation (0..1) of the worker since the last load-reset. */
  | { type: 'load'; utilization: number }
  | { type: 'error'; message: string };

let loadStart: EventLoopUtilization = performance.eventLoopUtilization();

export function sendToParent(m: FromAnyWorker | { type: string }): void {
  process.send?.(m);
}

/**
 * The body of a worker process: answers the load messages itself, hands every other message to
 * `handle` (a failure goes to the parent as an `error` message), exits with its parent, and says
 * `ready`.
 */
export function serveWorker<T extends { type: string }>(handle: (m: Exclude<T, { type: 'load-reset' | 'load-read' }>) => Promise<void> | void): void {
  process.on('message', async (m: T) => {
    try {
      if (m.type === 'load-reset') loadStart = performance.eventLoopUtilization();
      else if (m.type === 'load-read') sendToParent({ type: 'load', utilization: performance.eventLoopUtilization(loadStart).utilization });
      else await handle(m as Exclude<T, { type: 'load-reset' | 'load-read' }>);
    } catch (err) {
      sendToParent({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  sendToParent({ type: 'ready' });
}
