// The documents a change names: what ChangeLog holds while it writes the change, or writes one of
// its sides back (undo, redo), so that every read of them on the way (versions, rollback, what
// to announce) finds them in memory (docs/design/on-demand-store.md §2.1, A3).
import type { Change } from '../../core/history/history.ts';

export function documentsOf(change: Change): Set<string> {
  const ids = new Set<string>();
  for (const edit of change.annotations) ids.add(edit.documentId);
  for (const edit of change.documents ?? []) ids.add(edit.documentId);
  for (const edit of change.details ?? []) ids.add(edit.documentId);
  return ids;
}
