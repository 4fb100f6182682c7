// Where a radar chart's spokes, rings and shapes go. Pure numbers, so the geometry is tested apart
// from the SVG that draws it (RadarChart.svelte). Spoke 0 points up and the others follow clockwise;
// a score s sits at s / max of the radius, so a 1 is a small ring rather than the very centre.

/** One shape on the radar (RadarChart.svelte). */
export interface RadarSeries {
  /** Which look: `now` (the round shown, or the later round compared), `before` (the earlier one). */
  look: 'now' | 'before';
  means: (number | null)[];
  /** Standard deviations; the spread band is drawn only when given. */
  stdevs?: (number | null)[];
  /** For the legend. */
  label: string;
}

export interface Point {
  x: number;
  y: number;
}

/** The end of spoke `i` of `n` at `fraction` of `radius` from the centre (0, 0). */
export function spokePoint(i: number, n: number, radius: number, fraction: number): Point {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const x = Math.cos(angle) * radius * fraction;
  const y = Math.sin(angle) * radius * fraction;
  // Rounded to 0.01: shorter SVG, and no "-0" or 1e-15 noise in tests.
  return { x: Math.round(x * 100) / 100 + 0, y: Math.round(y * 100) / 100 + 0 };
}

/**
 * An SVG path through the value of every spoke that has one (null: skipped, so an activity nobody
 * scored does not pull the shape to the centre), closed; '' with fewer than two values.
 */
export function radarPath(values: readonly (number | null)[], radius: number, max: number): string {
  const points = values.flatMap((v, i) => (v === null ? [] : [spokePoint(i, values.length, radius, v / max)]));
  if (points.length < 2) return '';
  return `M${points.map((p) => `${p.x},${p.y}`).join('L')}Z`;
}

/**
 * The spread band: the ring between mean - stdev and mean + stdev (kept within min..max) on every
 * spoke that has a mean, as one path to fill with `fill-rule="evenodd"`.
 */
export function spreadPath(
  stats: readonly { mean: number | null; stdev: number | null }[],
  radius: number,
  min: number,
  max: number,
): string {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const outer = stats.map((s) => (s.mean === null ? null : clamp(s.mean + (s.stdev ?? 0))));
  const inner = stats.map((s) => (s.mean === null ? null : clamp(s.mean - (s.stdev ?? 0))));
  const o = radarPath(outer, radius, max);
  return o === '' ? '' : o + radarPath(inner, radius, max);
}

/** Text anchor for a label at the end of a spoke: left, right or centred, by which side it is on. */
export function labelAnchor(p: Point): 'start' | 'middle' | 'end' {
  if (Math.abs(p.x) < 1) return 'middle';
  return p.x > 0 ? 'start' : 'end';
}
