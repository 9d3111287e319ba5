// The search half of the workbench service: parses the query (a bad one is an error value with its
// position), narrows it by the facet values chosen, and asks the workspace's search index
// (main/search/workspace-search.ts), which follows every change of the store.
import type { SearchApi } from '../../core/contract/search-api.ts';
import type { Emitter } from '../../core/events.ts';
import { narrowQuery } from '../../core/search/query-ast.ts';
import { parseQuery } from '../../core/search/query.ts';
import type { SearchStatus } from '../../core/search/search-types.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { WorkspaceSearch } from '../search/workspace-search.ts';

export interface SearchMethods extends SearchApi {
  /** Resolves once the index is ready (checked or rebuilt): what a one-off search (the CLI) waits for. */
  searchReady(): Promise<void>;
  disposeSearch(): Promise<void>;
}

/**
 * @param indexOnOpen open and check the index now (the desktop app, the web host); otherwise at
 * the first search.
 */
export function searchMethods(
  store: WorkspaceStore,
  statusChanged: Emitter<SearchStatus>,
  { indexOnOpen }: { readonly indexOnOpen: boolean },
): SearchMethods {
  const search = new WorkspaceSearch(store, (status) => statusChanged.fire(status));
  if (indexOnOpen) void search.start().catch(() => undefined);
  return {
    async search(text, options = {}) {
      const parsed = parseQuery(text);
      if (!parsed.ok) return parsed;
      const { filters = [], ...rest } = options;
      const query = narrowQuery(parsed.value, filters, text.length);
      if (query.groups.length === 0)
        return { ok: true, value: { counts: { documents: 0, hits: 0, exact: true }, groups: [], status: search.status } };
      const results = await search.search(query, rest);
      return { ok: true, value: { ...results, status: search.status } };
    },
    async getSearchStatus() {
      await search.start().catch(() => undefined);
      return search.status;
    },
    searchReady: () => search.whenReady(),
    disposeSearch: () => search.dispose(),
  };
}
