import { describe, expect, it, vi } from 'vitest';
import { Jobs } from './jobs.ts';

describe('Jobs', () => {
  it('cancels a running job by its id, and a job whose cancel overtook its start as it starts', () => {
    const jobs = new Jobs();
    const running = vi.fn();
    expect(jobs.start('a', running)).toBe(true);
    jobs.cancel('a');
    expect(running).toHaveBeenCalledOnce();
    jobs.cancel('b');
    const late = vi.fn();
    expect(jobs.start('b', late)).toBe(false);
    expect(late).toHaveBeenCalledOnce();
    // Remembered once: the same id may run again afterwards.
    jobs.finish('b');
    expect(jobs.start('b', vi.fn())).toBe(true);
  });

  it('refuses a second job under a running id, and cancels every running job at once', () => {
    const jobs = new Jobs();
    const first = vi.fn();
    const second = vi.fn();
    jobs.start('a', first);
    jobs.start('b', second);
    expect(() => jobs.start('a', vi.fn())).toThrow(/already running/);
    jobs.cancelAll();
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });
});
