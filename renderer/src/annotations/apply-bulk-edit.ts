// One change to many annotations (the annotations panel's and the annotations table's bulk bar):
// sent as one `updateAnnotations`, which is one undo step, and said in words afterwards.
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import { canonicalSpeaker } from '../../../core/codebook/speakers.ts';
import type { AnnotationVersionRef } from '../../../core/contract/annotations-api.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { describeBulkEdit } from './bulk-edit-summary.ts';

/**
 * Applies `patch` to `refs`, each made from the version the window shows (`baseVersion`): the
 * problem, or what was done in words ("Edited 3 annotations: status Refuted. Ctrl+Z undoes it.").
 * When someone else changed one of them since, nothing is changed and the problem says so; their
 * versions reach the window as they are saved, so applying the edit again changes them as they are.
 */
export async function applyBulkEdit(
  refs: readonly AnnotationVersionRef[],
  patch: BulkAnnotationPatch,
  { codebook, settings }: Pick<WorkspaceInfo, 'codebook' | 'settings'>,
): Promise<{ readonly problem: string } | { readonly said: string }> {
  const result = await api.updateAnnotations(refs, patch);
  if (!result.ok && result.error.code === 'conflict')
    return { problem: `${result.error.message} The window now shows their changes: apply the edit again to change them as they are.` };
  if (!result.ok) return { problem: result.error.message };
  const tags = new Map(codebook.tags.map((tag) => [tag.id, tag.name]));
  const statuses = new Map(settings.statuses.map((status) => [status.id, status.label]));
  return {
    said: describeBulkEdit(
      // Said under the speaker's name, as stored, whichever spelling was typed.
      patch.speaker === undefined ? patch : { ...patch, speaker: canonicalSpeaker(codebook, patch.speaker) },
      refs.length,
      result.value.annotations,
      { tagName: (id) => tags.get(id) ?? id, statusLabel: (id) => statuses.get(id) ?? id },
    ),
  };
}
