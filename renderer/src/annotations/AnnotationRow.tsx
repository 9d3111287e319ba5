// One row of the annotations panel: the quote, its status, tags (wrapping) and, each on a line of
// its own, the speaker and the claim it belongs to with that claim's verdict. The row at the cursor
// shows its actions below its content, never over it (unless several rows are selected: then the
// panel's bulk bar acts on them). A row of the list's grid: it says whether it is selected.
import type { CSSProperties, KeyboardEvent, MouseEvent, Ref } from 'react';
import { awaitsReview, earlierQuote } from '../../../core/annotations/review.ts';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Tag } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { shorten } from '../ui/format.ts';

interface AnnotationRowProps {
  readonly annotation: Annotation;
  readonly position: number;
  /** In the selection (aria-selected). */
  readonly selected: boolean;
  /** At the cursor: the annotation chosen, shown in the reader (aria-current). */
  readonly current: boolean;
  /** Show Edit, Claim… and Delete under it. */
  readonly actions: boolean;
  /** The row that holds the list's one tab stop (roving tabindex). */
  readonly tabStop: boolean;
  readonly tags: ReadonlyMap<string, Tag>;
  readonly status: VerificationStatus | undefined;
  readonly claims: readonly ClaimMembership[];
  readonly rowRef: Ref<HTMLDivElement>;
  /** A click, with its modifier keys (Ctrl/Cmd and Shift select several). */
  readonly onClick: (event: MouseEvent<HTMLButtonElement>, id: string) => void;
  readonly onEdit: (id: string) => void;
  readonly onDelete: (id: string) => void;
  readonly onClaim?: (id: string) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLButtonElement>, id: string) => void;
}

export function AnnotationRow({
  annotation,
  position,
  selected,
  current,
  actions,
  tabStop,
  tags,
  status,
  claims,
  rowRef,
  onClick,
  onEdit,
  onDelete,
  onClaim,
  onKeyDown,
}: AnnotationRowProps) {
  const was = earlierQuote(annotation);
  const warning =
    annotation.anchor.state === 'orphaned'
      ? `Not found in this version of the text: “${shorten(annotation.anchor.previousQuote ?? annotation.target.exact, 80)}”`
      : awaitsReview(annotation.anchor)
        ? `${annotation.anchor.review === 'evidence' ? 'Has evidence; the new version changed it' : 'Matched approximately in the new version'}; check it in Review${was === undefined ? '' : ` (was: “${shorten(was, 80)}”)`}`
        : undefined;
  const source = [annotation.speaker, annotation.outlet].filter(Boolean).join(' · ');
  return (
    <div ref={rowRef} className="annotation-row" role="row" aria-rowindex={position} aria-selected={selected}>
      <div role="gridcell" className="annotation-cell">
        <button
          type="button"
          className="annotation-item"
          tabIndex={tabStop ? 0 : -1}
          data-pane-focus={tabStop ? '' : undefined}
          aria-current={current ? 'true' : undefined}
          // Shift+click selects a range of rows, not the page's text between.
          onMouseDown={(event) => event.shiftKey && event.preventDefault()}
          onClick={(event) => onClick(event, annotation.id)}
          onDoubleClick={() => onEdit(annotation.id)}
          onKeyDown={(event) => onKeyDown(event, annotation.id)}
          title={annotation.target.exact.length > 160 ? shorten(annotation.target.exact, 600) : undefined}
          data-testid="annotation-item"
        >
          <q className="annotation-quote">{shorten(annotation.target.exact)}</q>
          {warning && (
            <span className="anchor-warning" title={warning}>
              {warning}
            </span>
          )}
          <span className="annotation-tags">
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
          </span>
          {source && <span className="annotation-source">{source}</span>}
          {claims.map((claim) => (
            <span key={claim.claimId} className="annotation-claim" data-testid="annotation-claim" title={claim.statement}>
              <span className="annotation-claim-label">Claim</span>
              <span className="annotation-claim-statement">{shorten(claim.statement, 70)}</span>
              <span className="status verdict-badge" style={{ '--c': claim.verdict?.color } as CSSProperties}>
                {claim.verdict ? claim.verdict.label : 'No verdict'}
              </span>
            </span>
          ))}
        </button>
        {actions && (
          <span className="row-actions">
            <button
              type="button"
              className="button-small"
              onClick={() => onEdit(annotation.id)}
              aria-label="Edit annotation"
              title="Edit tags, status, speaker, note (Enter or e on the annotation, or double-click it)"
            >
              Edit
            </button>
            {onClaim && (
              <button
                type="button"
                className="button-small"
                onClick={() => onClaim(annotation.id)}
                title={
                  claims.length > 0
                    ? `Already in: ${claims.map((claim) => `“${shorten(claim.statement, 60)}”`).join(', ')}. Add it to another claim`
                    : 'Add this annotation to a claim (a new one, or one that exists)'
                }
              >
                Claim…
              </button>
            )}
            <button
              type="button"
              className="button-small"
              onClick={() => onDelete(annotation.id)}
              aria-label="Delete annotation"
              title="Delete annotation (Delete key; Ctrl+Z undoes)"
            >
              Delete
            </button>
          </span>
        )}
      </div>
    </div>
  );
}
