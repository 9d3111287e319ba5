// "Claim…": makes annotations mentions of a claim, a new one (its statement in the analyst's
// words, starting from the quote) or one that exists (chosen from the workspace's claims).
import { useState, type FormEvent } from 'react';
import type { AnnotationRef, Claim, VerdictRating } from '../../../core/model/evidence.ts';
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
    <Dialog title={mentions.length > 1 ? 'Claim these mentions' : 'Claim this mention'} onClose={onClose}>
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
              disabled={claims.length === 0}
              onChange={() => {
                setMode('existing');
                setClaimId((chosen) => chosen || (findClaims(claims, '')[0]?.id ?? ''));
              }}
            />
            <strong>Add to a claim</strong>
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
            <ClaimPicker claims={claims} value={claimId} onChange={setClaimId} scale={scale} />
          </fieldset>
        )}
        <FormFooter
          error={error}
          busy={busy}
          disabled={mode === 'new' ? statement.trim() === '' : claimId === ''}
          submit={mode === 'new' ? ['Create claim', 'Saving…'] : ['Add mention', 'Saving…']}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
