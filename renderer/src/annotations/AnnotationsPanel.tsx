// The annotations panel (titled "Claims" in the UI): the open document's annotations in text order; choosing one reveals it.
import { speakerResolver } from '../../../core/codebook/speakers.ts';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { textOrdered } from '../../../core/annotations/layout.ts';
import { awaitsReview, earlierQuote } from '../../../core/annotations/review.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { commandOfKey } from '../commands/command-registry.ts';
import { shorten } from '../ui/format.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import { filterAnnotations, NO_FILTER, type AnnotationFilter } from './annotation-filter.ts';

interface AnnotationsPanelProps {
  readonly annotations: readonly Annotation[] | undefined;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly selectedId: string | undefined;
  readonly onChoose: (id: string) => void;
  readonly onDelete: (id: string) => void;
  readonly onEdit: (id: string) => void;
  /** "Claim…": make the annotation a mention of a (new or existing) claim. */
  readonly onClaim?: (id: string) => void;
  readonly onOpenCodebook: () => void;
}

/** Every row is this tall (two lines of quote, one of tags), so only the rows in view need to exist. */
const ROW_HEIGHT = 78;
const OVERSCAN = 8;
const ALL_STATUSES = [{ id: '', label: 'All statuses' }];

/** Renders again only when its props change: give it the annotations a frame late (see App). */
export const AnnotationsPanel = memo(function AnnotationsPanel({
  annotations,
  codebook,
  statuses,
  selectedId,
  onChoose,
  onDelete,
  onEdit,
  onClaim,
  onOpenCodebook,
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
  const filtered = filter.tag !== '' || filter.status !== '' || filter.query !== '';

  // j / k move through the (shown) annotations, as in a mail client (keys: commands/command-registry.ts).
  const onKeyDown = (event: KeyboardEvent) => {
    const id = commandOfKey(event.nativeEvent, 'claims-panel');
    if ((id !== 'panel.next' && id !== 'panel.previous') || (event.target as HTMLElement).closest('input, select, textarea')) return;
    event.preventDefault();
    const index = ordered.findIndex((annotation) => annotation.id === selectedId);
    const next = ordered[id === 'panel.next' ? Math.min(ordered.length - 1, index + 1) : Math.max(0, index - 1)];
    if (next) {
      onChoose(next.id);
      // Two frames: one to scroll the row into the window, one to render it.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus()),
      );
    }
  };
  const statusById = useMemo(() => new Map(statuses.map((status) => [status.id, status])), [statuses]);
  const list = useRef<HTMLOListElement>(null);

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
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ordered.length, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);

  // Keep the selected annotation in view when the reader's cursor selects it.
  const selectedIndex = ordered.findIndex((annotation) => annotation.id === selectedId);
  useEffect(() => {
    const element = list.current;
    if (!element || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTo({ top });
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTo({ top: top + ROW_HEIGHT - element.clientHeight });
  }, [selectedIndex]);

  return (
    <aside className="pane tab-pane" aria-label="Claims" onKeyDown={onKeyDown}>
      <h2 className="pane-title">
        Claims{' '}
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
            aria-label="Filter claims"
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
      {filtered && ordered.length === 0 && <p className="pane-empty">No claim matches.</p>}
      {annotations === undefined && <p className="pane-empty">Open a document to see its claims.</p>}
      {annotations?.length === 0 && <p className="pane-empty">No claims marked in this document yet.</p>}
      <ol
        className="annotations-list"
        ref={list}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        style={{ '--row': `${ROW_HEIGHT}px` } as CSSProperties}
      >
        {/* Only the rows in view (and a few more) exist: a document may have 10,000 annotations. */}
        {first > 0 && <li aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
        {ordered.slice(first, last).map((annotation, offset) => {
          const status = statusById.get(annotation.status);
          const was = earlierQuote(annotation);
          const warning =
            annotation.anchor.state === 'orphaned'
              ? `Not found in this version of the text: “${shorten(annotation.anchor.previousQuote ?? annotation.target.exact, 80)}”`
              : awaitsReview(annotation.anchor)
                ? `${annotation.anchor.review === 'evidence' ? 'Has evidence; the new version changed it' : 'Matched approximately in the new version'}; check it in Review${was === undefined ? '' : ` (was: “${shorten(was, 80)}”)`}`
                : undefined;
          return (
            <li key={annotation.id} className="annotation-row" aria-posinset={first + offset + 1} aria-setsize={ordered.length}>
              <button
                type="button"
                className="annotation-item"
                aria-current={annotation.id === selectedId ? 'true' : undefined}
                onClick={() => onChoose(annotation.id)}
                onDoubleClick={() => onEdit(annotation.id)}
                onKeyDown={(event) => {
                  const id = commandOfKey(event.nativeEvent, 'claims-panel');
                  if (id === 'panel.delete') onDelete(annotation.id);
                  // Enter (or e) edits the row, rather than choosing it again.
                  if (id === 'panel.edit') {
                    event.preventDefault();
                    onChoose(annotation.id);
                    onEdit(annotation.id);
                  }
                }}
                title={annotation.target.exact.length > 160 ? shorten(annotation.target.exact, 600) : undefined}
                data-testid="claim-item"
              >
                <q className="annotation-quote">{shorten(annotation.target.exact)}</q>
                <span className="annotation-tags">
                  {warning && (
                    <span className="anchor-warning" title={warning}>
                      {warning}
                    </span>
                  )}
                  <span className="status" style={{ '--c': status?.color } as CSSProperties}>
                    {status?.label ?? annotation.status}
                  </span>
                  {annotation.tags.map((id) => {
                    const tag = tags.get(id);
                    return (
                      <span key={id} className="chip" style={{ '--c': tag?.color } as CSSProperties}>
                        {tag?.name ?? id}
                      </span>
                    );
                  })}
                  {(annotation.speaker || annotation.outlet) && (
                    <span className="annotation-source">{[annotation.speaker, annotation.outlet].filter(Boolean).join(' · ')}</span>
                  )}
                </span>
              </button>
              {annotation.id === selectedId && (
                <span className="row-actions">
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => onEdit(annotation.id)}
                    aria-label="Edit claim"
                    title="Edit tags, status, speaker, note (Enter or e on the claim, or double-click it)"
                  >
                    Edit
                  </button>
                  {onClaim && (
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => onClaim(annotation.id)}
                      title="Make this a mention of a claim (new, or one that exists)"
                    >
                      Claim…
                    </button>
                  )}
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => onDelete(annotation.id)}
                    aria-label="Delete claim"
                    title="Delete claim (Delete key; Ctrl+Z undoes)"
                  >
                    Delete
                  </button>
                </span>
              )}
            </li>
          );
        })}
        {last < ordered.length && <li aria-hidden="true" style={{ height: (ordered.length - last) * ROW_HEIGHT }} />}
      </ol>
    </aside>
  );
});
