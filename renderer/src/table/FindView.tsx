// The search view with its tabs (FindTabs.tsx): the search, the annotations table, the
// tag-by-document matrix. Only composes; each tab's state lives in the window (useSearch,
// useAnnotationTable), so switching tabs keeps it.
import type { TableFilters } from '../../../core/contract/annotation-table-api.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { AnnotationRef, Claim } from '../../../core/model/evidence.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import type { SearchHit } from '../../../core/search/search-types.ts';
import { SearchView } from '../search/SearchView.tsx';
import type { SearchState } from '../search/use-search.ts';
import { AnnotationTable } from './AnnotationTable.tsx';
import { FindTabs, type FindTab } from './FindTabs.tsx';
import { TagMatrix } from './TagMatrix.tsx';
import type { AnnotationTableState } from './use-annotation-table.ts';

interface FindViewProps {
  readonly tab: FindTab;
  readonly onTab: (tab: FindTab) => void;
  readonly search: SearchState;
  readonly table: AnnotationTableState;
  readonly workspace: WorkspaceInfo;
  readonly documents: readonly DocumentSummary[];
  readonly claims: readonly Claim[];
  readonly onOpenHit: (hit: SearchHit, beside: boolean) => void;
  readonly onOpenAnnotation: (ref: AnnotationRef, beside: boolean) => void;
  readonly onOpenTable: (filters: TableFilters) => void;
  /** Shows a problem in the window's notice. */
  readonly report: (message: string) => void;
  /** Says what was done in the status bar. */
  readonly say: (message: string) => void;
}

export function FindView({
  tab,
  onTab,
  search,
  table,
  workspace,
  documents,
  claims,
  onOpenHit,
  onOpenAnnotation,
  onOpenTable,
  report,
  say,
}: FindViewProps) {
  return (
    <FindTabs tab={tab} onTab={onTab}>
      {tab === 'table' ? (
        <AnnotationTable
          table={table}
          workspace={workspace}
          documents={documents}
          claims={claims}
          onOpen={onOpenAnnotation}
          report={report}
          say={say}
        />
      ) : tab === 'matrix' ? (
        <TagMatrix codebook={workspace.codebook} onOpenTable={onOpenTable} />
      ) : (
        <SearchView
          search={search}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onOpen={onOpenHit}
          report={report}
          say={say}
          savedSearches={workspace.settings.savedSearches}
          claims={claims}
          scale={workspace.settings.verdictScale}
        />
      )}
    </FindTabs>
  );
}
