import { describe, it, expect } from 'vitest';
import { nextToolbarIndex } from './toolbarKeys.ts';

describe('nextToolbarIndex', () => {
  it('moves with the arrows and wraps around', () => {
    expect(nextToolbarIndex('ArrowRight', 0, 3)).toBe(1);
    expect(nextToolbarIndex('ArrowRight', 2, 3)).toBe(0);
    expect(nextToolbarIndex('ArrowLeft', 0, 3)).toBe(2);
  });
  it('jumps with Home and End and ignores other keys', () => {
    expect(nextToolbarIndex('Home', 2, 3)).toBe(0);
    expect(nextToolbarIndex('End', 0, 3)).toBe(2);
    expect(nextToolbarIndex('a', 0, 3)).toBe(-1);
  });
});
