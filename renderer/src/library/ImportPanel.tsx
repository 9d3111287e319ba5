// Shows an import while it runs (a progress bar, the file in hand, Cancel) and what came of it:
// each file imported, already there, or rejected with its reason, and, when files brought new
// documents, Add details… (the details step: their role, outlet, date and URL at once). An import
// where every file went in dismisses itself after a while (not while the pointer or focus is on
// it); one with a file not imported stays until dismissed, so that no reason for a refusal goes
// unread.
import { useEffect, useRef, useState } from 'react';
import { describeAnchors, type ImportOutcome } from '../../../core/model/import.ts';
import type { ImportJob } from './use-imports.ts';

interface ImportPanelProps {
  readonly job: ImportJob;
  readonly onCancel: () => void;
  readonly onDismiss: () => void;
  readonly onOpen: (documentId: string) => void;
  /** Opens the details step for the documents the import added. */
  readonly onDetails: () => void;
  /** The details step is open: the panel stays (its button takes the focus back). */
  readonly detailsOpen: boolean;
}

/** The id of the library's Import… button: the details step takes the focus from it when its files are in. */
export const IMPORT_BUTTON_ID = 'import-files-button';

/** How long a clean import's results stay up after it finished, while nobody is looking at them. */
export const IMPORT_PANEL_LINGER_MS = 15_000;

export function ImportPanel({ job, onCancel, onDismiss, onOpen, onDetails, detailsOpen }: ImportPanelProps) {
  const running = job.phase !== 'finished';
  const imported = job.outcomes.filter((outcome) => outcome.status === 'imported' || outcome.status === 'updated').length;
  // Pasted text had its details in the paste dialog; new versions keep theirs.
  const added = job.from === 'files' ? job.outcomes.filter((outcome) => outcome.status === 'imported').length : 0;
  const offersDetails = !running && added > 0;
  const detailsButton = useRef<HTMLButtonElement>(null);
  // Chosen with Import… from the keyboard, the next step is the details: the focus goes on to it
  // (from that button only, so that it never leaves anything the analyst went on to).
  useEffect(() => {
    if (offersDetails && document.activeElement?.id === IMPORT_BUTTON_ID) detailsButton.current?.focus();
  }, [offersDetails]);
  const rejected = job.outcomes.filter((outcome) => outcome.status === 'rejected').length;
  const duplicates = job.outcomes.filter((outcome) => outcome.status === 'duplicate').length;
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const lingers = !running && rejected === 0 && !held.pointer && !held.focus && !detailsOpen;
  useEffect(() => {
    if (!lingers) return;
    const timer = setTimeout(onDismiss, IMPORT_PANEL_LINGER_MS);
    return () => clearTimeout(timer);
  }, [lingers, onDismiss]);
  return (
    <section
      className="import-panel"
      aria-label="Import"
      data-testid="import-panel"
      onPointerEnter={() => setHeld((previous) => ({ ...previous, pointer: true }))}
      onPointerLeave={() => setHeld((previous) => ({ ...previous, pointer: false }))}
      onFocus={() => setHeld((previous) => ({ ...previous, focus: true }))}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHeld((previous) => ({ ...previous, focus: false }));
      }}
    >
      <header className="import-header">
        <strong>
          {running
            ? `${job.phase === 'uploading' ? 'Reading' : 'Importing'} ${Math.min(job.done + 1, job.total)} of ${job.total}`
            : `Imported ${imported} of ${job.total}`}
        </strong>
        {running ? (
          <button type="button" className="button-quiet" onClick={onCancel} disabled={job.cancelling}>
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="button-quiet" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </header>
      <progress max={job.total} value={job.done} aria-label="Import progress" />
      {offersDetails && (
        <p className="import-details-offer">
          <span>
            {added === 1 ? 'The new document is' : `The ${added} new documents are`} checked documents, with no outlet or date yet.
          </span>
          <button ref={detailsButton} type="button" className="button-small" onClick={onDetails}>
            Add details…
          </button>
        </p>
      )}
      {running && job.current && <p className="import-current">{job.current}</p>}
      {!running && (duplicates > 0 || rejected > 0) && (
        <p className="import-summary">
          {[duplicates > 0 && `${duplicates} already in the workspace`, rejected > 0 && `${rejected} not imported`]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      <ul className="import-results">
        {job.outcomes.map((outcome, index) => (
          <li key={`${outcome.name}-${index}`} className={`import-result import-${outcome.status}`}>
            <span className="import-mark" aria-hidden="true">
              {MARKS[outcome.status]}
            </span>
            {outcome.status === 'rejected' ? (
              <span>
                <span className="import-name">{outcome.name}</span>: {outcome.message}
              </span>
            ) : (
              <button type="button" className="link-button" onClick={() => onOpen(outcome.documentId)}>
                {resultLine(outcome)}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const MARKS: Readonly<Record<ImportOutcome['status'], string>> = { imported: '✓', updated: '↻', duplicate: '=', rejected: '✗' };

function resultLine(outcome: Exclude<ImportOutcome, { status: 'rejected' }>): string {
  switch (outcome.status) {
    case 'imported':
      return outcome.title;
    case 'updated':
      return `${outcome.title}: ${describeAnchors(outcome.anchors)}`;
    case 'duplicate':
      return `${outcome.name}: ${outcome.message}`;
  }
}
