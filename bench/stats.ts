// Small statistics and formatting helpers for bench output.

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  let sum = 0;
  let max = -Infinity;
  for (const s of samples) {
    sum += s;
    if (s > max) max = s;
  }
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.length ? sum / samples.length : NaN,
    max: samples.length ? max : NaN,
  };
}

export function ms(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}

/** Prints rows as an aligned plain-text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Microseconds on the machine-wide monotonic clock (CLOCK_MONOTONIC), comparable across processes. */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** p-th percentile (nearest rank) of all values of the given groups, on a typed array sort. */
function pooledPercentile(groups: readonly (readonly number[])[], p: number): number {
  let n = 0;
  for (const g of groups) n += g.length;
  const all = new Float64Array(n);
  let i = 0;
  for (const g of groups) for (const v of g) all[i++] = v;
  all.sort();
  return all[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
}

/**
 * Interval for the ratio of a percentile of A to the same percentile of B, by a cluster bootstrap:
 * whole edits (each a group of observer latencies) are resampled with replacement, because the
 * latencies of one edit are not independent of each other. Seeded, so a run is reproducible.
 */
export function bootstrapRatio(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  p: number,
  opts: { iterations?: number; confidence?: number; seed?: number } = {},
): { low: number; high: number } {
  const iterations = opts.iterations ?? 200;
  const confidence = opts.confidence ?? 0.9;
  let state = opts.seed ?? 12345;
  // mulberry32: small, fast, good enough for resampling.
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (groups: readonly (readonly number[])[]) => groups.map(() => groups[Math.floor(rand() * groups.length)]);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    ratios.push(pooledPercentile(resample(a), p) / pooledPercentile(resample(b), p));
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    low: ratios[Math.floor(tail * (iterations - 1))],
    high: ratios[Math.ceil((1 - tail) * (iterations - 1))],
  };
}
