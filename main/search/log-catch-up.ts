// The team server's search index is checked against the team database's change log, not against a
// fingerprint of the workspace. A fingerprint must digest every annotation at each opening: at
// 100,000 documents and 2,000,000 annotations that was 25 s of the server's CPU and a digest kept
// per annotation (docs/ARCHITECTURE.md, team server), and it needs every document in memory, which
// the on-demand store (docs/design/on-demand-store.md, step 5) gives up. The log already says what
// changed: the index records the place in it that it reflects (`log:<seq>`, in the index's
// `fingerprint` slot), and at opening it is told the records the log names after that place, as
// they are now, or rebuilt when the log cannot say (too far behind, a place unknown here, an index
// from before this).
//
// A place is safe to record when every change up to it has reached the index: the store fires a
// change (StoreChange) when memory changes, before its row is committed, and a change of another
// process is read into memory before the follower's place moves past it. So the follower's place,
// read when a batch of changes is cut for the index, is covered by that batch and those before it.
import type { StoreChange, StoreChangeFeed, WorkspaceStore } from '../store/workspace-store.ts';

/** What the index's `fingerprint` holds on a store with a change log: this, then the place. */
export const LOG_MARK = 'log:';
/** Changes of the log told to an index at opening before it is rebuilt instead. */
export const CATCH_UP_LIMIT = 10_000;
/** Documents held at once while they are read for the index. */
const HOLD_BATCH = 200;

/** What the index is checked against: the store's change feed, or a fixed place (an index built from what was imported at it). */
export type IndexLog = Pick<StoreChangeFeed, 'position' | 'changesAfter'>;

/** What the index records it reflects: the follower's place now. */
export function logMarker(log: IndexLog): string {
  return `${LOG_MARK}${log.position}`;
}

/**
 * The records the log names after the place `marker` records, as changes of them as they are now
 * (read from the store; a document's annotations named when the log only saw annotations of it
 * change, so the index rewrites those rows and not the document's text; the codebook and the
 * claims by kind); undefined when the index must be rebuilt instead.
 */
export async function changesSinceMarker(
  marker: string | undefined,
  log: IndexLog,
  store: WorkspaceStore,
  signal?: AbortSignal,
): Promise<StoreChange[] | undefined> {
  if (marker === undefined || !marker.startsWith(LOG_MARK)) return undefined;
  const logged = await log.changesAfter(marker.slice(LOG_MARK.length), CATCH_UP_LIMIT);
  if (typeof logged === 'string') return undefined;
  const changes: StoreChange[] = [];
  const kinds = new Set(logged.map((change) => change.kind));
  if (kinds.has('workspace')) changes.push({ kind: 'workspace' });
  if (kinds.has('evidence')) changes.push({ kind: 'evidence' });
  // Per document, the annotations named, or undefined: the whole document (put or removed).
  const named = new Map<string, Set<string> | undefined>();
  for (const change of logged) {
    if (change.documentId === undefined) continue;
    const ids = named.get(change.documentId);
    if (change.kind !== 'annotations' || change.annotationIds === undefined) named.set(change.documentId, undefined);
    else if (ids !== undefined || !named.has(change.documentId))
      named.set(change.documentId, new Set([...(ids ?? []), ...change.annotationIds]));
  }
  const documentIds = [...named.keys()];
  for (let from = 0; from < documentIds.length; from += HOLD_BATCH) {
    signal?.throwIfAborted();
    const batch = documentIds.slice(from, from + HOLD_BATCH);
    const hold = await store.hold(batch);
    try {
      for (const documentId of batch) {
        // A document gone since is told as removed (no `after`).
        const after = store.document(documentId);
        const annotationIds = named.get(documentId);
        const change: StoreChange = { kind: 'document', documentId, before: undefined, after };
        changes.push(annotationIds === undefined ? change : { ...change, annotationIds: [...annotationIds] });
      }
    } finally {
      hold.release();
    }
  }
  return changes;
}
