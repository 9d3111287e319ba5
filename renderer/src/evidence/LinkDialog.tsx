// The link form: the two ends (left and right pane) with their quotes, the relation, a note.
// Also edits an existing link's relation and note. Ctrl/Cmd+Enter saves.
import { useState, type FormEvent } from 'react';
import { LINK_RELATIONS, type LinkRelation } from '../../../core/model/evidence.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { shorten } from '../ui/format.ts';

export interface LinkEndDraft {
  readonly documentTitle: string;
  readonly quote: string;
}

interface LinkDialogProps {
  readonly title: string;
  readonly from: LinkEndDraft;
  readonly to: LinkEndDraft;
  readonly relation?: LinkRelation;
  readonly note?: string;
  readonly onSave: (fields: { relation: LinkRelation; note: string }) => Promise<string | undefined>;
  readonly onClose: () => void;
}

export function LinkDialog({
  title,
  from,
  to,
  relation: initialRelation = 'source-of',
  note: initialNote = '',
  onSave,
  onClose,
}: LinkDialogProps) {
  const [relation, setRelation] = useState<LinkRelation>(initialRelation);
  const [note, setNote] = useState(initialNote);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const problem = await onSave({ relation, note }).catch((caught: unknown) => (caught as Error).message);
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        className="form form-grid"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      >
        <figure className="link-end">
          <figcaption>Left · {from.documentTitle}</figcaption>
          <blockquote className="quote-block">{shorten(from.quote, 400)}</blockquote>
        </figure>
        <figure className="link-end">
          <figcaption>Right · {to.documentTitle}</figcaption>
          <blockquote className="quote-block">{shorten(to.quote, 400)}</blockquote>
        </figure>
        <fieldset className="span-2 relation-picker">
          <legend>The right span…</legend>
          {LINK_RELATIONS.map((option) => (
            <label key={option.id} className="relation-option">
              <input
                type="radio"
                name="relation"
                value={option.id}
                checked={relation === option.id}
                onChange={() => setRelation(option.id)}
              />
              <strong>{option.label}</strong>
              <span>{option.description}</span>
            </label>
          ))}
        </fieldset>
        <label className="span-2">
          Note (Markdown)
          <textarea value={note} rows={3} onChange={(event) => setNote(event.target.value)} placeholder="Why these two spans are linked" />
        </label>
        <FormFooter error={error} busy={busy} submit={['Save link', 'Saving…']} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
