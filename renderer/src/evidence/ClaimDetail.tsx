// One claim: its statement and status, its verdict (rating on the workspace's scale, rationale,
// reviewer, date, the published review's URL), and its annotations in order of appearance, each openable in either pane.
import { useEffect, useState, type CSSProperties, type FormEvent } from 'react';
import type { Appearance, ClaimRow } from '../../../core/evidence/claims-view.ts';
import { CLAIM_STATUSES, reviewUrlOf, type AnnotationRef, type Claim, type VerdictRating } from '../../../core/model/evidence.ts';
import { versionOf } from '../../../core/model/record-version.ts';
import { api } from '../api/client.ts';
import { formatDate, shorten } from '../ui/format.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import { draftOf, mergedDraft, type ClaimDraft } from './claim-conflict.ts';
import { ClaimConflictDialog, type ClaimConflictChoice } from './ClaimConflictDialog.tsx';

interface ClaimDetailProps {
  readonly row: ClaimRow;
  readonly scale: readonly VerdictRating[];
  readonly analystName: string;
  /** The workspace's review URL pattern, for a claim without its own review URL. */
  readonly reviewUrlPattern: string | undefined;
  readonly onOpenMention: (ref: AnnotationRef, beside: boolean) => void;
  readonly onSideBySide: (left: AnnotationRef, right: AnnotationRef) => void;
  readonly onClosed: () => void;
}

const NO_VERDICT_YET = [{ id: '', label: 'No verdict yet' }];

const today = () => new Date().toISOString().slice(0, 10);

export function ClaimDetail({ row, scale, analystName, reviewUrlPattern, onOpenMention, onSideBySide, onClosed }: ClaimDetailProps) {
  const { claim } = row;
  const [appearances, setAppearances] = useState<readonly Appearance[]>();
  const [draft, setDraft] = useState<ClaimDraft>(() => draftOf(claim, analystName, today()));
  // The claim the draft was made from: a save is made from its version, so a change someone else
  // saved meanwhile is not overwritten but shown (`conflict`: their claim) for the analyst to settle.
  const [base, setBase] = useState<Claim>(claim);
  const [conflict, setConflict] = useState<Claim>();
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string }>();

  useEffect(() => {
    let live = true;
    api.getClaim(claim.id).then(
      (result) => live && setAppearances(result.ok ? result.value.appearances : []),
      (error: unknown) => live && setMessage({ kind: 'error', text: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [claim]);

  /** Sends `fields` as made from `from`; a conflict opens the dialog with their claim. */
  const send = async (fields: ClaimDraft, from: Claim): Promise<string | undefined> => {
    const verdict =
      fields.rating === ''
        ? null
        : { rating: fields.rating, rationale: fields.rationale, reviewer: fields.reviewer.trim(), date: fields.date };
    const result = await api.updateClaim(claim.id, {
      statement: fields.statement,
      status: fields.status,
      verdict,
      reviewUrl: fields.reviewUrl.trim() === '' ? null : fields.reviewUrl.trim(),
      baseVersion: versionOf(from),
    });
    if (result.ok) {
      setBase(result.value);
      setConflict(undefined);
      setMessage({ kind: 'info', text: 'Saved.' });
      return undefined;
    }
    if (result.error.code === 'conflict') {
      setConflict(result.error.current);
      setMessage({ kind: 'error', text: result.error.message });
      return from === base ? undefined : 'They changed it again meanwhile: here is their newest version.';
    }
    setMessage({ kind: 'error', text: result.error.message });
    return result.error.message;
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await send(draft, base);
  };
  const resolve = async (choice: ClaimConflictChoice): Promise<string | undefined> => {
    if (conflict === undefined) return undefined;
    const theirs = draftOf(conflict, analystName, today());
    if (choice === 'mine') return send(draft, conflict);
    // Theirs, or both edits in the form: either way the form is now made from their version.
    setDraft(choice === 'theirs' ? theirs : mergedDraft(draftOf(base, analystName, today()), draft, theirs));
    setBase(conflict);
    setConflict(undefined);
    setMessage({
      kind: 'info',
      text: choice === 'theirs' ? 'Their version is shown; yours was dropped.' : 'Both edits are in the form: check them and save.',
    });
    return undefined;
  };
  const remove = async () => {
    const result = await api.deleteClaim(claim.id);
    if (result.ok) onClosed();
    else setMessage({ kind: 'error', text: result.error.message });
  };
  const removeMention = async (ref: AnnotationRef) => {
    const result = await api.removeMentions(claim.id, [ref]);
    if (!result.ok) setMessage({ kind: 'error', text: result.error.message });
  };
  const failed = (error: unknown) => setMessage({ kind: 'error', text: (error as Error).message });
  const rating = scale.find((candidate) => candidate.id === draft.rating);
  const fromPattern = reviewUrlOf({ id: claim.id }, reviewUrlPattern);

  return (
    <aside className="pane claim-detail" aria-label="Claim" data-pane="claim">
      {conflict && <ClaimConflictDialog mine={draft} theirs={draftOf(conflict, analystName, today())} scale={scale} onResolve={resolve} />}
      <form className="form claim-detail-form" onSubmit={(event) => void save(event).catch(failed)}>
        <label>
          Statement
          <textarea
            className="statement-input"
            rows={3}
            value={draft.statement}
            onChange={(event) => setDraft({ ...draft, statement: event.target.value })}
          />
        </label>
        <div className="form-row">
          <label>
            Status
            <OptionSelect
              value={draft.status}
              options={CLAIM_STATUSES}
              onChange={(status) => setDraft({ ...draft, status })}
              aria-describedby="claim-status-help"
            />
          </label>
          <label>
            Verdict
            <OptionSelect
              value={draft.rating}
              first={NO_VERDICT_YET}
              options={scale}
              onChange={(rating) => setDraft({ ...draft, rating })}
              style={{ '--c': rating?.color } as CSSProperties}
              aria-describedby="claim-verdict-help"
            />
          </label>
        </div>
        <p className="field-help">
          <span id="claim-status-help">
            <b>Status</b> is where the work on this claim stands.
          </span>{' '}
          <span id="claim-verdict-help">
            <b>Verdict</b> is the rating you publish for the claim as a whole (exported as ClaimReview). Each of its annotations keeps its
            own status, for what was checked in that passage.
          </span>
        </p>
        {draft.rating !== '' && (
          <>
            <label>
              Rationale (Markdown)
              <textarea
                rows={5}
                value={draft.rationale}
                onChange={(event) => setDraft({ ...draft, rationale: event.target.value })}
                placeholder="Why this rating: the evidence, and what it does not show"
              />
            </label>
            <div className="form-row">
              <label>
                Reviewer
                <input value={draft.reviewer} onChange={(event) => setDraft({ ...draft, reviewer: event.target.value })} />
              </label>
              <label>
                Date
                <input type="date" value={draft.date} onChange={(event) => setDraft({ ...draft, date: event.target.value })} />
              </label>
            </div>
            <label>
              Published review (URL)
              <input
                type="url"
                value={draft.reviewUrl}
                onChange={(event) => setDraft({ ...draft, reviewUrl: event.target.value })}
                placeholder={fromPattern ?? 'https://… where you published this fact check'}
                aria-describedby="review-url-hint"
              />
            </label>
            <p id="review-url-hint" className="form-hint">
              {draft.reviewUrl.trim() !== ''
                ? 'The url of this claim’s ClaimReview in claimreview.jsonld.'
                : fromPattern !== undefined
                  ? 'Empty: the workspace’s pattern gives the address shown.'
                  : 'Without a review URL (here, or a pattern set in Export), the claim is left out of claimreview.jsonld.'}
            </p>
          </>
        )}
        {message && (
          <p className={message.kind === 'error' ? 'form-error' : 'form-info'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button-quiet button-danger-text" onClick={() => void remove().catch(failed)}>
            Delete claim
          </button>
          <button type="submit" className="button-primary">
            Save claim
          </button>
        </div>
      </form>
      <h2 className="pane-title">
        Timeline <span className="pane-count">{row.mentionCount}</span>
        {appearances !== undefined && appearances.length >= 2 && (
          <span className="pane-title-actions">
            <button
              type="button"
              className="button-small"
              onClick={() => onSideBySide(appearances[0]!.ref, appearances[1]!.ref)}
              title="The first two appearances, side by side"
            >
              Side by side
            </button>
          </span>
        )}
      </h2>
      <ol className="timeline" data-testid="timeline">
        {appearances?.map((appearance, index) => (
          <li key={`${appearance.ref.documentId} ${appearance.ref.annotationId}`} className="timeline-item">
            <span className="timeline-date">{appearance.date ? formatDate(appearance.date) : 'undated'}</span>
            <span className="timeline-where">
              {index === 0 && appearance.date && <span className="first-badge">first</span>}
              {index === 0 && appearance.date && row.sameDayCount > 0 && (
                <span className="same-day" title="Another document was published the same day; on a tied day a source counts first">
                  same day
                </span>
              )}
              <strong>{appearance.outlet || 'Unknown outlet'}</strong> · {shorten(appearance.documentTitle, 70)}
              {appearance.speaker && <> · {appearance.speaker}</>}
            </span>
            <q className="timeline-quote">{shorten(appearance.quote, 220)}</q>
            {appearance.was !== undefined && (
              <span
                className="was-quote"
                data-testid="timeline-was"
                title="A new version of the document changed these words; the verdict was made on the earlier ones"
              >
                was: “{shorten(appearance.was, 220)}”
              </span>
            )}
            <span className="row-actions">
              <button type="button" className="button-small" onClick={() => onOpenMention(appearance.ref, false)}>
                Open
              </button>
              <button type="button" className="button-small" onClick={() => onOpenMention(appearance.ref, true)}>
                Open beside
              </button>
              <button
                type="button"
                className="button-small"
                onClick={() => void removeMention(appearance.ref).catch(failed)}
                aria-label="Remove from claim"
                title="Take this annotation out of the claim (the annotation stays)"
              >
                Remove
              </button>
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
