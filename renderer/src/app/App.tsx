// The workbench window: library (left), the reader — one document, or a claim document and a
// source side by side — and the annotations, links, matches or review panel (right); or the claims
// view of the whole workspace, its fact-check archive, the search view, or the agreement view.
// Status bar at the bottom. This file only puts the pieces together.
import { Suspense, useCallback, useEffect, useState, type CSSProperties } from 'react';
import { useRowSelection } from '../annotations/use-row-selection.ts';
import { isSampleDocument } from '../../../core/model/sample.ts';
import { api, transportName } from '../api/client.ts';
import { useArchiveSize } from '../archive/use-archive.ts';
import { useCheckedSentences } from '../archive/use-checked-sentences.ts';
import { useSuggestions } from '../suggestions/use-suggestions.ts';
import { useClaimMembership, useClaimRows, useEvidence, useLinkedAnnotations, useLinks } from '../evidence/use-evidence.ts';
import { useLinking } from '../evidence/use-linking.tsx';
import { useImportPanel } from '../library/use-import-panel.tsx';
import { useImports } from '../library/use-imports.ts';
import { LibraryPane } from '../library/LibraryPane.tsx';
import { DocumentPane } from '../reader/DocumentPane.tsx';
import { useDocumentPane } from '../reader/use-document-pane.ts';
import { useFind } from '../table/use-find.tsx';
import { WelcomePanel } from '../settings/WelcomePanel.tsx';
import { useCommands } from '../commands/use-commands.tsx';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
import { useHashParam } from '../ui/use-hash-state.ts';
import { AppDialogs, type DialogName } from './AppDialogs.tsx';
import { Banners, useOutcome } from './Banners.tsx';
import { AgreementView, ArchiveView, ClaimsView, FidelityDialog, MentionDialog, preloadViewsAfterFirstPaint } from './lazy-views.ts';
import { FoldButton, PaneRail } from './PaneRail.tsx';
import { ReaderActions } from './ReaderActions.tsx';
import { SidePanel, type SideTab } from './SidePanel.tsx';
import { Splitter } from './Splitter.tsx';
import { StatusBar } from './StatusBar.tsx';
import { TopBar, type View } from './TopBar.tsx';
import { useAppActions } from './use-app-actions.ts';
import { useRemoveSample } from './use-remove-sample.ts';
import { useFileDrop } from './use-file-drop.ts';
import { usePaneCycling } from './use-pane-cycling.ts';
import { usePaneLayout } from './use-pane-layout.ts';
import { useUndoRedo } from './use-undo-redo.ts';
import { useConnected, useDocumentList, useSaveState, useWorkspaceInfo } from './use-workbench.ts';

export function App() {
  const info = useWorkspaceInfo();
  const documents = useDocumentList();
  const [documentId, setDocumentId] = useHashParam('doc');
  const [besideId, setBesideId] = useHashParam('beside');
  const [viewParam, setViewParam] = useHashParam('view');
  const view: View =
    viewParam === 'claims' || viewParam === 'search' || viewParam === 'archive' || viewParam === 'agreement' ? viewParam : 'documents';
  const setView = useCallback((next: View) => setViewParam(next === 'documents' ? undefined : next), [setViewParam]);
  const workspace = info.state === 'ready' ? info.value : undefined;
  const saveState = useSaveState(workspace?.saveState);
  const connected = useConnected();
  const [notice, setNotice] = useState<string>();
  const [outcome, setOutcome] = useOutcome();
  const { ask: confirm, dialog: confirmation } = useConfirm();
  const left = useDocumentPane(documentId, workspace, setNotice, confirm);
  const right = useDocumentPane(besideId, workspace, setNotice, confirm);
  const evidence = useEvidence();
  const linkedLeft = useLinkedAnnotations(evidence, documentId);
  const linkedRight = useLinkedAnnotations(evidence, besideId);
  const links = useLinks(documentId, evidence, left.open?.annotations);
  const claimRows = useClaimRows(evidence, documents);
  const scale = workspace?.settings.verdictScale;
  const claimsLeft = useClaimMembership(evidence, documentId, scale);
  const claimsRight = useClaimMembership(evidence, besideId, scale);
  const archiveSize = useArchiveSize();
  const checkedLeft = useCheckedSentences(left.open, evidence, archiveSize);
  const checkedRight = useCheckedSentences(right.open, evidence, archiveSize);
  const suggestions = useSuggestions(left.open, left.shown?.annotations);
  const { layout, setLayout, fold } = usePaneLayout(besideId !== undefined);
  const [filterShown, setFilterShown] = useState<ReadonlySet<string>>();
  usePaneCycling();
  const [dialog, setDialog] = useState<DialogName>();
  const [bundleFile, setBundleFile] = useState<File>();
  const [sideTab, setSideTab] = useState<SideTab>('annotations');
  const imports = useImports(setDocumentId);
  const importPanel = useImportPanel(imports, documents, setDocumentId);
  const drop = useFileDrop(imports.start);
  const linking = useLinking({ left, right, evidence, report: setNotice, setDocumentId, setBesideId });
  const titleOf = useCallback(
    (id: string) => (documents.state === 'ready' ? documents.value.find(({ meta }) => meta.id === id)?.meta.title : undefined),
    [documents],
  );
  const { undo, redo, said, say } = useUndoRedo(besideId, setDocumentId, setNotice, titleOf, documentId);
  const rows = useRowSelection(documentId, left.selectedAnnotation);
  const openCodebook = useCallback(() => setDialog('codebook'), []);
  const closeDialog = () => setDialog(undefined);
  const sampleDocuments = documents.state === 'ready' ? documents.value.filter(({ meta }) => isSampleDocument(meta)).length : 0;
  const removeSample = useRemoveSample(documents, confirm, setNotice, setOutcome);
  const { actions, extra } = useAppActions({
    view,
    setView,
    left,
    besideId,
    codebook: workspace?.codebook,
    sampleDocuments,
    undo,
    redo,
    showDialog: setDialog,
    link: linking.start,
    followLink: useCallback((annotationId: string) => linking.follow('left', annotationId), [linking]),
    swap: useCallback(
      () => documentId && besideId && (setDocumentId(besideId), setBesideId(documentId)),
      [documentId, besideId, setDocumentId, setBesideId],
    ),
    closeBeside: useCallback(() => setBesideId(undefined), [setBesideId]),
    deleteDocument: useCallback(
      () => void left.deleteDocument().then((deleted) => deleted && setDocumentId(undefined, { replace: true })),
      [left, setDocumentId],
    ),
    removeSample: useCallback(() => void removeSample(), [removeSample]),
    rows,
    annotationsPanel: sideTab === 'annotations' && !layout.side.collapsed,
    filterShown,
  });
  const { onWindowKey, overlay } = useCommands(actions, extra, workspace?.codebook);

  // The search view's tabs: the search, the annotations table, the tag matrix; and saved searches.
  const find = useFind({
    view,
    setView,
    documentId,
    setDocumentId,
    setBesideId,
    left,
    right,
    workspace,
    documents,
    confirm,
    say,
    claims: evidence.claims,
    report: setNotice,
  });

  useEffect(preloadViewsAfterFirstPaint, []);

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
    window.document.title =
      view === 'claims'
        ? 'Claims — Claimbench'
        : view === 'search'
          ? 'Search — Claimbench'
          : view === 'archive'
            ? 'Fact-check archive — Claimbench'
            : view === 'agreement'
              ? 'Agreement — Claimbench'
              : title
                ? `${title} — Claimbench`
                : 'Claimbench';
  }, [left.open, view]);

  return (
    <div className="app" {...drop.handlers}>
      {drop.dragging && (
        <div className="drop-overlay">
          <p className="drop-card">Drop files to import them</p>
        </div>
      )}
      <Banners
        fatal={info.state === 'failed' ? info.message : undefined}
        notice={notice}
        outcome={outcome}
        onDismissNotice={() => setNotice(undefined)}
        onDismissOutcome={() => setOutcome(undefined)}
      />
      {workspace && !workspace.settings.welcomed && workspace.team === undefined && (
        <WelcomePanel workspace={workspace} sampleDocuments={sampleDocuments} onRemoveSample={removeSample} />
      )}
      <TopBar
        view={view}
        onView={setView}
        claimCount={evidence.claims.length}
        archiveCount={archiveSize}
        onExport={() => setDialog('export')}
        onImportBundle={setBundleFile}
        onSettings={() => setDialog('settings')}
      />
      <Suspense fallback={<div className="view-loading" aria-busy="true" />}>
        {view === 'search' && find.view ? (
          find.view
        ) : view === 'archive' ? (
          <ArchiveView report={setNotice} say={say} scale={workspace?.settings.verdictScale ?? []} />
        ) : view === 'claims' && workspace ? (
          <ClaimsView
            rows={claimRows}
            scale={workspace.settings.verdictScale}
            analystName={workspace.settings.analystName}
            reviewUrlPattern={workspace.settings.reviewUrlPattern}
            onOpenMention={(ref, beside) => {
              setView('documents');
              if (beside) linking.openBeside(ref);
              else linking.openLeft(ref);
            }}
            onSideBySide={(first, second) => {
              setView('documents');
              linking.openPair(first, second);
            }}
          />
        ) : view === 'agreement' && workspace ? (
          <AgreementView workspace={workspace} documents={documents.state === 'ready' ? documents.value : []} report={setNotice} />
        ) : (
          <div
            className="panes"
            style={
              {
                '--library-width': layout.library.collapsed ? undefined : `${layout.library.width}px`,
                '--side-width': layout.side.collapsed ? undefined : `${layout.side.width}px`,
              } as CSSProperties
            }
            data-library={layout.library.collapsed ? 'folded' : 'shown'}
            data-side={layout.side.collapsed ? 'folded' : 'shown'}
          >
            {layout.library.collapsed ? (
              <PaneRail pane="library" label="Library" layout={layout} onLayout={setLayout} />
            ) : (
              <LibraryPane
                documents={documents}
                selectedId={documentId}
                onSelect={setDocumentId}
                besideId={besideId}
                onOpenBeside={(id) => setBesideId(id === besideId ? undefined : id)}
                onImportFiles={imports.start}
                onPaste={() => setDialog('paste')}
                fold={<FoldButton pane="library" label="Library" onFold={fold} />}
                importPanel={importPanel.panel}
                savedSearches={find.savedSearches}
              />
            )}
            <Splitter pane="library" controls="pane-library" label="Resize the library" layout={layout} onLayout={setLayout} />
            <div className={besideId ? 'readers readers-split' : 'readers'}>
              {workspace && (
                <DocumentPane
                  pane={left}
                  workspace={workspace}
                  documents={documents}
                  label="Reader"
                  landmark="main"
                  claims={claimsLeft}
                  checked={checkedLeft.sentences}
                  checkedProgress={checkedLeft.progress}
                  suggestions={suggestions.marks}
                  filterShown={filterShown}
                  linked={linkedLeft}
                  onFollowLink={(annotationId) => linking.follow('left', annotationId)}
                  onLink={linking.start}
                  onWindowKey={onWindowKey}
                  actions={
                    left.open && (
                      <ReaderActions
                        pane={left}
                        documents={documents}
                        besideId={besideId}
                        onOpenBeside={setBesideId}
                        onLink={linking.start}
                        onEditDetails={() => setDialog('metadata')}
                        onVersions={() => setDialog('versions')}
                        onNewVersion={(file, versionOf) => imports.start([file], { versionOf })}
                        onDeleted={() => setDocumentId(undefined, { replace: true })}
                        report={setNotice}
                        showInfo={setOutcome}
                      />
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
                  landmark="region"
                  claims={claimsRight}
                  checked={checkedRight.sentences}
                  checkedProgress={checkedRight.progress}
                  linked={linkedRight}
                  onFollowLink={(annotationId) => linking.follow('right', annotationId)}
                  onLink={linking.start}
                  onWindowKey={onWindowKey}
                  actions={
                    <>
                      <button
                        type="button"
                        className="button-small"
                        onClick={() => documentId && (setDocumentId(besideId), setBesideId(documentId))}
                        title="Swap the two documents"
                      >
                        Swap
                      </button>
                      <button
                        type="button"
                        className="button-small"
                        onClick={() => setBesideId(undefined)}
                        aria-label="Close the side-by-side pane"
                        title="Close this pane"
                      >
                        Close
                      </button>
                    </>
                  }
                />
              )}
            </div>
            <Splitter pane="side" controls="pane-side" label="Resize the side panel" layout={layout} onLayout={setLayout} />
            {layout.side.collapsed ? (
              <PaneRail pane="side" label="Annotations" layout={layout} onLayout={setLayout} />
            ) : (
              workspace && (
                <SidePanel
                  pane={left}
                  workspace={workspace}
                  tab={sideTab}
                  onTab={setSideTab}
                  links={links}
                  claims={claimsLeft}
                  onFold={fold}
                  onFiltered={setFilterShown}
                  linking={linking}
                  onOpenCodebook={openCodebook}
                  report={setNotice}
                  say={say}
                  rows={rows}
                  checked={checkedLeft}
                  suggestions={suggestions}
                  confirm={confirm}
                />
              )
            )}
          </div>
        )}
      </Suspense>
      {linking.dialogs}
      {confirmation}
      <Suspense fallback={null}>
        {linking.fidelity && <FidelityDialog {...linking.fidelity} onClose={linking.closeFidelity} />}
        {linking.mentions && workspace && (
          <MentionDialog
            mentions={linking.mentions}
            claims={evidence.claims}
            scale={workspace.settings.verdictScale}
            onClose={linking.closeMentions}
          />
        )}
      </Suspense>
      {importPanel.dialog}
      {overlay}
      <AppDialogs
        dialog={dialog}
        workspace={workspace}
        documents={documents}
        open={left.open}
        currentDocumentId={documentId}
        sampleDocuments={sampleDocuments}
        onRemoveSample={removeSample}
        onCreated={setDocumentId}
        onShowAnnotations={(tagId) => find.openTable({ tags: [tagId] })}
        onClose={closeDialog}
        bundleFile={bundleFile}
        onBundleClosed={() => setBundleFile(undefined)}
        onBundleImported={setOutcome}
      />
      <StatusBar info={workspace} saveState={saveState} transport={transportName} connected={connected} said={said} />
    </div>
  );
}
