// Shown when a claim's edit was refused because someone else changed the claim first: their
// version beside mine, field by field (the look of the bundle merge's conflicts), and three ways
// on: keep theirs (the form shows theirs, mine is dropped), keep mine (saved over theirs), or merge
// (the form gets both edits, statement and rationale holding both texts, to edit and save).
// Escape keeps theirs.
import { useState } from 'react';
import type { VerdictRating } from '../../../core/model/evidence.ts';
import { CLAIM_STATUSES } from '../../../core/model/evidence.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { shorten } from '../ui/format.ts';
import { differingDraftFields, type ClaimDraft, type ClaimDraftField } from './claim-conflict.ts';

export type ClaimConflictChoice = 'theirs' | 'mine' | 'merge';

interface ClaimConflictDialogProps {
  readonly mine: ClaimDraft;
  readonly theirs: ClaimDraft;
  readonly scale: readonly VerdictRating[];
  /** Resolves with a problem to show, or undefined once done. */
  readonly onResolve: (choice: ClaimConflictChoice) => Promise<string | undefined>;
}

const LABELS: Record<ClaimDraftField, string> = {
  statement: 'Statement',
  status: 'Status',
  rating: 'Verdict',
  rationale: 'Rationale',
  reviewer: 'Reviewer',
  date: 'Date',
  reviewUrl: 'Published review',
};

export function ClaimConflictDialog({ mine, theirs, scale, onResolve }: ClaimConflictDialogProps) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const shown = (field: ClaimDraftField, draft: ClaimDraft): string => {
    if (field === 'status') return CLAIM_STATUSES.find((status) => status.id === draft.status)?.label ?? draft.status;
    if (field === 'rating')
      return draft.rating === '' ? 'No verdict' : (scale.find((rating) => rating.id === draft.rating)?.label ?? draft.rating);
    return draft[field] === '' ? '(empty)' : shorten(draft[field], 300);
  };
  const choose = async (choice: ClaimConflictChoice) => {
    setBusy(true);
    const problem = await onResolve(choice).catch((caught: unknown) => (caught as Error).message);
    setBusy(false);
    setError(problem);
  };
  return (
    <Dialog title="Someone else changed this claim" onClose={() => void choose('theirs')}>
      <div className="form edit-conflict" data-testid="claim-conflict">
        <p>Their change to this claim was saved while you were editing it, so yours was not saved. Choose what to keep.</p>
        <ul className="edit-conflict-fields">
          {differingDraftFields(mine, theirs).map((field) => (
            <li key={field} className="bundle-conflict">
              <p className="bundle-conflict-what">{LABELS[field]}</p>
              <div className="bundle-conflict-sides">
                <div>
                  <small>Theirs</small>
                  <p>{shown(field, theirs)}</p>
                </div>
                <div>
                  <small>Mine</small>
                  <p>{shown(field, mine)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button-quiet" disabled={busy} onClick={() => void choose('theirs')}>
            Keep theirs
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            onClick={() => void choose('merge')}
            title="Both edits in the form, to check and save"
          >
            Merge in the form
          </button>
          <button type="button" className="button-primary" disabled={busy} onClick={() => void choose('mine')}>
            Keep mine
          </button>
        </div>
      </div>
    </Dialog>
  );
}
