// Every annotation of the workspace as one table (issue 19): quote, document, tags, status,
// speaker, outlet, creator, claim and verdict, dates. The service filters and sorts, and sends
// the rows in view a page at a time (rows have one height, so 100,000 of them scroll as one list).
// The grid is one tab stop: ↑ ↓ PageUp PageDown Home End move, Shift with them selects a range,
// Space adds or removes a row, Ctrl/Cmd+A selects every row shown, Esc selects none, Enter opens
// the row's annotation in the reader (Shift+Enter beside it). A click selects; Ctrl/Cmd+click and
// Shift+click as usual; a click on the quote (or a double click) opens it.
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import type { AnnotationTableRow, TableColumn } from '../../../core/contract/annotation-table-api.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { refKey, type AnnotationRef, type Claim } from '../../../core/model/evidence.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { applyBulkEdit } from '../annotations/apply-bulk-edit.ts';
import { BulkEditBar } from '../annotations/BulkEditBar.tsx';
import { downloadText } from '../bundles/download.ts';
import { countOf, formatDate } from '../ui/format.ts';
import { NO_SELECTION, rangeTo, selectEvery, selectOnly, selectRange, toggleRow } from './table-selection.ts';
import { TableFilterBar } from './TableFilterBar.tsx';
import type { AnnotationTableState } from './use-annotation-table.ts';

interface AnnotationTableProps {
  readonly table: AnnotationTableState;
  readonly workspace: WorkspaceInfo;
  readonly documents: readonly DocumentSummary[];
  readonly claims: readonly Claim[];
  /** Opens an annotation in the reader (`beside`: in the pane beside). */
  readonly onOpen: (ref: AnnotationRef, beside: boolean) => void;
  /** Shows a problem in the window's notice. */
  readonly report: (message: string) => void;
  /** Says what was done (a bulk change, an export) in the status bar. */
  readonly say: (message: string) => void;
}

/** One line per row: every row has this height, so the rows in view follow from the scroll position. */
const ROW = 30;
/** Rows rendered above and below those in view. */
const OVERSCAN = 15;

const COLUMNS: readonly { readonly id: TableColumn; readonly label: string; readonly width: number }[] = [
  { id: 'quote', label: 'Quote', width: 320 },
  { id: 'document', label: 'Document', width: 200 },
  { id: 'tags', label: 'Tags', width: 160 },
  { id: 'status', label: 'Status', width: 110 },
  { id: 'speaker', label: 'Speaker', width: 150 },
  { id: 'outlet', label: 'Outlet', width: 140 },
  { id: 'creator', label: 'Creator', width: 100 },
  { id: 'claim', label: 'Claim', width: 200 },
  { id: 'verdict', label: 'Verdict', width: 100 },
  { id: 'published', label: 'Published', width: 110 },
  { id: 'created', label: 'Created', width: 110 },
  { id: 'modified', label: 'Modified', width: 110 },
];
const TEMPLATE = `32px ${COLUMNS.map((column) => `${column.width}px`).join(' ')}`;

export function AnnotationTable({ table, workspace, documents, claims, onOpen, report, say }: AnnotationTableProps) {
  const { params, total, all, rowAt, selection, setSelection, cursor, setCursor, setWanted } = table;
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const count = total ?? 0;
  const first = Math.max(0, Math.floor(view.top / ROW) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const rowId = (index: number) => `${id}-row-${index}`;
  const tagNames = new Map(workspace.codebook.tags.map((tag) => [tag.id, tag]));
  const statuses = new Map(workspace.settings.statuses.map((status) => [status.id, status]));

  useEffect(() => {
    setWanted([first, last]);
  }, [first, last, setWanted]);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setView((current) => ({ ...current, height: element.clientHeight })));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Another request starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [table.request]);

  /** Scrolls row `index` into view (below the sticky header). */
  const reveal = useCallback((index: number) => {
    const element = scroller.current;
    if (!element) return;
    const top = index * ROW;
    const head = element.querySelector<HTMLElement>('.table-head')?.offsetHeight ?? ROW;
    if (top < element.scrollTop) element.scrollTo({ top });
    else if (top + ROW + head > element.scrollTop + element.clientHeight)
      element.scrollTo({ top: top + ROW + head - element.clientHeight });
  }, []);

  const refAt = async (index: number): Promise<AnnotationRef | undefined> => {
    const row = rowAt(index);
    return row ? { documentId: row.documentId, annotationId: row.annotationId } : (await table.refsBetween(index, index))[0];
  };
  /** Moves the cursor to `index`; `extend`: the rows from the anchor there are selected, else that row alone. */
  const moveTo = async (index: number, extend: boolean) => {
    if (count === 0) return;
    const to = Math.max(0, Math.min(count - 1, index));
    setCursor(to);
    reveal(to);
    if (extend) {
      const [from, until] = rangeTo(selection, cursor, to);
      setSelection(selectRange({ ...selection, anchor: selection.anchor ?? cursor }, await table.refsBetween(from, until)));
    } else {
      const ref = await refAt(to);
      if (ref) setSelection(selectOnly(to, ref));
    }
  };
  const selectAll = async () => setSelection(selectEvery(await table.allRefs()));
  const open = async (index: number, beside: boolean) => {
    const ref = await refAt(index);
    if (ref) onOpen(ref, beside);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(view.height / ROW) - 1);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page }[event.key];
    const edge = { Home: -Infinity, End: Infinity }[event.key];
    const mod = event.ctrlKey || event.metaKey;
    if (step !== undefined || edge !== undefined) {
      event.preventDefault();
      void moveTo(edge !== undefined ? (edge < 0 ? 0 : count - 1) : cursor + step!, event.shiftKey);
    } else if (event.key === ' ') {
      event.preventDefault();
      void refAt(cursor).then((ref) => ref && setSelection(toggleRow(selection, cursor, ref)));
    } else if (event.key === 'a' && mod) {
      event.preventDefault();
      void selectAll();
    } else if (event.key === 'Escape' && selection.picked.size > 0) {
      event.preventDefault();
      setSelection(NO_SELECTION);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void open(cursor, event.shiftKey);
    }
  };

  const onRowClick = (event: MouseEvent, index: number, row: AnnotationTableRow) => {
    const ref = { documentId: row.documentId, annotationId: row.annotationId };
    grid.current?.focus();
    if (event.shiftKey) return void moveTo(index, true);
    setCursor(index);
    setSelection(event.ctrlKey || event.metaKey ? toggleRow(selection, index, ref) : selectOnly(index, ref));
  };

  const exportCsv = async () => {
    const result = await api.exportAnnotationTable(table.request);
    if (!result.ok) return report(result.error.message);
    downloadText(result.value.fileName, result.value.mimeType, result.value.text);
    say(`Exported ${countOf(result.value.rows, 'annotation')} to ${result.value.fileName}.`);
  };

  const picked = [...selection.picked.values()];
  // The selected rows whose tags are known here (sent with a page): what the bar offers to take away.
  const known = picked.flatMap((ref) => table.rowOf(refKey(ref)) ?? []);
  const bulkEdit = async (patch: BulkAnnotationPatch): Promise<string | undefined> => {
    // Rows loaded here are edited from the version shown; a selection beyond the loaded pages has none to give.
    const refs = picked.map((ref) => {
      const row = table.rowOf(refKey(ref));
      return row === undefined ? ref : { ...ref, baseVersion: row.version };
    });
    const done = await applyBulkEdit(refs, patch, workspace);
    if ('problem' in done) return done.problem;
    say(done.said);
    return undefined;
  };

  const status = table.status;
  const error = typeof table.error === 'string' ? table.error : undefined;
  return (
    <main className="pane table-view" aria-label="All annotations" data-pane="table">
      <TableFilterBar table={table} workspace={workspace} documents={documents} claims={claims} onExport={() => void exportCsv()} />
      <div className="table-feedback" role="status" data-testid="table-counts">
        {error
          ? `The table could not be read: ${error}`
          : total === undefined
            ? 'Loading…'
            : `${total === all ? countOf(total, 'annotation') : `${total} of ${countOf(all ?? 0, 'annotation')}`}${table.pending ? ' (updating…)' : ''}`}
        {status && status.state !== 'ready' && ' · the search index is being built: the query may miss recent changes'}
      </div>
      {picked.length > 0 && (
        <BulkEditBar
          selected={known}
          count={picked.length}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onApply={bulkEdit}
          onClear={() => setSelection(NO_SELECTION)}
        />
      )}
      <div
        className="table-scroll"
        ref={scroller}
        onScroll={(event) => setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
      >
        <div
          ref={grid}
          role="grid"
          tabIndex={0}
          aria-label="Annotations"
          aria-rowcount={count + 1}
          aria-multiselectable="true"
          aria-activedescendant={count > 0 && cursor >= first && cursor < last ? rowId(cursor) : undefined}
          className="table-grid"
          style={{ '--table-columns': TEMPLATE } as CSSProperties}
          onKeyDown={onKeyDown}
        >
          <div role="row" aria-rowindex={1} className="table-head">
            <div role="columnheader" className="table-check" aria-label="Selected" />
            {COLUMNS.map((column) => (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={params.sort === column.id ? (params.descending ? 'descending' : 'ascending') : undefined}
              >
                <button type="button" onClick={() => table.setSort(column.id)} title={`Sort by ${column.label.toLowerCase()}`}>
                  {column.label}
                  {params.sort === column.id && <span aria-hidden="true">{params.descending ? ' ▼' : ' ▲'}</span>}
                </button>
              </div>
            ))}
          </div>
          <div role="rowgroup" className="table-body" style={{ height: count * ROW }}>
            {Array.from({ length: last - first }, (_unused, offset) => {
              const index = first + offset;
              const row = rowAt(index);
              const style = { top: index * ROW, height: ROW };
              if (row === undefined)
                return (
                  <div key={`loading-${index}`} role="row" aria-rowindex={index + 2} className="table-row table-loading" style={style}>
                    <div role="gridcell" className="table-check" />
                    <div role="gridcell">…</div>
                  </div>
                );
              const selected = selection.picked.has(refKey(row));
              const tags = row.tags.map((tag) => tagNames.get(tag)?.name ?? tag).join(', ');
              const statusEntry = statuses.get(row.status);
              const verdicts = row.claims.flatMap((claim) => (claim.verdict ? [claim.verdict] : []));
              return (
                <div
                  key={refKey(row)}
                  id={rowId(index)}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={selected}
                  className={index === cursor ? 'table-row table-cursor' : 'table-row'}
                  style={style}
                  data-testid="table-row"
                  onMouseDown={(event) => event.shiftKey && event.preventDefault()}
                  onClick={(event) => onRowClick(event, index, row)}
                  onDoubleClick={(event) => onOpen(row, event.shiftKey)}
                >
                  <div role="gridcell" className="table-check">
                    {/* The row says it is selected (aria-selected); the mark is for the eye. */}
                    <span aria-hidden="true">{selected ? '✓' : ''}</span>
                  </div>
                  <div role="gridcell" className="table-quote">
                    <button
                      type="button"
                      tabIndex={-1}
                      title={`Open in the reader${row.orphaned ? ' (no longer found in the text)' : ''}: ${row.quote}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        setCursor(index);
                        onOpen(row, event.shiftKey);
                      }}
                    >
                      {row.orphaned && <span className="table-orphan">Not found · </span>}
                      {row.quote}
                    </button>
                  </div>
                  <div role="gridcell" title={row.documentTitle}>
                    {row.documentTitle}
                  </div>
                  <div role="gridcell" title={tags}>
                    {tags}
                  </div>
                  <div role="gridcell">
                    {statusEntry && <span className="table-dot" style={{ background: statusEntry.color }} />}
                    {statusEntry?.label ?? row.status}
                  </div>
                  <div role="gridcell" title={row.speaker !== row.speakerName ? `Recorded as “${row.speaker}”` : undefined}>
                    {row.speakerName}
                  </div>
                  <div role="gridcell" title={row.outlet}>
                    {row.outlet}
                  </div>
                  <div role="gridcell">{row.creator}</div>
                  <div role="gridcell" title={row.claims.map((claim) => claim.statement).join('\n')}>
                    {row.claims[0]?.statement ?? ''}
                    {row.claims.length > 1 ? ` (+${row.claims.length - 1})` : ''}
                  </div>
                  <div role="gridcell">
                    {verdicts[0] && verdicts[0].color && <span className="table-dot" style={{ background: verdicts[0].color }} />}
                    {verdicts.map((verdict) => verdict.label).join(', ')}
                  </div>
                  <div role="gridcell">{formatDate(row.publishedAt)}</div>
                  <div role="gridcell" title={row.created}>
                    {formatDate(row.created)}
                  </div>
                  <div role="gridcell" title={row.modified}>
                    {formatDate(row.modified)}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
        {total === 0 && <p className="pane-empty">{all === 0 ? 'No annotations in this workspace yet.' : 'No annotation matches.'}</p>}
      </div>
    </main>
  );
}
