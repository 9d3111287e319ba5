// Curation: one document's disagreements among the compared coders, settled from the keyboard.
// The list is one tab stop (a roving tabindex, as in the annotations panel): j/k move, h/l (or a
// coder's number) accept a side, m merges, e edits; each decision is written by the service as
// the curated version of that region (one undo step: Ctrl+Z) and the cursor moves to the next
// open disagreement. The keys are the command registry's ('agreement' scope).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { curate } from '../../../core/agreement/curate.ts';
import type { AgreementDocumentSummary, CurationDecision, DisagreementView } from '../../../core/contract/workbench-api.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { AnnotationDialog, type AnnotationDraft } from '../annotations/AnnotationDialog.tsx';
import { commandOfKey } from '../commands/command-registry.ts';
import { coderName } from './AgreementChoices.tsx';
import { DisagreementItem } from './DisagreementItem.tsx';
import { useDisagreements } from './use-agreement.ts';

interface CurationPanelProps {
  readonly workspace: WorkspaceInfo;
  readonly coders: readonly string[];
  readonly tagIds: readonly string[];
  readonly documents: readonly AgreementDocumentSummary[];
  readonly curator: string;
  readonly onCurator: (curator: string) => void;
  /** Shows a failure the analyst should see. */
  readonly report: (message: string) => void;
}

const keyOf = (item: Pick<DisagreementView, 'start' | 'end'>) => `${item.start}:${item.end}`;

/** A draft for the edit form: the merge (the first side's span, every side's tags), as the analyst starts from. */
function editDraft(item: DisagreementView, creator: string): { draft: AnnotationDraft; start: number; end: number } {
  const annotations = item.sides.flatMap((side) => side.annotations);
  const region = {
    documentId: '',
    start: item.start,
    end: item.end,
    sides: item.sides.map((side) => ({ coder: side.coder, annotationIds: side.annotations.map((one) => one.id) })),
  };
  const merged = curate(region, annotations, { kind: 'merge' }, { creator, now: new Date().toISOString(), newId: () => 'draft' });
  const start = Math.min(...merged.map((one) => one.target.start));
  const end = Math.max(...merged.map((one) => one.target.end));
  const first = merged[0]!;
  return {
    draft: {
      quote: item.text.slice(start - item.start, end - item.start),
      tags: [...new Set(merged.flatMap((one) => one.tags))],
      status: first.status,
      speaker: first.speaker,
      outlet: first.outlet,
      note: first.note,
    },
    start,
    end,
  };
}

export function CurationPanel({ workspace, coders, tagIds, documents, curator, onCurator, report }: CurationPanelProps) {
  const [chosenId, setChosenId] = useState<string>();
  const documentId =
    chosenId !== undefined && documents.some((document) => document.id === chosenId)
      ? chosenId
      : (documents.find((document) => document.disagreements > document.curated) ?? documents[0])?.id;
  const listed = useDisagreements(documentId, coders, tagIds, curator);
  const items = useMemo(() => (listed?.ok ? listed.value.items : []), [listed]);
  const [cursorKey, setCursorKey] = useState<string>();
  const [said, setSaid] = useState('');
  const [editing, setEditing] = useState<{ item: DisagreementView; draft: AnnotationDraft; start: number; end: number }>();
  const list = useRef<HTMLOListElement>(null);
  // What the last decision did is said until an undo takes it back (the status bar says what was undone).
  useEffect(() => {
    const subscription = api.onDidChangeHistory((history) => history.canRedo && setSaid(''));
    return () => subscription.dispose();
  }, []);

  const index = Math.max(
    0,
    items.findIndex((item) => keyOf(item) === cursorKey),
  );
  const current = items[index];
  const settled = (item: DisagreementView) => item.curated.length > 0 || item.keptNothing;
  const open = items.filter((item) => !settled(item)).length;
  const tags = useMemo(() => new Map(workspace.codebook.tags.map((tag) => [tag.id, tag])), [workspace.codebook]);
  const statuses = useMemo(() => new Map(workspace.settings.statuses.map((status) => [status.id, status])), [workspace.settings.statuses]);

  // A move from the keyboard (or after a decision) takes the focus along, once the list shows the
  // cursor there (another update may be drawn first: the figures and the list are read again).
  const focusWanted = useRef<string>(undefined);
  useEffect(() => {
    if (focusWanted.current === undefined || current === undefined || keyOf(current) !== focusWanted.current) return;
    focusWanted.current = undefined;
    list.current?.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus();
  });
  const moveTo = (next: number) => {
    const item = items[Math.min(items.length - 1, Math.max(0, next))];
    if (item === undefined) return;
    focusWanted.current = keyOf(item);
    setCursorKey(keyOf(item));
  };

  /** Writes a decision; resolves with what went wrong, if anything (the edit form shows it; keys report it). */
  const decide = (item: DisagreementView, decision: CurationDecision, done: string): Promise<string | undefined> => {
    if (documentId === undefined) return Promise.resolve(undefined);
    const at = items.indexOf(item);
    return api
      .curateDisagreement(documentId, {
        coders: [...coders],
        tagIds: [...tagIds],
        curator,
        region: { start: item.start, end: item.end },
        decision,
      })
      .then(
        (result) => {
          if (!result.ok) return result.error.message;
          const { written, removed } = result.value;
          // Nothing written or removed: the region was curated so already (annotations, or "nothing here").
          setSaid(written === 0 && removed === 0 && settled(item) ? 'The curated version there is already so.' : done);
          // On to the next open disagreement after this one, if any.
          const next = items.findIndex((other, position) => position > at && !settled(other));
          if (next >= 0) moveTo(next);
          return undefined;
        },
        (error: unknown) => (error as Error).message,
      );
  };

  const decideFromKey = (item: DisagreementView, decision: CurationDecision, done: string) =>
    void decide(item, decision, done).then((problem) => problem !== undefined && report(problem));

  const onItemKey = (event: KeyboardEvent<HTMLButtonElement>, item: DisagreementView) => {
    const command = commandOfKey(event.nativeEvent, 'agreement');
    const at = items.indexOf(item);
    const accept = (side: number) => {
      const coder = item.sides[side]?.coder;
      if (coder !== undefined) decideFromKey(item, { kind: 'accept', coder }, `Accepted ${coderName(coder)}’s side.`);
    };
    if (command === undefined) {
      if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        moveTo(event.key === 'Home' ? 0 : items.length - 1);
      }
      return;
    }
    event.preventDefault();
    if (command === 'agreement.next') moveTo(at + 1);
    else if (command === 'agreement.previous') moveTo(at - 1);
    else if (command === 'agreement.acceptLeft') accept(0);
    else if (command === 'agreement.acceptRight') accept(item.sides.length - 1 > 0 ? 1 : 0);
    else if (command === 'agreement.acceptCoder') accept(Number(event.key) - 1);
    else if (command === 'agreement.merge') decideFromKey(item, { kind: 'merge' }, 'Merged the sides.');
    else if (command === 'agreement.edit') setEditing({ item, ...editDraft(item, curator) });
  };

  const takeAgreements = () => {
    if (documentId === undefined) return;
    void api.curateAgreements(documentId, { coders: [...coders], tagIds: [...tagIds], curator }).then((result) => {
      if (!result.ok) return report(result.error.message);
      const { written } = result.value;
      setSaid(
        written === 0
          ? 'Every agreement here is in the curated version already.'
          : `Took over ${written} agreed annotation${written === 1 ? '' : 's'}.`,
      );
    });
  };

  const analyst = workspace.settings.analystName.trim();
  return (
    <section className="curation" aria-labelledby="curation-title">
      <div className="curation-tools">
        <h2 className="pane-title" id="curation-title">
          Curate
        </h2>
        <label className="agreement-field">
          <span>Document</span>
          <select value={documentId ?? ''} onChange={(event) => setChosenId(event.target.value)} disabled={documents.length === 0}>
            {documents.map((document) => (
              <option key={document.id} value={document.id}>
                {document.title} — {document.disagreements} disagreement{document.disagreements === 1 ? '' : 's'}, {document.curated}{' '}
                curated
              </option>
            ))}
          </select>
        </label>
        <fieldset className="curation-curator">
          <legend>Curated version written as</legend>
          {[...new Set(['curator', ...(analyst === '' ? [] : [analyst])])].map((name) => (
            <label key={name} title={coders.includes(name) ? `${name} is one of the coders compared` : undefined}>
              <input
                type="radio"
                name="curator"
                checked={curator === name}
                disabled={coders.includes(name)}
                onChange={() => onCurator(name)}
              />
              {name === 'curator' ? '“curator”' : `${name} (you)`}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button-small"
          onClick={takeAgreements}
          disabled={documentId === undefined || coders.length < 2}
          title="Copy every passage the coders marked alike into the curated version (one undo step)"
        >
          Take over the agreements
        </button>
      </div>
      <p className="curation-keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>h</kbd>/<kbd>l</kbd> accept the left/right side (<kbd>1</kbd>–<kbd>9</kbd>: a coder’s) ·{' '}
        <kbd>m</kbd> merge · <kbd>e</kbd> edit · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
      </p>
      <p className="curation-progress" role="status">
        {coders.length < 2
          ? 'Choose two or more coders to compare.'
          : listed?.ok === false
            ? listed.error.message
            : listed === undefined
              ? ''
              : items.length === 0
                ? 'No disagreements in this document.'
                : `${items.length - open} of ${items.length} disagreements curated. ${said}`}
      </p>
      {items.length > 0 && (
        <ol className="disagreements" ref={list} aria-label="Disagreements">
          {items.map((item, position) => (
            <DisagreementItem
              key={keyOf(item)}
              item={item}
              position={position + 1}
              count={items.length}
              current={item === current}
              curator={curator}
              tags={tags}
              statuses={statuses}
              onChoose={() => setCursorKey(keyOf(item))}
              onKeyDown={(event) => onItemKey(event, item)}
            />
          ))}
        </ol>
      )}
      {editing && (
        <AnnotationDialog
          title="Curated annotation"
          draft={editing.draft}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onSave={(fields) =>
            decide(editing.item, { kind: 'edit', annotation: { start: editing.start, end: editing.end, ...fields } }, 'Wrote your edit.')
          }
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}
