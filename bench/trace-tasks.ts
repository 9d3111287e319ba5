// Main-thread tasks from a Chromium trace, with the processor time each took (the trace's thread
// clock) beside its wall time. On a shared two-core machine a task's wall time is mostly how long
// the thread waited for a core; its processor time is what the page itself asked of the thread.
// The browser's longtask entries give only the first.
import { writeFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
}

export interface TracedTasks {
  /** The time (trace clock, µs) of the page's user-timing mark `name`, the first at or after `after`. */
  mark(name: string, after?: number): number | undefined;
  /** The renderer main thread's tasks over 50 ms of wall or processor time in [from, to) (µs). */
  within(from: number, to: number): { longestWallMs: number; longestCpuMs: number; overFiftyCpu: string[] };
}

// RunTask is in the timeline's disabled-by-default category; performance.mark in user timing.
const CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** Records a trace of `page` while `work` runs. */
export async function traceTasks(browser: Browser, page: Page, work: () => Promise<void>): Promise<TracedTasks> {
  await browser.startTracing(page, { categories: CATEGORIES });
  const buffer = await work().then(
    () => browser.stopTracing(),
    async (error: unknown) => {
      await browser.stopTracing();
      throw error;
    },
  );
  // BENCH_TRACE_FILE keeps the raw trace, to open in Chrome's performance panel.
  if (process.env.BENCH_TRACE_FILE) await writeFile(process.env.BENCH_TRACE_FILE, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return readTasks(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
}

/** The tasks of the thread that made the page's marks (the renderer's main thread). */
export function readTasks(events: readonly TraceEvent[]): TracedTasks {
  const marks = events.filter((event) => event.cat === 'blink.user_timing');
  const thread = marks.find((event) => event.name.startsWith('cb:'));
  const tasks = events.filter(
    (event) => event.name === 'RunTask' && event.ph === 'X' && thread !== undefined && event.pid === thread.pid && event.tid === thread.tid,
  );
  const round = (value: number) => Math.round(value / 1000);
  return {
    mark: (name, after = 0) => marks.find((event) => event.name === name && event.ts >= after)?.ts,
    within(from, to) {
      const inside = tasks.filter((task) => task.ts + (task.dur ?? 0) > from && task.ts < to);
      return {
        longestWallMs: round(Math.max(0, ...inside.map((task) => task.dur ?? 0))),
        longestCpuMs: round(Math.max(0, ...inside.map((task) => task.tdur ?? 0))),
        overFiftyCpu: inside
          .filter((task) => (task.tdur ?? 0) > 50_000)
          .map((task) => `${round(task.tdur ?? 0)} ms of processor time (${round(task.dur ?? 0)} ms wall) at +${round(task.ts - from)} ms`),
      };
    },
  };
}
