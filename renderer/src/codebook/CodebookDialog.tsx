// The codebook editor: the tag tree (with how many annotations use each tag) beside a form for the
// chosen tag. Renaming or recolouring a tag changes every highlight at once; deleting one that
// annotations use first asks what should happen to them. Every change can be undone (Ctrl/Cmd+Z).
import { useMemo, useState, type FormEvent } from 'react';
import { descendantsOf, tagTree, type TagDeletionPlan } from '../../../core/codebook/edit.ts';
import type { Codebook, Tag } from '../../../core/model/codebook.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { FileButton } from '../ui/FileButton.tsx';
import { downloadText } from '../bundles/download.ts';
import { SpeakersPane } from './SpeakersPane.tsx';

interface CodebookDialogProps {
  readonly codebook: Codebook;
  readonly onClose: () => void;
  /** Opens the annotations table filtered by a tag (its count is a button then). */
  readonly onShowAnnotations?: (tagId: string) => void;
}

type Pane = { kind: 'edit'; tagId: string } | { kind: 'new'; parentId?: string } | { kind: 'delete'; tagId: string } | { kind: 'speakers' };

const NO_USAGE: Readonly<Record<string, number>> = {};
const KEYS = [...'123456789abcdefghijklmnopqrstuvwxyz0'];
const NEW_COLORS = ['#e6a700', '#3b82f6', '#10a37f', '#a855f7', '#ec4899', '#0ea5e9', '#f97316', '#14b8a6', '#ef4444', '#64748b'];

export function CodebookDialog({ codebook, onClose, onShowAnnotations }: CodebookDialogProps) {
  const rows = useMemo(() => tagTree(codebook), [codebook]);
  const [chosenPane, setPane] = useState<Pane>(() => (rows[0] ? { kind: 'edit', tagId: rows[0].tag.id } : { kind: 'new' }));
  const [message, setMessage] = useState<string>();

  // Counts change with the codebook (a deletion) and with annotations; read again on both.
  const usage = useServiceValue(api.getTagUsage, [api.onDidChangeDocuments], codebook) ?? NO_USAGE;

  // A tag that is gone (deleted here, or by an undo) leaves the form for the first tag.
  const gone = (chosenPane.kind === 'edit' || chosenPane.kind === 'delete') && !codebook.tags.some((tag) => tag.id === chosenPane.tagId);
  const pane: Pane = !gone ? chosenPane : rows[0] ? { kind: 'edit', tagId: rows[0].tag.id } : { kind: 'new' };
  const chosen = pane.kind === 'edit' || pane.kind === 'delete' ? codebook.tags.find((tag) => tag.id === pane.tagId) : undefined;

  const exportAs = async (format: 'csv' | 'qdc') => {
    const file = await api.exportCodebook(format);
    downloadText(file.fileName, file.mimeType, file.text);
  };

  const importFile = async (file: File) => {
    const format = /\.csv$/i.test(file.name) ? 'csv' : 'qdc';
    const result = await api.importCodebook(format, await file.text());
    setMessage(
      result.ok
        ? `Imported ${file.name}: ${result.value.added.length} tags added, ${result.value.updated.length} updated, ${result.value.unchanged.length} unchanged. ${result.value.notes.map((note) => `${note} `).join('')}Ctrl+Z undoes it.`
        : `Could not import ${file.name}: ${result.error.message}`,
    );
  };

  return (
    <Dialog title="Codebook" onClose={onClose} wide closeButton={{ label: 'Close' }}>
      <div className="codebook">
        <div className="codebook-side">
          <div className="codebook-tools">
            <button type="button" className="button-small" onClick={() => setPane({ kind: 'new' })}>
              New tag
            </button>
            <FileButton
              className="button-small"
              title="Add or update tags from a CSV or REFI-QDA codebook (.qdc); no tag is removed"
              accept=".csv,.qdc,.xml,text/csv"
              onFile={(file) => void importFile(file)}
              testId="codebook-import-input"
            >
              Import…
            </FileButton>
            <button type="button" className="button-small" onClick={() => void exportAs('csv')}>
              Export CSV
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => void exportAs('qdc')}
              title="REFI-QDA codebook, for NVivo, ATLAS.ti, MAXQDA and Taguette"
            >
              Export .qdc
            </button>
            <button
              type="button"
              className="button-small"
              aria-pressed={pane.kind === 'speakers'}
              onClick={() => setPane({ kind: 'speakers' })}
              title="Speakers and their other spellings: merge “Zelensky” into “Zelenskyy”"
            >
              Speakers…
            </button>
          </div>
          {message && (
            <p className="codebook-message" role="status">
              {message}
            </p>
          )}
          <ul className="codebook-tree" aria-label="Tags">
            {rows.map(({ tag, depth }) => (
              <li key={tag.id} className={onShowAnnotations ? 'codebook-item' : undefined}>
                <button
                  type="button"
                  className="codebook-row"
                  aria-current={(pane.kind === 'edit' || pane.kind === 'delete') && pane.tagId === tag.id}
                  style={{ paddingLeft: 8 + depth * 16 }}
                  onClick={() => setPane({ kind: 'edit', tagId: tag.id })}
                >
                  <span className="tag-swatch" style={{ background: tag.color }} />
                  <span className="codebook-name">{tag.name}</span>
                  {tag.shortcut && <kbd>{tag.shortcut}</kbd>}
                  {!onShowAnnotations && (
                    <span className="codebook-usage" title="Annotations with this tag">
                      {usage[tag.id] ?? 0}
                    </span>
                  )}
                </button>
                {onShowAnnotations && (
                  <button
                    type="button"
                    className="codebook-usage codebook-usage-button"
                    title="Annotations with this tag: show them (with those of the tags below it) in the annotations table"
                    aria-label={`${usage[tag.id] ?? 0} annotations tagged ${tag.name}: show them in the table`}
                    onClick={() => onShowAnnotations(tag.id)}
                  >
                    {usage[tag.id] ?? 0}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
        <div className="codebook-main">
          {pane.kind === 'speakers' ? (
            <SpeakersPane codebook={codebook} onMessage={setMessage} />
          ) : pane.kind === 'delete' && chosen ? (
            <DeleteTagForm
              key={chosen.id}
              tag={chosen}
              codebook={codebook}
              uses={usage[chosen.id] ?? 0}
              onDone={(note) => (setMessage(note), setPane(chosen.parentId ? { kind: 'edit', tagId: chosen.parentId } : chosenPane))}
              onCancel={() => setPane({ kind: 'edit', tagId: chosen.id })}
            />
          ) : (
            <TagForm
              key={chosen?.id ?? 'new'}
              tag={chosen}
              parentId={pane.kind === 'new' ? pane.parentId : undefined}
              codebook={codebook}
              onSaved={(tag, note) => (setMessage(note), setPane({ kind: 'edit', tagId: tag.id }))}
              onDelete={() => chosen && setPane({ kind: 'delete', tagId: chosen.id })}
              onAddChild={() => chosen && setPane({ kind: 'new', parentId: chosen.id })}
            />
          )}
        </div>
      </div>
    </Dialog>
  );
}

interface TagFormProps {
  readonly tag: Tag | undefined;
  readonly parentId: string | undefined;
  readonly codebook: Codebook;
  readonly onSaved: (tag: Tag, note: string) => void;
  readonly onDelete: () => void;
  readonly onAddChild: () => void;
}

function TagForm({ tag, parentId, codebook, onSaved, onDelete, onAddChild }: TagFormProps) {
  const [fields, setFields] = useState(() => ({
    name: tag?.name ?? '',
    color: tag?.color ?? NEW_COLORS[codebook.tags.length % NEW_COLORS.length]!,
    parentId: tag?.parentId ?? parentId ?? '',
    shortcut: tag?.shortcut ?? '',
    description: tag?.description ?? '',
  }));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => tagTree(codebook), [codebook]);
  // A tag cannot go inside itself or its own children.
  const excluded = useMemo(() => (tag ? descendantsOf(codebook, tag.id) : new Set<string>()), [codebook, tag]);
  const keyHolders = new Map(
    codebook.tags.flatMap((other) => (other.shortcut && other.id !== tag?.id ? [[other.shortcut, other.name] as const] : [])),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = tag
      ? await api.updateTag(tag.id, { ...fields, parentId: fields.parentId || null, shortcut: fields.shortcut || null })
      : await api.addTag({
          name: fields.name,
          color: fields.color,
          description: fields.description,
          ...(fields.parentId ? { parentId: fields.parentId } : {}),
          ...(fields.shortcut ? { shortcut: fields.shortcut } : {}),
        });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(undefined);
    onSaved(result.value, tag ? `Saved ${result.value.name}.` : `Added ${result.value.name}.`);
  };

  return (
    <form className="form form-grid" onSubmit={(event) => void submit(event)} aria-label={tag ? `Edit tag ${tag.name}` : 'New tag'}>
      <h3 className="codebook-heading span-2">{tag ? tag.name : 'New tag'}</h3>
      <label className="span-2">
        Name
        <input
          value={fields.name}
          required
          maxLength={120}
          onChange={(event) => setFields({ ...fields, name: event.target.value })}
          autoFocus={tag === undefined}
        />
      </label>
      <label>
        Colour
        <input type="color" value={fields.color} onChange={(event) => setFields({ ...fields, color: event.target.value })} />
      </label>
      <label>
        Key
        <select value={fields.shortcut} onChange={(event) => setFields({ ...fields, shortcut: event.target.value })}>
          <option value="">None</option>
          {KEYS.map((key) => (
            <option key={key} value={key} disabled={keyHolders.has(key)}>
              {key}
              {keyHolders.has(key) ? ` (${keyHolders.get(key)})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="span-2">
        Inside
        <select value={fields.parentId} onChange={(event) => setFields({ ...fields, parentId: event.target.value })}>
          <option value="">(top level)</option>
          {rows.map(({ tag: option, depth }) => (
            <option key={option.id} value={option.id} disabled={excluded.has(option.id)}>
              {'\u00a0\u00a0'.repeat(depth)}
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <label className="span-2">
        Description
        <textarea
          className="codebook-description"
          value={fields.description}
          maxLength={2000}
          rows={3}
          onChange={(event) => setFields({ ...fields, description: event.target.value })}
        />
      </label>
      {tag && (
        <div className="codebook-tag-actions span-2">
          <button type="button" className="button-small" onClick={onAddChild}>
            Add a tag inside
          </button>
          <button type="button" className="button-small button-danger" onClick={onDelete}>
            Delete tag…
          </button>
        </div>
      )}
      <FormFooter
        error={error}
        busy={busy}
        submit={tag ? ['Save tag', 'Saving…'] : ['Add tag', 'Adding…']}
        onCancel={() =>
          setFields({
            name: tag?.name ?? '',
            color: tag?.color ?? fields.color,
            parentId: tag?.parentId ?? '',
            shortcut: tag?.shortcut ?? '',
            description: tag?.description ?? '',
          })
        }
        cancelLabel="Reset"
      />
    </form>
  );
}

interface DeleteTagFormProps {
  readonly tag: Tag;
  readonly codebook: Codebook;
  readonly uses: number;
  readonly onDone: (note: string) => void;
  readonly onCancel: () => void;
}

function DeleteTagForm({ tag, codebook, uses, onDone, onCancel }: DeleteTagFormProps) {
  const others = useMemo(() => tagTree(codebook).filter((row) => row.tag.id !== tag.id), [codebook, tag]);
  const [choice, setChoice] = useState<TagDeletionPlan['annotations']>('untag');
  const [into, setInto] = useState(others.find((row) => row.tag.parentId === tag.parentId)?.tag.id ?? others[0]?.tag.id ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const children = codebook.tags.filter((child) => child.parentId === tag.id);
  const parent = codebook.tags.find((candidate) => candidate.id === tag.parentId);
  const usedBy = uses === 1 ? '1 annotation' : `${uses} annotations`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const plan: TagDeletionPlan = choice === 'retag' ? { annotations: 'retag', into } : { annotations: choice };
    setBusy(true);
    const result = await api.deleteTag(tag.id, plan);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const what =
      uses === 0 ? '' : choice === 'delete' ? `; ${usedBy} deleted` : choice === 'retag' ? `; ${usedBy} retagged` : `; ${usedBy} untagged`;
    onDone(`Deleted ${tag.name}${what}. Ctrl+Z undoes it.`);
  };

  return (
    <form className="form form-grid" onSubmit={(event) => void submit(event)} aria-label={`Delete tag ${tag.name}`}>
      <h3 className="codebook-heading span-2">Delete “{tag.name}”?</h3>
      {children.length > 0 && (
        <p className="span-2 codebook-note">
          Its {children.length === 1 ? 'tag' : `${children.length} tags`} {children.map((child) => child.name).join(', ')} will move to{' '}
          {parent ? parent.name : 'the top level'}.
        </p>
      )}
      {uses === 0 ? (
        <p className="span-2 codebook-note">No annotation uses it.</p>
      ) : (
        <fieldset className="span-2 codebook-plan">
          <legend>{usedBy} carry this tag. What should happen to them?</legend>
          <label>
            <input type="radio" name="plan" checked={choice === 'untag'} onChange={() => setChoice('untag')} />
            Keep the annotations, without this tag
          </label>
          <label>
            <input
              type="radio"
              name="plan"
              checked={choice === 'retag'}
              onChange={() => setChoice('retag')}
              disabled={others.length === 0}
            />
            Give them another tag instead:
            <select
              aria-label="Replacement tag"
              value={into}
              onChange={(event) => (setInto(event.target.value), setChoice('retag'))}
              disabled={others.length === 0}
            >
              {others.map(({ tag: option, depth }) => (
                <option key={option.id} value={option.id}>
                  {'\u00a0\u00a0'.repeat(depth)}
                  {option.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="radio" name="plan" checked={choice === 'delete'} onChange={() => setChoice('delete')} />
            Delete the annotations
          </label>
        </fieldset>
      )}
      <FormFooter error={error} busy={busy} submit={['Delete tag', 'Deleting…']} onCancel={onCancel} danger />
    </form>
  );
}
