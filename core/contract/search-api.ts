// The search half of the contract (issue 19): a query over the whole workspace, answered from its
// search index, and where that index is (checked, being built, ready). Its argument schemas live
// here too, beside the methods they check.
import { z } from 'zod';
import type { ValueField } from '../search/query-ast.ts';
import type { QueryError } from '../search/query.ts';
import type { SearchOptions, SearchResults, SearchStatus } from '../search/search-types.ts';

/** The facets a view may narrow by: each adds `field:"value"` to the query. */
export const FACET_FIELDS = ['tag', 'status', 'outlet', 'role', 'speaker'] as const satisfies readonly ValueField[];
export type FacetField = (typeof FACET_FIELDS)[number];

const SearchRequestSchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  sort: z.enum(['relevance', 'date']).optional(),
  matchCase: z.boolean().optional(),
  facets: z.boolean().optional(),
  hitsPerDocument: z.number().int().min(1).max(10_000).optional(),
  /** Facet values chosen to narrow the results: every one must hold. */
  filters: z
    .array(z.strictObject({ field: z.enum(FACET_FIELDS), value: z.string().min(1).max(500) }))
    .max(50)
    .optional(),
});
/** What a search asks for beside its query: paging, sort, case, facets and the facet values chosen. */
export type SearchRequest = z.infer<typeof SearchRequestSchema> & SearchOptions;

/** An answer: the results, and the index's status when it was asked (results may lag while it is not ready). */
export interface SearchAnswer extends SearchResults {
  readonly status: SearchStatus;
}

export interface SearchApi {
  /**
   * Searches the workspace (the query language is in the README: words, "phrases", prefix*,
   * -excluded, OR, fields). A query that cannot be read is an error value with the `offset` in
   * the query where it went wrong, never an exception. An empty query finds nothing.
   */
  search(query: string, options?: SearchRequest): Promise<{ ok: true; value: SearchAnswer } | { ok: false; error: QueryError }>;
  /** Where the search index is: checking, building (with progress), ready or failed. */
  getSearchStatus(): Promise<SearchStatus>;
}

/** This half's method list (the compiler checks it against the interface). */
export const searchMethods = {
  search: true,
  getSearchStatus: true,
} as const satisfies Record<keyof SearchApi, true>;

/** This half's argument schemas (workbench-args.ts takes them in). */
export const searchArgs = {
  search: z.union([z.tuple([z.string().max(10_000)]), z.tuple([z.string().max(10_000), SearchRequestSchema])]),
  getSearchStatus: z.tuple([]),
};
