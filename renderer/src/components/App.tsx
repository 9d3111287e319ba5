// The workbench window: library (left), reader (centre), claims (right), status bar (bottom).
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { api, transportName } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { useConnected, useDocument, useDocumentList, useSaveState, useWorkspaceInfo } from '../hooks/use-workbench.ts';
import { useHashParam } from '../hooks/use-hash-state.ts';
import { useAfterPaint } from '../hooks/use-after-paint.ts';
import { usePendingAnnotations } from '../hooks/use-pending-annotations.ts';
import { newAnnotation, patchAnnotation, vocabularyOf, type AnnotationPatch } from '../../../core/annotations/operations.ts';
import { CodebookDialog } from '../codebook/CodebookDialog.tsx';
import { ClaimDialog, type ClaimDraft } from '../dialogs/ClaimDialog.tsx';
import { MetadataDialog } from '../dialogs/MetadataDialog.tsx';
import { PasteDialog } from '../dialogs/PasteDialog.tsx';
import { ImportPanel } from '../import/ImportPanel.tsx';
import { useImports } from '../import/use-imports.ts';
import { Reader, type RevealRequest } from '../reader/Reader.tsx';
import { ClaimsPanel } from './ClaimsPanel.tsx';
import { IMPORT_ACCEPT, LibraryPane } from './LibraryPane.tsx';
import { StatusBar } from './StatusBar.tsx';

export function App() {
  const info = useWorkspaceInfo();
  const documents = useDocumentList();
  const [documentId, setDocumentId] = useHashParam('doc');
  const { document, apply: applyWritten } = useDocument(documentId);
  const workspace = info.state === 'ready' ? info.value : undefined;
  const open = document?.state === 'ready' ? document.value : undefined;
  const saveState = useSaveState(workspace?.saveState);
  const connected = useConnected();
  // Both belong to one document: keyed by its id, they reset when another document opens.
  const [selection, setSelection] = useState<{ documentId: string; annotationId: string | undefined }>();
  const [revealing, setRevealing] = useState<{ documentId: string; request: RevealRequest }>();
  const selectedAnnotation = selection?.documentId === documentId ? selection?.annotationId : undefined;
  const reveal = revealing?.documentId === documentId ? revealing?.request : undefined;
  const [dialog, setDialog] = useState<'paste' | 'metadata' | 'codebook'>();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when files leave the window.
  const dragDepth = useRef(0);
  const versionChooser = useRef<HTMLInputElement>(null);
  const imports = useImports(setDocumentId);

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragEnter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    dragDepth.current++;
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    imports.start([...event.dataTransfer.files]);
  };

  // Open the first document when none is chosen. (A chosen one that is not in the list yet may
  // be one just imported; if it is really gone, the reader says so.)
  useEffect(() => {
    if (documents.state !== 'ready' || documents.value.length === 0) return;
    // Replace, not push: Back should leave the app, not undo this automatic choice.
    if (documentId === undefined) setDocumentId(documents.value[0]!.meta.id, { replace: true });
  }, [documents, documentId, setDocumentId]);

  useEffect(() => {
    const title = document?.state === 'ready' ? document.value.meta.title : undefined;
    window.document.title = title ? `${title} — Claimbench` : 'Claimbench';
  }, [document]);

  const selectAnnotation = useCallback(
    (annotationId: string | undefined) => documentId !== undefined && setSelection({ documentId, annotationId }),
    [documentId],
  );

  const chooseClaim = useCallback(
    (annotationId: string) => {
      if (documentId === undefined) return;
      setSelection({ documentId, annotationId });
      setRevealing((previous) => ({ documentId, request: { annotationId, serial: (previous?.request.serial ?? 0) + 1 } }));
    },
    [documentId],
  );

  const [notice, setNotice] = useState<string>();
  const [claimForm, setClaimForm] = useState<{ annotationId?: string; start: number; end: number; draft: ClaimDraft }>();
  const report = useCallback((result: { ok: boolean; error?: { message: string } }) => setNotice(result.ok ? undefined : result.error?.message), []);

  // A claim tagged with a key, or edited in the form, shows at once (see usePendingAnnotations).
  const { shown, propose, withdraw } = usePendingAnnotations(open);
  // The claims list follows a change once the reader has painted it, so a new highlight never
  // waits for a panel of 10,000 claims (which does not render at all until then).
  const listedClaims = useAfterPaint(shown?.annotations);
  const openCodebook = useCallback(() => setDialog('codebook'), []);
  const tagSelection = useCallback(
    (tagId: string, start: number, end: number) => {
      if (open === undefined || workspace === undefined) return;
      const documentId = open.meta.id;
      const id = crypto.randomUUID();
      performance.mark('cb:tag-key', { detail: { documentId, id } });
      const provisional = newAnnotation(open.text, { start, end, tags: [tagId] }, { id, creator: workspace.settings.analystName, now: new Date().toISOString(), vocabulary: vocabularyOf(workspace) });
      if (!provisional.ok) return setNotice(provisional.error.message);
      propose(documentId, provisional.value);
      setSelection({ documentId, annotationId: id });
      void api.createAnnotation(documentId, { id, start, end, tags: [tagId] }).then(
        (result) => {
          report(result);
          if (result.ok) {
            applyWritten({ documentId, put: [result.value], removed: [] });
            performance.mark('cb:annotation-saved', { detail: { documentId, id } });
          }
          withdraw(id);
        },
        (error: unknown) => (withdraw(id), setNotice((error as Error).message)),
      );
    },
    [open, workspace, report, propose, withdraw, applyWritten],
  );
  const newClaim = useCallback(
    (start: number, end: number) => {
      if (open === undefined || workspace === undefined) return;
      setClaimForm({ start, end, draft: { quote: open.text.slice(start, end), tags: [], status: workspace.settings.statuses[0]!.id, speaker: '', outlet: '', note: '' } });
    },
    [open, workspace],
  );
  const editClaim = useCallback(
    (annotationId: string) => {
      const annotation = open?.annotations.find((candidate) => candidate.id === annotationId);
      if (annotation === undefined) return;
      const { tags, status, speaker, outlet, note } = annotation;
      setClaimForm({ annotationId, start: annotation.target.start, end: annotation.target.end, draft: { quote: annotation.target.exact, tags, status, speaker, outlet, note } });
    },
    [open],
  );
  const saveClaim = useCallback(
    async (fields: Required<AnnotationPatch>): Promise<string | undefined> => {
      if (open === undefined || workspace === undefined || claimForm === undefined) return 'No document is open.';
      const documentId = open.meta.id;
      const before = open.annotations.find((annotation) => annotation.id === claimForm.annotationId);
      if (claimForm.annotationId === undefined || before === undefined) {
        const result = await api.createAnnotation(documentId, { start: claimForm.start, end: claimForm.end, ...fields });
        if (!result.ok) return result.error.message;
        setSelection({ documentId, annotationId: result.value.id });
        return undefined;
      }
      // An edit is checked here, shown at once, and written behind the closed form.
      const edited = patchAnnotation(before, fields, vocabularyOf(workspace), new Date().toISOString());
      if (!edited.ok) return edited.error.message;
      propose(documentId, edited.value);
      performance.mark('cb:edit-saved-in-form', { detail: { documentId, id: before.id } });
      void api.updateAnnotation(documentId, before.id, fields).then(
        (result) => {
          if (result.ok) applyWritten({ documentId, put: [result.value], removed: [] });
          else setNotice(`Your change to the claim was not saved: ${result.error.message}`);
          withdraw(before.id);
        },
        (error: unknown) => (withdraw(before.id), setNotice(`Your change to the claim was not saved: ${(error as Error).message}`)),
      );
      return undefined;
    },
    [open, workspace, claimForm, propose, withdraw, applyWritten],
  );
  const deleteClaim = useCallback(
    (annotationId: string) => {
      if (documentId !== undefined) void api.deleteAnnotation(documentId, annotationId).then(report, (error: unknown) => setNotice((error as Error).message));
    },
    [documentId, report],
  );
  const undo = useCallback(() => {
    performance.mark('cb:undo-key');
    void api.undo().then((result) => {
      if (result.ok && result.value.documentId !== undefined) setDocumentId(result.value.documentId);
      if (!result.ok && result.error.code !== 'nothing-to-undo') setNotice(result.error.message);
    });
  }, [setDocumentId]);
  const redo = useCallback(() => {
    void api.redo().then((result) => {
      if (result.ok && result.value.documentId !== undefined) setDocumentId(result.value.documentId);
      if (!result.ok && result.error.code !== 'nothing-to-redo') setNotice(result.error.message);
    });
  }, [setDocumentId]);

  // Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z anywhere but in a form field (the reader handles its own).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || target?.closest('input, textarea, select, .monaco-editor')) return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const fatal = info.state === 'failed' ? info.message : undefined;
  return (
    <div
      className="app"
      onDragEnter={onDragEnter}
      onDragLeave={onDragLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {dragging && <div className="drop-overlay">Drop files to import them</div>}
      {(fatal ?? notice) && (
        <div className="banner" role="alert">
          {fatal ?? notice}
        </div>
      )}
      <div className="panes">
        <LibraryPane
          documents={documents}
          selectedId={documentId}
          onSelect={setDocumentId}
          onImportFiles={imports.start}
          onPaste={() => setDialog('paste')}
          importPanel={imports.job && <ImportPanel job={imports.job} onCancel={imports.cancel} onDismiss={imports.dismiss} onOpen={setDocumentId} />}
        />
        <main className="pane reader" aria-label="Reader">
          {open && workspace ? (
            <>
              <header className="document-header">
                <div className="document-title-row">
                  <h1 className="document-title">{open.meta.title}</h1>
                  <span className="document-actions">
                    <button type="button" className="button-small" onClick={() => setDialog('metadata')}>
                      Edit details
                    </button>
                    <button type="button" className="button-small" onClick={() => versionChooser.current?.click()} title="Import a newer version of this document; its claims are moved onto the new text">
                      New version…
                    </button>
                    <input
                      ref={versionChooser}
                      type="file"
                      accept={IMPORT_ACCEPT}
                      hidden
                      data-testid="version-input"
                      onChange={(event) => {
                        const file = event.target.files?.[0];
                        if (file) imports.start([file], { versionOf: open.meta.id });
                        event.target.value = '';
                      }}
                    />
                  </span>
                </div>
                <p className="document-meta">
                  {[open.meta.outlet, open.meta.author && open.meta.author !== open.meta.outlet ? open.meta.author : '', formatDate(open.meta.publishedAt)]
                    .filter(Boolean)
                    .join(' · ')}
                  {open.meta.sourceUrl && <span className="document-source"> · {open.meta.sourceUrl}</span>}
                </p>
              </header>
              <Reader
                document={shown ?? open}
                codebook={workspace.codebook}
                statuses={workspace.settings.statuses}
                reveal={reveal}
                onCursorAnnotation={selectAnnotation}
                onTagSelection={tagSelection}
                onNewClaim={newClaim}
                onUndo={undo}
                onRedo={redo}
              />
            </>
          ) : (
            <div className="reader-placeholder">
              {document?.state === 'failed' ? <p role="alert">{document.message}</p> : <p>{documents.state === 'ready' && documents.value.length === 0 ? 'This workspace has no documents.' : 'Loading…'}</p>}
            </div>
          )}
        </main>
        {workspace && (
          <ClaimsPanel
            annotations={listedClaims}
            codebook={workspace.codebook}
            statuses={workspace.settings.statuses}
            selectedId={selectedAnnotation}
            onChoose={chooseClaim}
            onDelete={deleteClaim}
            onEdit={editClaim}
            onOpenCodebook={openCodebook}
          />
        )}
      </div>
      {dialog === 'paste' && <PasteDialog onClose={() => setDialog(undefined)} onCreated={setDocumentId} />}
      {dialog === 'metadata' && open && <MetadataDialog meta={open.meta} onClose={() => setDialog(undefined)} />}
      {dialog === 'codebook' && workspace && <CodebookDialog codebook={workspace.codebook} onClose={() => setDialog(undefined)} />}
      {claimForm && workspace && (
        <ClaimDialog
          title={claimForm.annotationId ? 'Edit claim' : 'New claim'}
          draft={claimForm.draft}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onSave={saveClaim}
          onClose={() => setClaimForm(undefined)}
        />
      )}
      <StatusBar info={workspace} saveState={saveState} transport={transportName} connected={connected} />
    </div>
  );
}
