// The folder fsyncs shared by writes side by side: a caller is never covered by a sync that began
// before it asked, and callers who ask during one sync share the next.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const events: string[] = [];
const pending: (() => void)[] = [];
vi.mock('node:fs/promises', () => ({
  open: async (folder: string) => ({
    sync: () => {
      events.push(`start ${folder}`);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    close: async () => undefined,
  }),
}));
const { syncFolder } = await import('./folder-sync.ts');

/** Lets every promise callback queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
/** Ends the oldest fsync under way. */
const finishOne = async () => {
  pending.shift()!();
  await settle();
};

beforeEach(() => {
  events.length = 0;
  pending.length = 0;
});

describe('syncFolder', () => {
  it('starts at once when no sync of the folder is under way', async () => {
    let done = false;
    void syncFolder('/w/a').then(() => (done = true));
    await settle();
    expect(events).toEqual(['start /w/a']);
    await finishOne();
    expect(done).toBe(true);
  });

  it('makes callers during a sync wait for the next one, which they share', async () => {
    const order: string[] = [];
    void syncFolder('/w/b').then(() => order.push('first'));
    await settle();
    for (const name of ['second', 'third', 'fourth']) void syncFolder('/w/b').then(() => order.push(name));
    await settle();
    expect(events).toEqual(['start /w/b']);
    await finishOne();
    // The sync that was under way when they asked does not cover them.
    expect(order).toEqual(['first']);
    expect(events).toEqual(['start /w/b', 'start /w/b']);
    await finishOne();
    expect(order).toEqual(['first', 'second', 'third', 'fourth']);
    expect(events).toHaveLength(2);
  });

  it('keeps folders apart', async () => {
    void syncFolder('/w/c');
    void syncFolder('/w/d');
    await settle();
    expect(events.sort()).toEqual(['start /w/c', 'start /w/d']);
    await finishOne();
    await finishOne();
  });
});
