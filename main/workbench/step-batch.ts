// Independent writes of one change (the whole documents an import puts: files that point at
// nothing of each other) made as one batch: up to BATCH_WIDTH at once, so their files are written
// and fsynced side by side and the folder they share is fsynced a few times for the batch instead
// of once per file (store/folder-sync.ts). All or nothing as a sequence of steps is: should one
// fail, the batch waits for those under way, puts back every one that was written, and fails.
import type { Result } from '../../core/result.ts';

/** One write of a change and how to undo it should a later write fail. */
export interface Step {
  write(): Promise<Result<unknown, 'write-failed' | 'not-found'>>;
  restore(): Promise<unknown>;
}

/** Writes in flight at once: enough to keep the disk's queue and the thread pool busy, few enough for open files. */
export const BATCH_WIDTH = 16;

/** `steps` as one step (see the module comment); a single step is returned as it is. */
export function batchOf(steps: readonly Step[], width = BATCH_WIDTH): Step[] {
  if (steps.length <= 1) return [...steps];
  const written: Step[] = [];
  const restore = async () => {
    for (const step of written.reverse()) await step.restore();
    written.length = 0;
  };
  return [
    {
      async write() {
        let next = 0;
        let failure: Awaited<ReturnType<Step['write']>> | undefined;
        const lane = async () => {
          while (failure === undefined && next < steps.length) {
            const step = steps[next++]!;
            const result = await step.write();
            if (result.ok) written.push(step);
            else failure ??= result;
          }
        };
        await Promise.all(Array.from({ length: Math.min(width, steps.length) }, lane));
        if (failure === undefined) return { ok: true, value: undefined };
        // This step failed, so the caller puts back only the steps before it: its own are put back here.
        await restore();
        return failure;
      },
      restore,
    },
  ];
}
