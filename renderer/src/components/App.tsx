// The workbench window: library (left), reader (centre), claims (right), status bar (bottom).
import { useCallback, useEffect, useState } from 'react';
import { transportName } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { useDocument, useDocumentList, useSaveState, useWorkspaceInfo } from '../hooks/use-workbench.ts';
import { useHashParam } from '../hooks/use-hash-state.ts';
import { Reader, type RevealRequest } from '../reader/Reader.tsx';
import { ClaimsPanel } from './ClaimsPanel.tsx';
import { LibraryPane } from './LibraryPane.tsx';
import { StatusBar } from './StatusBar.tsx';

export function App() {
  const info = useWorkspaceInfo();
  const documents = useDocumentList();
  const [documentId, setDocumentId] = useHashParam('doc');
  const document = useDocument(documentId);
  const workspace = info.state === 'ready' ? info.value : undefined;
  const saveState = useSaveState(workspace?.saveState);
  // Both belong to one document: keyed by its id, they reset when another document opens.
  const [selection, setSelection] = useState<{ documentId: string; annotationId: string | undefined }>();
  const [revealing, setRevealing] = useState<{ documentId: string; request: RevealRequest }>();
  const selectedAnnotation = selection?.documentId === documentId ? selection?.annotationId : undefined;
  const reveal = revealing?.documentId === documentId ? revealing?.request : undefined;

  // Open the first document when none is chosen (or the chosen one is gone).
  useEffect(() => {
    if (documents.state !== 'ready' || documents.value.length === 0) return;
    if (documentId === undefined || !documents.value.some((summary) => summary.meta.id === documentId)) {
      setDocumentId(documents.value[0]!.meta.id);
    }
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

  const fatal = info.state === 'failed' ? info.message : undefined;
  const open = document?.state === 'ready' ? document.value : undefined;

  return (
    <div className="app">
      {fatal && (
        <div className="banner" role="alert">
          {fatal}
        </div>
      )}
      <div className="panes">
        <LibraryPane documents={documents} selectedId={documentId} onSelect={setDocumentId} />
        <main className="pane reader" aria-label="Reader">
          {open && workspace ? (
            <>
              <header className="document-header">
                <h1 className="document-title">{open.meta.title}</h1>
                <p className="document-meta">
                  {[open.meta.outlet, open.meta.author && open.meta.author !== open.meta.outlet ? open.meta.author : '', formatDate(open.meta.publishedAt)]
                    .filter(Boolean)
                    .join(' · ')}
                  {open.meta.sourceUrl && <span className="document-source"> · {open.meta.sourceUrl}</span>}
                </p>
              </header>
              <Reader
                document={open}
                codebook={workspace.codebook}
                statuses={workspace.settings.statuses}
                reveal={reveal}
                onCursorAnnotation={selectAnnotation}
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
            annotations={open?.annotations}
            codebook={workspace.codebook}
            statuses={workspace.settings.statuses}
            selectedId={selectedAnnotation}
            onChoose={chooseClaim}
          />
        )}
      </div>
      <StatusBar info={workspace} saveState={saveState} transport={transportName} />
    </div>
  );
}
