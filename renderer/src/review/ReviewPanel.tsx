// The review queue: annotations a new version of the document could not place with confidence —
// orphans (their text is gone) and approximate matches below the review threshold — and those with
// evidence (links, claim mentions) whose words it changed, whatever the confidence
// (core/annotations/review.ts). For each, the
// quote as it was beside the span proposed now; the analyst accepts the proposal, re-pins the
// annotation to text selected in the reader, or deletes it. Nothing leaves the queue on its own.
import type { CSSProperties } from 'react';
import { awaitsReview as anchorAwaitsReview } from '../../../core/annotations/review.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { shorten } from '../ui/format.ts';

/** Whether an annotation waits for the analyst's review. */
export const awaitsReview = ({ anchor }: Annotation): boolean => anchorAwaitsReview(anchor);

/** What the row says happened to the annotation. */
function reasonOf({ anchor }: Annotation): string {
  const found =
    anchor.state === 'orphaned'
      ? 'Not found in this version'
      : anchor.state === 'fuzzy'
        ? `Approximate match, ${Math.round((anchor.confidence ?? 0) * 100)}% alike`
        : 'Found again';
  return anchor.review === 'evidence' ? `${found} · has evidence` : found;
}

const EVIDENCE_HELP =
  'This annotation has a link, a place in a claim or a verdict, and the new version changed its words: it waits here whatever its likeness, and its links and verdict keep the words they were made on.';

interface ReviewPanelProps {
  readonly annotations: readonly Annotation[];
  /** Text selected in the reader now, to re-pin an annotation to. */
  readonly selection: { readonly start: number; readonly end: number; readonly text: string } | undefined;
  readonly onShow: (annotationId: string) => void;
  readonly onAccept: (annotationId: string) => void;
  readonly onRepin: (annotationId: string, start: number, end: number) => void;
  readonly onDelete: (annotationId: string) => void;
}

export function ReviewPanel({ annotations, selection, onShow, onAccept, onRepin, onDelete }: ReviewPanelProps) {
  const queue = annotations.filter(awaitsReview);
  if (queue.length === 0) {
    return <p className="pane-empty">Nothing to review: every annotation was found in this version of the text.</p>;
  }
  return (
    <>
      <p className="pane-empty review-help">
        These annotations were found only approximately: a new version of the document moved or changed their text, or they were imported
        from another tool. An annotation with evidence (a link, a claim or a verdict) waits here whenever its words changed; its links and
        verdict keep the words they were made on. Compare, then accept the proposed span, select the right text in the reader and{' '}
        <b>Re-pin</b>, or delete the annotation.
      </p>
      <ol className="links-list" aria-label="Annotations to review">
        {queue.map((annotation) => {
          const orphan = annotation.anchor.state === 'orphaned';
          return (
            <li key={annotation.id} className="link-row review-row" data-testid="review-item">
              <span
                className="relation"
                style={{ '--c': orphan ? '#d64545' : '#e08a1e' } as CSSProperties}
                title={annotation.anchor.review === 'evidence' ? EVIDENCE_HELP : undefined}
              >
                {reasonOf(annotation)}
              </span>
              <div className="review-compare">
                <figure>
                  <figcaption>Was</figcaption>
                  <q data-testid="review-was">{shorten(annotation.anchor.previousQuote ?? annotation.target.exact, 240)}</q>
                </figure>
                <figure>
                  <figcaption>{orphan ? 'Now' : 'Proposed'}</figcaption>
                  {orphan ? <span className="muted">no place in the new text</span> : <q>{shorten(annotation.target.exact, 240)}</q>}
                </figure>
              </div>
              <span className="row-actions">
                {!orphan && (
                  <>
                    <button type="button" className="button-small" onClick={() => onShow(annotation.id)}>
                      Show
                    </button>
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => onAccept(annotation.id)}
                      title="The proposed span is right: keep it"
                    >
                      Accept
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="button-small"
                  disabled={selection === undefined}
                  onClick={() => selection && onRepin(annotation.id, selection.start, selection.end)}
                  title={
                    selection ? `Move the annotation to “${shorten(selection.text, 80)}”` : 'Select the right text in the reader first'
                  }
                >
                  Re-pin to selection
                </button>
                <button type="button" className="button-small" onClick={() => onDelete(annotation.id)} aria-label="Delete annotation">
                  Delete
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
