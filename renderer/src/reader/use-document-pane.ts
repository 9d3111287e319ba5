// One reader pane's state and actions: its document (with annotations shown before they are
// saved), the annotation under the cursor, the text selected, and tagging, the annotation form
// and deletion (of an annotation, or of the document). The window has two
// panes (the claim document and, beside it, a source), each with its own.
import { useCallback, useRef, useState } from 'react';
import { newAnnotation as buildAnnotation, patchAnnotation, vocabularyOf } from '../../../core/annotations/annotation-operations.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { versionOf } from '../../../core/model/record-version.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import type { AnnotationDraft } from '../annotations/AnnotationDialog.tsx';
import type { ConflictChoice } from '../annotations/EditConflictDialog.tsx';
import type { AnnotationFields } from '../annotations/edit-conflict.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { countOf } from '../ui/format.ts';
import { usePendingAnnotations } from '../annotations/use-pending-annotations.ts';
import { useEditConflict } from '../annotations/use-edit-conflict.ts';
import { useDocument } from '../app/use-workbench.ts';
import type { RevealRequest } from './Reader.tsx';

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export type DocumentPaneState = ReturnType<typeof useDocumentPane>;

/** `confirm` asks the analyst before something with dependents is deleted (false cancels). */
export function useDocumentPane(
  documentId: string | undefined,
  workspace: WorkspaceInfo | undefined,
  report: (message: string | undefined) => void,
  confirm: (question: Confirmation) => Promise<boolean>,
) {
  const { document, apply: applyWritten } = useDocument(documentId);
  const open = document?.state === 'ready' ? document.value : undefined;
  // Keyed by document: they reset when another document opens in the pane.
  const [cursor, setCursor] = useState<{ documentId: string; annotationId: string | undefined; offset?: number }>();
  const [revealing, setRevealing] = useState<{ documentId: string; request: RevealRequest }>();
  const [selected, setSelected] = useState<{ documentId: string; span: TextSpan | undefined }>();
  // `base`: the annotation as the form found it; the edit is made from its version.
  const [annotationForm, setAnnotationForm] = useState<{
    annotationId?: string;
    base?: Annotation;
    start: number;
    end: number;
    draft: AnnotationDraft;
  }>();
  const selectedAnnotation = cursor?.documentId === documentId ? cursor?.annotationId : undefined;
  /** Where the reader's cursor is (undefined after an annotation was chosen elsewhere, in the panel). */
  const cursorOffset = cursor?.documentId === documentId ? cursor?.offset : undefined;
  const reveal = revealing?.documentId === documentId ? revealing?.request : undefined;
  const textSelection = selected?.documentId === documentId ? selected?.span : undefined;

  // An annotation tagged with a key, or edited in the form, shows at once (see usePendingAnnotations).
  const { shown, propose, withdraw } = usePendingAnnotations(open);
  // An edit someone else's change came before: the dialog that settles it (EditConflictDialog).
  const { conflict, showConflict, resolveConflict: resolveInDialog } = useEditConflict(applyWritten);
  // Once settled, the banner that asked for the choice goes: left up, it asked for one no longer offered.
  const resolveConflict = useCallback(
    async (choice: ConflictChoice): Promise<string | undefined> => {
      const problem = await resolveInDialog(choice);
      if (problem === undefined) report(undefined);
      return problem;
    },
    [resolveInDialog, report],
  );
  // Writes of one annotation go one after another: the web host answers on several connections,
  // and a second tag key sent beside the first could be written before it.
  const writes = useRef(new Map<string, Promise<unknown>>());
  const inOrder = useCallback(<T>(annotationId: string, write: () => Promise<T>): Promise<T> => {
    const next = (writes.current.get(annotationId) ?? Promise.resolve()).then(write, write);
    writes.current.set(annotationId, next);
    const forget = () => writes.current.get(annotationId) === next && writes.current.delete(annotationId);
    next.then(forget, forget);
    return next;
  }, []);

  const onCursorAnnotation = useCallback(
    (annotationId: string | undefined, offset?: number) => documentId !== undefined && setCursor({ documentId, annotationId, offset }),
    [documentId],
  );
  const onTextSelection = useCallback(
    (span: TextSpan | undefined) => documentId !== undefined && setSelected({ documentId, span }),
    [documentId],
  );

  /** Selects an annotation and scrolls the reader to it, flashing it (again, if it already was). */
  const revealAnnotation = useCallback(
    (annotationId: string, inDocument = documentId) => {
      if (inDocument === undefined) return;
      setCursor({ documentId: inDocument, annotationId });
      setRevealing((previous) => ({ documentId: inDocument, request: { annotationId, serial: (previous?.request.serial ?? 0) + 1 } }));
    },
    [documentId],
  );

  /** Selects a span of the text, scrolls the reader to it and flashes it (a search hit). */
  const revealSpan = useCallback(
    (start: number, end: number, inDocument = documentId) => {
      if (inDocument === undefined) return;
      setRevealing((previous) => ({
        documentId: inDocument,
        request: { span: { start, end }, serial: (previous?.request.serial ?? 0) + 1 },
      }));
    },
    [documentId],
  );

  const tagSelection = useCallback(
    (tagId: string, start: number, end: number) => {
      if (open === undefined || workspace === undefined) return;
      const documentId = open.meta.id;
      const id = crypto.randomUUID();
      performance.mark('cb:tag-key', { detail: { documentId, id } });
      const provisional = buildAnnotation(
        open.text,
        { start, end, tags: [tagId] },
        { id, creator: workspace.settings.analystName, now: new Date().toISOString(), vocabulary: vocabularyOf(workspace) },
      );
      if (!provisional.ok) return report(provisional.error.message);
      propose(documentId, provisional.value);
      setCursor({ documentId, annotationId: id });
      void inOrder(id, () => api.createAnnotation(documentId, { id, start, end, tags: [tagId] })).then(
        (result) => {
          report(result.ok ? undefined : result.error.message);
          if (result.ok) {
            applyWritten({ documentId, put: [result.value], removed: [] });
            performance.mark('cb:annotation-saved', { detail: { documentId, id } });
          }
          withdraw(id, provisional.value);
        },
        (error: unknown) => (withdraw(id, provisional.value), report((error as Error).message)),
      );
    },
    [open, workspace, report, propose, withdraw, applyWritten, inOrder],
  );

  const newAnnotation = useCallback(
    (start: number, end: number) => {
      if (open === undefined || workspace === undefined) return;
      setAnnotationForm({
        start,
        end,
        draft: {
          quote: open.text.slice(start, end),
          tags: [],
          status: workspace.settings.statuses[0]!.id,
          speaker: '',
          outlet: '',
          note: '',
        },
      });
    },
    [open, workspace],
  );

  const editAnnotation = useCallback(
    (annotationId: string) => {
      const annotation = shown?.annotations.find((candidate) => candidate.id === annotationId);
      if (annotation === undefined) return;
      const { tags, status, speaker, outlet, note } = annotation;
      setAnnotationForm({
        annotationId,
        base: annotation,
        start: annotation.target.start,
        end: annotation.target.end,
        draft: { quote: annotation.target.exact, tags, status, speaker, outlet, note },
      });
    },
    [shown],
  );

  /** Adds a tag to an annotation, or removes it if it has it (a tag key on the annotation at the cursor); shown at once. */
  const toggleTag = useCallback(
    (annotationId: string, tagId: string) => {
      // As shown, pending edits included: a second key pressed before the first is written toggles
      // what the analyst sees, not what the service had confirmed (which would undo the first).
      const before = shown?.annotations.find((candidate) => candidate.id === annotationId);
      if (shown === undefined || workspace === undefined || before === undefined) return;
      const documentId = shown.meta.id;
      const tags = before.tags.includes(tagId) ? before.tags.filter((id) => id !== tagId) : [...before.tags, tagId];
      const edited = patchAnnotation(before, { tags }, vocabularyOf(workspace), new Date().toISOString());
      if (!edited.ok) return report(edited.error.message);
      propose(documentId, edited.value);
      // Made from the version shown (a pending edit's, when a key was pressed before the last one was written).
      const baseVersion = versionOf(before);
      void inOrder(annotationId, () => api.updateAnnotation(documentId, annotationId, { tags, baseVersion })).then(
        (result) => {
          withdraw(annotationId, edited.value);
          if (result.ok) applyWritten({ documentId, put: [result.value], removed: [] });
          else if (result.error.code === 'conflict')
            showConflict({ documentId, base: before, mine: { tags }, theirs: result.error.current });
          report(result.ok ? undefined : `The tag was not changed: ${result.error.message}`);
        },
        (error: unknown) => (withdraw(annotationId, edited.value), report(`The tag was not changed: ${(error as Error).message}`)),
      );
    },
    [shown, workspace, report, propose, withdraw, applyWritten, inOrder, showConflict],
  );

  const saveAnnotation = useCallback(
    async (fields: AnnotationFields): Promise<string | undefined> => {
      if (shown === undefined || workspace === undefined || annotationForm === undefined) return 'No document is open.';
      const documentId = shown.meta.id;
      // As shown: an edit made while a tag key's write is on its way builds on it.
      const before = shown.annotations.find((annotation) => annotation.id === annotationForm.annotationId);
      if (annotationForm.annotationId === undefined || before === undefined) {
        const result = await api.createAnnotation(documentId, { start: annotationForm.start, end: annotationForm.end, ...fields });
        if (!result.ok) return result.error.message;
        setCursor({ documentId, annotationId: result.value.id });
        return undefined;
      }
      // An edit is checked here, shown at once, and written behind the closed form.
      const edited = patchAnnotation(before, fields, vocabularyOf(workspace), new Date().toISOString());
      if (!edited.ok) return edited.error.message;
      propose(documentId, edited.value);
      performance.mark('cb:edit-saved-in-form', { detail: { documentId, id: before.id } });
      // Made from the version the form was opened on: a change someone else saved meanwhile is not overwritten.
      const base = annotationForm.base ?? before;
      const baseVersion = versionOf(base);
      void inOrder(before.id, () => api.updateAnnotation(documentId, before.id, { ...fields, baseVersion })).then(
        (result) => {
          withdraw(before.id, edited.value);
          if (result.ok) applyWritten({ documentId, put: [result.value], removed: [] });
          else if (result.error.code === 'conflict') {
            showConflict({ documentId, base, mine: fields, theirs: result.error.current });
            report('Someone else changed the annotation first: choose what to keep.');
          } else report(`Your change to the annotation was not saved: ${result.error.message}`);
        },
        (error: unknown) => (
          withdraw(before.id, edited.value),
          report(`Your change to the annotation was not saved: ${(error as Error).message}`)
        ),
      );
      return undefined;
    },
    [shown, workspace, annotationForm, propose, withdraw, applyWritten, report, inOrder, showConflict],
  );

  /** Deletes an annotation; one with links or a mention of a claim asks first, since those go with it. */
  const deleteAnnotation = useCallback(
    (annotationId: string) => {
      if (documentId === undefined) return;
      void (async () => {
        const { links, mentions } = await api.getDependents({ annotations: [{ documentId, annotationId }] });
        if (links.length + mentions.length > 0) {
          const parts = [
            links.length > 0 ? `${links.length} link${links.length === 1 ? '' : 's'}` : '',
            mentions.length > 0
              ? `its place in ${mentions.length} claim${mentions.length === 1 ? '' : 's'} (“${mentions[0]!.claim.statement}”)`
              : '',
          ];
          const message = `Deleting it also removes ${parts.filter(Boolean).join(' and ')}. Ctrl+Z undoes it all.`;
          if (!(await confirm({ title: 'Delete this annotation and its links?', message, confirmLabel: 'Delete' }))) return;
        }
        // Deleted as the analyst saw it: changed by someone else meanwhile, it is asked again.
        const seen = shown?.annotations.find((annotation) => annotation.id === annotationId);
        let result = await api.deleteAnnotation(documentId, annotationId, { baseVersion: seen && versionOf(seen) });
        if (!result.ok && result.error.code === 'conflict') {
          const theirs = result.error.current;
          applyWritten({ documentId, put: [theirs], removed: [] });
          const message = `${result.error.message} Their version is shown now. Delete it anyway, or keep theirs?`;
          if (!(await confirm({ title: 'Someone else changed this annotation', message, confirmLabel: 'Delete anyway' }))) return;
          result = await api.deleteAnnotation(documentId, annotationId, { baseVersion: versionOf(theirs) });
        }
        report(result.ok ? undefined : result.error.message);
      })().catch((error: unknown) => report((error as Error).message));
    },
    [documentId, shown, report, confirm, applyWritten],
  );

  /**
   * Deletes the open document after saying what goes with it (annotations, links, mentions);
   * resolves true once it is deleted.
   */
  const deleteDocument = useCallback(async (): Promise<boolean> => {
    if (open === undefined) return false;
    try {
      const { links, mentions } = await api.getDependents({ documentId: open.meta.id });
      const goes = [
        countOf(open.annotations.length, 'annotation'),
        links.length > 0 ? countOf(links.length, 'evidence link') : '',
        mentions.length > 0 ? `its annotations’ places in ${countOf(mentions.length, 'claim')} across documents` : '',
      ].filter(Boolean);
      const message = `“${open.meta.title}” is removed from the workspace with ${goes.join(', ').replace(/, ([^,]*)$/, ' and $1')}. The imported file stays in the workspace's originals. Ctrl+Z undoes it.`;
      if (!(await confirm({ title: 'Delete this document?', message, confirmLabel: 'Delete document' }))) return false;
      const result = await api.deleteDocument(open.meta.id);
      report(result.ok ? undefined : result.error.message);
      return result.ok;
    } catch (error) {
      report((error as Error).message);
      return false;
    }
  }, [open, confirm, report]);

  return {
    documentId,
    document,
    open,
    shown,
    selectedAnnotation,
    cursorOffset,
    reveal,
    textSelection,
    annotationForm,
    closeAnnotationForm: useCallback(() => setAnnotationForm(undefined), []),
    onCursorAnnotation,
    onTextSelection,
    revealAnnotation,
    revealSpan,
    tagSelection,
    newAnnotation,
    editAnnotation,
    toggleTag,
    saveAnnotation,
    deleteAnnotation,
    deleteDocument,
    conflict,
    resolveConflict,
  };
}
