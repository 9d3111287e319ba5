// The annotation form: tags from the codebook, verification status, speaker
// and outlet (with the ones already used in the workspace offered), and a Markdown note.
// Keys (form-keys.ts): a tag's key toggles it, Alt+S moves to the next status, Ctrl/Cmd+Enter saves.
import { useEffect, useState, type FormEvent } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { shorten } from '../ui/format.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import type { AnnotationFields } from './edit-conflict.ts';
import { formKeyOf, nextStatus } from './form-keys.ts';

export interface AnnotationDraft {
  readonly quote: string;
  readonly tags: readonly string[];
  readonly status: string;
  readonly speaker: string;
  readonly outlet: string;
  readonly note: string;
}

interface AnnotationDialogProps {
  readonly title: string;
  readonly draft: AnnotationDraft;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly onSave: (fields: AnnotationFields) => Promise<string | undefined>;
  readonly onClose: () => void;
}

export function AnnotationDialog({ title, draft, codebook, statuses, onSave, onClose }: AnnotationDialogProps) {
  const [fields, setFields] = useState({
    tags: [...draft.tags],
    status: draft.status,
    speaker: draft.speaker,
    outlet: draft.outlet,
    note: draft.note,
  });
  const [suggestions, setSuggestions] = useState<{ speakers: string[]; outlets: string[] }>({ speakers: [], outlets: [] });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.getAnnotationSuggestions().then((value) => live && setSuggestions(value));
    return () => {
      live = false;
    };
  }, []);

  const toggle = (tagId: string) =>
    setFields((current) => ({
      ...current,
      tags: current.tags.includes(tagId) ? current.tags.filter((id) => id !== tagId) : [...current.tags, tagId],
    }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const problem = await onSave({ ...fields, speaker: fields.speaker.trim(), outlet: fields.outlet.trim() }).catch(
      (caught: unknown) => (caught as Error).message,
    );
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };

  const groups = codebook.tags.filter((tag) => tag.parentId === undefined);
  const shortcuts = new Map(codebook.tags.flatMap((tag) => (tag.shortcut ? [[tag.shortcut, tag.id] as const] : [])));
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="form form-grid"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          const key = formKeyOf(event.nativeEvent, shortcuts);
          if (key === undefined) return;
          event.preventDefault();
          if (key.kind === 'save') void submit();
          else if (key.kind === 'tag') toggle(key.tagId);
          else setFields((current) => ({ ...current, status: nextStatus(statuses, current.status) }));
        }}
      >
        <blockquote className="quote-block span-2">{shorten(draft.quote, 400)}</blockquote>
        <fieldset className="span-2 tag-picker">
          <legend>Tags</legend>
          {groups.map((group) => (
            <div key={group.id} className="tag-group">
              <span className="tag-group-name">{group.name}</span>
              {codebook.tags
                .filter(
                  (tag) =>
                    tag.parentId === group.id || (tag.id === group.id && !codebook.tags.some((child) => child.parentId === group.id)),
                )
                .map((tag) => (
                  <label key={tag.id} className="tag-option" title={tag.description}>
                    <input type="checkbox" checked={fields.tags.includes(tag.id)} onChange={() => toggle(tag.id)} />
                    <span className="tag-swatch" style={{ background: tag.color }} />
                    {tag.name}
                    {tag.shortcut && <kbd>{tag.shortcut}</kbd>}
                  </label>
                ))}
            </div>
          ))}
        </fieldset>
        <div className="field-with-help">
          <label title="Alt+S: next status">
            Status <kbd>Alt+S</kbd>
            <OptionSelect
              value={fields.status}
              options={statuses}
              onChange={(status) => setFields({ ...fields, status })}
              aria-describedby="annotation-status-help"
            />
          </label>
          <span className="field-help" id="annotation-status-help">
            What checking found in this passage. The verdict on a claim as a whole is set in the Claims view.
          </span>
        </div>
        <label>
          Speaker
          <input
            value={fields.speaker}
            list="annotation-speakers"
            onChange={(event) => setFields({ ...fields, speaker: event.target.value })}
            placeholder="Who said it"
          />
        </label>
        <label className="span-2">
          Attributed outlet or source
          <input
            value={fields.outlet}
            list="annotation-outlets"
            onChange={(event) => setFields({ ...fields, outlet: event.target.value })}
            placeholder="Where it was said or reported"
          />
        </label>
        <label className="span-2">
          Note (Markdown)
          <textarea value={fields.note} rows={5} onChange={(event) => setFields({ ...fields, note: event.target.value })} />
        </label>
        <datalist id="annotation-speakers">
          {suggestions.speakers.map((speaker) => (
            <option key={speaker} value={speaker} />
          ))}
        </datalist>
        <datalist id="annotation-outlets">
          {suggestions.outlets.map((outlet) => (
            <option key={outlet} value={outlet} />
          ))}
        </datalist>
        <FormFooter error={error} busy={busy} submit={['Save annotation', 'Saving…']} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
