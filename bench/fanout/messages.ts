// IPC messages between the fan-out coordinator (ObserverPool.ts) and its observer worker processes,
// beside the ones every bench worker understands (../workerMessages.ts).
import type { FromAnyWorker, ToAnyWorker } from '../workerMessages.ts';

export type ToObserverWorker =
  /** Open one bare socket per URL; answer `connected` when every one has its sync step 2. */
  | { type: 'connect'; target: string; urls: string[] }
  | ToAnyWorker;

export type FromObserverWorker =
  /** Clock readings (µs, CLOCK_MONOTONIC) at which each of the worker's observers got edit `seq`. */
  | { type: 'observed'; target: string; seq: number; times: number[] }
  | FromAnyWorker;
