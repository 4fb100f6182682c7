// IPC messages between the propagation coordinator (bench/run.ts) and its client worker processes.

export interface ClientSpec {
  /** Global client index on the board (0..N-1). */
  index: number;
  params: Record<string, string>;
}

export type ToWorker =
  | { type: 'connect'; target: string; wsUrl: string; room: string; clients: ClientSpec[] }
  | { type: 'edit'; target: string; seq: number; writer: number }
  | { type: 'load-reset' }
  | { type: 'load-read' }
  | { type: 'close'; target: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'connected'; target: string }
  | { type: 'closed'; target: string }
  /** The writer's clock reading (µs, CLOCK_MONOTONIC) just before its transaction. */
  | { type: 'wrote'; target: string; seq: number; t0: number }
  /** Clock readings (µs) at which each local observer saw edit `seq` in its Y.Map observer. */
  | { type: 'observed'; target: string; seq: number; times: number[] }
  /** Event-loop utilisation (0..1) of the worker since the last load-reset. */
  | { type: 'load'; utilization: number }
  | { type: 'error'; message: string };
