// The search view's part of the window: which tab is shown (#find=), the search's and the
// annotations table's state, and the ways in and out: a hit or a row opens in the reader (or
// beside it), the codebook and the matrix open the table filtered, a saved search in the library
// runs in the search view. App places `view` and `savedSearches`, and hands `openTable` to the codebook.
import { useCallback } from 'react';
import type { TableFilters } from '../../../core/contract/annotation-table-api.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { AnnotationRef, Claim } from '../../../core/model/evidence.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import type { SavedSearch } from '../../../core/search/saved-search.ts';
import type { SearchHit } from '../../../core/search/search-types.ts';
import type { View } from '../app/TopBar.tsx';
import type { Loadable } from '../app/use-workbench.ts';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';
import { SavedSearchList } from '../search/SavedSearchList.tsx';
import { useSearch } from '../search/use-search.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { useHashParam, type SetHashParam } from '../ui/use-hash-state.ts';
import { findTabOf } from './FindTabs.tsx';
import { FindView } from '../app/lazy-views.ts';
import { useAnnotationTable } from './use-annotation-table.ts';

interface FindInput {
  readonly view: View;
  readonly setView: (view: View) => void;
  readonly documentId: string | undefined;
  readonly setDocumentId: SetHashParam;
  readonly setBesideId: SetHashParam;
  readonly left: DocumentPaneState;
  readonly right: DocumentPaneState;
  readonly workspace: WorkspaceInfo | undefined;
  readonly documents: Loadable<DocumentSummary[]>;
  readonly claims: readonly Claim[];
  readonly confirm: (question: Confirmation) => Promise<boolean>;
  /** Shows a problem in the window's notice. */
  readonly report: (message: string) => void;
  /** Says what was done in the status bar. */
  readonly say: (message: string) => void;
}

export function useFind(input: FindInput) {
  const { view, setView, documentId, setDocumentId, setBesideId, left, right, workspace, documents, claims, confirm, report, say } = input;
  const [findParam, setFindParam] = useHashParam('find');
  const tab = findTabOf(findParam);
  const search = useSearch(view === 'search' && tab === 'search');
  const table = useAnnotationTable(view === 'search' && tab === 'table');

  /** Shows a document in the reader, or beside it (not the one already on the left); which pane. */
  const show = useCallback(
    (inDocument: string, beside: boolean): DocumentPaneState => {
      setView('documents');
      const toRight = beside && inDocument !== documentId;
      if (toRight) setBesideId(inDocument);
      else setDocumentId(inDocument);
      return toRight ? right : left;
    },
    [setView, documentId, setBesideId, setDocumentId, left, right],
  );
  // A search hit opens with its span selected; a document matched by its details alone just opens.
  const openHit = useCallback(
    (hit: SearchHit, beside: boolean) => {
      const pane = show(hit.documentId, beside);
      if (hit.end > hit.start) pane.revealSpan(hit.start, hit.end, hit.documentId);
    },
    [show],
  );
  // A row of the table opens its annotation, chosen and flashed.
  const openAnnotation = useCallback(
    (ref: AnnotationRef, beside: boolean) => show(ref.documentId, beside).revealAnnotation(ref.annotationId, ref.documentId),
    [show],
  );
  const { show: showTable } = table;
  const openTable = useCallback(
    (filters: TableFilters) => {
      showTable(filters);
      setFindParam('table');
      setView('search');
    },
    [showTable, setFindParam, setView],
  );
  const { load } = search;
  const runSavedSearch = useCallback(
    (saved: SavedSearch) => {
      load(saved);
      setFindParam(undefined);
      setView('search');
    },
    [load, setFindParam, setView],
  );

  return {
    openTable,
    view: workspace && (
      <FindView
        tab={tab}
        onTab={(next) => setFindParam(next === 'search' ? undefined : next)}
        search={search}
        table={table}
        workspace={workspace}
        documents={documents.state === 'ready' ? documents.value : []}
        claims={claims}
        onOpenHit={openHit}
        onOpenAnnotation={openAnnotation}
        onOpenTable={openTable}
        report={report}
        say={say}
      />
    ),
    savedSearches: workspace && (
      <SavedSearchList searches={workspace.settings.savedSearches} onRun={runSavedSearch} confirm={confirm} report={report} say={say} />
    ),
  };
}
