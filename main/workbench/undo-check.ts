// Undo and redo on a team server: a member's step is not written back over what another member
// changed since (design: ../shared/design/team-server.md §4.7).
import { isDeepStrictEqual } from 'node:util';
import type { Change } from '../../core/history/history.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { currentActor } from '../team/actor.ts';

/**
 * On a team server, an annotation of `change` that is no longer as its `side` left it (another
 * member changed it since), named by its quote; undefined when none is, or outside a team (one
 * person's own later changes are undone first, in order).
 */
export function overwrittenSince(store: WorkspaceStore, change: Change, side: 'before' | 'after'): string | undefined {
  if (currentActor() === undefined) return undefined;
  for (const edit of change.annotations) {
    const expected = edit[side];
    const now = store.document(edit.documentId)?.annotations.find((annotation) => annotation.id === edit.annotationId);
    if (expected === undefined && now === undefined) continue;
    if (expected === undefined || now === undefined || !sameContent(expected, now)) {
      const quote = (now ?? expected)!.target.exact;
      return `“${quote.length > 40 ? `${quote.slice(0, 40)}…` : quote}”`;
    }
  }
  return undefined;
}

/** Two annotations alike but for their version (which every write moves on). */
function sameContent(a: Annotation, b: Annotation): boolean {
  const { version: _a, ...restA } = a;
  const { version: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}
