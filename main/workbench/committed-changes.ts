// What windows are told of one committed change of a shared store (the team server's change log):
// the events the change fired where it was made (change-log.ts `announce`). A change another
// process made is read into memory by the store, and the service fires these events for it, so
// every window of every process sees it; each change, own or not, is also handed to the event
// stream with its place in the log (its SSE id), so that a window can resume from the last it saw.
import type { WorkbenchEvent, WorkbenchEvents } from '../../core/contract/workbench-api.ts';
import { Emitter, type Event } from '../../core/events.ts';
import type { WorkspaceInfo } from '../../core/model/workspace.ts';
import type { CommittedChange, StoreChangeFeed, WorkspaceStore } from '../store/workspace-store.ts';

/** One event as a window receives it. */
export type ChangeEvent = { [E in WorkbenchEvent]: { readonly event: E; readonly payload: WorkbenchEvents[E] } }[WorkbenchEvent];

/** A committed change as windows are told it. */
export interface ChangeEvents {
  /** Its place in the log: the SSE id. */
  readonly position: string;
  readonly events: readonly ChangeEvent[];
}

/** The service's side of a shared store's change feed (StoreChangeFeed), in events. */
export interface ServiceChangeFeed {
  readonly position: string;
  /** Every committed change, in the log's order, once. */
  readonly onDidApply: Event<ChangeEvents>;
  /** The changes after `position` (see StoreChangeFeed.changesAfter), with their events as they would be sent now. */
  eventsAfter(position: string, limit: number): Promise<readonly ChangeEvents[] | 'unknown' | 'too-many'>;
}

/** The events `change` makes, read from it and from what `store` holds now. */
export function changeEvents(change: CommittedChange, store: WorkspaceStore, info: () => WorkspaceInfo): ChangeEvent[] {
  const documentId = change.documentId ?? '';
  switch (change.kind) {
    case 'workspace':
      return [{ event: 'didChangeWorkspace', payload: info() }];
    case 'evidence':
      return [{ event: 'didChangeEvidence', payload: store.evidence }];
    case 'archive':
      return [{ event: 'didChangeArchive', payload: { entries: store.archive.length } }];
    case 'document':
      return [{ event: 'didChangeDocuments', payload: { changed: [documentId], removed: [] } }];
    case 'document-removed':
      return [{ event: 'didChangeDocuments', payload: { changed: [], removed: [documentId] } }];
    case 'annotations': {
      const put = change.put ?? [];
      const kept = new Set(put.map((annotation) => annotation.id));
      const removed = (change.annotationIds ?? []).filter((id) => !kept.has(id));
      return [
        { event: 'didChangeAnnotations', payload: { documentId, put, removed } },
        { event: 'didChangeDocuments', payload: { changed: [documentId], removed: [], annotationsOnly: true } },
      ];
    }
  }
}

/**
 * Follows `feed`: fires, through `fire`, the events of every change another process made (this
 * process's own were fired when they were made), and hands every change to the event stream.
 */
export function followCommittedChanges(
  feed: StoreChangeFeed,
  store: WorkspaceStore,
  info: () => WorkspaceInfo,
  fire: (event: ChangeEvent) => void,
): ServiceChangeFeed & { dispose(): void } {
  const applied = new Emitter<ChangeEvents>();
  const subscription = feed.onDidApply((change) => {
    const events = changeEvents(change, store, info);
    if (!change.own) for (const event of events) fire(event);
    applied.fire({ position: change.position, events });
  });
  return {
    get position() {
      return feed.position;
    },
    onDidApply: applied.event,
    async eventsAfter(position, limit) {
      const changes = await feed.changesAfter(position, limit);
      if (typeof changes === 'string') return changes;
      return changes.map((change) => ({ position: change.position, events: changeEvents(change, store, info) }));
    },
    dispose() {
      subscription.dispose();
      applied.dispose();
    },
  };
}
