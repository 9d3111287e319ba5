// The analyses of claim suggestions (issue 21), one worker thread at a time (suggest-worker.ts):
// texts asked for now go before those analysed in the background after an import, answers are
// kept per text hash (the last few settled, and every one under way or waiting), and closing the
// queue stops the worker that runs and turns down every analysis still to come.
import { Worker } from 'node:worker_threads';
import type { Suggestion } from '../../core/suggest/types.ts';
import { APP_LAYOUT } from '../app-paths.ts';
import type { SuggestWorkerData, SuggestWorkerMessage } from './suggest-worker.ts';

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('suggest-worker');
/** Settled texts whose suggestions are kept (the ones analysed or looked at most recently). */
const CACHED = 8;

/** Why an analysis did not finish because the queue was closed (the workspace or the app closing). */
export class AnalysisCancelled extends Error {
  constructor() {
    super('The analysis was stopped: the workspace is closing.');
    this.name = 'AnalysisCancelled';
  }
}

/** One analysis: the text, where its progress goes, and who waits for it. */
interface Job {
  readonly textHash: string;
  readonly text: string;
  readonly onProgress: (done: number, total: number) => void;
  readonly resolve: (suggestions: readonly Suggestion[]) => void;
  readonly reject: (error: Error) => void;
}

interface Entry {
  readonly answer: Promise<readonly Suggestion[]>;
  settled: boolean;
}

export interface SuggestQueueOptions {
  /** Runs one analysis (a worker thread by default); `stop` ends it at once. */
  readonly run?: (text: string, onProgress: (done: number, total: number) => void) => RunningAnalysis;
}

/** An analysis under way: its answer, and how to stop it. */
export interface RunningAnalysis {
  readonly answer: Promise<readonly Suggestion[]>;
  stop(): Promise<void>;
}

export class SuggestQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Job[] = [];
  private running: { readonly job: Job; readonly analysis: RunningAnalysis } | undefined;
  private closed = false;
  private readonly run: NonNullable<SuggestQueueOptions['run']>;

  constructor(options: SuggestQueueOptions = {}) {
    this.run = options.run ?? suggestInWorker;
  }

  /**
   * The suggestions of `text`: kept, under way, or analysed when the worker is free. `now` puts a
   * text asked for by the analyst before those waiting in the background.
   */
  suggestions(
    textHash: string,
    text: string,
    onProgress: (done: number, total: number) => void,
    when: 'now' | 'background',
  ): Promise<readonly Suggestion[]> {
    if (this.closed) return Promise.reject(new AnalysisCancelled());
    const known = this.entries.get(textHash);
    if (known !== undefined) {
      // Most recently used last, so it is the last to be forgotten.
      this.entries.delete(textHash);
      this.entries.set(textHash, known);
      const at = this.waiting.findIndex((job) => job.textHash === textHash);
      if (when === 'now' && at > 0) this.waiting.unshift(...this.waiting.splice(at, 1));
      return known.answer;
    }
    let job!: Job;
    const answer = new Promise<readonly Suggestion[]>((resolve, reject) => {
      job = { textHash, text, onProgress, resolve, reject };
    });
    const entry: Entry = { answer, settled: false };
    this.entries.set(textHash, entry);
    answer.then(
      () => {
        entry.settled = true;
        this.forgetOld();
      },
      () => {
        if (this.entries.get(textHash) === entry) this.entries.delete(textHash);
      },
    );
    if (when === 'now') this.waiting.unshift(job);
    else this.waiting.push(job);
    this.next();
    return answer;
  }

  /** Stops the analysis under way and turns down those waiting; later calls are turned down too. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new AnalysisCancelled());
    const running = this.running;
    this.running = undefined;
    if (running === undefined) return;
    running.job.reject(new AnalysisCancelled());
    await running.analysis.stop();
  }

  /** Starts the next waiting analysis when none runs. */
  private next(): void {
    if (this.closed || this.running !== undefined) return;
    const job = this.waiting.shift();
    if (job === undefined) return;
    const analysis = this.run(job.text, job.onProgress);
    this.running = { job, analysis };
    analysis.answer.then(job.resolve, job.reject).finally(() => {
      if (this.running?.job !== job) return;
      this.running = undefined;
      this.next();
    });
  }

  /** Forgets the oldest settled answers beyond CACHED (those under way or waiting stay). */
  private forgetOld(): void {
    let settled = [...this.entries.values()].filter((entry) => entry.settled).length;
    for (const [textHash, entry] of this.entries) {
      if (settled <= CACHED) return;
      if (!entry.settled) continue;
      this.entries.delete(textHash);
      settled--;
    }
  }
}

/** The suggestions of `text`, found in a worker thread of their own; rejects when the worker fails or dies. */
export function suggestInWorker(text: string, onProgress: (done: number, total: number) => void): RunningAnalysis {
  const workerData: SuggestWorkerData = { text };
  const worker = new Worker(WORKER_URL, { workerData });
  const answer = new Promise<readonly Suggestion[]>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: SuggestWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else if (message.kind === 'done') settle(() => resolve(message.suggestions));
      else settle(() => reject(new Error(`the analysis failed: ${message.message}`)));
    });
    worker.once('error', (error) => settle(() => reject(new Error(`the analysis stopped unexpectedly: ${error.message}`))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the analysis stopped unexpectedly (exit code ${code})`))));
  });
  return {
    answer,
    stop: async () => {
      await worker.terminate();
    },
  };
}
