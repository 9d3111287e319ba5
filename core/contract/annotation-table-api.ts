// The annotations-table half of the contract (issue 19): every annotation of the workspace as one
// table, asked for a page at a time (sorted and filtered by the service, which may hold 100,000
// annotations), the references of its rows (to select them all, or a range, for a bulk change),
// its rows as CSV, the values its filters offer, and the tag-by-document matrix that opens it.
// Its argument schemas live here too, beside the methods they check.
import { z } from 'zod';
import { TableRequest, type AnnotationTableRow } from '../annotations/annotation-table.ts';
import type { TagMatrix } from '../annotations/tag-matrix.ts';
import type { AnnotationRef } from '../model/evidence.ts';
import type { QueryError } from '../search/query.ts';
import type { SearchStatus } from '../search/search-types.ts';

export type { AnnotationTableRow, TableColumn, TableFilters, TableRequest } from '../annotations/annotation-table.ts';
export type { TagMatrix } from '../annotations/tag-matrix.ts';

/** The most rows of one page. */
export const TABLE_PAGE_MAX = 1000;
/** The most references one call returns (the most `updateAnnotations` takes). */
export const TABLE_REFS_MAX = 200_000;

const Range = (max: number) => z.strictObject({ offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(max) });

/** An answer: a query that cannot be read is an error value with where, as in `search`. */
export type TableResult<T> = { ok: true; value: T } | { ok: false; error: QueryError };

export interface AnnotationTablePage {
  /** Rows that pass the query and filters. */
  readonly total: number;
  /** Every annotation of the workspace. */
  readonly all: number;
  readonly offset: number;
  readonly rows: readonly AnnotationTableRow[];
  /** The search index's status when a query was answered (it may lag while it is not ready); absent without a query. */
  readonly status?: SearchStatus;
}

/** Values the table's filters offer that the window does not otherwise know, each with its count of annotations. */
export interface AnnotationTableChoices {
  /** Outlets as the table shows them (the annotation's, else its document's); '' for none. */
  readonly outlets: readonly { readonly value: string; readonly count: number }[];
  readonly creators: readonly { readonly value: string; readonly count: number }[];
}

export interface AnnotationTableApi {
  /** One page of the table: rows `[offset, offset + limit)` of those the request lets through, in its order. */
  queryAnnotationTable(request: TableRequest, page: { offset: number; limit: number }): Promise<TableResult<AnnotationTablePage>>;
  /** The annotations of rows `[offset, offset + limit)` (all of them without a range), in the table's order. */
  annotationTableRefs(request: TableRequest, range?: { offset: number; limit: number }): Promise<TableResult<{ refs: AnnotationRef[] }>>;
  /** The rows the request lets through, in its order, as CSV (see core/interchange/annotation-table-csv.ts). */
  exportAnnotationTable(request: TableRequest): Promise<TableResult<{ fileName: string; mimeType: string; text: string; rows: number }>>;
  getAnnotationTableChoices(): Promise<AnnotationTableChoices>;
  /** Annotations per tag per document (a tag counting those below it). */
  getTagMatrix(): Promise<TagMatrix>;
}

/** This half's method list (the compiler checks it against the interface). */
export const annotationTableMethods = {
  queryAnnotationTable: true,
  annotationTableRefs: true,
  exportAnnotationTable: true,
  getAnnotationTableChoices: true,
  getTagMatrix: true,
} as const satisfies Record<keyof AnnotationTableApi, true>;

/** This half's argument schemas (workbench-args.ts takes them in). */
export const annotationTableArgs = {
  queryAnnotationTable: z.tuple([TableRequest, Range(TABLE_PAGE_MAX)]),
  annotationTableRefs: z.union([z.tuple([TableRequest]), z.tuple([TableRequest, Range(TABLE_REFS_MAX)])]),
  exportAnnotationTable: z.tuple([TableRequest]),
  getAnnotationTableChoices: z.tuple([]),
  getTagMatrix: z.tuple([]),
};
