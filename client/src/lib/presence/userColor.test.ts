import { describe, it, expect } from 'vitest';
import { PRESENCE_COLORS, contrastWithWhite, distinctColor, preferredSlot, presenceColor, type ColorHolder } from './userColor.ts';

const hue = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return -1;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
};

/** People arriving one after another, each choosing as the browser does. */
function arrive(names: string[]): ColorHolder[] {
  const present: ColorHolder[] = [];
  names.forEach((name, i) => {
    const slot = preferredSlot(name);
    const me = { clientId: 100 + i, joinedAt: 1000 + i, color: presenceColor(slot) };
    present.push({ ...me, color: distinctColor(me, slot, present) });
  });
  return present;
}

describe('presence colours', () => {
  it('gives the same name the same preferred colour, ignoring case and spaces around it', () => {
    expect(preferredSlot('Ann')).toBe(preferredSlot(' ann '));
    expect(preferredSlot('', 3)).toBe(3);
  });

  it('gives twelve people who arrive one by one twelve different colours (six names used to share three)', () => {
    const names = ['Fiona', 'Ann', 'Bob', 'Chris', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hans', 'Iris', 'Joost', 'Kim'];
    expect(new Set(arrive(names).map((p) => p.color)).size).toBe(12);
  });

  it('gives forty people forty different colours', () => {
    const names = Array.from({ length: 40 }, (_, i) => `Person ${i}`);
    expect(new Set(arrive(names).map((p) => p.color)).size).toBe(40);
  });

  it('lets the later of two people who picked the same colour yield, in every browser alike', () => {
    const a = { clientId: 7, joinedAt: 5000, color: PRESENCE_COLORS[2] };
    const b = { clientId: 3, joinedAt: 5001, color: PRESENCE_COLORS[2] };
    expect(distinctColor(a, 2, [b])).toBe(PRESENCE_COLORS[2]);
    expect(distinctColor(b, 2, [a])).toBe(PRESENCE_COLORS[3]);
    // Same moment: the lower client id keeps it.
    const c = { ...b, joinedAt: 5000 };
    expect(distinctColor(c, 2, [a])).toBe(PRESENCE_COLORS[2]);
    expect(distinctColor(a, 2, [c])).toBe(PRESENCE_COLORS[3]);
  });

  it('keeps a colour once it has it, whoever joins or leaves later', () => {
    const me = { clientId: 1, joinedAt: 1, color: PRESENCE_COLORS[5] };
    const later = [{ clientId: 2, joinedAt: 9, color: PRESENCE_COLORS[5] }, { clientId: 3, joinedAt: 10, color: PRESENCE_COLORS[0] }];
    expect(distinctColor(me, 0, later)).toBe(PRESENCE_COLORS[5]);
    expect(distinctColor(me, 0, [])).toBe(PRESENCE_COLORS[5]);
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
