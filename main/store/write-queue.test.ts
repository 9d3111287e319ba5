// The store's write queue: one file's writes in order, whatever became of the one before; and when a
// file has nothing queued (the PostgreSQL store may evict a document then).
import { describe, expect, it } from 'vitest';
import { ok } from '../../core/result.ts';
import { WriteQueue } from './write-queue.ts';

describe('WriteQueue', () => {
  it('runs a write after one that threw, in order, and says when the file has nothing queued', async () => {
    const queue = new WriteQueue();
    const idle: string[] = [];
    queue.onDidIdle((key) => idle.push(key));
    const ran: string[] = [];
    const failed = queue.enqueue('a', async () => {
      ran.push('first');
      throw new Error('a bug in a write');
    });
    const next = queue.enqueue('a', async () => (ran.push('second'), ok('saved')));
    expect(queue.has('a')).toBe(true);
    await expect(failed).rejects.toThrow('a bug in a write');
    expect(await next).toEqual(ok('saved'));
    expect(ran).toEqual(['first', 'second']);
    await queue.flush();
    expect([queue.has('a'), idle]).toEqual([false, ['a']]);
  });
});
