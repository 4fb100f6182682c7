import { describe, it, expect } from 'vitest';
import { userColor, PRESENCE_COLORS } from './userColor.ts';

describe('userColor', () => {
  it('gives the same name the same colour, ignoring case and spaces around it', () => {
    expect(userColor('Ann')).toBe(userColor(' ann '));
  });
  it('always picks from the palette', () => {
    for (const n of ['Ann', 'Bob', 'Chris', 'Dé', '', '🙂']) expect(PRESENCE_COLORS).toContain(userColor(n, 12345));
  });
  it('falls back to the client id when the name is empty', () => {
    expect(userColor('', 3)).toBe(PRESENCE_COLORS[3]);
  });
  it('spreads a group of names over several colours', () => {
    const names = ['Ann', 'Bob', 'Chris', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hans'];
    expect(new Set(names.map((n) => userColor(n))).size).toBeGreaterThan(3);
  });
});
