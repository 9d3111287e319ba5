// The saved searches in the library, each with how many hits it finds now (counted again as the
// workspace changes): a click runs it in the search view; Rename and Delete beside it.
import { useEffect, useState } from 'react';
import { hitCountText } from '../../../core/search/result-counts.ts';
import type { SavedSearch } from '../../../core/search/saved-search.ts';
import { api } from '../api/client.ts';
import { useWorkspaceGeneration } from '../api/use-workspace-generation.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { SavedSearchDialog } from './SavedSearchDialog.tsx';

interface SavedSearchListProps {
  readonly searches: readonly SavedSearch[];
  readonly onRun: (search: SavedSearch) => void;
  readonly confirm: (question: Confirmation) => Promise<boolean>;
  /** Shows a problem in the window's notice. */
  readonly report: (message: string) => void;
  /** Says what was done in the status bar. */
  readonly say: (message: string) => void;
}

/** How many hits a saved search finds: a number (at least that many when not exact), or the reason it cannot run. */
type Count = { readonly hits: number; readonly exact: boolean } | { readonly problem: string };

/** Changes of the workspace gathered before counting again. */
const SETTLE_MS = 400;

export function SavedSearchList({ searches, onRun, confirm, report, say }: SavedSearchListProps) {
  const counts = useLiveCounts(searches);
  const [renaming, setRenaming] = useState<SavedSearch>();
  if (searches.length === 0) return null;

  const remove = async (search: SavedSearch) => {
    const yes = await confirm({
      title: 'Delete saved search',
      message: `Delete the saved search “${search.name}”? Its query is not kept anywhere else.`,
      confirmLabel: 'Delete',
    });
    if (!yes) return;
    const result = await api.updateSettings({ savedSearches: searches.filter((other) => other !== search) });
    if (result.ok) say(`Deleted the saved search “${search.name}”.`);
    else report(result.error.message);
  };

  return (
    <section className="saved-searches" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title" className="saved-searches-title">
        Saved searches
      </h2>
      <ul className="saved-search-list">
        {searches.map((search) => {
          const count = counts.get(search);
          return (
            <li key={search.name} className="saved-search-row">
              <button
                type="button"
                className="saved-search"
                title={`Run: ${search.query}`}
                onClick={() => onRun(search)}
                data-testid="saved-search"
              >
                <span className="saved-search-name">{search.name}</span>
                <span
                  className="saved-search-count"
                  title={
                    count === undefined
                      ? 'Counting…'
                      : 'problem' in count
                        ? count.problem
                        : `${hitCountText(count)} hits now${count.exact ? '' : ' (at least: only enough was checked to fill a page)'}`
                  }
                >
                  {count === undefined ? '…' : 'problem' in count ? '!' : hitCountText(count)}
                </span>
              </button>
              <button
                type="button"
                className="saved-search-action"
                aria-label={`Rename “${search.name}”`}
                title="Rename"
                onClick={() => setRenaming(search)}
              >
                ✎
              </button>
              <button
                type="button"
                className="saved-search-action"
                aria-label={`Delete “${search.name}”`}
                title="Delete"
                onClick={() => void remove(search)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {renaming && (
        <SavedSearchDialog searches={searches} search={renaming} mode="rename" onClose={() => setRenaming(undefined)} onDone={say} />
      )}
    </section>
  );
}

/** Each search's count now, asked again (after a pause) whenever the workspace changes. */
function useLiveCounts(searches: readonly SavedSearch[]): ReadonlyMap<SavedSearch, Count> {
  const [counts, setCounts] = useState<ReadonlyMap<SavedSearch, Count>>(new Map());
  const generation = useWorkspaceGeneration(true, SETTLE_MS);

  useEffect(() => {
    let live = true;
    void Promise.all(
      searches.map(async (search): Promise<[SavedSearch, Count]> => {
        try {
          const result = await api.search(search.query, {
            matchCase: search.matchCase ?? false,
            filters: [...(search.filters ?? [])],
            // A search checks documents until its page is full: a page of 100 makes a count that is
            // exact for most saved searches, and a lower bound ("100+") for the others.
            limit: 100,
            hitsPerDocument: 1,
          });
          return [
            search,
            result.ok ? { hits: result.value.counts.hits, exact: result.value.counts.exact } : { problem: result.error.message },
          ];
        } catch (error) {
          return [search, { problem: (error as Error).message }];
        }
      }),
    ).then((entries) => live && setCounts(new Map(entries)));
    return () => {
      live = false;
    };
  }, [searches, generation]);

  return counts;
}
