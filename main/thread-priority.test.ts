import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICENESS, currentThreadId, runInBackground } from './thread-priority.ts';

/** A thread's niceness as the kernel reports it (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceness(threadId: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${threadId}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19 - 3]);
}

/** Runs runInBackground in a worker thread and answers with its thread id and result, then keeps it alive until told. */
function startBackgroundWorker(): Promise<{ worker: Worker; threadId: number; lowered: boolean }> {
  const module = pathToFileURL(new URL('./thread-priority.ts', import.meta.url).pathname).href;
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     import(${JSON.stringify(module)}).then(({ currentThreadId, runInBackground }) => {
       const lowered = runInBackground();
       parentPort.postMessage({ threadId: currentThreadId(), lowered });
       parentPort.on('message', () => process.exit(0));
     });`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { threadId: number; lowered: boolean }) => resolve({ worker, ...message }));
    worker.once('error', reject);
  });
}

describe.runIf(process.platform === 'linux')('a background thread on Linux', () => {
  it('runs at the background niceness, and the thread that started it does not', async () => {
    const before = niceness(currentThreadId()!);
    const { worker, threadId, lowered } = await startBackgroundWorker();
    try {
      expect(lowered).toBe(true);
      expect(threadId).not.toBe(currentThreadId());
      expect(niceness(threadId)).toBe(Math.min(19, Math.max(before, BACKGROUND_NICENESS)));
      expect(niceness(currentThreadId()!)).toBe(before);
    } finally {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  });
});

describe('runInBackground', () => {
  it('names the calling thread from /proc/thread-self', () => {
    expect(currentThreadId(() => '4242/task/4250')).toBe(process.platform === 'linux' ? 4250 : undefined);
    expect(currentThreadId(() => 'something else')).toBeUndefined();
    expect(
      currentThreadId(() => {
        throw new Error('no /proc here');
      }),
    ).toBeUndefined();
  });

  it('says so and carries on when the system refuses', () => {
    const refuse = () => {
      throw new Error('EACCES');
    };
    expect(runInBackground(refuse, () => 0)).toBe(false);
  });

  it('never raises a thread that already runs lower', () => {
    const set: number[] = [];
    expect(
      runInBackground(
        (_, priority) => set.push(priority),
        () => 15,
      ),
    ).toBe(process.platform === 'linux');
    expect(set).toEqual([]);
    runInBackground(
      (_, priority) => set.push(priority),
      () => 0,
    );
    expect(set).toEqual(process.platform === 'linux' ? [BACKGROUND_NICENESS] : []);
  });
});
