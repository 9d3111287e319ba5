// The reader benchmark: a 5 MB document with 10,000 annotations against the same text without
// any, in Chromium, timed by the performance marks the app itself emits:
//   cb:open                 the window starts loading a document
//   cb:highlights-visible   the highlights on screen are applied and painted (text only: the text)
//   cb:highlights-complete  every highlight is applied and painted
//   cb:tag-key              a tag key was pressed on a selection
//   cb:highlights-changed   a change of highlights is painted (with the ids added and removed)
//   cb:annotation-saved     the service has written the new annotation
//   cb:undo-key             Ctrl+Z
// Long tasks (> 50 ms) come from the browser's own longtask entries.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from '@playwright/test';
import { createReaderWorkspace, type ReaderWorkspace } from './reader-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface Mark {
  readonly name: string;
  readonly startTime: number;
  readonly detail: { documentId?: string; id?: string; count?: number; added?: string[]; changed?: string[]; removed?: string[] } | null;
}

export function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/claimbench.mjs', 'serve', '--workspace', dir, '--port', '0', '--no-open', '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url?: string; message?: string };
      if (event.event === 'listening') resolve({ child, url: event.url! });
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.once('exit', (code) => reject(new Error(`claimbench serve exited with ${code}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

export const marks = (page: Page): Promise<Mark[]> =>
  page.evaluate(() =>
    (performance.getEntriesByType('mark') as PerformanceMark[])
      .filter((mark) => mark.name.startsWith('cb:'))
      .map(({ name, startTime, detail }) => ({ name, startTime, detail: detail as Mark['detail'] })),
  );

export async function waitForMark(
  page: Page,
  name: string,
  matches: (detail: Mark['detail']) => boolean,
  timeoutMs = 60_000,
): Promise<Mark> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await marks(page)).find((mark) => mark.name === name && matches(mark.detail));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${name} mark within ${timeoutMs} ms`);
    await page.waitForTimeout(20);
  }
}

/** Opens the app on the small document, then switches to `documentId` and times it. */
async function timeOpen(browser: Browser, url: string, workspace: ReaderWorkspace, documentId: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const tasks: { startTime: number; duration: number }[] = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map(({ startTime, duration }) => ({ startTime, duration })))).observe(
      { type: 'longtask', buffered: true },
    );
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  });
  await page.goto(`${url}#doc=${workspace.startId}`);
  await waitForMark(page, 'cb:highlights-visible', (detail) => detail?.documentId === workspace.startId);
  await page.evaluate((id) => (location.hash = `#doc=${id}`), documentId);
  const visible = await waitForMark(page, 'cb:highlights-visible', (detail) => detail?.documentId === documentId);
  // Complete when every annotation is highlighted (they arrive in pages, each its own sync).
  const expected = documentId === workspace.annotatedId ? workspace.annotations : 0;
  const complete = await waitForMark(
    page,
    'cb:highlights-complete',
    (detail) => detail?.documentId === documentId && detail.count === expected,
  );
  const open = (await marks(page)).findLast((mark) => mark.name === 'cb:open' && mark.detail?.documentId === documentId)!;
  const textPainted = (await marks(page)).find((mark) => mark.name === 'cb:text-painted' && mark.detail?.documentId === documentId)!;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: { startTime: number; duration: number }[] }).longTasks);
  const applying = longTasks.filter(
    (task) => task.startTime + task.duration > textPainted.startTime && task.startTime < complete.startTime,
  );
  const opening = longTasks.filter((task) => task.startTime + task.duration > open.startTime && task.startTime < complete.startTime);
  const applyingDetail = applying.map(
    (task) => `${Math.round(task.duration)} ms at +${Math.round(task.startTime - textPainted.startTime)} ms`,
  );
  return {
    page,
    context,
    applyingDetail,
    firstPaintMs: visible.startTime - open.startTime,
    completeMs: complete.startTime - open.startTime,
    longestWhileApplyingMs: Math.max(0, ...applying.map((task) => task.duration)),
    longestWhileOpeningMs: Math.max(0, ...opening.map((task) => task.duration)),
  };
}

interface EditSamples {
  tagToPaint: number[];
  tagToSaved: number[];
  undoToPaint: number[];
  editToPaint: number[];
}

/**
 * One round on the open document: tags a word at the top with key 1, edits its status in the
 * claim form, and undoes both; each timed to paint. Round r takes the (r + 2)th word of line 3.
 */
async function editRound(page: Page, documentId: string, round: number, into: EditSamples): Promise<void> {
  // A word of the first paragraph (line 3), a different one each round, selected by keyboard.
  await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  for (let step = 0; step < round + 2; step++) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  // From rest: what the last change set going (the claims list, the library) has finished.
  await page.waitForTimeout(300);
  const before = (await marks(page)).length;
  await page.keyboard.press('1');
  const key = await waitForMark(page, 'cb:tag-key', () => true).then(async () =>
    (await marks(page)).slice(before).find((mark) => mark.name === 'cb:tag-key')!,
  );
  const id = key.detail!.id!;
  const painted = await waitForMark(
    page,
    'cb:highlights-changed',
    (detail) => detail?.documentId === documentId && (detail.added ?? []).includes(id),
  );
  const saved = await waitForMark(page, 'cb:annotation-saved', (detail) => detail?.id === id);
  // Edit it: Edit in the claims panel, another status, Ctrl+Enter.
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: 'Edit annotation' }).click();
  const form = page.getByRole('dialog', { name: 'Edit annotation' });
  await form.getByRole('combobox', { name: /^Status/ }).selectOption({ index: 1 + ((round + 2) % 4) });
  await page.waitForTimeout(300);
  await form.getByRole('combobox', { name: /^Status/ }).press('Control+Enter');
  const submitted = await waitForMark(page, 'cb:edit-saved-in-form', (detail) => detail?.id === id);
  const repainted = await waitForMark(
    page,
    'cb:highlights-changed',
    (detail) => detail?.documentId === documentId && (detail.changed ?? []).includes(id),
  );
  await waitForMark(page, 'cb:highlights-visible', () => true);
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();
  await page.keyboard.press('Control+z');
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();
  await page.keyboard.press('Control+z');
  const undoKey = (await marks(page)).findLast((mark) => mark.name === 'cb:undo-key')!;
  const removed = await waitForMark(
    page,
    'cb:highlights-changed',
    (detail) => detail?.documentId === documentId && (detail.removed ?? []).includes(id),
  );
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();
  // Two rounds first, not measured: the first changes of a page pay for compiling its code.
  if (round < 0) return;
  into.tagToPaint.push(painted.startTime - key.startTime);
  into.tagToSaved.push(saved.startTime - key.startTime);
  into.editToPaint.push(repainted.startTime - submitted.startTime);
  into.undoToPaint.push(removed.startTime - undoKey.startTime);
}

const noSamples = (): EditSamples => ({ tagToPaint: [], tagToSaved: [], undoToPaint: [], editToPaint: [] });

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const round = (value: number) => Math.round(value * 10) / 10;
const ratio = (subject: number, baseline: number) => Math.round((subject / baseline) * 100) / 100;

/** A paint time with 10,000 annotations against the same without any (target ≤ 1.25). */
function compared(name: string, subject: readonly number[], baseline: readonly number[]) {
  return {
    name,
    subject: { medianMs: round(median(subject)), samplesMs: subject.map(round) },
    baseline: { medianMs: round(median(baseline)), samplesMs: baseline.map(round) },
    ratio: ratio(median(subject), median(baseline)),
    target: '≤ 1.25',
  };
}

export async function readerBenchmark(browser: Browser, { runs = 5, editRounds = 15 } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-reader-'));
  const workspace = await createReaderWorkspace(root);
  const { child, url } = await serve(workspace.dir);
  try {
    const plain: Awaited<ReturnType<typeof timeOpen>>[] = [];
    const annotated: Awaited<ReturnType<typeof timeOpen>>[] = [];
    // One unmeasured round first; then alternate, so noise hits both alike.
    for (let run = -1; run < runs; run++) {
      for (const [documentId, into] of [
        [workspace.plainId, plain],
        [workspace.annotatedId, annotated],
      ] as const) {
        const result = await timeOpen(browser, url, workspace, documentId);
        if (run >= 0) into.push(result);
        await result.context.close();
      }
    }
    // Edits on both documents, open side by side in two pages, a round on each in turn: a
    // moment of noise (the server writing, a collection) falls on both alike.
    const sides = [
      { documentId: workspace.plainId, open: await timeOpen(browser, url, workspace, workspace.plainId), samples: noSamples() },
      { documentId: workspace.annotatedId, open: await timeOpen(browser, url, workspace, workspace.annotatedId), samples: noSamples() },
    ];
    try {
      for (let round = -2; round < editRounds; round++) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse())
          await editRound(side.open.page, side.documentId, round, side.samples);
      }
    } finally {
      for (const side of sides) await side.open.context.close();
    }
    const editsPlain = [sides[0]!.samples];
    const editsAnnotated = [sides[1]!.samples];
    const firstPaint = {
      subject: median(annotated.map((run) => run.firstPaintMs)),
      baseline: median(plain.map((run) => run.firstPaintMs)),
    };
    const undoPaint = {
      subject: median(editsAnnotated.flatMap((run) => run.undoToPaint)),
      baseline: median(editsPlain.flatMap((run) => run.undoToPaint)),
    };
    const saved = editsAnnotated.flatMap((run) => run.tagToSaved);
    const savedPlain = editsPlain.flatMap((run) => run.tagToSaved);
    const longest = Math.max(...annotated.map((run) => run.longestWhileApplyingMs));
    return {
      id: 'reader',
      unit: 'ms',
      document: { characters: workspace.textLength, annotations: workspace.annotations },
      firstPaint: {
        name: 'open → text and visible highlights painted: 10,000 annotations vs none',
        subject: { medianMs: round(firstPaint.subject), samplesMs: annotated.map((run) => round(run.firstPaintMs)) },
        baseline: { medianMs: round(firstPaint.baseline), samplesMs: plain.map((run) => round(run.firstPaintMs)) },
        ratio: ratio(firstPaint.subject, firstPaint.baseline),
        target: '≤ 1.3',
      },
      allHighlights: {
        name: 'open → every highlight applied and painted',
        medianMs: round(median(annotated.map((run) => run.completeMs))),
      },
      longTasks: {
        name: 'longest main-thread task while applying the highlights (text painted → all applied)',
        longestMs: round(longest),
        perRunMs: annotated.map((run) => round(run.longestWhileApplyingMs)),
        tasksWhileApplying: annotated.map((run) => run.applyingDetail),
        longestWhileOpeningMs: {
          annotated: annotated.map((run) => round(run.longestWhileOpeningMs)),
          plain: plain.map((run) => round(run.longestWhileOpeningMs)),
        },
        target: '≤ 50',
      },
      newAnnotation: compared(
        'tag key on a word at the top → its highlight painted',
        editsAnnotated.flatMap((run) => run.tagToPaint),
        editsPlain.flatMap((run) => run.tagToPaint),
      ),
      edit: compared(
        'claim form saved (Ctrl+Enter) on that claim → its changed highlight painted',
        editsAnnotated.flatMap((run) => run.editToPaint),
        editsPlain.flatMap((run) => run.editToPaint),
      ),
      undo: {
        name: 'Ctrl+Z → the highlight gone (waits for the service: undo is written before it is shown)',
        subject: { medianMs: round(undoPaint.subject) },
        baseline: { medianMs: round(undoPaint.baseline) },
        ratio: ratio(undoPaint.subject, undoPaint.baseline),
      },
      keypressToSaved: {
        name: 'tag key → annotation written to disk (the service answered)',
        annotated: { n: saved.length, p50Ms: round(percentile(saved, 50)), p99Ms: round(percentile(saved, 99)) },
        plain: { n: savedPlain.length, p50Ms: round(percentile(savedPlain, 50)), p99Ms: round(percentile(savedPlain, 99)) },
      },
    };
  } finally {
    await stop(child);
    await rm(root, { recursive: true, force: true });
  }
}

// `node bench/reader.ts`: this benchmark alone (after `npm run build`).
if (import.meta.main) {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS } = await import('../playwright.config.ts');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    console.log(
      JSON.stringify(
        await readerBenchmark(browser, {
          runs: Number(process.env.BENCH_RUNS ?? 3),
          editRounds: Number(process.env.BENCH_EDIT_ROUNDS ?? 10),
        }),
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
  }
}
