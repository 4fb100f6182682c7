import { describe, it, expect } from 'vitest';
import { PRESENCE_COLORS, contrastWithWhite, distinctColor, firstFreeColor, presenceColor, type ColorHolder } from './userColor.ts';

const hue = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return -1;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
};

/** `n` people arriving one after another, each choosing as the browser does. */
function arrive(n: number): ColorHolder[] {
  const present: ColorHolder[] = [];
  for (let i = 0; i < n; i++) {
    const me = { clientId: 100 + i, joinedAt: 1000 + i, color: presenceColor(0) };
    present.push({ ...me, color: distinctColor(me, present) });
  }
  return present;
}

describe('presence colours', () => {
  it('gives people the palette in order of arrival, so a small group gets the most different colours', () => {
    expect(arrive(5).map((p) => p.color)).toEqual(PRESENCE_COLORS.slice(0, 5));
  });

  it('gives twelve people twelve different colours, and forty people forty (six names used to share three)', () => {
    expect(new Set(arrive(12).map((p) => p.color)).size).toBe(12);
    expect(new Set(arrive(40).map((p) => p.color)).size).toBe(40);
  });

  it('gives a newcomer the first colour nobody shows, also one freed by someone who left', () => {
    const present = arrive(4).filter((_, i) => i !== 1);
    expect(firstFreeColor(present)).toBe(PRESENCE_COLORS[1]);
  });

  it('lets the later of two people who picked the same colour yield, in every browser alike', () => {
    const a = { clientId: 7, joinedAt: 5000, color: PRESENCE_COLORS[2] };
    const b = { clientId: 3, joinedAt: 5001, color: PRESENCE_COLORS[2] };
    expect(distinctColor(a, [b])).toBe(PRESENCE_COLORS[2]);
    expect(distinctColor(b, [a])).toBe(PRESENCE_COLORS[0]);
    // Same moment: the lower client id keeps it.
    const c = { ...b, joinedAt: 5000 };
    expect(distinctColor(c, [a])).toBe(PRESENCE_COLORS[2]);
    expect(distinctColor(a, [c])).toBe(PRESENCE_COLORS[0]);
  });

  it('keeps a colour once it has it, whoever joins or leaves later', () => {
    const me = { clientId: 1, joinedAt: 1, color: PRESENCE_COLORS[5] };
    const later = [{ clientId: 2, joinedAt: 9, color: PRESENCE_COLORS[5] }, { clientId: 3, joinedAt: 10, color: PRESENCE_COLORS[0] }];
    expect(distinctColor(me, later)).toBe(PRESENCE_COLORS[5]);
    expect(distinctColor(me, [])).toBe(PRESENCE_COLORS[5]);
  });

  it('only ever shows colours with white text readable at WCAG AA, away from the selection blue', () => {
    for (let i = 0; i < 120; i++) {
      const c = presenceColor(i);
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastWithWhite(c), c).toBeGreaterThanOrEqual(4.5);
      const h = hue(c);
      expect(h >= 195 && h < 235, `${c} has hue ${h}`).toBe(false);
    }
    expect(new Set(Array.from({ length: 60 }, (_, i) => presenceColor(i))).size).toBe(60);
  });
});
