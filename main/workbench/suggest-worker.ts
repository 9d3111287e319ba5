// Runs in a worker thread (started by suggestion-methods.ts): suggests claims in one text with
// core/suggest, posting progress after each chunk of paragraphs and then every suggestion, so the
// service's own thread stays free to answer while a long document is analysed. It runs at a
// background priority (thread-priority.ts), so that on a small machine the reader's frames and the
// service's answers are scheduled before it.
import { parentPort, workerData } from 'node:worker_threads';
import { suggestInChunks } from '../../core/suggest/index.ts';
import type { Suggestion } from '../../core/suggest/types.ts';
import { runInBackground } from '../thread-priority.ts';

export interface SuggestWorkerData {
  readonly text: string;
}

/** The worker's messages: progress (characters done of the whole), then the suggestions, or why it failed. */
export type SuggestWorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly suggestions: readonly Suggestion[] }
  | { readonly kind: 'failed'; readonly message: string };

const post = (message: SuggestWorkerMessage) => parentPort!.postMessage(message);

runInBackground();

try {
  const { text } = workerData as SuggestWorkerData;
  const suggestions: Suggestion[] = [];
  for (const step of suggestInChunks(text)) {
    suggestions.push(...step.suggestions);
    post({ kind: 'progress', done: step.done, total: step.total });
  }
  post({ kind: 'done', suggestions });
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
}
