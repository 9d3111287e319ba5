import { readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../core/suggest/types.ts';
import { BACKGROUND_NICENESS } from '../thread-priority.ts';
import { AnalysisCancelled, SuggestQueue, suggestInWorker, type RunningAnalysis } from './suggest-queue.ts';

/** Analyses that finish when the test says so, and remember what was started and stopped. */
function fakeRuns() {
  const started: string[] = [];
  const stopped: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (text: string): RunningAnalysis => {
    started.push(text);
    const answer = new Promise<readonly Suggestion[]>((resolve) =>
      finish.set(text, () => resolve([{ start: 0, end: text.length, kind: 'figure', text, reason: 'fake' }])),
    );
    return { answer, stop: async () => void stopped.push(text) };
  };
  return { run, started, stopped, finish: (text: string) => finish.get(text)!() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const quiet = () => {};

describe('the queue of suggestion analyses', () => {
  it('runs one analysis at a time, the texts asked for now before those in the background, each text once', async () => {
    const runs = fakeRuns();
    const queue = new SuggestQueue({ run: runs.run });
    const a = queue.suggestions('ha', 'a', quiet, 'background');
    void queue.suggestions('hb', 'b', quiet, 'background');
    void queue.suggestions('hc', 'c', quiet, 'background');
    const c = queue.suggestions('hc', 'c', quiet, 'now');
    await tick();
    expect(runs.started).toEqual(['a']);
    runs.finish('a');
    expect(await a).toHaveLength(1);
    await tick();
    expect(runs.started).toEqual(['a', 'c']);
    runs.finish('c');
    await c;
    await tick();
    expect(runs.started).toEqual(['a', 'c', 'b']);
    // Kept: asked again, not analysed again.
    expect(await queue.suggestions('ha', 'a', quiet, 'now')).toBe(await a);
    expect(runs.started).toHaveLength(3);
    await queue.close();
  });

  it('on close, stops the analysis under way and turns down the waiting ones and any later', async () => {
    const runs = fakeRuns();
    const queue = new SuggestQueue({ run: runs.run });
    const running = queue.suggestions('ha', 'a', quiet, 'now');
    const waiting = queue.suggestions('hb', 'b', quiet, 'background');
    await tick();
    await queue.close();
    await expect(running).rejects.toBeInstanceOf(AnalysisCancelled);
    await expect(waiting).rejects.toBeInstanceOf(AnalysisCancelled);
    await expect(queue.suggestions('hc', 'c', quiet, 'now')).rejects.toBeInstanceOf(AnalysisCancelled);
    expect(runs.stopped).toEqual(['a']);
    expect(runs.started).toEqual(['a']);
  });

  it('terminates a worker thread still analysing when closed', async () => {
    // Long enough to take seconds in the worker: closed at its first progress report.
    const text = 'The ministry said on Tuesday that 480 missiles were fired, and officials expect 12 percent more.\n'.repeat(20_000);
    let workers: RunningAnalysis[] = [];
    const queue = new SuggestQueue({
      run: (words, onProgress) => {
        const analysis = suggestInWorker(words, onProgress);
        workers = [...workers, analysis];
        return analysis;
      },
    });
    let reports = 0;
    let firstReport!: () => void;
    const reported = new Promise<void>((resolve) => (firstReport = resolve));
    const answer = queue.suggestions(
      'h',
      text,
      () => {
        reports++;
        firstReport();
      },
      'now',
    );
    await reported;
    await queue.close();
    await expect(answer).rejects.toBeInstanceOf(AnalysisCancelled);
    // The worker itself ended, by termination (exit code 1), not by finishing its work.
    await expect(workers[0]!.answer).rejects.toThrow('exit code 1');
    const after = reports;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports).toBe(after);
  }, 60_000);

  // The reader's frames are scheduled before the analysis on a small machine (thread-priority.ts).
  it.runIf(process.platform === 'linux' && os.getPriority() < BACKGROUND_NICENESS)(
    'analyses in a thread of background priority',
    async () => {
      const lowered = () => readdirSync('/proc/self/task').filter((id) => os.getPriority(Number(id)) >= BACKGROUND_NICENESS);
      const before = lowered();
      const text = 'The ministry said on Tuesday that 480 missiles were fired.\n'.repeat(20_000);
      let during: string[] = [];
      let firstReport!: () => void;
      const reported = new Promise<void>((resolve) => (firstReport = resolve));
      const analysis = suggestInWorker(text, () => {
        during = lowered();
        firstReport();
      });
      await reported;
      await analysis.stop();
      await analysis.answer.catch(() => undefined);
      expect(during.filter((id) => !before.includes(id))).toHaveLength(1);
    },
    60_000,
  );
});
