// The search half of the contract (issue 19): a query over the whole workspace, answered from its
// search index, and where that index is (checked, being built, ready). Its argument schemas live
// here too, beside the methods they check.
import { z } from 'zod';
import { AnnotationInput } from '../annotations/annotation-operations.ts';
import { DocumentId } from '../model/document.ts';
import type { Result } from '../result.ts';
import type { QueryError } from '../search/query.ts';
import { FACET_FIELDS } from '../search/saved-search.ts';
import type { Snippet } from '../search/snippet.ts';
import type { HitAnnotation } from '../search/hit-annotations.ts';
import type { SearchGroup, SearchHit, SearchOptions, SearchResults, SearchStatus } from '../search/search-types.ts';

export { FACET_FIELDS, type FacetField } from '../search/saved-search.ts';
export type { HitAnnotation } from '../search/hit-annotations.ts';

const Filters = z
  .array(z.strictObject({ field: z.enum(FACET_FIELDS), value: z.string().min(1).max(500) }))
  .max(50)
  .optional();

const SearchRequestSchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  sort: z.enum(['relevance', 'date']).optional(),
  matchCase: z.boolean().optional(),
  facets: z.boolean().optional(),
  hitsPerDocument: z.number().int().min(1).max(10_000).optional(),
  /** Facet values chosen to narrow the results: every one must hold. */
  filters: Filters,
});
/** What a search asks for beside its query: paging, sort, case, facets and the facet values chosen. */
export type SearchRequest = z.infer<typeof SearchRequestSchema> & SearchOptions;

/** What to tag every chosen occurrence with: tags (at least one), and a status and speaker if given. */
const OccurrenceFields = AnnotationInput.pick({ tags: true, status: true, speaker: true }).extend({
  tags: AnnotationInput.shape.tags.min(1),
});
export type OccurrenceFields = z.infer<typeof OccurrenceFields>;

const OccurrenceSpan = z.strictObject({ documentId: DocumentId, start: z.number().int().nonnegative(), end: z.number().int().positive() });
export type OccurrenceSpan = z.infer<typeof OccurrenceSpan>;

/** A place in a document's text where the query's words are, and whether an annotation already holds it. */
export interface Occurrence extends OccurrenceSpan {
  readonly title: string;
  readonly snippet: Snippet;
  readonly annotated: boolean;
}

/** A hit as the service answers it: a hit on the text names the annotations it lies in or overlaps (none: absent). */
export interface AnswerHit extends SearchHit {
  readonly inAnnotations?: readonly HitAnnotation[];
}

export interface AnswerGroup extends SearchGroup {
  readonly hits: readonly AnswerHit[];
}

/** An answer: the results, and the index's status when it was asked (results may lag while it is not ready). */
export interface SearchAnswer extends SearchResults {
  readonly groups: readonly AnswerGroup[];
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
  /**
   * Every place in the documents' text where the query finds words (not annotations or claims it
   * matched), in order, each with whether an annotation already holds it: what "tag every
   * occurrence" offers. `truncated` when there were more than it lists.
   */
  findOccurrences(
    query: string,
    options?: Pick<SearchRequest, 'matchCase' | 'filters'>,
  ): Promise<{ ok: true; value: { occurrences: Occurrence[]; truncated: boolean } } | { ok: false; error: QueryError }>;
  /**
   * Makes an annotation of each span (spans given twice count once), with the same tags, status
   * and speaker, in one step that one undo takes back. All or nothing.
   */
  tagOccurrences(
    spans: OccurrenceSpan[],
    fields: OccurrenceFields,
  ): Promise<Result<{ annotations: number; documents: number }, 'not-found' | 'invalid' | 'write-failed'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const searchMethods = {
  search: true,
  getSearchStatus: true,
  findOccurrences: true,
  tagOccurrences: true,
} as const satisfies Record<keyof SearchApi, true>;

/** This half's argument schemas (workbench-args.ts takes them in). */
export const searchArgs = {
  search: z.union([z.tuple([z.string().max(10_000)]), z.tuple([z.string().max(10_000), SearchRequestSchema])]),
  getSearchStatus: z.tuple([]),
  findOccurrences: z.union([
    z.tuple([z.string().max(10_000)]),
    z.tuple([z.string().max(10_000), z.strictObject({ matchCase: z.boolean().optional(), filters: Filters })]),
  ]),
  tagOccurrences: z.tuple([z.array(OccurrenceSpan).min(1).max(100_000), OccurrenceFields]),
};
