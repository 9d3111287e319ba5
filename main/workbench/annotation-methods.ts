// The annotation half of the workbench service: create, edit and delete claims. Each change goes
// through the change log: written before it resolves, then undoable. Deleting an annotation takes
// its links and claim mentions with it, in the same step.
import { randomUUID } from 'node:crypto';
import { newAnnotation, patchAnnotation, reviewAnchor, vocabularyOf } from '../../core/annotations/annotation-operations.ts';
import { applyBulkPatch } from '../../core/annotations/bulk-edit.ts';
import { canonicalSpeaker } from '../../core/codebook/speakers.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved } from '../../core/evidence/references.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { isStale, versionOf } from '../../core/model/record-version.ts';
import { conflict, fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { annotationSuggestions } from './annotation-tallies.ts';
import type { ChangeLog } from './change-log.ts';
import { authorName } from './author.ts';

type AnnotationMethods = Pick<
  WorkbenchApi,
  'createAnnotation' | 'updateAnnotation' | 'updateAnnotations' | 'deleteAnnotation' | 'reviewAnchor' | 'getAnnotationSuggestions'
>;

export function annotationMethods(store: WorkspaceStore, changes: ChangeLog): AnnotationMethods {
  const vocabulary = () => vocabularyOf(store.workspace);
  /** A speaker typed under one of its other spellings is stored under its name (see core/codebook/speakers.ts). */
  const withSpeakerName = <T extends { readonly speaker?: string | undefined }>(fields: T): T =>
    fields.speaker === undefined ? fields : { ...fields, speaker: canonicalSpeaker(store.workspace.codebook, fields.speaker) };

  const tagNames = (tags: readonly string[]) => {
    const names = new Map(store.workspace.codebook.tags.map((tag) => [tag.id, tag.name]));
    return tags.map((tag) => names.get(tag) ?? tag).join(', ');
  };

  return {
    createAnnotation(documentId, input) {
      return changes.exclusive(
        async () => {
          const file = store.document(documentId);
          if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
          if (input.id !== undefined && file.annotations.some((annotation) => annotation.id === input.id)) {
            return fail('invalid', `The document already has an annotation "${input.id}".`);
          }
          const now = new Date().toISOString();
          const created = newAnnotation(file.text, withSpeakerName(input), {
            id: input.id ?? randomUUID(),
            creator: authorName(store.workspace.settings),
            now,
            vocabulary: vocabulary(),
            textHash: file.meta.textHash,
          });
          if (!created.ok) return created;
          const label = input.tags.length > 0 ? `Tag as ${tagNames(input.tags)}` : 'New annotation';
          const written = await changes.commit({
            label,
            annotations: [{ documentId, annotationId: created.value.id, before: undefined, after: created.value }],
          });
          return written.ok ? created : written;
        },
        { pipelined: true, documents: [documentId] },
      );
    },

    updateAnnotation(documentId, annotationId, patch) {
      return changes.exclusive(
        async () => {
          const before = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
          if (before === undefined) return fail('not-found', 'That annotation is no longer in the document.');
          // Checked here, inside the change log's turn: of two edits made from one version, one is written.
          if (isStale(before, patch.baseVersion)) return conflict(before, changedSince(before, patch.baseVersion));
          const after = patchAnnotation(before, withSpeakerName(patch), vocabulary(), new Date().toISOString());
          if (!after.ok) return after;
          const written = await changes.commit({
            label: 'Edit annotation',
            annotations: [{ documentId, annotationId, before, after: after.value }],
          });
          return written.ok ? after : written;
        },
        { pipelined: true, documents: [documentId] },
      );
    },

    updateAnnotations(refs, patch) {
      return changes.exclusive(
        async () => {
          const now = new Date().toISOString();
          const fields = withSpeakerName(patch);
          const edits: AnnotationEdit[] = [];
          const seen = new Set<string>();
          const stale: { documentId: string; annotation: Annotation; baseVersion: number | undefined }[] = [];
          for (const { documentId, annotationId, baseVersion } of refs) {
            const key = `${documentId}\u0000${annotationId}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const before = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
            if (before === undefined)
              return fail('not-found', 'One of the chosen annotations is no longer in its document: nothing was changed.');
            if (isStale(before, baseVersion)) stale.push({ documentId, annotation: before, baseVersion });
            if (stale.length > 0) continue;
            const after = applyBulkPatch(before, fields, vocabulary(), now);
            if (!after.ok) return after;
            if (after.value !== before) edits.push({ documentId, annotationId, before, after: after.value });
          }
          if (stale.length > 0) {
            const message =
              stale.length === 1
                ? `${changedSince(stale[0]!.annotation, stale[0]!.baseVersion)} Nothing was changed.`
                : `Someone else changed ${stale.length} of these annotations since you saw them: nothing was changed.`;
            return conflict(
              stale.map(({ documentId, annotation }) => ({ documentId, annotation })),
              message,
            );
          }
          if (edits.length === 0) return ok({ annotations: 0 });
          const written = await changes.commit({
            label: `Edit ${edits.length} annotation${edits.length === 1 ? '' : 's'}`,
            annotations: edits,
          });
          return written.ok ? ok({ annotations: edits.length }) : written;
        },
        { documents: refs.map((ref) => ref.documentId) },
      );
    },

    deleteAnnotation(documentId, annotationId, options) {
      return changes.exclusive(
        async () => {
          const before = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
          if (before === undefined) return fail('not-found', 'That annotation is no longer in the document.');
          if (isStale(before, options?.baseVersion)) return conflict(before, changedSince(before, options?.baseVersion));
          const evidence = afterAnnotationsRemoved(store.evidence, { annotations: [{ documentId, annotationId }] });
          const written = await changes.commit({
            label: 'Delete annotation',
            annotations: [{ documentId, annotationId, before, after: undefined }],
            evidence,
          });
          return written.ok ? ok(true) : written;
        },
        { pipelined: true, documents: [documentId] },
      );
    },

    reviewAnchor(documentId, annotationId, decision) {
      return changes.exclusive(
        async () => {
          const file = store.document(documentId);
          const before = file?.annotations.find((annotation) => annotation.id === annotationId);
          if (file === undefined || before === undefined) return fail('not-found', 'That annotation is no longer in the document.');
          const after = reviewAnchor(before, decision, file.text, file.meta.textHash, new Date().toISOString());
          if (!after.ok) return after;
          const label = decision.kind === 'accept' ? 'Accept new place of annotation' : 'Re-pin annotation';
          const written = await changes.commit({ label, annotations: [{ documentId, annotationId, before, after: after.value }] });
          return written.ok ? after : written;
        },
        { pipelined: true, documents: [documentId] },
      );
    },

    getAnnotationSuggestions() {
      return annotationSuggestions(store, store.workspace.codebook);
    },
  };
}

/** Why an edit made from `baseVersion` of `current` was refused, in words. */
function changedSince(current: Annotation, baseVersion: number | undefined): string {
  return `Someone else changed this annotation after you opened it (version ${baseVersion ?? '?'} then, ${versionOf(current)} now).`;
}
