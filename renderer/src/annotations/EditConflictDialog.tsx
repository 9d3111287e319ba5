// Shown when an edit of an annotation was refused because someone else changed it first: their
// version beside mine, field by field (the look of the bundle merge's conflicts), and three ways on:
// keep theirs (mine is dropped), keep mine (saved over theirs), or merge (a note and tags holding
// both, to edit before saving). Escape keeps theirs.
import { useState, type FormEvent } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { shorten } from '../ui/format.ts';
import {
  differingFields,
  fieldsOf,
  keptMine,
  mergedFields,
  type AnnotationFields,
  type EditConflict,
  type FieldName,
} from './edit-conflict.ts';

export type ConflictChoice =
  { readonly kind: 'theirs' } | { readonly kind: 'mine' } | { readonly kind: 'merge'; readonly fields: AnnotationFields };

interface EditConflictDialogProps {
  readonly conflict: EditConflict;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  /** Resolves with a problem to show, or undefined once done. */
  readonly onResolve: (choice: ConflictChoice) => Promise<string | undefined>;
}

const LABELS: Record<FieldName, string> = { tags: 'Tags', status: 'Status', speaker: 'Speaker', outlet: 'Outlet', note: 'Note' };

export function EditConflictDialog({ conflict, codebook, statuses, onResolve }: EditConflictDialogProps) {
  const [merging, setMerging] = useState<AnnotationFields>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mine = keptMine(conflict);
  const theirs = fieldsOf(conflict.theirs);
  const tagName = (id: string) => codebook.tags.find((tag) => tag.id === id)?.name ?? id;
  const statusLabel = (id: string) => statuses.find((status) => status.id === id)?.label ?? id;
  const shown = (field: FieldName, fields: AnnotationFields): string => {
    if (field === 'tags') return fields.tags.length === 0 ? '(no tags)' : fields.tags.map(tagName).join(', ');
    if (field === 'status') return statusLabel(fields.status);
    return fields[field] === '' ? '(empty)' : shorten(fields[field], 300);
  };

  const choose = async (choice: ConflictChoice) => {
    setBusy(true);
    const problem = await onResolve(choice).catch((caught: unknown) => (caught as Error).message);
    setBusy(false);
    setError(problem);
  };
  const differing = differingFields(conflict);
  const tagChoices = [...new Set([...theirs.tags, ...mine.tags, ...(merging?.tags ?? [])])];

  return (
    <Dialog title="Someone else changed this annotation" onClose={() => void choose({ kind: 'theirs' })}>
      <div className="form edit-conflict" data-testid="edit-conflict">
        <p>
          Their change to “{shorten(conflict.theirs.target.exact, 80)}” was saved while you were editing it, so yours was not saved. Choose
          what to keep.
        </p>
        <ul className="edit-conflict-fields">
          {differing.map((field) => (
            <li key={field} className="bundle-conflict">
              <p className="bundle-conflict-what">{LABELS[field]}</p>
              <div className="bundle-conflict-sides">
                <div>
                  <small>Theirs</small>
                  <p data-testid={`theirs-${field}`}>{shown(field, theirs)}</p>
                </div>
                <div>
                  <small>Mine</small>
                  <p data-testid={`mine-${field}`}>{shown(field, mine)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
        {merging === undefined ? (
          <>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button-quiet" disabled={busy} onClick={() => void choose({ kind: 'theirs' })}>
                Keep theirs
              </button>
              <button type="button" className="button-quiet" disabled={busy} onClick={() => setMerging(mergedFields(conflict))}>
                Merge…
              </button>
              <button type="button" className="button-primary" disabled={busy} onClick={() => void choose({ kind: 'mine' })}>
                Keep mine
              </button>
            </div>
          </>
        ) : (
          <MergeForm
            fields={merging}
            tagChoices={tagChoices}
            tagName={tagName}
            onChange={setMerging}
            onSubmit={() => void choose({ kind: 'merge', fields: merging })}
            onBack={() => setMerging(undefined)}
            error={error}
            busy={busy}
          />
        )}
      </div>
    </Dialog>
  );
}

interface MergeFormProps {
  readonly fields: AnnotationFields;
  readonly tagChoices: readonly string[];
  readonly tagName: (id: string) => string;
  readonly onChange: (fields: AnnotationFields) => void;
  readonly onSubmit: () => void;
  readonly onBack: () => void;
  readonly error: string | undefined;
  readonly busy: boolean;
}

/** Both changes in one, to edit: the note holding both notes, and the tags of both sides. */
function MergeForm({ fields, tagChoices, tagName, onChange, onSubmit, onBack, error, busy }: MergeFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const toggle = (tag: string) =>
    onChange({ ...fields, tags: fields.tags.includes(tag) ? fields.tags.filter((id) => id !== tag) : [...fields.tags, tag] });
  return (
    <form className="form" onSubmit={submit} aria-label="Merge">
      <fieldset className="tag-picker">
        <legend>Merged tags</legend>
        {tagChoices.map((tag) => (
          <label key={tag} className="tag-option">
            <input type="checkbox" checked={fields.tags.includes(tag)} onChange={() => toggle(tag)} />
            {tagName(tag)}
          </label>
        ))}
      </fieldset>
      <label>
        Merged note (Markdown)
        <textarea autoFocus value={fields.note} rows={6} onChange={(event) => onChange({ ...fields, note: event.target.value })} />
      </label>
      <FormFooter error={error} busy={busy} submit={['Save merged', 'Saving…']} onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}
