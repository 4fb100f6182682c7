// Bench configuration from the environment. Every knob has a default that keeps each section
// within a few minutes on the 2-core reference machine.
import { PEERS, type PeerName } from './browser/peerBench.ts';

export type BenchSection = 'propagation' | 'fanout' | 'stall' | 'load' | 'browser' | 'startup' | 'writeRules' | 'matrix' | 'pyramid' | 'plan' | 'storage' | 'scaleOut';
const SECTIONS: readonly BenchSection[] = ['propagation', 'fanout', 'stall', 'load', 'browser', 'startup', 'writeRules', 'matrix', 'pyramid', 'plan', 'storage', 'scaleOut'];

export interface BenchOptions {
  /** Sections to run (BENCH_ONLY=propagation,load). */
  sections: BenchSection[];
  /** Clients per board in the propagation bench (BENCH_CLIENTS=50,200). */
  clientCounts: number[];
  /** Measured edits per run (BENCH_EDITS). */
  edits: number;
  /** Edits made before measuring, to warm up JIT and sockets (BENCH_WARMUP). */
  warmup: number;
  /** Edits per server before switching to the other one (BENCH_BLOCK). */
  blockSize: number;
  /** Client processes the propagation clients are spread over (BENCH_CLIENT_PROCS). */
  clientProcs: number;
  /** Which servers to measure (BENCH_SERVERS=ours,reference). */
  servers: Array<'ours' | 'reference'>;
  /** Clients per board in the fan-out bench: one writer, the rest bare observers (BENCH_FANOUT_CLIENTS). */
  fanoutClients: number[];
  /** Measured edits per client count and server in the fan-out bench (BENCH_FANOUT_EDITS). */
  fanoutEdits: number;
  /** Processes the fan-out bench's bare observers are spread over (BENCH_OBSERVER_PROCS). */
  observerProcs: number;
  /** Least time between the starts of two edits of the fan-out bench's one writer (BENCH_FANOUT_INTERVAL_MS). */
  fanoutIntervalMs: number;
  /** Hostile payloads of the stall bench, by id (BENCH_STALL_PAYLOADS; default all). */
  stallPayloads: string[] | undefined;
  /** Notes on the board of the sync-step-1 payload (BENCH_STALL_NOTES). */
  stallNotes: number;
  /** Least time each stall window lasts (BENCH_STALL_WINDOW_MS). */
  stallWindowMs: number;
  /** Longest a stall window waits for the server to answer the victim again (BENCH_STALL_MAX_MS). */
  stallMaxMs: number;
  /** Time between two edits of the stall bench's victim (BENCH_STALL_EDIT_MS). */
  stallEditMs: number;
  /** Updates in the stall bench's message flood (BENCH_STALL_FLOOD). */
  stallFlood: number;
  /** Updates in the history of the load bench (BENCH_HISTORY). */
  history: number;
  /** Updates in the Y.mergeUpdates vs replay comparison (BENCH_MERGE_SLICE). */
  mergeSlice: number;
  /** Board sizes of the browser bench, 0 = the empty board every ratio is taken against (BENCH_NOTES=0,2000). */
  noteCounts: number[];
  /** Peers of the browser bench (BENCH_PEERS=tldraw,excalidraw; `none` for none). */
  peers: PeerName[];
  /** Board sizes the peers are measured at (BENCH_PEER_NOTES). */
  peerNoteCounts: number[];
  /**
   * Build the client from the current source into a private directory for the browser bench
   * (default; BENCH_BUILD=0 uses dist/client as it is).
   */
  build: boolean;
  /** Chromium binary for the browser bench (BENCH_CHROMIUM). */
  chromium: string;
  /** Starts of each kind of server in the startup bench (BENCH_STARTS). */
  starts: number;
  /** Bare observer sockets per server in the write-rules bench (BENCH_RULES_OBSERVERS). */
  rulesObservers: number;
  /** Measured edits per server in the write-rules bench (BENCH_RULES_EDITS). */
  rulesEdits: number;
  /** Notes on the big board of the write-rules bench's in-process check (BENCH_RULES_NOTES). */
  rulesNotes: number;
  /** PostgreSQL for the storage bench, which makes and drops schemas of its own (BENCH_DATABASE_URL). */
  databaseUrl: string;
  /** Appends measured per store in the storage bench (BENCH_STORAGE_APPENDS). */
  storageAppends: number;
  /** Edits measured per server in the storage bench (BENCH_STORAGE_EDITS). */
  storageEdits: number;
  /** Writers on the one busy board of the storage bench, one run per count (BENCH_BUSY_WRITERS). */
  busyWriters: number[];
  /** Measured edits per writer count and server on the busy board (BENCH_BUSY_EDITS). */
  busyEdits: number;
  /** Redis for the scale-out bench (BENCH_REDIS_URL). */
  redisUrl: string;
  /** Edits measured per setup in the scale-out bench (BENCH_SCALEOUT_EDITS). */
  scaleOutEdits: number;
  /** Boards of the scale-out bench's many-boards part (BENCH_SCALEOUT_BOARDS). */
  scaleOutBoards: number;
  /** Measured edits per setup in the many-boards part (BENCH_SCALEOUT_BOARD_EDITS). */
  scaleOutBoardEdits: number;
  /** Edits per second over all boards of the many-boards part (BENCH_SCALEOUT_RATE). */
  scaleOutRate: number;
}

function list(name: string): string[] | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function sizes(name: string, fallback: string[]): number[] {
  return (list(name) ?? fallback).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: "${s}" is not an integer >= 0`);
    return n;
  });
}

function peers(): PeerName[] {
  const names = list('BENCH_PEERS') ?? [...PEERS];
  if (names.length === 1 && names[0] === 'none') return [];
  for (const n of names) if (!PEERS.includes(n as PeerName)) throw new Error(`BENCH_PEERS: unknown peer "${n}" (use ${PEERS.join(', ')} or none)`);
  return names as PeerName[];
}

export function readOptions(): BenchOptions {
  const only = list('BENCH_ONLY');
  const sections = only ?? [...SECTIONS];
  for (const s of sections) {
    if (!SECTIONS.includes(s as BenchSection)) throw new Error(`BENCH_ONLY: unknown section "${s}" (use ${SECTIONS.join(', ')})`);
  }
  const counts = (name: string, fallback: string[]) =>
    (list(name) ?? fallback).map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 2) throw new Error(`${name}: "${s}" is not an integer >= 2`);
      return n;
    });
  const servers = list('BENCH_SERVERS') ?? ['ours', 'reference'];
  for (const s of servers) {
    if (s !== 'ours' && s !== 'reference') throw new Error(`BENCH_SERVERS: unknown server "${s}"`);
  }
  return {
    sections: sections as BenchSection[],
    clientCounts: counts('BENCH_CLIENTS', ['50', '200']),
    edits: int('BENCH_EDITS', 300, 1),
    warmup: int('BENCH_WARMUP', 30),
    blockSize: int('BENCH_BLOCK', 5, 1),
    clientProcs: int('BENCH_CLIENT_PROCS', 3, 1),
    servers: servers as Array<'ours' | 'reference'>,
    fanoutClients: counts('BENCH_FANOUT_CLIENTS', ['100', '500', '1000']),
    fanoutEdits: int('BENCH_FANOUT_EDITS', 200, 1),
    observerProcs: int('BENCH_OBSERVER_PROCS', 2, 1),
    fanoutIntervalMs: int('BENCH_FANOUT_INTERVAL_MS', 10),
    stallPayloads: list('BENCH_STALL_PAYLOADS'),
    stallNotes: int('BENCH_STALL_NOTES', 10_000, 1),
    stallWindowMs: int('BENCH_STALL_WINDOW_MS', 3_000, 100),
    stallMaxMs: int('BENCH_STALL_MAX_MS', 90_000, 1_000),
    stallEditMs: int('BENCH_STALL_EDIT_MS', 20, 1),
    stallFlood: int('BENCH_STALL_FLOOD', 10_000, 1),
    history: int('BENCH_HISTORY', 100_000, 1),
    mergeSlice: int('BENCH_MERGE_SLICE', 10_000, 1),
    noteCounts: sizes('BENCH_NOTES', ['0', '2000', '5000', '10000']),
    peers: peers(),
    peerNoteCounts: sizes('BENCH_PEER_NOTES', ['2000', '5000', '10000']),
    build: process.env.BENCH_BUILD !== '0' && process.env.BENCH_BUILD !== 'false',
    chromium: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    starts: int('BENCH_STARTS', 5, 1),
    rulesObservers: int('BENCH_RULES_OBSERVERS', 100, 1),
    rulesEdits: int('BENCH_RULES_EDITS', 1_500, 1),
    rulesNotes: int('BENCH_RULES_NOTES', 5_000, 1),
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    storageAppends: int('BENCH_STORAGE_APPENDS', 2_000, 1),
    storageEdits: int('BENCH_STORAGE_EDITS', 1_000, 1),
    busyWriters: (list('BENCH_BUSY_WRITERS') ?? ['1', '32']).map((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_BUSY_WRITERS: "${v}" is not an integer >= 1`);
      return n;
    }),
    busyEdits: int('BENCH_BUSY_EDITS', 4_000, 1),
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    scaleOutEdits: int('BENCH_SCALEOUT_EDITS', 1_000, 1),
    scaleOutBoards: int('BENCH_SCALEOUT_BOARDS', 100, 1),
    scaleOutBoardEdits: int('BENCH_SCALEOUT_BOARD_EDITS', 2_000, 1),
    scaleOutRate: int('BENCH_SCALEOUT_RATE', 100, 1),
  };
}
