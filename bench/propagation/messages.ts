// IPC messages between the propagation coordinator (bench/run.ts) and its client worker processes,
// beside the ones every bench worker understands (../workerMessages.ts).
import type { FromAnyWorker, ToAnyWorker } from '../workerMessages.ts';

export interface ClientSpec {
  /** Global client index on the board (0..N-1). */
  index: number;
  params: Record<string, string>;
}

export type ToWorker =
  | { type: 'connect'; target: string; wsUrl: string; room: string; clients: ClientSpec[] }
  | { type: 'edit'; target: string; seq: number; writer: number }
  | ToAnyWorker;

export type FromWorker =
  /** The writer's clock reading (µs, CLOCK_MONOTONIC) just before its transaction. */
  | { type: 'wrote'; target: string; seq: number; t0: number }
  /** Clock readings (µs) at which each local observer saw edit `seq` in its Y.Map observer. */
  | { type: 'observed'; target: string; seq: number; times: number[] }
  | FromAnyWorker;
