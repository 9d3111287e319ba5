// Putting the annotations of a plain W3C Web Annotation or Hypothesis JSON file on one document
// (core/interchange/annotation-file.ts reads the file and anchors each annotation by its quote).
// The annotations and any new tags go in as one undoable change.
import type { AnnotationEdit } from '../../core/history/history.ts';
import type { AnnotationFileOutcome } from '../../core/contract/workbench-api.ts';
import { planAnnotationImport } from '../../core/interchange/plan-annotation-import.ts';
import { readAnnotationFile } from '../../core/interchange/read-annotation-file.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import { quoted } from '../../core/history/edit-labels.ts';
import { authorName } from './author.ts';

/** Reads `text` (the file's content) and adds what anchors to document `documentId`. */
export function importAnnotationFile(
  store: WorkspaceStore,
  changes: ChangeLog,
  documentId: string,
  text: string,
  newId: () => string,
): Promise<Result<AnnotationFileOutcome, 'not-found' | 'invalid' | 'write-failed'>> {
  const file = readAnnotationFile(text);
  if (!file.ok) return Promise.resolve(file);
  return changes.exclusive(
    async () => {
      const document = store.document(documentId);
      if (document === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      const { codebook, settings } = store.workspace;
      const plan = planAnnotationImport({
        text: document.text,
        codebook,
        statuses: settings.statuses,
        existing: document.annotations,
        items: file.value.items,
        now: new Date().toISOString(),
        newId,
        analyst: authorName(settings),
        document: {
          textHashes: [document.meta.textHash, ...document.versions.map((version) => version.textHash)],
          ...(document.meta.sourceUrl !== undefined ? { sourceUrl: document.meta.sourceUrl } : {}),
        },
      });
      const outcome: AnnotationFileOutcome = {
        format: file.value.format,
        added: plan.annotations.length,
        fuzzy: plan.fuzzy,
        duplicates: plan.duplicates,
        newTags: plan.newTags.map((tag) => tag.name),
        notFound: plan.notFound,
        invalid: plan.invalid,
        skipped: file.value.skipped,
        elsewhere: plan.elsewhere,
      };
      if (plan.annotations.length === 0) return ok(outcome);
      // Found on this text: the anchor names it, as one made here would.
      const placed = plan.annotations.map((annotation) => ({
        ...annotation,
        anchor: { ...annotation.anchor, textHash: document.meta.textHash },
      }));
      const edits: AnnotationEdit[] = placed.map((annotation) => ({
        documentId,
        annotationId: annotation.id,
        before: undefined,
        after: annotation,
      }));
      const written = await changes.commit({
        label: `Import ${plan.annotations.length} annotation${plan.annotations.length === 1 ? '' : 's'} into ${quoted(document.meta.title)}`,
        annotations: edits,
        ...(plan.newTags.length > 0
          ? { codebook: { before: codebook, after: { ...codebook, tags: [...codebook.tags, ...plan.newTags] } } }
          : {}),
      });
      return written.ok ? ok(outcome) : fail('write-failed', written.error.message);
    },
    { documents: [documentId] },
  );
}
