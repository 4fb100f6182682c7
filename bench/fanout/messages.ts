// IPC messages between the fan-out coordinator (fanoutBench.ts) and its observer worker processes.

export type ToObserverWorker =
  /** Open one bare socket per URL; answer `connected` when every one has its sync step 2. */
  | { type: 'connect'; target: string; urls: string[] }
  | { type: 'load-reset' }
  | { type: 'load-read' }
  | { type: 'close'; target: string };

export type FromObserverWorker =
  | { type: 'ready' }
  | { type: 'connected'; target: string }
  | { type: 'closed'; target: string }
  /** Clock readings (µs, CLOCK_MONOTONIC) at which each of the worker's observers got edit `seq`. */
  | { type: 'observed'; target: string; seq: number; times: number[] }
  /** Event-loop utilisation (0..1) of the worker since the last load-reset. */
  | { type: 'load'; utilization: number }
  | { type: 'error'; message: string };
