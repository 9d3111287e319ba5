// The annotation half of the workbench service: create, edit and delete claims, and undo and redo
// those changes across documents. Each change is written before it resolves, and recorded in the
// session's history only once written.
import { randomUUID } from 'node:crypto';
import { History, type Change, type HistoryState } from '../../core/annotations/history.ts';
import { newAnnotation, patchAnnotation, putAnnotation, type Vocabulary } from '../../core/annotations/operations.ts';
import type { DocumentsChange, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

type AnnotationMethods = Pick<WorkbenchApi, 'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'undo' | 'redo' | 'getHistory' | 'getClaimSuggestions'>;

export function annotationMethods(
  store: WorkspaceStore,
  events: { readonly documentsChanged: Emitter<DocumentsChange>; readonly historyChanged: Emitter<HistoryState> },
): AnnotationMethods {
  const history = new History();

  const vocabulary = (): Vocabulary => {
    const { codebook, settings } = store.workspace;
    return {
      tagIds: new Set(codebook.tags.map((tag) => tag.id)),
      statusIds: new Set(settings.statuses.map((status) => status.id)),
      defaultStatus: settings.statuses[0]!.id,
    };
  };

  /** Writes `annotation` (or its removal) under `annotationId` in the document. */
  const apply = async (documentId: string, annotationId: string, annotation: Annotation | undefined): Promise<Result<true, 'not-found' | 'write-failed'>> => {
    const file = store.document(documentId);
    if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
    const written = await store.putDocument(putAnnotation(file, annotationId, annotation));
    if (!written.ok) return written;
    events.documentsChanged.fire({ changed: [documentId], removed: [] });
    return ok(true);
  };

  const record = (change: Change) => {
    history.record(change);
    events.historyChanged.fire(history.state);
  };

  const tagNames = (tags: readonly string[]) => {
    const names = new Map(store.workspace.codebook.tags.map((tag) => [tag.id, tag.name]));
    return tags.map((tag) => names.get(tag) ?? tag).join(', ');
  };

  return {
    async createAnnotation(documentId, input) {
      const file = store.document(documentId);
      if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      const now = new Date().toISOString();
      const created = newAnnotation(file.text, input, { id: randomUUID(), creator: store.workspace.settings.analystName, now, vocabulary: vocabulary() });
      if (!created.ok) return created;
      const written = await apply(documentId, created.value.id, created.value);
      if (!written.ok) return written;
      record({ documentId, annotationId: created.value.id, before: undefined, after: created.value, label: input.tags.length > 0 ? `Tag as ${tagNames(input.tags)}` : 'Mark claim' });
      return created;
    },

    async updateAnnotation(documentId, annotationId, patch) {
      const before = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
      if (before === undefined) return fail('not-found', 'That claim is no longer in the document.');
      const after = patchAnnotation(before, patch, vocabulary(), new Date().toISOString());
      if (!after.ok) return after;
      const written = await apply(documentId, annotationId, after.value);
      if (!written.ok) return written;
      record({ documentId, annotationId, before, after: after.value, label: 'Edit claim' });
      return after;
    },

    async deleteAnnotation(documentId, annotationId) {
      const before = store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
      if (before === undefined) return fail('not-found', 'That claim is no longer in the document.');
      const written = await apply(documentId, annotationId, undefined);
      if (!written.ok) return written;
      record({ documentId, annotationId, before, after: undefined, label: 'Delete claim' });
      return ok(true);
    },

    async undo() {
      const change = history.peekUndo();
      if (change === undefined) return fail('nothing-to-undo', 'There is nothing to undo.');
      const written = await apply(change.documentId, change.annotationId, change.before);
      if (!written.ok) return written;
      history.confirmUndo();
      events.historyChanged.fire(history.state);
      return ok({ documentId: change.documentId, label: change.label });
    },

    async redo() {
      const change = history.peekRedo();
      if (change === undefined) return fail('nothing-to-redo', 'There is nothing to redo.');
      const written = await apply(change.documentId, change.annotationId, change.after);
      if (!written.ok) return written;
      history.confirmRedo();
      events.historyChanged.fire(history.state);
      return ok({ documentId: change.documentId, label: change.label });
    },

    async getHistory() {
      return history.state;
    },

    async getClaimSuggestions() {
      const speakers = new Map<string, number>();
      const outlets = new Map<string, number>();
      for (const document of store.documents) {
        for (const { speaker, outlet } of document.annotations) {
          if (speaker) speakers.set(speaker, (speakers.get(speaker) ?? 0) + 1);
          if (outlet) outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
        }
      }
      const byUse = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value);
      return { speakers: byUse(speakers), outlets: byUse(outlets) };
    },
  };
}
