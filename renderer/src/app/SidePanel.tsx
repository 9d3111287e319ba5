// The panel right of the reader, for the document on the left: its annotations,
// its evidence links, what its sentences may have been checked as (Matches), and — when a new
// version left some to check — the review queue.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnchorDecision } from '../../../core/annotations/annotation-operations.ts';
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import type { LinkView } from '../../../core/contract/workbench-api.ts';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel.tsx';
import { applyBulkEdit } from '../annotations/apply-bulk-edit.ts';
import type { RowSelectionState } from '../annotations/use-row-selection.ts';
import type { CheckedSentences } from '../archive/use-checked-sentences.ts';
import { LinksPanel } from '../evidence/LinksPanel.tsx';
import type { useLinking } from '../evidence/use-linking.tsx';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';
import { awaitsReview, ReviewPanel } from '../review/ReviewPanel.tsx';
import type { DocumentSuggestionsState } from '../suggestions/use-suggestions.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { useAfterPaint } from '../ui/use-after-paint.ts';
import type { SidePane } from './pane-layout.ts';
import { MatchesPanel, SuggestionsPanel } from './lazy-views.ts';
import { FoldButton } from './PaneRail.tsx';
import { versionOf } from '../../../core/model/record-version.ts';

export type SideTab = 'annotations' | 'links' | 'matches' | 'suggestions' | 'review';

interface SidePanelProps {
  /** The left pane: the panel shows its document. */
  readonly pane: DocumentPaneState;
  readonly workspace: WorkspaceInfo;
  /** The tab shown (kept by the window, so it survives a visit to the claims view). */
  readonly tab: SideTab;
  readonly onTab: (tab: SideTab) => void;
  /** The document's links (kept by the window, fresh when the panel comes back). */
  readonly links: readonly LinkView[];
  /** The claims each annotation of the document belongs to. */
  readonly claims: ReadonlyMap<string, readonly ClaimMembership[]>;
  readonly linking: ReturnType<typeof useLinking>;
  readonly onOpenCodebook: () => void;
  readonly report: (message: string | undefined) => void;
  /** Says in the status bar what was done (a bulk edit, a sentence attached to a match). */
  readonly say: (text: string) => void;
  /** The annotations panel's selected rows (kept by the window for the command palette). */
  readonly rows: RowSelectionState;
  /** Folds a pane away (the side panel's » button). */
  readonly onFold: (pane: SidePane) => void;
  /** What the annotations panel's filter lets through (undefined: no filter). */
  readonly onFiltered?: (shown: ReadonlySet<string> | undefined) => void;
  /** The document's sentences that may have been checked before (the Matches tab). */
  readonly checked: CheckedSentences;
  /** The document's claim suggestions (the Suggestions tab). */
  readonly suggestions: DocumentSuggestionsState;
  /** Asks before something is done to many (Shift+A in the Suggestions tab). */
  readonly confirm: (question: Confirmation) => Promise<boolean>;
}

export function SidePanel({
  pane,
  workspace,
  tab,
  onTab,
  links,
  claims,
  linking,
  onOpenCodebook,
  report,
  say,
  rows,
  onFold,
  onFiltered,
  checked,
  suggestions,
  confirm,
}: SidePanelProps) {
  const { documentId } = pane;

  // The annotations list follows a change once the reader has painted it, so a new highlight
  // never waits for a panel of 10,000 annotations (which does not render at all until then).
  const listedAnnotations = useAfterPaint(pane.shown?.annotations);
  // The selection follows with the list (an annotation just tagged is selected in the same late
  // frame), except a choice made in the panel itself (a click, j or k), which shows at once.
  const lateSelection = useAfterPaint(pane.selectedAnnotation);
  const [panelChoice, setPanelChoice] = useState<string>();
  const listedSelection = panelChoice !== undefined && panelChoice === pane.selectedAnnotation ? panelChoice : lateSelection;
  const { revealAnnotation } = pane;
  const chooseInPanel = useCallback(
    (annotationId: string) => {
      setPanelChoice(annotationId);
      revealAnnotation(annotationId);
    },
    [revealAnnotation],
  );

  // From the list a frame late, like the annotations panel: not on the way to painting a new highlight.
  const toReview = useMemo(() => (listedAnnotations ?? []).filter(awaitsReview).length, [listedAnnotations]);
  const review = (annotationId: string, decision: AnchorDecision) => {
    if (documentId === undefined) return;
    void api.reviewAnchor(documentId, annotationId, decision).then(
      (result) => report(result.ok ? undefined : result.error.message),
      (error: unknown) => report((error as Error).message),
    );
  };

  // One change to the selected annotations; what it did is said in the status bar (and Ctrl+Z undoes it).
  const bulkEdit = useCallback(
    async (annotationIds: readonly string[], patch: BulkAnnotationPatch): Promise<string | undefined> => {
      if (documentId === undefined) return 'No document is open.';
      // Made from the versions shown: one someone else changed meanwhile refuses the edit (a conflict).
      const shown = new Map(pane.shown?.annotations.map((annotation) => [annotation.id, annotation]));
      const refs = annotationIds.map((annotationId) => {
        const annotation = shown.get(annotationId);
        return { documentId, annotationId, ...(annotation ? { baseVersion: versionOf(annotation) } : {}) };
      });
      const done = await applyBulkEdit(refs, patch, workspace);
      if ('problem' in done) return done.problem;
      say(done.said);
      return undefined;
    },
    [documentId, workspace, say, pane.shown],
  );

  // Stable for the (memoized) annotations panel: `linking` is rebuilt on every render.
  const linkingRef = useRef(linking);
  useEffect(() => {
    linkingRef.current = linking;
  });
  const claimFromAnnotation = useCallback(
    (annotationId: string) => documentId !== undefined && linkingRef.current.claimAnnotations([{ documentId, annotationId }]),
    [documentId],
  );

  // Inside each tab's landmark (so no content sits outside one); memoized for the annotations panel.
  const linkCount = links.length;
  const checkedCount = checked.sentences?.length ?? 0;
  const suggestionCount = suggestions.suggestions?.filter((suggestion) => !suggestion.marked).length;
  const tabs = useMemo(
    () => (
      <div className="side-tabs-row">
        <div className="side-tabs" role="tablist" aria-label="Side panel">
          <button type="button" role="tab" aria-selected={tab === 'annotations'} onClick={() => onTab('annotations')}>
            Annotations
          </button>
          <button type="button" role="tab" aria-selected={tab === 'links'} onClick={() => onTab('links')}>
            Links{linkCount > 0 ? ` (${linkCount})` : ''}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'matches'}
            onClick={() => onTab('matches')}
            title="Whether the sentence at the cursor was checked before: the fact-check archive and the claims with a verdict"
          >
            Matches{checkedCount > 0 ? ` (${checkedCount})` : ''}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'suggestions'}
            onClick={() => onTab('suggestions')}
            title="Claims found in the document for you to accept or reject: attributed statements, quotations, figures, predictions"
          >
            Suggestions{suggestionCount !== undefined ? ` (${suggestionCount})` : ''}
          </button>
          {(toReview > 0 || tab === 'review') && (
            <button type="button" role="tab" aria-selected={tab === 'review'} onClick={() => onTab('review')} className="tab-attention">
              Review ({toReview})
            </button>
          )}
        </div>
        <FoldButton pane="side" label="Side panel" onFold={onFold} />
      </div>
    ),
    [tab, onTab, linkCount, checkedCount, suggestionCount, toReview, onFold],
  );

  // While a tab's chunk loads (lazy-views.ts: fetched anyway once the first document is painted).
  const loadingTab = (label: string) => (
    <aside className="pane tab-pane" aria-label={label} aria-busy="true">
      {tabs}
    </aside>
  );
  const selection =
    pane.textSelection && pane.open
      ? { ...pane.textSelection, text: pane.open.text.slice(pane.textSelection.start, pane.textSelection.end) }
      : undefined;
  return (
    <div className="side-panel" id="pane-side" data-pane="side">
      {tab === 'review' ? (
        <aside className="pane tab-pane" aria-label="Review">
          {tabs}
          <ReviewPanel
            annotations={pane.shown?.annotations ?? []}
            selection={selection}
            onShow={pane.revealAnnotation}
            onAccept={(annotationId) => review(annotationId, { kind: 'accept' })}
            onRepin={(annotationId, start, end) => review(annotationId, { kind: 'repin', start, end })}
            onDelete={pane.deleteAnnotation}
          />
        </aside>
      ) : tab === 'matches' ? (
        <Suspense fallback={loadingTab('Matches')}>
          <MatchesPanel pane={pane} checked={checked} scale={workspace.settings.verdictScale} header={tabs} say={say} report={report} />
        </Suspense>
      ) : tab === 'suggestions' ? (
        <Suspense fallback={loadingTab('Suggestions')}>
          <SuggestionsPanel
            suggestions={suggestions}
            codebook={workspace.codebook}
            header={tabs}
            say={say}
            report={report}
            confirm={confirm}
          />
        </Suspense>
      ) : tab === 'annotations' ? (
        <AnnotationsPanel
          annotations={listedAnnotations}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          claims={claims}
          header={tabs}
          onFiltered={onFiltered}
          selectedId={listedSelection}
          onChoose={chooseInPanel}
          selection={rows.selection}
          onSelection={rows.setSelection}
          onBulkEdit={bulkEdit}
          onDelete={pane.deleteAnnotation}
          onEdit={pane.editAnnotation}
          onClaim={claimFromAnnotation}
          onOpenCodebook={onOpenCodebook}
        />
      ) : (
        <aside className="pane tab-pane" aria-label="Links">
          {tabs}
          <LinksPanel
            links={links}
            selectedAnnotation={pane.selectedAnnotation}
            onFollow={linking.followView}
            onCompare={linking.compare}
            onEdit={linking.edit}
            onDelete={linking.remove}
            onClaim={linking.claimLink}
          />
        </aside>
      )}
    </div>
  );
}
