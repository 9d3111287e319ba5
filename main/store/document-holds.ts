// Holds on documents (docs/design/on-demand-store.md §2.1): a caller holds the documents it is
// about to read with `store.hold(ids)`, reads them synchronously with `store.document(id)`, and
// releases them. The folder store keeps every document in memory, so its holds cost nothing. The
// PostgreSQL store counts them; in strict mode it throws NotHeld for a read without one, which is
// how the team suite proves that every read holds before the store starts to evict (step 4).
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { DocumentHold, WorkspaceStore } from './workspace-store.ts';

/** `document(id)` was called for a document that exists but that nobody holds. */
export class NotHeld extends Error {
  readonly documentId: string;

  constructor(documentId: string) {
    super(`Document ${documentId} was read without a hold (store.hold).`);
    this.name = 'NotHeld';
    this.documentId = documentId;
  }
}

/** The hold of a store that keeps every document in memory: there is nothing to release. */
export const NO_HOLD: DocumentHold = Object.freeze({ release: () => undefined });

/** How many holds each document has. A hold's release counts once, however often it is called. */
export class HoldCounts {
  private readonly counts = new Map<string, number>();
  private readonly strict: boolean;

  /** `strict`: `check` throws for a document not held. */
  constructor(strict: boolean) {
    this.strict = strict;
  }

  add(ids: Iterable<string>): DocumentHold {
    const held = [...new Set(ids)];
    for (const id of held) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const id of held) {
          const left = (this.counts.get(id) ?? 0) - 1;
          if (left > 0) this.counts.set(id, left);
          else this.counts.delete(id);
        }
      },
    };
  }

  has(id: string): boolean {
    return this.counts.has(id);
  }

  /** Throws NotHeld, in strict mode, when nobody holds `id`. */
  check(id: string): void {
    if (this.strict && !this.counts.has(id)) throw new NotHeld(id);
  }
}

/**
 * Runs `work` with the documents `ids` held, and releases them however it ends. Call sites use this
 * rather than `await using` on the hold: no code here uses explicit resource management yet (the
 * desktop build's bundler was not checked for it), and one call reads as plainly as a try/finally
 * without repeating one at every site.
 */
export async function withHeld<T>(store: Pick<WorkspaceStore, 'hold'>, ids: Iterable<string>, work: () => T | Promise<T>): Promise<T> {
  const hold = await store.hold(ids);
  try {
    return await work();
  } finally {
    hold.release();
  }
}

/** Document `id` as the store has it now, read under a hold of its own (the object stays the caller's to read). */
export function readHeld(store: Pick<WorkspaceStore, 'hold' | 'document'>, id: string): Promise<DocumentFile | undefined> {
  return withHeld(store, [id], () => store.document(id));
}
