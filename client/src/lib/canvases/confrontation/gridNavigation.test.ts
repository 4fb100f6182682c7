import { describe, it, expect } from 'vitest';
import { clampPos, moveInGrid, nextCell } from './gridNavigation.ts';

const size = { rows: 3, cols: 4 };

describe('moveInGrid', () => {
  it('moves one cell with the arrows', () => {
    const at = { row: 1, col: 1 };
    expect(moveInGrid(at, 'ArrowUp', size)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid(at, 'ArrowDown', size)).toEqual({ row: 2, col: 1 });
    expect(moveInGrid(at, 'ArrowLeft', size)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(at, 'ArrowRight', size)).toEqual({ row: 1, col: 2 });
  });

  it('stops at the edges instead of wrapping', () => {
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowUp', size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowLeft', size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 2, col: 3 }, 'ArrowDown', size)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 2, col: 3 }, 'ArrowRight', size)).toEqual({ row: 2, col: 3 });
  });

  it('goes to the ends of the row with Home and End, and of the grid with Ctrl', () => {
    const at = { row: 1, col: 2 };
    expect(moveInGrid(at, 'Home', size)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(at, 'End', size)).toEqual({ row: 1, col: 3 });
    expect(moveInGrid(at, 'Home', size, true)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid(at, 'End', size, true)).toEqual({ row: 2, col: 3 });
  });

  it('goes to the first and last row of the column with PageUp and PageDown', () => {
    expect(moveInGrid({ row: 1, col: 2 }, 'PageUp', size)).toEqual({ row: 0, col: 2 });
    expect(moveInGrid({ row: 1, col: 2 }, 'PageDown', size)).toEqual({ row: 2, col: 2 });
  });

  it('returns null for keys that do not navigate', () => {
    expect(moveInGrid({ row: 0, col: 0 }, '2', size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, 'Tab', size)).toBeNull();
  });
});

describe('nextCell', () => {
  it('goes along the row, then to the start of the next row, and stays on the last cell', () => {
    expect(nextCell({ row: 0, col: 2 }, size)).toEqual({ row: 0, col: 3 });
    expect(nextCell({ row: 0, col: 3 }, size)).toEqual({ row: 1, col: 0 });
    expect(nextCell({ row: 2, col: 3 }, size)).toEqual({ row: 2, col: 3 });
  });
});

describe('clampPos', () => {
  it('keeps a remembered position inside a grid that shrank', () => {
    expect(clampPos({ row: 5, col: 9 }, size)).toEqual({ row: 2, col: 3 });
    expect(clampPos({ row: 1, col: 1 }, size)).toEqual({ row: 1, col: 1 });
  });
});
