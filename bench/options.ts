// Bench configuration from the environment. Every knob has a default that keeps the whole run
// under about three minutes on the 2-core reference machine.

export type BenchSection = 'propagation' | 'load' | 'browser' | 'startup';
const SECTIONS: readonly BenchSection[] = ['propagation', 'load', 'browser', 'startup'];

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
  /** Updates in the history of the load bench (BENCH_HISTORY). */
  history: number;
  /** Updates in the Y.mergeUpdates vs replay comparison (BENCH_MERGE_SLICE). */
  mergeSlice: number;
  /** Notes on the board of the browser bench (BENCH_NOTES). */
  notes: number;
  /**
   * Build the client from the current source into a private directory for the browser bench
   * (default; BENCH_BUILD=0 uses dist/client as it is).
   */
  build: boolean;
  /** Chromium binary for the browser bench (BENCH_CHROMIUM). */
  chromium: string;
  /** Starts of each kind of server in the startup bench (BENCH_STARTS). */
  starts: number;
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

export function readOptions(): BenchOptions {
  const only = list('BENCH_ONLY');
  const sections = only ?? [...SECTIONS];
  for (const s of sections) {
    if (!SECTIONS.includes(s as BenchSection)) throw new Error(`BENCH_ONLY: unknown section "${s}" (use ${SECTIONS.join(', ')})`);
  }
  const clientCounts = (list('BENCH_CLIENTS') ?? ['50', '200']).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 2) throw new Error(`BENCH_CLIENTS: "${s}" is not an integer >= 2`);
    return n;
  });
  const servers = list('BENCH_SERVERS') ?? ['ours', 'reference'];
  for (const s of servers) {
    if (s !== 'ours' && s !== 'reference') throw new Error(`BENCH_SERVERS: unknown server "${s}"`);
  }
  return {
    sections: sections as BenchSection[],
    clientCounts,
    edits: int('BENCH_EDITS', 300, 1),
    warmup: int('BENCH_WARMUP', 30),
    blockSize: int('BENCH_BLOCK', 5, 1),
    clientProcs: int('BENCH_CLIENT_PROCS', 3, 1),
    servers: servers as Array<'ours' | 'reference'>,
    history: int('BENCH_HISTORY', 100_000, 1),
    mergeSlice: int('BENCH_MERGE_SLICE', 10_000, 1),
    notes: int('BENCH_NOTES', 2_000, 1),
    build: process.env.BENCH_BUILD !== '0' && process.env.BENCH_BUILD !== 'false',
    chromium: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    starts: int('BENCH_STARTS', 5, 1),
  };
}
