// The codebook half of the workbench service: add, change and delete tags (deleting one in use
// applies the analyst's plan to its annotations in every document, and takes the links and claim
// mentions of annotations it deletes), all undoable with the annotation changes through the same
// change log.
import type { AnnotationEdit } from '../../core/history/history.ts';
import { codebookFromCsv, codebookToCsv, csvHasDescriptions } from '../../core/codebook/codebook-csv.ts';
import { mergeCodebook } from '../../core/codebook/codebook-merge.ts';
import { readQdc, type QdcSet } from '../../core/codebook/refi-qdc.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import type { Result } from '../../core/result.ts';
import { addTag, afterTagDeletion, removeTag, updateTag } from '../../core/codebook/edit.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved } from '../../core/evidence/references.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { tagUsage } from './annotation-tallies.ts';
import type { ChangeLog } from './change-log.ts';
import { codebookQdc } from '../export/codebook-qdc.ts';
import { fileNameOf } from '../export/export-names.ts';

type CodebookMethods = Pick<WorkbenchApi, 'getTagUsage' | 'addTag' | 'updateTag' | 'deleteTag' | 'importCodebook' | 'exportCodebook'>;

export function codebookMethods(store: WorkspaceStore, changes: ChangeLog): CodebookMethods {
  const tagName = (tagId: string) => store.workspace.codebook.tags.find((tag) => tag.id === tagId)?.name ?? tagId;

  return {
    getTagUsage() {
      return tagUsage(store);
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
        if (!written.ok) return fail('write-failed', written.error.message);
        // As stored: with the GUID the change log gave it.
        return ok(store.workspace.codebook.tags.find((tag) => tag.id === added.value.tag.id) ?? added.value.tag);
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
        const parsed = format === 'csv' ? csvCodebook(text) : readQdc(text);
        if (!parsed.ok) return parsed;
        const { codebook: incoming, described, sets } = parsed.value;
        const before = store.workspace.codebook;
        const merged = mergeCodebook(before, incoming, { describes: (id) => described?.has(id) ?? true, codability: format === 'qdc' });
        const notes = setsNotes(sets);
        if (merged.added.length === 0 && merged.updated.length === 0)
          return ok({ added: [], updated: [], unchanged: merged.unchanged, notes });
        const written = await changes.commit({ label: 'Import codebook', annotations: [], codebook: { before, after: merged.codebook } });
        return written.ok
          ? ok({ added: merged.added, updated: merged.updated, unchanged: merged.unchanged, notes })
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
          return fail('invalid', `Choose another tag of the codebook to give its annotations, not "${plan.into}".`);
        }
        const now = new Date().toISOString();
        const edits: AnnotationEdit[] = [];
        for (const { documentId, annotation } of await store.findAnnotations({ tags: [tagId] })) {
          const next = afterTagDeletion(annotation, tagId, plan, now);
          if (next !== annotation) edits.push({ documentId, annotationId: annotation.id, before: annotation, after: next });
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

/** A CSV codebook, and which of its tags it describes: all when it has a description column, else none. */
function csvCodebook(
  text: string,
): Result<{ codebook: Codebook; described: ReadonlySet<string> | undefined; sets: readonly QdcSet[] }, 'invalid'> {
  const parsed = codebookFromCsv(text);
  if (!parsed.ok) return parsed;
  return ok({ codebook: parsed.value, described: csvHasDescriptions(text) ? undefined : new Set(), sets: [] });
}

/** What the import says of code sets, which a workspace does not keep. */
function setsNotes(sets: readonly QdcSet[]): string[] {
  if (sets.length === 0) return [];
  const names = sets.map((set) => `“${set.name}” (${set.codes === 1 ? '1 code' : `${set.codes} codes`})`).join(', ');
  const count = sets.length === 1 ? 'Its code set' : `Its ${sets.length} code sets`;
  return [`${count} ${names} ${sets.length === 1 ? 'was' : 'were'} not imported: Claimbench has no code sets (the codes themselves were).`];
}
