// The bar the annotations panel (and the annotations table) shows when several rows are selected:
// set their speaker or status, add a tag or take one away, all in one change (one undo step). A
// field left empty is left as it is on each annotation. A refusal is shown here, with the fields kept as typed.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import type { Codebook, Tag } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';

interface BulkEditBarProps {
  /** The selected annotations (their tags say which can be taken away); those known, when `count` says more are selected. */
  readonly selected: readonly { readonly tags: readonly string[] }[];
  /** How many are selected, when `selected` holds only some of them (the annotations table's rows not yet shown). */
  readonly count?: number;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  /** Changes the selected annotations: the problem, or undefined once it is done. */
  readonly onApply: (patch: BulkAnnotationPatch) => Promise<string | undefined>;
  readonly onClear: () => void;
}

const EMPTY = { speaker: '', status: '', addTag: '', removeTag: '' };
const KEEP = [{ id: '', label: 'Keep as is' }];

export function BulkEditBar({ selected, count = selected.length, codebook, statuses, onApply, onClear }: BulkEditBarProps) {
  const id = useId();
  const [fields, setFieldsNow] = useState(EMPTY);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [used, setUsed] = useState<readonly string[]>([]);
  // A problem said stays until the fields change or Apply is pressed again.
  const setFields = (next: typeof EMPTY) => {
    setFieldsNow(next);
    setError(undefined);
  };

  useEffect(() => {
    let live = true;
    void api.getAnnotationSuggestions().then((value) => live && setUsed(value.speakers));
    return () => {
      live = false;
    };
  }, []);

  // The codebook's speakers first (with their other spellings), then names used on annotations.
  const speakers = codebook.speakers ?? [];
  const named = new Set(speakers.map((speaker) => speaker.name));
  const others = used.filter((name) => !named.has(name));
  // Only the tags some selected annotation has can be taken away (any tag, when not every one is known).
  const carried = new Map<string, number>();
  for (const annotation of selected) for (const tag of annotation.tags) carried.set(tag, (carried.get(tag) ?? 0) + 1);
  const everyKnown = selected.length === count;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const speaker = fields.speaker.trim();
    const patch = {
      ...(speaker !== '' ? { speaker } : {}),
      ...(fields.status !== '' ? { status: fields.status } : {}),
      ...(fields.addTag !== '' ? { addTags: [fields.addTag] } : {}),
      ...(fields.removeTag !== '' ? { removeTags: [fields.removeTag] } : {}),
    };
    if (Object.keys(patch).length === 0) return setError('Choose a speaker, a status or a tag to change.');
    setBusy(true);
    const problem = await onApply(patch).catch((caught: unknown) => (caught as Error).message);
    setBusy(false);
    setError(problem);
    if (problem === undefined) setFieldsNow(EMPTY);
  };

  return (
    <form className="bulk-bar" aria-label="Change the selected annotations" onSubmit={(event) => void submit(event)}>
      <div className="bulk-bar-head">
        <span className="bulk-bar-count" role="status" data-testid="bulk-count">
          {count} selected
        </span>
        <button type="button" className="button-small" onClick={onClear} title="Select only the annotation at the cursor again (Esc)">
          Clear
        </button>
      </div>
      <div className="bulk-bar-fields">
        <label className="bulk-field bulk-field-wide">
          Set speaker
          <input
            value={fields.speaker}
            list={`${id}-speakers`}
            placeholder="Keep as is"
            onChange={(event) => setFields({ ...fields, speaker: event.target.value })}
          />
        </label>
        <label className="bulk-field">
          Set status
          <OptionSelect value={fields.status} first={KEEP} options={statuses} onChange={(status) => setFields({ ...fields, status })} />
        </label>
        <label className="bulk-field">
          Add tag
          <TagSelect tags={codebook.tags} value={fields.addTag} onChange={(addTag) => setFields({ ...fields, addTag })} />
        </label>
        <label className="bulk-field">
          Remove tag
          <TagSelect
            tags={everyKnown ? codebook.tags.filter((tag) => carried.has(tag.id)) : codebook.tags}
            value={fields.removeTag}
            onChange={(removeTag) => setFields({ ...fields, removeTag })}
            countOf={everyKnown ? (tag) => `${carried.get(tag) ?? 0} of ${count}` : undefined}
            groupsToo
          />
        </label>
        <button type="submit" className="button-primary bulk-apply">
          {busy ? 'Applying…' : `Apply to ${count}`}
        </button>
      </div>
      {error && (
        <p className="form-error bulk-bar-error" role="alert">
          {error}
        </p>
      )}
      <datalist id={`${id}-speakers`}>
        {speakers.map((speaker) => (
          <option
            key={speaker.name}
            value={speaker.name}
            label={speaker.aliases.length > 0 ? `also ${speaker.aliases.join(', ')}` : undefined}
          />
        ))}
        {others.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </form>
  );
}

interface TagSelectProps {
  readonly tags: readonly Tag[];
  readonly value: string;
  readonly onChange: (tagId: string) => void;
  /** A note after a tag's name ("2 of 3"). */
  readonly countOf?: (tagId: string) => string;
  /** A group with tags inside can be chosen too (to take it away: annotations may carry one). */
  readonly groupsToo?: boolean;
}

/** The tags under their top-level groups (a group with tags inside is a heading, not a choice). */
function TagSelect({ tags, value, onChange, countOf, groupsToo = false }: TagSelectProps) {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const rootOf = (tag: Tag): Tag => {
    const seen = new Set([tag.id]);
    let root = tag;
    for (
      let parent = byId.get(tag.parentId ?? '');
      parent !== undefined && !seen.has(parent.id);
      parent = byId.get(parent.parentId ?? '')
    ) {
      seen.add(parent.id);
      root = parent;
    }
    return root;
  };
  const inside = new Map<string, Tag[]>();
  for (const tag of tags) {
    const root = rootOf(tag);
    if (root !== tag) inside.set(root.id, [...(inside.get(root.id) ?? []), tag]);
  }
  const label = (tag: Tag) => (countOf ? `${tag.name} (${countOf(tag.id)})` : tag.name);
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} disabled={tags.length === 0}>
      <option value="">{tags.length === 0 ? 'No tags' : 'None'}</option>
      {tags
        .filter((tag) => rootOf(tag) === tag)
        .map((root) => {
          const children = inside.get(root.id);
          return children === undefined ? (
            <option key={root.id} value={root.id}>
              {label(root)}
            </option>
          ) : (
            <optgroup key={root.id} label={root.name}>
              {(groupsToo ? [root, ...children] : children).map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {label(tag)}
                </option>
              ))}
            </optgroup>
          );
        })}
    </select>
  );
}
