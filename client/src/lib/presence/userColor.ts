// Presence colours: every person present has a colour nobody else present has (issue 8: three of six
// people got the same colour from a hash of their names). Each browser chooses and publishes its own
// colour (awareness `user.color`), so a person looks the same on every screen: by order of arrival,
// the first colour of the palette nobody present shows, kept for the whole visit; it yields only to
// someone who arrived earlier with the same colour (two people joining at once).
// Dark enough for white text (WCAG AA against #fff), and no blue near the local selection outline
// (#1565c0), so another person's selection never looks like one's own.

/** The first twelve colours, most distinct first (a small group gets the most different ones); more are generated. */
export const PRESENCE_COLORS = [
  '#c62828', // red
  '#2e7d32', // green
  '#6a1b9a', // purple
  '#b34700', // orange
  '#00838f', // cyan
  '#ad1457', // pink
  '#7b5e00', // mustard
  '#212121', // black
  '#5d4037', // brown
  '#5f6a00', // olive
  '#880e4f', // plum
  '#616161', // grey
] as const;

/** Hues (degrees) kept free for the local selection outline's blue. */
const SELECTION_HUES = { from: 195, to: 235 };
const GOLDEN_ANGLE = 137.508;

/**
 * The colour of slot `i`: the palette first, then colours spread around the hue circle by the golden
 * angle (skipping the selection blue), dark enough for white text.
 */
export function presenceColor(i: number): string {
  if (i < PRESENCE_COLORS.length) return PRESENCE_COLORS[i];
  const n = i - PRESENCE_COLORS.length;
  // The n-th hue of the golden-angle sequence that is not the selection blue.
  let hue = 0;
  for (let k = 0, found = -1; found < n; k++) {
    hue = (k * GOLDEN_ANGLE + 15) % 360;
    if (hue < SELECTION_HUES.from || hue >= SELECTION_HUES.to) found++;
  }
  // Two lightness steps so that hues close on the circle still differ; darkened until white text is AA.
  for (let l = n % 2 === 0 ? 0.4 : 0.3; ; l -= 0.02) {
    const hex = hslToHex(hue, 0.7, l);
    if (contrastWithWhite(hex) >= 4.5) return hex;
  }
}

/** One person as far as colours go: who (client id), since when (their clock) and what they show. */
export interface ColorHolder {
  clientId: number;
  color: string;
  /** When they joined, by their own clock; missing or invalid counts as "just now" (after everyone). */
  joinedAt: number;
}

function arrivedBefore(a: ColorHolder, b: ColorHolder): boolean {
  return a.joinedAt < b.joinedAt || (a.joinedAt === b.joinedAt && a.clientId < b.clientId);
}

/** The first colour (palette order, then generated) that none of `others` shows. */
export function firstFreeColor(others: readonly ColorHolder[]): string {
  const taken = new Set(others.map((o) => o.color));
  for (let i = 0; ; i++) {
    const c = presenceColor(i);
    if (!taken.has(c)) return c;
  }
}

/**
 * The colour `me` should show next to `others` (the people present). Keeps the current colour unless
 * someone who arrived earlier shows it (two people joining at once picked the same free colour, or
 * someone took it while `me` was away); then the first colour nobody shows. Every browser applies
 * the same rule to the same states, so exactly one of two people yields.
 */
export function distinctColor(me: ColorHolder, others: readonly ColorHolder[]): string {
  return others.some((o) => o.color === me.color && arrivedBefore(o, me)) ? firstFreeColor(others) : me.color;
}

/** WCAG 2 contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const m = (k + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(m - 3, 9 - m, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
