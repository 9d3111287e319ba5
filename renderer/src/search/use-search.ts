// The search view's state: what is asked (query, case, sort, facet values chosen) and the latest
// answer. Results come as the analyst types (debounced; an answer to an older request is dropped),
// and are asked again when the workspace changes or the index becomes ready, so they stay right
// while documents change. Lives in the window (App), so leaving the view and coming back keeps it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FacetField, SearchAnswer, SearchRequest } from '../../../core/contract/search-api.ts';

export type { FacetField };
import type { QueryError } from '../../../core/search/query.ts';
import type { SavedSearch } from '../../../core/search/saved-search.ts';
import type { SearchStatus } from '../../../core/search/search-types.ts';
import { api } from '../api/client.ts';
import { useWorkspaceGeneration } from '../api/use-workspace-generation.ts';

export interface SearchFilter {
  readonly field: FacetField;
  readonly value: string;
}

export interface SearchParams {
  readonly query: string;
  readonly matchCase: boolean;
  readonly sort: 'relevance' | 'date';
  readonly filters: readonly SearchFilter[];
}

export type SearchOutcome =
  | { readonly state: 'empty' }
  | { readonly state: 'answered'; readonly answer: SearchAnswer }
  | { readonly state: 'invalid'; readonly error: QueryError }
  | { readonly state: 'failed'; readonly message: string };

/** Time after the last key press before the query is sent. */
const DEBOUNCE_MS = 150;
/** Documents per page of results ("Show more results" asks for a page more), and hits listed per document. */
const DOCUMENTS = 100;
const HITS_PER_DOCUMENT = 20;
/** The most documents one call gives (the contract's limit): more are asked a page after another. */
const DOCUMENTS_PER_CALL = 1000;

export type SearchState = ReturnType<typeof useSearch>;

/** `active`: the view is shown (a hidden view asks nothing, and catches up when shown). */
export function useSearch(active: boolean) {
  const [params, setParams] = useState<SearchParams>({ query: '', matchCase: false, sort: 'relevance', filters: [] });
  /** The latest answer, the request (params, generation, documents) it answers, and how many documents it asked for. */
  const [answered, setAnswered] = useState<{ readonly request: string; readonly outcome: SearchOutcome; readonly documents: number }>();
  /** Documents to show for these params: a page, and a page more for each "Show more results" (new params: a page). */
  const [wanted, setWanted] = useState<{ readonly params: SearchParams; readonly documents: number }>();
  const documents = wanted?.params === params ? wanted.documents : DOCUMENTS;
  const [status, setStatus] = useState<SearchStatus>();
  // Bumped when the workspace changes while the view is shown: the same query is asked again (its
  // own debounce gathers a burst). Hidden, nothing happens: showing the view asks anyway.
  const generation = useWorkspaceGeneration(active, 0);
  const latest = useRef<string>(undefined);
  const empty = params.query.trim() === '';
  const request = JSON.stringify([params, generation, documents]);

  useEffect(() => {
    latest.current = request;
    if (!active || empty) return;
    const timer = window.setTimeout(() => {
      const { query, matchCase, sort, filters } = params;
      const answer = (outcome: SearchOutcome) => {
        // An answer to an older request (the query or the workspace changed since) is dropped.
        if (latest.current === request) setAnswered({ request, outcome, documents });
      };
      searchFirst(query, { matchCase, sort, filters: [...filters], hitsPerDocument: HITS_PER_DOCUMENT }, documents).then(
        (result) => answer(result.ok ? { state: 'answered', answer: result.value } : { state: 'invalid', error: result.error }),
        (error: unknown) => answer({ state: 'failed', message: (error as Error).message }),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [active, empty, params, request, documents]);

  // What is shown: the latest answer (kept while a newer request is on its way), none for no query.
  const outcome: SearchOutcome = empty ? { state: 'empty' } : (answered?.outcome ?? { state: 'empty' });
  const pending = !empty && answered?.request !== request;
  // More to show: the answer filled the documents it asked for, and counts more.
  const shown = outcome.state === 'answered' ? outcome.answer.groups.length : 0;
  const more = outcome.state === 'answered' && shown >= (answered?.documents ?? 0) && shown < outcome.answer.counts.documents;
  /** Asks for a page more of documents (the answer so far stays shown until it comes). */
  const showMore = useCallback(() => setWanted({ params, documents: shown + DOCUMENTS }), [params, shown]);

  useEffect(() => {
    let disposed = false;
    void api.getSearchStatus().then((next) => !disposed && setStatus(next));
    const subscription = api.onDidChangeSearchStatus(setStatus);
    return () => {
      disposed = true;
      subscription.dispose();
    };
  }, []);

  const setQuery = useCallback((query: string) => setParams((current) => ({ ...current, query })), []);
  const setMatchCase = useCallback((matchCase: boolean) => setParams((current) => ({ ...current, matchCase })), []);
  const setSort = useCallback((sort: SearchParams['sort']) => setParams((current) => ({ ...current, sort })), []);
  const toggleFilter = useCallback(
    (filter: SearchFilter) =>
      setParams((current) => {
        const chosen = current.filters.some((candidate) => candidate.field === filter.field && candidate.value === filter.value);
        return {
          ...current,
          filters: chosen
            ? current.filters.filter((candidate) => !(candidate.field === filter.field && candidate.value === filter.value))
            : [...current.filters, filter],
        };
      }),
    [],
  );
  const clearFilters = useCallback(() => setParams((current) => ({ ...current, filters: [] })), []);
  /** Runs a saved search: its query, case and facet values (the sort stays). */
  const load = useCallback(
    (saved: SavedSearch) =>
      setParams((current) => ({ ...current, query: saved.query, matchCase: saved.matchCase ?? false, filters: saved.filters ?? [] })),
    [],
  );

  return { params, outcome, pending, status, more, showMore, setQuery, setMatchCase, setSort, toggleFilter, clearFilters, load };
}

/**
 * The first `documents` documents' results (with facets) as one answer, asked a call's limit at a
 * time: each call after the first takes the documents after those already given.
 */
async function searchFirst(query: string, options: SearchRequest, documents: number): ReturnType<typeof api.search> {
  const first = await api.search(query, { ...options, facets: true, limit: Math.min(documents, DOCUMENTS_PER_CALL) });
  if (!first.ok) return first;
  const groups = [...first.value.groups];
  while (groups.length < documents && groups.length < first.value.counts.documents) {
    const next = await api.search(query, {
      ...options,
      offset: groups.length,
      limit: Math.min(documents - groups.length, DOCUMENTS_PER_CALL),
    });
    if (!next.ok || next.value.groups.length === 0) break;
    groups.push(...next.value.groups);
  }
  return { ok: true, value: { ...first.value, groups } };
}
