import { describe, it, expect } from 'vitest';
import { SCALES } from '$shared/canvases/confrontation/confrontationSettings.ts';
import { cycleLabels, nextInCycle, scoreForKey, type KeyResult } from './scoreInput.ts';

const zeroToTwo = SCALES['0..2'];
const minusTwoToTwo = SCALES['-2..2'];

/** Types keys on one cell and returns the score it ends with. */
function typeKeys(keys: string[], scale = minusTwoToTwo, start: number | null = null): number | null {
  let current = start;
  let pending = false;
  for (const k of keys) {
    const r = scoreForKey(k, current, scale, pending) as KeyResult;
    if (r.change) current = r.change.kind === 'set' ? r.change.value : null;
    pending = r.pendingMinus;
  }
  return current;
}

describe('nextInCycle', () => {
  it('cycles 0 → + → ++ → not scored on the 0..2 scale', () => {
    const seen: (number | null)[] = [];
    let v: number | null = null;
    for (let i = 0; i < 4; i++) seen.push((v = nextInCycle(zeroToTwo, v)));
    expect(seen).toEqual([0, 1, 2, null]);
  });

  it('cycles 0 → + → ++ → - → -- → not scored on the -2..+2 scale', () => {
    const seen: (number | null)[] = [];
    let v: number | null = null;
    for (let i = 0; i < 6; i++) seen.push((v = nextInCycle(minusTwoToTwo, v)));
    expect(seen).toEqual([0, 1, 2, -1, -2, null]);
  });

  it('starts over at 0 from a value that is not on the cycle', () => {
    expect(nextInCycle(zeroToTwo, -1)).toBe(0);
  });

  it('names the cycle with the scale labels', () => {
    expect(cycleLabels(zeroToTwo)).toEqual(['0', '+', '++']);
    expect(cycleLabels(minusTwoToTwo)).toEqual(['0', '+', '++', '-', '--']);
  });
});

describe('scoreForKey', () => {
  it('sets the score of a digit and moves on to the next cell', () => {
    expect(scoreForKey('2', null, zeroToTwo, false)).toEqual({ change: { kind: 'set', value: 2 }, pendingMinus: false, advance: true });
    expect(scoreForKey('0', 1, zeroToTwo, false)).toEqual({ change: { kind: 'set', value: 0 }, pendingMinus: false, advance: true });
  });

  it('ignores a digit off the scale and stays on the cell', () => {
    expect(scoreForKey('3', 1, zeroToTwo, false)).toEqual({ pendingMinus: false, advance: false });
  });

  it('reads - then a digit as the negative score on the -2..+2 scale', () => {
    expect(typeKeys(['-', '2'])).toBe(-2);
    expect(typeKeys(['-', '1'], minusTwoToTwo, 2)).toBe(-1);
    expect(typeKeys(['-', '0'])).toBe(0);
  });

  it('reads a digit after another key as positive again', () => {
    expect(typeKeys(['-', '+', '2'])).toBe(2);
  });

  it('does not set a negative score on the 0..2 scale', () => {
    // "-" steps down to 0; the "-1" that follows is off the scale and changes nothing.
    expect(typeKeys(['-', '1'], zeroToTwo, 2)).toBe(1);
  });

  it('steps up with + (and =) and down with -, from 0 when not scored, clamped to the scale', () => {
    expect(typeKeys(['+'])).toBe(1);
    expect(typeKeys(['-'])).toBe(-1);
    expect(typeKeys(['-'], zeroToTwo)).toBe(0);
    expect(typeKeys(['+', '+', '+'], zeroToTwo)).toBe(2);
    expect(typeKeys(['=', '='], minusTwoToTwo, -2)).toBe(0);
    expect(typeKeys(['-', '-', '-', '-'])).toBe(-2);
  });

  it('clears with Delete and Backspace', () => {
    expect(scoreForKey('Delete', 2, zeroToTwo, false)?.change).toEqual({ kind: 'clear' });
    expect(scoreForKey('Backspace', 2, zeroToTwo, true)).toEqual({ change: { kind: 'clear' }, pendingMinus: false, advance: false });
  });

  it('leaves other keys to the caller: arrows, Tab, letters, and Enter and Space (a click on the cell\'s button)', () => {
    for (const k of ['ArrowLeft', 'Tab', 'a', 'Escape', 'Enter', ' ']) expect(scoreForKey(k, null, zeroToTwo, false)).toBeNull();
  });
});
