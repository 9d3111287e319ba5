// A batch of independent writes: side by side up to its width, all or nothing.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../core/result.ts';
import { batchOf, type Step } from './step-batch.ts';

/** Steps that note when they are written and put back; `failing` fails. */
function steps(count: number, failing?: number) {
  const log: string[] = [];
  let inFlight = 0;
  let most = 0;
  const made: Step[] = Array.from({ length: count }, (_, index) => ({
    async write() {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (index === failing) return fail('write-failed', `step ${index} failed`);
      log.push(`write ${index}`);
      return ok(undefined);
    },
    async restore() {
      log.push(`restore ${index}`);
    },
  }));
  return { made, log, most: () => most };
}

describe('batchOf', () => {
  it('writes every step, at most `width` at once, as one step', async () => {
    const { made, log, most } = steps(10);
    const batch = batchOf(made, 3);
    expect(batch).toHaveLength(1);
    expect(await batch[0]!.write()).toEqual(ok(undefined));
    expect(log.sort()).toEqual(made.map((_, index) => `write ${index}`).sort());
    expect(most()).toBe(3);
  });

  it('puts back every step it wrote when one fails, and fails with it', async () => {
    const { made, log } = steps(10, 4);
    const [batch] = batchOf(made, 3);
    expect(await batch!.write()).toEqual(fail('write-failed', 'step 4 failed'));
    const written = log.filter((line) => line.startsWith('write')).map((line) => line.slice(6));
    const restored = log.filter((line) => line.startsWith('restore')).map((line) => line.slice(8));
    expect(written.length).toBeGreaterThan(0);
    expect(restored.sort()).toEqual(written.sort());
    expect(written).not.toContain('4');
  });

  it('puts back everything when a later step of the change fails', async () => {
    const { made, log } = steps(5);
    const [batch] = batchOf(made, 2);
    await batch!.write();
    await batch!.restore();
    expect(log.filter((line) => line.startsWith('restore')).length).toBe(5);
  });
});
