// The claims panel: the open document's annotations in text order; choosing one reveals it.
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { REVIEW_BELOW } from '../../../core/anchoring/anchor.ts';
import { inTextOrder } from '../../../core/annotations/layout.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { shorten } from '../format.ts';

interface ClaimsPanelProps {
  readonly annotations: readonly Annotation[] | undefined;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly selectedId: string | undefined;
  readonly onChoose: (id: string) => void;
  readonly onDelete: (id: string) => void;
  readonly onEdit: (id: string) => void;
}

export function ClaimsPanel({ annotations, codebook, statuses, selectedId, onChoose, onDelete, onEdit }: ClaimsPanelProps) {
  const ordered = useMemo(() => inTextOrder(annotations ?? []), [annotations]);
  const tags = useMemo(() => new Map(codebook.tags.map((tag) => [tag.id, tag])), [codebook]);
  const statusById = useMemo(() => new Map(statuses.map((status) => [status.id, status])), [statuses]);
  const list = useRef<HTMLOListElement>(null);

  // Keep the selected claim in view when the reader's cursor selects it.
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="pane claims" aria-label="Claims">
      <h2 className="pane-title">
        Claims {annotations !== undefined && <span className="pane-count">{annotations.length}</span>}
      </h2>
      {annotations === undefined && <p className="pane-empty">Open a document to see its claims.</p>}
      {annotations?.length === 0 && <p className="pane-empty">No claims marked in this document yet.</p>}
      <ol className="claims-list" ref={list}>
        {ordered.map((annotation) => {
          const status = statusById.get(annotation.status);
          return (
            <li key={annotation.id} className="claim-row">
              <button
                type="button"
                className="claim-item"
                aria-current={annotation.id === selectedId ? 'true' : undefined}
                onClick={() => onChoose(annotation.id)}
                onDoubleClick={() => onEdit(annotation.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Delete' || event.key === 'Backspace') onDelete(annotation.id);
                }}
                data-testid="claim-item"
              >
                <q className="claim-quote">{shorten(annotation.target.exact)}</q>
                <span className="claim-tags">
                  {annotation.tags.map((id) => {
                    const tag = tags.get(id);
                    return (
                      <span key={id} className="chip" style={{ '--c': tag?.color } as CSSProperties}>
                        {tag?.name ?? id}
                      </span>
                    );
                  })}
                  <span className="status" style={{ '--c': status?.color } as CSSProperties}>
                    {status?.label ?? annotation.status}
                  </span>
                </span>
                {annotation.anchor.state === 'orphaned' && (
                  <span className="anchor-warning">Not found in this version of the text: “{shorten(annotation.anchor.previousQuote ?? annotation.target.exact, 80)}”</span>
                )}
                {annotation.anchor.state === 'fuzzy' && (annotation.anchor.confidence ?? 0) < REVIEW_BELOW && (
                  <span className="anchor-warning">Matched approximately in the new version; check it</span>
                )}
                {(annotation.speaker || annotation.outlet) && (
                  <span className="claim-source">{[annotation.speaker, annotation.outlet].filter(Boolean).join(' · ')}</span>
                )}
              </button>
              {annotation.id === selectedId && (
                <span className="claim-actions">
                  <button type="button" className="button-small" onClick={() => onEdit(annotation.id)} aria-label="Edit claim" title="Edit tags, status, speaker, note (or double-click the claim)">
                    Edit
                  </button>
                  <button type="button" className="button-small" onClick={() => onDelete(annotation.id)} aria-label="Delete claim" title="Delete claim (Delete key; Ctrl+Z undoes)">
                    Delete
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
