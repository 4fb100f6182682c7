import { describe, it, expect } from 'vitest';
import { contrast, heatColor, heatStops } from './heatColor.ts';

describe('heatColor', () => {
  it('gives each whole score its ramp colour: orange below 0, near-white at 0, purple above', () => {
    expect(heatStops([-2, -1, 0, 1, 2]).map((s) => s.color.background)).toEqual(['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99']);
  });

  it('gives a mean between two scores a colour between theirs', () => {
    expect(heatColor(1.5).background).toBe('#8874b6');
    expect(heatColor(-0.5).background).toBe('#fad8ad');
  });

  it('colours a value the same on both scales, so a scale switch does not change what + looks like', () => {
    // The function has no scale argument on purpose; 0..2 uses the upper half of the ramp.
    expect(heatColor(1)).toEqual(heatStops([-2, -1, 0, 1, 2])[3].color);
  });

  it('clamps values off the ramp', () => {
    expect(heatColor(7)).toEqual(heatColor(2));
    expect(heatColor(-7)).toEqual(heatColor(-2));
  });

  it('keeps the number readable (contrast at least 4.5:1) at every value, in steps of a tenth', () => {
    for (let v = -20; v <= 20; v++) {
      const c = heatColor(v / 10);
      expect(contrast(c.background, c.text), `at ${v / 10}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes white on the darkest purple and black on the light middle', () => {
    expect(heatColor(2).text).toBe('#ffffff');
    expect(heatColor(0).text).toBe('#000000');
  });
});
