// Background work yields the processor to what a person is waiting for. A worker thread that
// analyses a 5 MB document keeps a core busy for seconds; on a two-core machine the reader's main
// thread, the service's own thread and the browser then share the other core with it, and the
// reader's frames stretch past 50 ms. Lowering the worker thread's scheduling priority lets the
// operating system run interactive work first, and costs the analysis nothing when the machine is
// otherwise idle.
//
// Linux schedules threads one by one: setpriority(PRIO_PROCESS, tid) with a thread's id changes that
// thread alone, and /proc/thread-self names the calling thread's id. Elsewhere a process id would
// change the whole process (the service itself), so this does nothing there.
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/** How much lower than normal (0) background threads run: below the service, well above idle (19). */
export const BACKGROUND_NICENESS = 10;

/** The calling thread's id on Linux ("<pid>/task/<tid>"), or undefined elsewhere or when unreadable. */
export function currentThreadId(readLink: (path: string) => string = readlinkSync): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const match = /\/task\/(\d+)$/.exec(readLink('/proc/thread-self'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lowers the calling thread's priority to BACKGROUND_NICENESS (call it first thing in a worker
 * thread that does background work); a thread already lower (a service started with `nice`) stays
 * as it is. Returns whether the thread now runs at least that low; a refusal (a sandbox, a
 * container without the right) leaves the thread as it was, which is only slower for the reader.
 */
export function runInBackground(
  setPriority: (id: number, priority: number) => void = os.setPriority,
  getPriority: (id: number) => number = os.getPriority,
): boolean {
  const threadId = currentThreadId();
  if (threadId === undefined) return false;
  try {
    if (getPriority(threadId) < BACKGROUND_NICENESS) setPriority(threadId, BACKGROUND_NICENESS);
    return true;
  } catch {
    return false;
  }
}
