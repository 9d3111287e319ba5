// Telling every window what a change of the change log (change-log.ts) has left on disk: the
// events of the records it wrote, read back from the store.
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { ChangeSide } from '../../core/history/history.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeEvents } from './change-log.ts';

/**
 * Tells every window what is now on disk (after a failure, what it was rolled back to).
 * `present`: the whole documents of the side as they were before it was written; those now
 * gone are announced removed, those now different changed (a window showing one reloads it).
 */
export function announceWritten(
  store: WorkspaceStore,
  events: ChangeEvents,
  documents: ReadonlyMap<string, unknown>,
  present: ReadonlyMap<string, DocumentFile | undefined>,
  side: ChangeSide,
): void {
  if (side.codebook !== undefined) events.codebookChanged();
  if (side.evidence !== undefined) events.evidenceChanged.fire(store.evidence);
  if (side.archive !== undefined) events.archiveChanged?.fire({ entries: store.archive.length });
  const byDocument = new Map<string, { put: Annotation[]; removed: string[] }>();
  for (const { documentId, annotationId } of side.annotations) {
    const stored = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
    const entry = byDocument.get(documentId) ?? { put: [], removed: [] };
    if (stored === undefined) entry.removed.push(annotationId);
    else entry.put.push(stored);
    byDocument.set(documentId, entry);
  }
  for (const [documentId, { put, removed }] of byDocument) events.annotationsChanged.fire({ documentId, put, removed });
  if (documents.size > 0) events.documentsChanged.fire({ changed: [...documents.keys()], removed: [], annotationsOnly: true });
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [documentId, before] of present) {
    const now = store.document(documentId);
    if (now === before) continue;
    if (now === undefined) removed.push(documentId);
    else changed.push(documentId);
  }
  if (changed.length > 0 || removed.length > 0) events.documentsChanged.fire({ changed, removed });
}
