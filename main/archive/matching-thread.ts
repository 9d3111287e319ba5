// The service's side of the matching worker (match-worker.ts): one worker thread per service,
// started when first needed (the first match, after the first document is painted: not as the
// workspace opens, where loading its NLP model, ~0.8 s of CPU, would compete with that paint), that holds the matcher over the
// archive and the rated claims. What it matches against is sent again only when the archive or the
// claims changed (they are replaced, never edited in place, so identity tells). The worker keeps the
// process alive only while it has work; a worker that dies fails what it was doing, and the next
// request starts another. `dispose` terminates it.
import { Worker } from 'node:worker_threads';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { CheckedMatch, CheckedSentence } from '../../core/contract/archive-api.ts';
import type { Claim, VerdictRating } from '../../core/model/evidence.ts';
import { APP_LAYOUT } from '../app-paths.ts';
import type { MatchWorkerReply, MatchWorkerRequest } from './match-worker.ts';

/** What is matched against, as the store has it now. */
export interface MatchSources {
  readonly archive: readonly ArchiveEntry[];
  readonly claims: readonly Claim[];
  readonly scale: readonly VerdictRating[];
}

/** A document being matched: its outcome (undefined when cancelled), and how to cancel it. */
export interface DocumentMatching {
  readonly done: Promise<CheckedSentence[] | undefined>;
  cancel(): void;
}

interface Pending {
  readonly settle: (reply: MatchWorkerReply) => void;
  readonly fail: (error: Error) => void;
}

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('match-worker');

export class MatchingThread {
  private worker: Worker | undefined;
  private sent: MatchSources | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  private readonly sources: () => MatchSources;

  /** `sources` is read at each request: what the worker matches against follows the store. */
  constructor(sources: () => MatchSources) {
    this.sources = sources;
  }

  /** What `text` may have been checked as, best first (at most `top`). */
  async match(text: string, top: number): Promise<CheckedMatch[]> {
    const reply = await this.request((id) => ({ kind: 'text', id, text, top }));
    return reply.kind === 'matches' ? reply.matches : [];
  }

  /** Matches `text` sentence by sentence in the worker, telling `onProgress` how far it got (characters). */
  matchDocument(text: string, onProgress: (done: number, total: number) => void): DocumentMatching {
    let id = 0;
    const done = this.request(
      (assigned) => {
        id = assigned;
        return { kind: 'document', id, text };
      },
      (reply) => reply.kind === 'progress' && onProgress(reply.done, reply.total),
    ).then((reply) => (reply.kind === 'sentences' ? reply.sentences : undefined));
    return {
      done,
      cancel: () => {
        if (this.pending.has(id)) this.worker?.postMessage({ kind: 'cancel', id } satisfies MatchWorkerRequest);
      },
    };
  }

  /** Terminates the worker; what it was doing is answered as cancelled (a document) or with no matches. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, { settle }] of this.pending) settle({ kind: 'cancelled', id });
    this.pending.clear();
    await worker?.terminate();
  }

  private request(make: (id: number) => MatchWorkerRequest, onProgress?: (reply: MatchWorkerReply) => void): Promise<MatchWorkerReply> {
    if (this.disposed) return Promise.resolve({ kind: 'cancelled', id: 0 });
    const worker = this.ready();
    const id = this.nextId++;
    return new Promise<MatchWorkerReply>((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, {
        settle: (reply) => {
          if (reply.kind === 'progress') return onProgress?.(reply);
          this.forget(id);
          if (reply.kind === 'failed') reject(new Error(`matching failed: ${reply.message}`));
          else resolve(reply);
        },
        fail: reject,
      });
      worker.postMessage(make(id));
    });
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** The worker, started if need be, with what is matched against up to date. */
  private ready(): Worker {
    if (this.worker === undefined) {
      const worker = new Worker(WORKER_URL);
      worker.unref();
      worker.on('message', (reply: MatchWorkerReply) => this.pending.get(reply.id)?.settle(reply));
      const died = (error: Error) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.sent = undefined;
        const failed = [...this.pending.values()];
        this.pending.clear();
        for (const { fail } of failed) fail(error);
      };
      worker.once('error', (error) => died(new Error(`the matching thread stopped unexpectedly: ${error.message}`)));
      worker.once('exit', (code) => died(new Error(`the matching thread stopped unexpectedly (exit code ${code})`)));
      this.worker = worker;
    }
    const { archive, claims, scale } = this.sources();
    if (this.sent?.archive !== archive || this.sent.claims !== claims || this.sent.scale !== scale) {
      // Only the claims with a verdict are matched against: the others need not cross.
      const rated = claims.filter((claim) => claim.verdict !== undefined);
      this.worker.postMessage({ kind: 'targets', archive, claims: rated, scale } satisfies MatchWorkerRequest);
      this.sent = { archive, claims, scale };
    }
    return this.worker;
  }
}
