// The annotations table's state: what is asked (query, filters, sort), the pages of rows the
// service has sent (a page at a time, for the rows in view), and the selection. Asked again when
// the workspace changes, while the table is shown. Lives in the window (App), so leaving the table
// and coming back keeps it, and the codebook or the tag matrix can open it filtered.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationTableRow, TableColumn, TableFilters, TableRequest } from '../../../core/contract/annotation-table-api.ts';
import type { AnnotationRef } from '../../../core/model/evidence.ts';
import type { QueryError } from '../../../core/search/query.ts';
import type { SearchStatus } from '../../../core/search/search-types.ts';
import { api } from '../api/client.ts';
import { useWorkspaceGeneration } from '../api/use-workspace-generation.ts';
import { NO_SELECTION, type TableSelection } from './table-selection.ts';

export interface TableParams {
  readonly query: string;
  readonly matchCase: boolean;
  readonly filters: TableFilters;
  readonly sort: TableColumn;
  readonly descending: boolean;
}

export const NO_FILTERS: TableFilters = {};
const START: TableParams = { query: '', matchCase: false, filters: NO_FILTERS, sort: 'document', descending: false };

/** Rows per page asked of the service. */
export const PAGE_ROWS = 100;
/** Time after the last key press in the query box before it is asked. */
const DEBOUNCE_MS = 200;
/** Changes of the workspace (a bulk edit announces each document) gathered before asking again. */
const SETTLE_MS = 100;

interface Answer {
  /** The request and workspace generation these pages answer. */
  readonly key: string;
  readonly total: number;
  readonly all: number;
  readonly status?: SearchStatus;
  readonly pages: ReadonlyMap<number, readonly AnnotationTableRow[]>;
}

export type AnnotationTableState = ReturnType<typeof useAnnotationTable>;

/** The request the service is sent for `params` (empty parts left out). */
export function requestOf(params: TableParams): TableRequest {
  const query = params.query.trim();
  const filters = Object.fromEntries(Object.entries(params.filters).filter(([, value]) => value !== undefined)) as TableFilters;
  return {
    ...(query === '' ? {} : { query, matchCase: params.matchCase }),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    sort: params.sort,
    descending: params.descending,
  };
}

/** `active`: the table is shown (a hidden table asks nothing, and catches up when shown). */
export function useAnnotationTable(active: boolean) {
  const [params, setParams] = useState<TableParams>(START);
  const [typedQuery, setTypedQuery] = useState(params.query);
  const [answer, setAnswer] = useState<Answer>();
  const [failure, setFailure] = useState<{ readonly requestKey: string; readonly error: QueryError | string }>();
  // While the table is shown, a change of the workspace asks again.
  const generation = useWorkspaceGeneration(active, SETTLE_MS);
  const [wanted, setWanted] = useState<readonly [number, number]>([0, PAGE_ROWS]);
  const request = useMemo(() => requestOf(params), [params]);
  const requestKey = JSON.stringify(request);
  const key = `${requestKey}|${generation}`;
  const latest = useRef(key);
  useEffect(() => {
    latest.current = key;
  }, [key]);
  const asked = useRef(new Set<string>());

  // The selection and the cursor belong to a request: another one starts with none, at the top.
  const [marks, setMarks] = useState<{ readonly requestKey: string; readonly selection: TableSelection; readonly cursor: number }>({
    requestKey,
    selection: NO_SELECTION,
    cursor: 0,
  });
  const ours = marks.requestKey === requestKey;
  const selection = ours ? marks.selection : NO_SELECTION;
  const cursor = ours ? marks.cursor : 0;
  const setSelection = useCallback(
    (next: TableSelection) =>
      setMarks((current) => ({ requestKey, selection: next, cursor: current.requestKey === requestKey ? current.cursor : 0 })),
    [requestKey],
  );
  const setCursor = useCallback(
    (next: number) =>
      setMarks((current) => ({
        requestKey,
        selection: current.requestKey === requestKey ? current.selection : NO_SELECTION,
        cursor: next,
      })),
    [requestKey],
  );

  // The query box is sent once the typing pauses.
  useEffect(() => {
    if (typedQuery === params.query) return;
    const timer = window.setTimeout(() => setParams((current) => ({ ...current, query: typedQuery })), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typedQuery, params.query]);

  // The pages that hold the rows in view, asked once each per request and workspace state.
  useEffect(() => {
    if (!active) return;
    const [first, last] = wanted;
    const pages = new Set<number>([0]);
    for (let page = Math.floor(first / PAGE_ROWS); page <= Math.floor(Math.max(first, last - 1) / PAGE_ROWS); page++) pages.add(page);
    for (const page of pages) {
      if (answer?.key === key && answer.pages.has(page)) continue;
      const id = `${key}#${page}`;
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      api.queryAnnotationTable(request, { offset: page * PAGE_ROWS, limit: PAGE_ROWS }).then(
        (result) => {
          asked.current.delete(id);
          if (latest.current !== key) return;
          if (!result.ok) return setFailure({ requestKey, error: result.error });
          setFailure(undefined);
          const { total, all, rows, status } = result.value;
          setAnswer((current) => ({
            key,
            total,
            all,
            ...(status === undefined ? {} : { status }),
            // Pages of an older answer are dropped once the first page of this one is in.
            pages: new Map([...(current?.key === key ? current.pages : []), [page, rows]]),
          }));
        },
        (thrown: unknown) => {
          asked.current.delete(id);
          if (latest.current === key) setFailure({ requestKey, error: (thrown as Error).message });
        },
      );
    }
  }, [active, key, requestKey, request, wanted, answer]);

  // The answer to this request (until the workspace's change is answered, the one before it).
  const current = answer?.key.startsWith(`${requestKey}|`) ? answer : undefined;
  /** The row at `index`, if its page has come. */
  const rowAt = useCallback(
    (index: number): AnnotationTableRow | undefined => current?.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    [current],
  );

  /** The rows sent so far, by `refKey`. */
  const byKey = useMemo(() => {
    const rows = new Map<string, AnnotationTableRow>();
    for (const page of current?.pages.values() ?? []) for (const row of page) rows.set(`${row.documentId} ${row.annotationId}`, row);
    return rows;
  }, [current]);
  const rowOf = useCallback((key: string) => byKey.get(key), [byKey]);

  /** The annotations of rows `[from, to]`: from the pages here when they are all in, else asked. */
  const refsBetween = useCallback(
    async (from: number, to: number): Promise<AnnotationRef[]> => {
      const local: AnnotationRef[] = [];
      for (let index = from; index <= to; index++) {
        const row = rowAt(index);
        if (row === undefined) break;
        local.push({ documentId: row.documentId, annotationId: row.annotationId });
      }
      if (local.length === to - from + 1) return local;
      const result = await api.annotationTableRefs(request, { offset: from, limit: to - from + 1 });
      return result.ok ? result.value.refs : [];
    },
    [rowAt, request],
  );

  const allRefs = useCallback(async (): Promise<AnnotationRef[]> => {
    const result = await api.annotationTableRefs(request);
    return result.ok ? result.value.refs : [];
  }, [request]);

  const setFilters = useCallback((filters: TableFilters) => setParams((current) => ({ ...current, filters })), []);
  const setFilter = useCallback(
    <K extends keyof TableFilters>(field: K, value: TableFilters[K] | undefined) =>
      setParams((current) => {
        const filters: Record<string, unknown> = { ...current.filters };
        if (value === undefined) delete filters[field];
        else filters[field] = value;
        return { ...current, filters: filters as TableFilters };
      }),
    [],
  );
  const setSort = useCallback(
    (sort: TableColumn) => setParams((current) => ({ ...current, sort, descending: current.sort === sort ? !current.descending : false })),
    [],
  );
  const setQuery = useCallback((query: string) => setTypedQuery(query), []);
  const setMatchCase = useCallback((matchCase: boolean) => setParams((current) => ({ ...current, matchCase })), []);
  /** Opens the table with these filters only (the codebook's counts, the tag matrix). */
  const show = useCallback((filters: TableFilters) => {
    setTypedQuery('');
    setParams((current) => ({ ...current, query: '', filters }));
  }, []);

  return {
    params: { ...params, query: typedQuery },
    request,
    total: current?.total,
    all: answer?.all,
    status: current?.status,
    pending: answer?.key !== key,
    error: failure?.requestKey === requestKey ? failure.error : undefined,
    rowAt,
    rowOf,
    setWanted,
    selection,
    setSelection,
    cursor,
    setCursor,
    refsBetween,
    allRefs,
    setFilters,
    setFilter,
    setSort,
    setQuery,
    setMatchCase,
    show,
  };
}
