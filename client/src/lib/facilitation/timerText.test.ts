import { describe, expect, it } from 'vitest';
import { formatRemaining } from './timerText.ts';

describe('formatRemaining', () => {
  it('rounds up to whole seconds so 0:00 means the time is up', () => {
    expect(formatRemaining(300_000)).toBe('5:00');
    expect(formatRemaining(59_001)).toBe('1:00');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5)).toBe('0:00');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
  });
});
