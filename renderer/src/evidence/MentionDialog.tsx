// "Claim…": adds annotations to a claim, a new one (its statement in the analyst's words,
// starting from the quote) or one that exists (chosen from the workspace's claims). An annotation
// already in a claim says so ("Already in: …"), and the claims it is in are not offered again.
import { useState, type FormEvent } from 'react';
import { refKey, type AnnotationRef, type Claim, type VerdictRating } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { shorten } from '../ui/format.ts';
import { ClaimPicker } from './ClaimPicker.tsx';
import { findClaims } from './claim-search.ts';

interface MentionDialogProps {
  readonly mentions: readonly { readonly ref: AnnotationRef; readonly quote: string; readonly documentTitle: string }[];
  readonly claims: readonly Claim[];
  /** The workspace's verdict scale, to name the claims' ratings. */
  readonly scale: readonly VerdictRating[];
  readonly onClose: () => void;
  /** After the mentions were added: the claim they belong to. */
  readonly onDone?: (claimId: string) => void;
}

export function MentionDialog({ mentions, claims, scale, onClose, onDone }: MentionDialogProps) {
  const keys = new Set(mentions.map(({ ref }) => refKey(ref)));
  const holding = (claim: Claim) => claim.mentions.filter((ref) => keys.has(refKey(ref))).length;
  // A claim that has every one of these annotations already is not a place to add them.
  const offered = claims.filter((claim) => holding(claim) < keys.size);
  const already = claims.filter((claim) => holding(claim) > 0);
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [statement, setStatement] = useState(mentions[0]?.quote.trim() ?? '');
  const [claimId, setClaimId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refs = mentions.map(({ ref }) => ({ documentId: ref.documentId, annotationId: ref.annotationId }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const result = await (mode === 'new' ? api.createClaim({ statement, mentions: refs }) : api.addMentions(claimId, refs)).catch(
      (caught: unknown) => ({ ok: false as const, error: { message: (caught as Error).message } }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onDone?.(result.value.id);
    onClose();
  };

  return (
    <Dialog
      title={mentions.length > 1 ? `Add ${mentions.length} annotations to a claim` : 'Add this annotation to a claim'}
      onClose={onClose}
    >
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      >
        {mentions.map((mention) => (
          <figure key={`${mention.ref.documentId} ${mention.ref.annotationId}`} className="link-end">
            <figcaption>{mention.documentTitle}</figcaption>
            <blockquote className="quote-block">{shorten(mention.quote, 300)}</blockquote>
          </figure>
        ))}
        {already.length > 0 && (
          <div className="already-in" role="note" data-testid="already-in">
            <strong>{mentions.length > 1 ? 'Some are already in:' : 'Already in:'}</strong>
            <ul>
              {already.map((claim) => (
                <li key={claim.id}>“{shorten(claim.statement, 120)}”</li>
              ))}
            </ul>
            {offered.length === 0 ? 'Make a new claim, or cancel.' : 'Add to another claim, or make a new one.'}
          </div>
        )}
        <fieldset className="relation-picker">
          <label className="relation-option">
            <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} />
            <strong>New claim</strong>
          </label>
          <label className="relation-option">
            <input
              type="radio"
              name="mode"
              checked={mode === 'existing'}
              disabled={offered.length === 0}
              onChange={() => {
                setMode('existing');
                setClaimId((chosen) => chosen || (findClaims(offered, '')[0]?.id ?? ''));
              }}
            />
            <strong>{already.length > 0 ? 'Add to another claim' : 'Add to a claim'}</strong>
            {claims.length === 0 && <span>(there are none yet)</span>}
          </label>
        </fieldset>
        {mode === 'new' ? (
          <label>
            Statement: the claim in a short, neutral sentence
            <textarea rows={3} value={statement} onChange={(event) => setStatement(event.target.value)} />
          </label>
        ) : (
          <fieldset className="claim-picker-field">
            <legend>Claim</legend>
            <ClaimPicker claims={offered} value={claimId} onChange={setClaimId} scale={scale} />
          </fieldset>
        )}
        <FormFooter
          error={error}
          busy={busy}
          disabled={mode === 'new' ? statement.trim() === '' : claimId === ''}
          submit={mode === 'new' ? ['Create claim', 'Saving…'] : ['Add to claim', 'Saving…']}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
