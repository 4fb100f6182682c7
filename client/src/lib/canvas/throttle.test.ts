import { describe, it, expect, vi } from 'vitest';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  it('delivers the first call at once and the latest one after the interval', () => {
    vi.useFakeTimers();
    try {
      const seen: number[] = [];
      const t = throttle((n: number) => seen.push(n), 50);
      t(1);
      t(2);
      t(3);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(60);
      expect(seen).toEqual([1, 3]);
      t(4);
      t.cancel();
      vi.advanceTimersByTime(60);
      expect(seen).toEqual([1, 3]);
    } finally {
      vi.useRealTimers();
    }
  });
});
