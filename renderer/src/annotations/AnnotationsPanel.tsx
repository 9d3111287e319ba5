// The annotations panel: the open document's annotations in text order, each with its tags,
// speaker, and the claim it belongs to; choosing one reveals it. The list is one tab stop (a roving
// tabindex): j/k or the arrow keys move through it, Home/End go to the ends. Several rows can be
// selected (Ctrl/Cmd+click, Shift+click or Shift+↓/↑, x, Ctrl/Cmd+A; Esc ends it: row-selection.ts),
// by id, since only the rows in view exist; then a bar below the list changes them all at once.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import { speakerResolver } from '../../../core/codebook/speakers.ts';
import { textOrdered } from '../../../core/annotations/layout.ts';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { commandOfKey } from '../commands/command-registry.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import { filterAnnotations, NO_FILTER, type AnnotationFilter } from './annotation-filter.ts';
import { AnnotationRow } from './AnnotationRow.tsx';
import { BulkEditBar } from './BulkEditBar.tsx';
import { extendTo, moveKeeping, selectAll, selectedIds, SINGLE, toggleRow, type RowSelection } from './row-selection.ts';
import { useRowHeights } from './use-row-heights.ts';

interface AnnotationsPanelProps {
  readonly annotations: readonly Annotation[] | undefined;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  /** The claims each annotation belongs to (by annotation id). */
  readonly claims: ReadonlyMap<string, readonly ClaimMembership[]>;
  /** The annotation at the cursor (chosen, shown in the reader). */
  readonly selectedId: string | undefined;
  readonly onChoose: (id: string) => void;
  /** The rows selected (use-row-selection.ts). */
  readonly selection: RowSelection;
  readonly onSelection: (next: RowSelection) => void;
  /** Changes the annotations `ids` at once: the problem, or undefined once done. */
  readonly onBulkEdit: (ids: readonly string[], patch: BulkAnnotationPatch) => Promise<string | undefined>;
  readonly onDelete: (id: string) => void;
  readonly onEdit: (id: string) => void;
  /** "Claim…": add the annotation to a (new or existing) claim. */
  readonly onClaim?: (id: string) => void;
  readonly onOpenCodebook: () => void;
  /** Shown first inside the panel (the side panel's tabs). */
  readonly header?: ReactNode;
  /** The ids the filter lets through, or undefined when nothing is filtered (the reader fades the rest). */
  readonly onFiltered?: (shown: ReadonlySet<string> | undefined) => void;
}

/** A row's height before it is measured: two lines of quote, one of tags, one of speaker. */
const ESTIMATED_ROW = 84;
const ALL_STATUSES = [{ id: '', label: 'All statuses' }];
const NONE: readonly ClaimMembership[] = [];
const next = (index: number, last: number) => Math.min(last, index + 1);
const previous = (index: number) => Math.max(0, index - 1);
/**
 * Keys that move through the rows: j and k (the command registry's, 'panel.next' and
 * 'panel.previous'), arrows, Home, End; and the registry's that select as they move (Shift) or
 * keep the selection (Ctrl/Cmd).
 */
const MOVES: Record<string, (index: number, last: number) => number> = {
  'panel.next': next,
  ArrowDown: next,
  'panel.extendNext': next,
  'panel.moveNext': next,
  'panel.previous': previous,
  ArrowUp: previous,
  'panel.extendPrevious': previous,
  'panel.movePrevious': previous,
  Home: () => 0,
  End: (_index, last) => last,
};

/** Renders again only when its props change: give it the annotations a frame late (see SidePanel). */
export const AnnotationsPanel = memo(function AnnotationsPanel({
  annotations,
  codebook,
  statuses,
  claims,
  selectedId,
  onChoose,
  selection,
  onSelection,
  onBulkEdit,
  onDelete,
  onEdit,
  onClaim,
  onOpenCodebook,
  header,
  onFiltered,
}: AnnotationsPanelProps) {
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const tags = useMemo(() => new Map(codebook.tags.map((tag) => [tag.id, tag])), [codebook]);
  const ordered = useMemo(() => {
    const speakerOf = speakerResolver(codebook);
    const spellingsOf = (speaker: string) => (speaker === '' ? [] : [speaker, ...speakerOf(speaker).aliases, speakerOf(speaker).name]);
    return filterAnnotations(
      textOrdered(annotations ?? []),
      filter,
      new Map(codebook.tags.map((tag) => [tag.id, tag.parentId])),
      spellingsOf,
    );
  }, [annotations, filter, codebook]);
  const ids = useMemo(() => ordered.map((annotation) => annotation.id), [ordered]);
  const filtered = filter.tag !== '' || filter.status !== '' || filter.query !== '';
  useEffect(() => onFiltered?.(filtered ? new Set(ids) : undefined), [filtered, ids, onFiltered]);
  // The reader shows every highlight again when the panel goes (another tab, another document).
  useEffect(() => () => onFiltered?.(undefined), [onFiltered]);
  const statusById = useMemo(() => new Map(statuses.map((status) => [status.id, status])), [statuses]);
  const list = useRef<HTMLDivElement>(null);

  // The window of rows to render, from the list's scroll position and height.
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(800);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const rows = useRowHeights(ids, ESTIMATED_ROW, scrollTop, viewHeight);

  const selectedIndex = selectedId === undefined ? -1 : ids.indexOf(selectedId);
  // The rows selected, of those the filter shows: the cursor's alone, or those picked.
  const chosen = useMemo(() => selectedIds(selection, selectedId, ids), [selection, selectedId, ids]);
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const several = chosen.length > 1;
  const picking = selection.picked !== undefined;
  // The one tab stop: the selected row, or the first row rendered.
  const tabStopIndex = selectedIndex >= rows.first && selectedIndex < rows.last ? selectedIndex : rows.first;

  // Keep the selected annotation in view when the reader's cursor (or a key here) selects it.
  const { topOf, heightOf } = rows;
  useEffect(() => {
    const element = list.current;
    if (!element || selectedIndex < 0) return;
    const top = topOf(selectedIndex);
    const height = heightOf(selectedIndex);
    if (top < element.scrollTop) element.scrollTo({ top });
    else if (top + height > element.scrollTop + element.clientHeight) element.scrollTo({ top: top + height - element.clientHeight });
    // Only when the selection moves, not when a measurement does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  /**
   * The last move made from the keyboard, until focus follows it: a key pressed again before then
   * still comes from the row it left, and must move on from where the cursor went, not again from there.
   */
  const moved = useRef<{ readonly from: string; readonly to: string }>(undefined);
  const focusCurrent = useCallback(() => {
    // Two frames: one to scroll the row into the window, one to render it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        list.current?.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus();
        moved.current = undefined;
      }),
    );
  }, []);

  const clearSelection = () => {
    onSelection(SINGLE);
    focusCurrent();
  };

  const onRowClick = (event: MouseEvent<HTMLButtonElement>, id: string) => {
    if (event.ctrlKey || event.metaKey) onSelection(toggleRow(selection, selectedId, ids, id));
    else if (event.shiftKey) onSelection(extendTo(selection, selectedId, ids, id));
    else onSelection(SINGLE);
    onChoose(id);
    // Shift+click kept the focus where it was (so as not to select text): it goes to the row.
    if (event.shiftKey) focusCurrent();
  };

  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>, id: string) => {
    const command = commandOfKey(event.nativeEvent, 'claims-panel');
    if (command === 'panel.selectAll') {
      event.preventDefault();
      return onSelection(selectAll(selection, selectedId, ids));
    }
    if (command === 'panel.clearSelection') {
      if (!picking) return;
      event.preventDefault();
      return onSelection(SINGLE);
    }
    if (command === 'panel.toggleSelected') {
      event.preventDefault();
      onSelection(toggleRow(selection, selectedId, ids, id));
      if (id !== selectedId) onChoose(id);
      return;
    }
    // Several selected: Delete would take only one of them, which is not what it seems to do.
    if (command === 'panel.delete') return several ? undefined : onDelete(id);
    // Enter (or e) edits the row, rather than choosing it again.
    if (command === 'panel.edit') {
      event.preventDefault();
      onChoose(id);
      return onEdit(id);
    }
    const move = MOVES[command ?? event.key];
    if (move === undefined || (command === undefined && (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey))) return;
    event.preventDefault();
    const from = moved.current?.from === id && ids.includes(moved.current.to) ? moved.current.to : id;
    const to = ordered[move(ids.indexOf(from), ordered.length - 1)];
    if (!to) return;
    if (command === 'panel.extendNext' || command === 'panel.extendPrevious') onSelection(extendTo(selection, from, ids, to.id));
    else if (command === 'panel.moveNext' || command === 'panel.movePrevious') onSelection(moveKeeping(selection, from, ids, to.id));
    else onSelection(SINGLE);
    moved.current = { from: id, to: to.id };
    onChoose(to.id);
    focusCurrent();
  };

  // j, k, Esc and Ctrl+A also work from the panel's other controls (not while typing in its
  // filter or the bulk bar's fields, where they edit the field).
  const onPanelKey = (event: KeyboardEvent<HTMLElement>) => {
    const command = commandOfKey(event.nativeEvent, 'claims-panel');
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea, .annotation-item')) return;
    if (command === 'panel.clearSelection' && picking) {
      event.preventDefault();
      return clearSelection();
    }
    if (command === 'panel.selectAll' && ids.length > 0) {
      event.preventDefault();
      return onSelection(selectAll(selection, selectedId, ids));
    }
    if (command !== 'panel.next' && command !== 'panel.previous') return;
    const current = selectedId ?? ids[0];
    if (current !== undefined) onRowKey(event as KeyboardEvent<HTMLButtonElement>, current);
  };

  return (
    <aside className="pane tab-pane" aria-label="Annotations" onKeyDown={onPanelKey}>
      {header}
      <h2 className="pane-title">
        Annotations{' '}
        {annotations !== undefined && (
          <span className="pane-count">{filtered ? `${ordered.length} of ${annotations.length}` : annotations.length}</span>
        )}
        <span className="pane-title-actions">
          <button
            type="button"
            className="button-small"
            onClick={onOpenCodebook}
            title="Tags, colours, keys; import or export the codebook"
          >
            Codebook…
          </button>
        </span>
      </h2>
      {annotations !== undefined && annotations.length > 0 && (
        <div className="library-tools">
          <input
            type="search"
            placeholder="Filter by quote, speaker, note"
            aria-label="Filter annotations"
            value={filter.query}
            onChange={(event) => setFilter({ ...filter, query: event.target.value })}
          />
          <div className="library-tools-row">
            <select aria-label="Tag" value={filter.tag} onChange={(event) => setFilter({ ...filter, tag: event.target.value })}>
              <option value="">All tags</option>
              {codebook.tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.parentId ? `  ${tag.name}` : tag.name}
                </option>
              ))}
            </select>
            <OptionSelect
              aria-label="Status"
              value={filter.status}
              first={ALL_STATUSES}
              options={statuses}
              onChange={(status) => setFilter({ ...filter, status })}
            />
          </div>
        </div>
      )}
      {filtered && ordered.length === 0 && <p className="pane-empty">No annotation matches.</p>}
      {annotations === undefined && <p className="pane-empty">Open a document to see its annotations.</p>}
      {annotations?.length === 0 && (
        <p className="pane-empty">No annotations in this document yet: select text and press a tag’s key, or Enter.</p>
      )}
      {/* A grid of one column: its rows can say they are selected, and hold buttons (a listbox's options cannot). */}
      <div
        className="annotations-list"
        ref={list}
        data-several={several ? '' : undefined}
        {...(ordered.length > 0
          ? { role: 'grid', 'aria-label': 'Annotations in text order', 'aria-multiselectable': true, 'aria-rowcount': ordered.length }
          : {})}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        {/* Only the rows in view (and a screenful more) exist: a document may have 10,000 annotations. */}
        {rows.before > 0 && <div aria-hidden="true" style={{ height: rows.before }} />}
        {ordered.slice(rows.first, rows.last).map((annotation, offset) => (
          <AnnotationRow
            key={annotation.id}
            annotation={annotation}
            position={rows.first + offset + 1}
            selected={chosenSet.has(annotation.id)}
            current={annotation.id === selectedId}
            actions={annotation.id === selectedId && !several}
            tabStop={rows.first + offset === tabStopIndex}
            tags={tags}
            status={statusById.get(annotation.status)}
            claims={claims.get(annotation.id) ?? NONE}
            rowRef={rows.measure(annotation.id)}
            onClick={onRowClick}
            onEdit={onEdit}
            onDelete={onDelete}
            onClaim={onClaim}
            onKeyDown={onRowKey}
          />
        ))}
        {rows.after > 0 && <div aria-hidden="true" style={{ height: rows.after }} />}
      </div>
      {several && (
        <BulkEditBar
          selected={ordered.filter((annotation) => chosenSet.has(annotation.id))}
          codebook={codebook}
          statuses={statuses}
          onApply={(patch) => onBulkEdit(chosen, patch)}
          onClear={clearSelection}
        />
      )}
    </aside>
  );
});
