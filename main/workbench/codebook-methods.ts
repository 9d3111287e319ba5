// The codebook half of the workbench service: add, change and delete tags (deleting one in use
// applies the analyst's plan to its annotations in every document, and takes the links and claim
// mentions of annotations it deletes), all undoable with the annotation changes through the same
// change log.
import type { AnnotationEdit } from '../../core/history/history.ts';
import { codebookFromCsv, codebookToCsv } from '../../core/codebook/codebook-csv.ts';
import { mergeCodebook } from '../../core/codebook/codebook-merge.ts';
import { codebookFromQdc } from '../../core/codebook/refi-qdc.ts';
import { addTag, afterTagDeletion, removeTag, updateTag } from '../../core/codebook/edit.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved } from '../../core/evidence/references.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import { codebookQdc } from '../export/codebook-qdc.ts';
import { fileNameOf } from '../export/export-names.ts';

type CodebookMethods = Pick<WorkbenchApi, 'getTagUsage' | 'addTag' | 'updateTag' | 'deleteTag' | 'importCodebook' | 'exportCodebook'>;

export function codebookMethods(store: WorkspaceStore, changes: ChangeLog): CodebookMethods {
  const tagName = (tagId: string) => store.workspace.codebook.tags.find((tag) => tag.id === tagId)?.name ?? tagId;

  return {
    async getTagUsage() {
      const usage: Record<string, number> = {};
      for (const document of store.documents) {
        for (const annotation of document.annotations) {
          for (const tag of annotation.tags) usage[tag] = (usage[tag] ?? 0) + 1;
        }
      }
      return usage;
    },

    addTag(draft) {
      return changes.exclusive(async () => {
        const before = store.workspace.codebook;
        const added = addTag(before, draft);
        if (!added.ok) return added;
        const written = await changes.commit({
          label: `Add tag ${added.value.tag.name}`,
          annotations: [],
          codebook: { before, after: added.value.codebook },
        });
        // A change to the codebook alone touches no document, so it can only fail to be written.
        return written.ok ? ok(added.value.tag) : fail('write-failed', written.error.message);
      });
    },

    updateTag(tagId, patch) {
      return changes.exclusive(async () => {
        const before = store.workspace.codebook;
        const updated = updateTag(before, tagId, patch);
        if (!updated.ok) return updated;
        const old = before.tags.find((tag) => tag.id === tagId)!;
        const label =
          patch.name !== undefined && patch.name.trim() !== old.name
            ? `Rename tag ${old.name} to ${updated.value.tag.name}`
            : `Edit tag ${old.name}`;
        const written = await changes.commit({ label, annotations: [], codebook: { before, after: updated.value.codebook } });
        return written.ok ? ok(updated.value.tag) : written;
      });
    },

    importCodebook(format, text) {
      return changes.exclusive(async () => {
        const parsed = format === 'csv' ? codebookFromCsv(text) : codebookFromQdc(text);
        if (!parsed.ok) return parsed;
        const before = store.workspace.codebook;
        const merged = mergeCodebook(before, parsed.value);
        if (merged.added.length === 0 && merged.updated.length === 0) return ok({ added: [], updated: [], unchanged: merged.unchanged });
        const written = await changes.commit({ label: 'Import codebook', annotations: [], codebook: { before, after: merged.codebook } });
        return written.ok
          ? ok({ added: merged.added, updated: merged.updated, unchanged: merged.unchanged })
          : fail('write-failed', written.error.message);
      });
    },

    async exportCodebook(format) {
      const { codebook, name } = store.workspace;
      const base = `${fileNameOf(name)}-codebook`;
      if (format === 'csv') return { fileName: `${base}.csv`, mimeType: 'text/csv', text: codebookToCsv(codebook) };
      return { fileName: `${base}.qdc`, mimeType: 'application/xml', text: codebookQdc(store.workspace) };
    },

    deleteTag(tagId, plan) {
      return changes.exclusive(async () => {
        const before = store.workspace.codebook;
        const after = removeTag(before, tagId);
        if (!after.ok) return after;
        if (plan.annotations === 'retag' && (plan.into === tagId || !after.value.tags.some((tag) => tag.id === plan.into))) {
          return fail('invalid', `Choose another tag of the codebook to give its claims, not "${plan.into}".`);
        }
        const now = new Date().toISOString();
        const edits: AnnotationEdit[] = [];
        for (const document of store.documents) {
          for (const annotation of document.annotations) {
            const next = afterTagDeletion(annotation, tagId, plan, now);
            if (next !== annotation)
              edits.push({ documentId: document.meta.id, annotationId: annotation.id, before: annotation, after: next });
          }
        }
        const removed = edits
          .filter((edit) => edit.after === undefined)
          .map(({ documentId, annotationId }) => ({ documentId, annotationId }));
        const evidence = removed.length > 0 ? afterAnnotationsRemoved(store.evidence, { annotations: removed }) : [];
        const written = await changes.commit({
          label: `Delete tag ${tagName(tagId)}`,
          annotations: edits,
          codebook: { before, after: after.value },
          evidence,
        });
        return written.ok ? ok({ annotations: edits.length }) : written;
      });
    },
  };
}
