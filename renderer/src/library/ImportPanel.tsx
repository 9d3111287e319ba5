// Shows an import while it runs (a progress bar, the file in hand, Cancel) and what came of it:
// each file imported, already there, or rejected with its reason.
import { describeAnchors, type ImportOutcome } from '../../../core/model/import.ts';
import type { ImportJob } from './use-imports.ts';

interface ImportPanelProps {
  readonly job: ImportJob;
  readonly onCancel: () => void;
  readonly onDismiss: () => void;
  readonly onOpen: (documentId: string) => void;
}

export function ImportPanel({ job, onCancel, onDismiss, onOpen }: ImportPanelProps) {
  const running = job.phase !== 'finished';
  const imported = job.outcomes.filter((outcome) => outcome.status === 'imported' || outcome.status === 'updated').length;
  const rejected = job.outcomes.filter((outcome) => outcome.status === 'rejected').length;
  const duplicates = job.outcomes.filter((outcome) => outcome.status === 'duplicate').length;
  return (
    <section className="import-panel" aria-label="Import" data-testid="import-panel">
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
