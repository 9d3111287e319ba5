// The tabs of the search view: the search itself, every annotation as one table, and the
// tag-by-document matrix. Which one is shown lives in the address (#find=table), so the codebook
// and the matrix can open the table, and a reload keeps it.
import type { ReactNode } from 'react';

export type FindTab = 'search' | 'table' | 'matrix';

const TABS: readonly { readonly id: FindTab; readonly label: string; readonly title: string }[] = [
  { id: 'search', label: 'Search', title: 'Search every document, annotation and claim (Ctrl+Shift+F)' },
  { id: 'table', label: 'All annotations', title: 'Every annotation of the workspace as one table: sort, filter, select, export' },
  { id: 'matrix', label: 'Tags × documents', title: 'How many annotations of each document carry each tag' },
];

/** The tab an address names (`search` when it names none or another). */
export function findTabOf(param: string | undefined): FindTab {
  return param === 'table' || param === 'matrix' ? param : 'search';
}

interface FindTabsProps {
  readonly tab: FindTab;
  readonly onTab: (tab: FindTab) => void;
  readonly children: ReactNode;
}

export function FindTabs({ tab, onTab, children }: FindTabsProps) {
  return (
    <div className="find-view">
      <div className="side-tabs find-tabs" role="tablist" aria-label="Find">
        {TABS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={tab === entry.id}
            title={entry.title}
            onClick={() => onTab(entry.id)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {children}
    </div>
  );
}
