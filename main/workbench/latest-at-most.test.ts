import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../core/events.ts';
import { latestAtMost } from './latest-at-most.ts';

describe('latestAtMost', () => {
  it('passes a value on at once, then the latest of those within the interval when it is up, and nothing after dispose', () => {
    vi.useFakeTimers();
    try {
      const source = new Emitter<number>();
      const throttled = latestAtMost(source.event, 100);
      const seen: number[] = [];
      throttled.event((value) => seen.push(value));
      source.fire(1);
      expect(seen).toEqual([1]);
      source.fire(2);
      source.fire(3);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(100);
      expect(seen).toEqual([1, 3]);
      // Within the interval opened by 3: held until it is up.
      source.fire(4);
      vi.advanceTimersByTime(99);
      expect(seen).toEqual([1, 3]);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual([1, 3, 4]);
      // A quiet interval closes; the next value goes at once.
      vi.advanceTimersByTime(100);
      source.fire(5);
      expect(seen).toEqual([1, 3, 4, 5]);
      source.fire(6);
      throttled.dispose();
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([1, 3, 4, 5]);
      expect(source.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
