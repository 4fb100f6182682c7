// Heat-map colours of cell means. One diverging ramp for both scales (ColorBrewer PuOr, 5 classes,
// which ColorBrewer lists as colour-blind safe): orange below 0, near-white at 0, purple above. A
// value has the same colour on both scales, so "+" looks the same after a scale switch; the 0..2
// scale simply never reaches the orange half. Colour is never the only cue: every cell shows its number.

/** Colour of -2, -1, 0, +1, +2. */
const STOPS = ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'] as const;
const LOWEST = -2;

export interface HeatColor {
  background: string;
  /** Black or white, whichever contrasts more with the background (at least 4.5:1 on this ramp). */
  text: string;
}

/** The colour of a mean score (clamped to -2..+2). */
export function heatColor(value: number): HeatColor {
  const v = Math.min(2, Math.max(LOWEST, value)) - LOWEST;
  const i = Math.min(STOPS.length - 2, Math.floor(v));
  const background = mix(STOPS[i], STOPS[i + 1], v - i);
  return { background, text: contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff' };
}

/** The ramp's colours at every whole score of a scale, lowest first (for the legend). */
export function heatStops(values: readonly number[]): { value: number; color: HeatColor }[] {
  return values.map((value) => ({ value, color: heatColor(value) }));
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const [ca, cb] = [rgb(a), rgb(b)];
  return '#' + ca.map((x, k) => Math.round(x + (cb[k] - x) * t).toString(16).padStart(2, '0')).join('');
}

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
