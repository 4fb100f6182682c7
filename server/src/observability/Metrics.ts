// Prometheus metrics of one server instance (own registry, so several servers can run in one
// process, as the tests do).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly wsConnections = new Gauge({ name: 'board_ws_connections', help: 'Open y-websocket connections', registers: [this.registry] });
  readonly loadedBoards = new Gauge({ name: 'board_loaded_boards', help: 'Boards loaded in memory', registers: [this.registry] });
  readonly persistedUpdates = new Counter({
    name: 'board_persisted_updates_total',
    help: 'Document updates committed to storage',
    registers: [this.registry],
  });
  readonly persistSeconds = new Histogram({
    name: 'board_persist_seconds',
    help: 'Time to commit one update to storage',
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly wsClosed = new Counter({
    name: 'board_ws_closed_total',
    help: 'y-websocket connections closed by the server, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly refusedUpdates = new Counter({
    name: 'board_refused_updates_total',
    help: 'Updates refused by the write rules (Refused message), by what they touched',
    labelNames: ['target'],
    registers: [this.registry],
  });
  readonly socketioConnections = new Gauge({
    name: 'board_socketio_connections',
    help: 'Open socket.io connections',
    registers: [this.registry],
  });
  readonly busUpdates = new Counter({
    name: 'board_bus_updates_total',
    help: 'Updates other instances stored, received over the bus (REDIS_URL) and applied',
    registers: [this.registry],
  });
  readonly catchUps = new Counter({
    name: 'board_catch_ups_total',
    help: 'Reads of a board from storage to catch up with other instances, by reason (gap, join, reconnect)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
