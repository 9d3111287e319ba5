// The workbench window: library (left), the reader — one document, or a claim document and a
// source side by side — and the annotations, links or review panel (right); or the claims view
// of the whole workspace. Status bar at the bottom.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { AnchorDecision } from '../../../core/annotations/annotation-operations.ts';
import type { LinkView } from '../../../core/contract/workbench-api.ts';
import { api, transportName } from '../api/client.ts';
import { CodebookDialog } from '../codebook/CodebookDialog.tsx';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
import { MetadataDialog } from '../library/MetadataDialog.tsx';
import { PasteDialog } from '../import/PasteDialog.tsx';
import { ClaimsView } from '../evidence/ClaimsView.tsx';
import { countOf } from '../ui/format.ts';
import { describeAnnotationFileOutcome } from '../annotations/annotation-file-outcome.ts';
import { ExportDialog } from '../bundles/ExportDialog.tsx';
import { ImportBundleDialog } from '../bundles/ImportBundleDialog.tsx';
import { FidelityDialog } from '../evidence/FidelityDialog.tsx';
import { LinksPanel } from '../evidence/LinksPanel.tsx';
import { awaitsReview, ReviewPanel } from '../review/ReviewPanel.tsx';
import { MentionDialog } from '../evidence/MentionDialog.tsx';
import { useAfterPaint } from '../ui/use-after-paint.ts';
import { useClaimRows, useEvidence, useLinkedAnnotations, useLinks } from '../evidence/use-evidence.ts';
import { useHashParam } from '../ui/use-hash-state.ts';
import { useConnected, useDocumentList, useSaveState, useWorkspaceInfo } from './use-workbench.ts';
import { ImportPanel } from '../import/ImportPanel.tsx';
import { useImports } from '../import/use-imports.ts';
import { DocumentPane } from '../reader/DocumentPane.tsx';
import { useDocumentPane } from '../reader/use-document-pane.ts';
import { useLinking } from '../evidence/use-linking.tsx';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel.tsx';
import { IMPORT_ACCEPT, LibraryPane } from '../library/LibraryPane.tsx';
import { FileButton } from '../ui/FileButton.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useUndoRedo } from './use-undo-redo.ts';

export function App() {
  const info = useWorkspaceInfo();
  const documents = useDocumentList();
  const [documentId, setDocumentId] = useHashParam('doc');
  const [besideId, setBesideId] = useHashParam('beside');
  const [view, setView] = useHashParam('view');
  const workspace = info.state === 'ready' ? info.value : undefined;
  const saveState = useSaveState(workspace?.saveState);
  const connected = useConnected();
  const [notice, setNotice] = useState<string>();
  // What came of something the analyst did (not a problem): shown a while, in a quieter banner.
  const [outcome, setOutcome] = useState<string>();
  const showInfo = useCallback((text: string) => setOutcome(text), []);
  useEffect(() => {
    if (outcome === undefined) return;
    const timer = setTimeout(() => setOutcome(undefined), 15_000);
    return () => clearTimeout(timer);
  }, [outcome]);
  const { ask: confirm, dialog: confirmation } = useConfirm();
  const left = useDocumentPane(documentId, workspace, setNotice, confirm);
  const right = useDocumentPane(besideId, workspace, setNotice, confirm);
  const evidence = useEvidence();
  const linkedLeft = useLinkedAnnotations(evidence, documentId);
  const linkedRight = useLinkedAnnotations(evidence, besideId);
  const links = useLinks(documentId, evidence, left.open?.annotations);
  const claimRows = useClaimRows(evidence, documents);
  const [dialog, setDialog] = useState<'paste' | 'metadata' | 'codebook' | 'export'>();
  const [bundleFile, setBundleFile] = useState<File>();
  const [sidePanel, setSidePanel] = useState<'annotations' | 'links' | 'review'>('annotations');
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when files leave the window.
  const dragDepth = useRef(0);
  const imports = useImports(setDocumentId);
  const linking = useLinking({ left, right, evidence, report: setNotice, setDocumentId, setBesideId });

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
    // (The address, not `documentId`: a click may have chosen one since this render.)
    const chosen = new URLSearchParams(window.location.hash.slice(1)).get('doc');
    if (documentId === undefined && chosen === null) setDocumentId(documents.value[0]!.meta.id, { replace: true });
  }, [documents, documentId, setDocumentId]);

  // A document removed while open (deleted elsewhere, an import undone) closes; the first one opens.
  useEffect(() => {
    const subscription = api.onDidChangeDocuments(({ removed }) => {
      const open = new URLSearchParams(window.location.hash.slice(1));
      if (removed.includes(open.get('beside') ?? '')) setBesideId(undefined, { replace: true });
      if (removed.includes(open.get('doc') ?? '')) setDocumentId(undefined, { replace: true });
    });
    return () => subscription.dispose();
  }, [setDocumentId, setBesideId]);

  // One document cannot be open on both sides.
  useEffect(() => {
    if (besideId !== undefined && besideId === documentId) setBesideId(undefined, { replace: true });
  }, [besideId, documentId, setBesideId]);

  useEffect(() => {
    const title = left.open?.meta.title;
    window.document.title = view === 'claims' ? 'Claims — Claimbench' : title ? `${title} — Claimbench` : 'Claimbench';
  }, [left.open, view]);

  // The annotations list follows a change once the reader has painted it, so a new highlight
  // never waits for a panel of 10,000 annotations (which does not render at all until then).
  const listedAnnotations = useAfterPaint(left.shown?.annotations);
  // The selection follows with the list (an annotation just tagged is selected in the same late frame),
  // except a choice made in the panel itself (a click, j or k), which shows at once.
  const lateSelection = useAfterPaint(left.selectedAnnotation);
  const [panelChoice, setPanelChoice] = useState<string>();
  const listedSelection = panelChoice !== undefined && panelChoice === left.selectedAnnotation ? panelChoice : lateSelection;
  const { revealAnnotation: revealLeft } = left;
  const chooseInPanel = useCallback(
    (annotationId: string) => {
      setPanelChoice(annotationId);
      revealLeft(annotationId);
    },
    [revealLeft],
  );
  const openCodebook = useCallback(() => setDialog('codebook'), []);

  const { undo, redo } = useUndoRedo(besideId, setDocumentId, setNotice);

  // From the list a frame late, like the annotations panel: not on the way to painting a new highlight.
  const toReview = useMemo(() => (listedAnnotations ?? []).filter(awaitsReview).length, [listedAnnotations]);
  const review = (annotationId: string, decision: AnchorDecision) => {
    if (documentId === undefined) return;
    void api.reviewAnchor(documentId, annotationId, decision).then(
      (result) => setNotice(result.ok ? undefined : result.error.message),
      (error: unknown) => setNotice((error as Error).message),
    );
  };

  /** Puts a W3C / Hypothesis file's annotations on a document, and says what came of each. */
  const importAnnotationFile = async (targetId: string, file: File) => {
    try {
      const result = await api.importAnnotationFile(targetId, await file.text());
      if (!result.ok) return setNotice(`${file.name}: ${result.error.message}`);
      showInfo(describeAnnotationFileOutcome(file.name, result.value));
    } catch (error) {
      setNotice((error as Error).message);
    }
  };

  /** Deletes the open document after saying what goes with it (annotations, links, mentions). */
  const deleteDocument = async () => {
    const open = left.open;
    if (open === undefined) return;
    const { links: linked, mentions } = await api.getDependents({ documentId: open.meta.id });
    const goes = [countOf(open.annotations.length, 'claim'), linked.length > 0 ? countOf(linked.length, 'evidence link') : '', mentions.length > 0 ? `its mentions in ${countOf(mentions.length, 'claim')} across documents` : ''].filter(Boolean);
    const message = `“${open.meta.title}” is removed from the workspace with ${goes.join(', ').replace(/, ([^,]*)$/, ' and $1')}. The imported file stays in the workspace's originals. Ctrl+Z undoes it.`;
    if (!(await confirm({ title: 'Delete this document?', message, confirmLabel: 'Delete document' }))) return;
    const result = await api.deleteDocument(open.meta.id);
    if (!result.ok) return setNotice(result.error.message);
    setNotice(undefined);
    setDocumentId(undefined, { replace: true });
  };

  // Stable for the (memoized) annotations panel: `linking` is rebuilt on every render.
  const linkingRef = useRef(linking);
  useEffect(() => {
    linkingRef.current = linking;
  });
  const claimFromAnnotation = useCallback((annotationId: string) => documentId !== undefined && linkingRef.current.claimAnnotations([{ documentId, annotationId }]), [documentId]);

  const fatal = info.state === 'failed' ? info.message : undefined;
  return (
    <div className="app" onDragEnter={onDragEnter} onDragLeave={onDragLeave} onDragOver={onDragOver} onDrop={onDrop}>
      {dragging && <div className="drop-overlay">Drop files to import them</div>}
      {(fatal ?? notice) && (
        <div className="banner" role="alert">
          {fatal ?? notice}
          {notice && (
            <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
              ×
            </button>
          )}
        </div>
      )}
      {outcome && !(fatal ?? notice) && (
        <div className="banner banner-info" role="status" data-testid="outcome">
          {outcome}
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setOutcome(undefined)}>
            ×
          </button>
        </div>
      )}
      <nav className="view-switch" aria-label="View">
        <button type="button" aria-pressed={view !== 'claims'} onClick={() => setView(undefined)}>
          Documents
        </button>
        <button type="button" aria-pressed={view === 'claims'} onClick={() => setView('claims')}>
          Claims{evidence.claims.length > 0 ? ` (${evidence.claims.length})` : ''}
        </button>
        <button type="button" className="view-export" title="Export the workspace: a Claimbench bundle, a REFI-QDA project, or W3C annotations" onClick={() => setDialog('export')}>
          Export…
        </button>
        <FileButton title="Merge a bundle another analyst exported into this workspace" accept=".claimbundle,.zip" onFile={setBundleFile} testId="bundle-input">
          Import bundle…
        </FileButton>
      </nav>
      {view === 'claims' && workspace ? (
        <ClaimsView
          rows={claimRows}
          scale={workspace.settings.verdictScale}
          analystName={workspace.settings.analystName}
          onOpenMention={(ref, beside) => {
            setView(undefined);
            if (beside) linking.openBeside(ref);
            else linking.openLeft(ref);
          }}
          onSideBySide={(first, second) => {
            setView(undefined);
            linking.openPair(first, second);
          }}
        />
      ) : (
        <div className={besideId ? 'panes panes-split' : 'panes'}>
          <LibraryPane
            documents={documents}
            selectedId={documentId}
            onSelect={setDocumentId}
            besideId={besideId}
            onOpenBeside={(id) => setBesideId(id === besideId ? undefined : id)}
            onImportFiles={imports.start}
            onPaste={() => setDialog('paste')}
            importPanel={imports.job && <ImportPanel job={imports.job} onCancel={imports.cancel} onDismiss={imports.dismiss} onOpen={setDocumentId} />}
          />
          {workspace && (
            <DocumentPane
              pane={left}
              workspace={workspace}
              documents={documents}
              label="Reader"
              linked={linkedLeft}
              onFollowLink={(annotationId) => linking.follow('left', annotationId)}
              onLink={linking.start}
              onUndo={undo}
              onRedo={redo}
              actions={
                left.open && (
                  <>
                    <input
                      className="beside-search"
                      list="beside-documents"
                      aria-label="Open beside"
                      placeholder="Open beside…"
                      title="Type a title to read that document side by side with this one"
                      onChange={(event) => {
                        const chosen = documents.state === 'ready' ? documents.value.find(({ meta }) => meta.title === event.target.value && meta.id !== documentId) : undefined;
                        if (chosen === undefined) return;
                        setBesideId(chosen.meta.id);
                        event.target.value = '';
                      }}
                    />
                    <datalist id="beside-documents">
                      {documents.state === 'ready' && documents.value.filter(({ meta }) => meta.id !== documentId).map(({ meta }) => <option key={meta.id} value={meta.title} />)}
                    </datalist>
                    <button type="button" className="button-small" onClick={linking.start} title="Link the span selected here with the one selected beside (Alt+L)" disabled={besideId === undefined}>
                      Link…
                    </button>
                    <button type="button" className="button-small" onClick={() => setDialog('metadata')}>
                      Edit details
                    </button>
                    <FileButton
                      className="button-small"
                      title="Import a newer version of this document; its claims are moved onto the new text"
                      accept={IMPORT_ACCEPT}
                      onFile={(file) => left.open && imports.start([file], { versionOf: left.open.meta.id })}
                      testId="version-input"
                    >
                      New version…
                    </FileButton>
                    <FileButton
                      className="button-small"
                      title="Put the annotations of a W3C Web Annotation or Hypothesis JSON file on this document, found by their quotes"
                      accept=".json,.jsonld,.jsonl,application/json,application/ld+json"
                      onFile={(file) => left.open && void importAnnotationFile(left.open.meta.id, file)}
                      testId="annotation-file-input"
                    >
                      Import annotations…
                    </FileButton>
                    <button type="button" className="button-small" onClick={() => void deleteDocument().catch((error: unknown) => setNotice((error as Error).message))} title="Delete this document and its claims (Ctrl+Z undoes)">
                      Delete…
                    </button>
                  </>
                )
              }
            />
          )}
          {workspace && besideId !== undefined && (
            <DocumentPane
              pane={right}
              workspace={workspace}
              documents={documents}
              label="Source"
              linked={linkedRight}
              onFollowLink={(annotationId) => linking.follow('right', annotationId)}
              onLink={linking.start}
              onUndo={undo}
              onRedo={redo}
              actions={
                <>
                  <button type="button" className="button-small" onClick={() => documentId && (setDocumentId(besideId), setBesideId(documentId))} title="Swap the two documents">
                    Swap
                  </button>
                  <button type="button" className="button-small" onClick={() => setBesideId(undefined)} aria-label="Close the side-by-side pane" title="Close this pane">
                    Close
                  </button>
                </>
              }
            />
          )}
          {workspace && (
            <div className="side-panel">
              <div className="side-tabs" role="tablist" aria-label="Side panel">
                <button type="button" role="tab" aria-selected={sidePanel === 'annotations'} onClick={() => setSidePanel('annotations')}>
                  Claims
                </button>
                <button type="button" role="tab" aria-selected={sidePanel === 'links'} onClick={() => setSidePanel('links')}>
                  Links{links.length > 0 ? ` (${links.length})` : ''}
                </button>
                {(toReview > 0 || sidePanel === 'review') && (
                  <button type="button" role="tab" aria-selected={sidePanel === 'review'} onClick={() => setSidePanel('review')} className="tab-attention">
                    Review ({toReview})
                  </button>
                )}
              </div>
              {sidePanel === 'review' ? (
                <aside className="pane tab-pane" aria-label="Review">
                  <ReviewPanel
                    annotations={left.shown?.annotations ?? []}
                    selection={left.textSelection && left.open ? { ...left.textSelection, text: left.open.text.slice(left.textSelection.start, left.textSelection.end) } : undefined}
                    onShow={left.revealAnnotation}
                    onAccept={(annotationId) => review(annotationId, { kind: 'accept' })}
                    onRepin={(annotationId, start, end) => review(annotationId, { kind: 'repin', start, end })}
                    onDelete={left.deleteAnnotation}
                  />
                </aside>
              ) : sidePanel === 'annotations' ? (
                <AnnotationsPanel
                  annotations={listedAnnotations}
                  codebook={workspace.codebook}
                  statuses={workspace.settings.statuses}
                  selectedId={listedSelection}
                  onChoose={chooseInPanel}
                  onDelete={left.deleteAnnotation}
                  onEdit={left.editAnnotation}
                  onClaim={claimFromAnnotation}
                  onOpenCodebook={openCodebook}
                />
              ) : (
                <aside className="pane tab-pane" aria-label="Links">
                  <LinksPanel
                    links={links}
                    selectedAnnotation={left.selectedAnnotation}
                    onFollow={(link: LinkView) => linking.followView(link)}
                    onCompare={linking.compare}
                    onEdit={linking.edit}
                    onDelete={linking.remove}
                    onClaim={linking.claimLink}
                  />
                </aside>
              )}
            </div>
          )}
        </div>
      )}
      {linking.dialogs}
      {confirmation}
      {linking.fidelity && <FidelityDialog {...linking.fidelity} onClose={linking.closeFidelity} />}
      {linking.mentions && <MentionDialog mentions={linking.mentions} claims={evidence.claims} onClose={linking.closeMentions} onDone={() => setSidePanel((panel) => panel)} />}
      {dialog === 'paste' && <PasteDialog onClose={() => setDialog(undefined)} onCreated={setDocumentId} />}
      {dialog === 'metadata' && left.open && <MetadataDialog meta={left.open.meta} onClose={() => setDialog(undefined)} />}
      {dialog === 'codebook' && workspace && <CodebookDialog codebook={workspace.codebook} onClose={() => setDialog(undefined)} />}
      {dialog === 'export' && workspace && (
        <ExportDialog workspace={workspace} documents={documents.state === 'ready' ? documents.value : []} currentDocumentId={documentId} onClose={() => setDialog(undefined)} />
      )}
      {bundleFile && workspace && <ImportBundleDialog key={`${bundleFile.name}-${bundleFile.lastModified}`} file={bundleFile} workspace={workspace} onClose={() => setBundleFile(undefined)} onImported={showInfo} />}
      <StatusBar info={workspace} saveState={saveState} transport={transportName} connected={connected} />
    </div>
  );
}
