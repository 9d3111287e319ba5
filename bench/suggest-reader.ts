// Claim suggestions in the reader (issue 21): while a large document is analysed (in the service's
// worker) and its suggestions arrive and are underlined, the reader's main thread must stay free:
// no task over 50 ms. Opens the ~5 MB report of the reader benchmark in Chromium through
// `claimbench serve` and reads the browser's own longtask entries from the text painted
// (cb:text-painted) through the answer's arrival (cb:suggestions-received) to a second after it,
// and again while the Suggestions tab is opened on that many suggestions. A trace of the same run
// gives each window's longest task by processor time too (trace-tasks.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createReaderWorkspace } from './reader-workspace.ts';
import { marks, serve, stop, waitForMark, type Mark } from './reader.ts';
import { traceTasks } from './trace-tasks.ts';

interface LongTask {
  readonly startTime: number;
  readonly duration: number;
}

const SETTLE_MS = 1000;
const round = (value: number) => Math.round(value);

const longTasks = (page: Page): Promise<LongTask[]> => page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);

/** The long tasks in [from, to), as "duration at +offset". */
function within(tasks: readonly LongTask[], from: number, to: number) {
  const inside = tasks.filter((task) => task.startTime + task.duration > from && task.startTime < to);
  return {
    count: inside.length,
    longestMs: round(Math.max(0, ...inside.map((task) => task.duration))),
    tasks: inside.map((task) => `${round(task.duration)} ms at +${round(task.startTime - from)} ms`),
  };
}

export async function suggestReaderBenchmark(browser: Browser, { bytes = 5_000_000 } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-suggest-reader-'));
  const workspace = await createReaderWorkspace(root, { bytes, annotations: 100 });
  const { child, url } = await serve(workspace.dir);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const tasks: { startTime: number; duration: number }[] = [];
      new PerformanceObserver((list) =>
        tasks.push(...list.getEntries().map(({ startTime, duration }) => ({ startTime, duration }))),
      ).observe({ type: 'longtask', buffered: true });
      (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    });
    const documentId = workspace.plainId;
    let painted!: Mark, received!: Mark, beforeClick!: number, afterOpen!: number;
    const traced = await traceTasks(browser, page, async () => {
      await page.goto(`${url}#doc=${documentId}`);
      painted = await waitForMark(page, 'cb:text-painted', (detail) => detail?.documentId === documentId);
      received = await waitForMark(page, 'cb:suggestions-received', (detail) => detail?.documentId === documentId, 600_000);
      await page.waitForTimeout(SETTLE_MS);
      // The Suggestions tab opened on all of them.
      const tab = page.getByRole('tab', { name: /^Suggestions \(\d+\)$/ });
      await tab.waitFor();
      beforeClick = await page.evaluate(() => performance.mark('cb:bench-tab-click').startTime);
      await tab.click();
      await page.getByTestId('suggestion-row').first().waitFor();
      await page.waitForTimeout(SETTLE_MS);
      afterOpen = await page.evaluate(() => performance.mark('cb:bench-tab-open').startTime);
    });
    const tasks = await longTasks(page);
    const analysing = within(tasks, painted.startTime, received.startTime);
    const arriving = within(tasks, received.startTime, received.startTime + SETTLE_MS);
    const opening = within(tasks, beforeClick, afterOpen);
    const at = (name: string) => traced.mark(name) ?? Number.NaN;
    const processorTime = {
      name: 'the longest main-thread task in each window by processor time (trace thread clock), beside its wall time: on a busy machine wall time is mostly waiting for a core',
      whileAnalysed: traced.within(at('cb:text-painted'), at('cb:suggestions-received')),
      whenReceived: traced.within(at('cb:suggestions-received'), at('cb:suggestions-received') + SETTLE_MS * 1000),
      openingTab: traced.within(at('cb:bench-tab-click'), at('cb:bench-tab-open')),
    };
    const open = (await marks(page)).find((mark) => mark.name === 'cb:open' && mark.detail?.documentId === documentId);
    return {
      id: 'suggest-reader',
      unit: 'ms',
      document: { characters: workspace.textLength, suggestions: received.detail?.count },
      analysisMs: round(received.startTime - painted.startTime),
      openToTextPaintedMs: open === undefined ? undefined : round(painted.startTime - open.startTime),
      whileAnalysed: { name: 'long tasks from the text painted to the suggestions received', ...analysing },
      whenReceived: { name: `long tasks in the ${SETTLE_MS} ms after the suggestions arrived (underlines applied)`, ...arriving },
      openingTab: { name: 'long tasks from a click on the Suggestions tab to a second after its first row', ...opening },
      processorTime,
      target: 'no task over 50 ms',
      load: os.loadavg()[0],
    };
  } finally {
    await context.close();
    await stop(child);
    await rm(root, { recursive: true, force: true });
  }
}

// `node bench/suggest-reader.ts`: this benchmark alone (after `npm run build`).
if (import.meta.main) {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS } = await import('../playwright.config.ts');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const bytes = Number(process.env.BENCH_SUGGEST_READER_BYTES ?? 5_000_000);
    console.log(JSON.stringify(await suggestReaderBenchmark(browser, { bytes }), null, 2));
  } finally {
    await browser.close();
  }
}
