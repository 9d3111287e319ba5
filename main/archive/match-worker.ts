// Runs in a worker thread (started by matching-thread.ts): "has this been checked before?" off the
// service's own thread. It holds the matcher over the archive and the rated claims it was last sent
// (built here, so neither loading the matcher nor building its index stalls the service), answers
// a text at once, and matches a document a block (paragraph) at a time, posting progress after each
// slice of work and yielding to its message queue between slices, so that texts are answered and
// cancels heard while a long document is matched.
import { parentPort } from 'node:worker_threads';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { CheckedMatch, CheckedSentence } from '../../core/contract/archive-api.ts';
import type { Claim, VerdictRating } from '../../core/model/evidence.ts';
import { splitSentences } from '../../core/text/sentences.ts';
import { checkedBefore, type CheckedBefore } from './checked-before.ts';

/** What the service asks. `targets` replaces what is matched against; the others are answered by id. */
export type MatchWorkerRequest =
  | {
      readonly kind: 'targets';
      readonly archive: readonly ArchiveEntry[];
      readonly claims: readonly Claim[];
      readonly scale: readonly VerdictRating[];
    }
  | { readonly kind: 'text'; readonly id: number; readonly text: string; readonly top: number }
  | { readonly kind: 'document'; readonly id: number; readonly text: string }
  | { readonly kind: 'cancel'; readonly id: number };

/** What the worker answers: progress (characters done of the whole) and the outcome of each request. */
export type MatchWorkerReply =
  | { readonly kind: 'matches'; readonly id: number; readonly matches: CheckedMatch[] }
  | { readonly kind: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly kind: 'sentences'; readonly id: number; readonly sentences: CheckedSentence[] }
  | { readonly kind: 'cancelled'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** Work done between two looks at the message queue (and two progress messages), in milliseconds. */
const SLICE_MS = 50;

const port = parentPort!;
const post = (reply: MatchWorkerReply) => port.postMessage(reply);
let matcher: CheckedBefore = checkedBefore([], [], []);
const cancelled = new Set<number>();

// The sentence splitter's model (~200 ms) is loaded now, before the first document asks for it.
splitSentences('Warm up. Ready.');

port.on('message', (request: MatchWorkerRequest) => {
  switch (request.kind) {
    case 'targets':
      matcher = checkedBefore(request.archive, request.claims, request.scale);
      return;
    case 'text':
      return answer(request.id, () => post({ kind: 'matches', id: request.id, matches: matcher.match(request.text, request.top) }));
    case 'document':
      return void matchDocument(request.id, request.text);
    case 'cancel':
      cancelled.add(request.id);
      return;
  }
});

function answer(id: number, work: () => void): void {
  try {
    work();
  } catch (error) {
    post({ kind: 'failed', id, message: (error as Error).message });
  }
}

async function matchDocument(id: number, text: string): Promise<void> {
  // The matcher of the moment the document was asked for, even if new targets come meanwhile.
  const using = matcher;
  const sentences: CheckedSentence[] = [];
  try {
    const blocks = using.matchDocumentByBlock(text);
    for (;;) {
      const sliceEnd = performance.now() + SLICE_MS;
      let next = blocks.next();
      while (!next.done) {
        sentences.push(...next.value.sentences);
        if (performance.now() >= sliceEnd) break;
        next = blocks.next();
      }
      if (next.done) break;
      post({ kind: 'progress', id, done: next.value.end, total: text.length });
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled.delete(id)) return post({ kind: 'cancelled', id });
    }
    cancelled.delete(id);
    post({ kind: 'sentences', id, sentences });
  } catch (error) {
    post({ kind: 'failed', id, message: (error as Error).message });
  }
}
