// Shows an import while it runs (a progress bar, the file in hand, Cancel) and what came of it:
// each file imported, already there, or rejected with its reason.
import type { ImportJob } from './use-imports.ts';

interface ImportPanelProps {
  readonly job: ImportJob;
  readonly onCancel: () => void;
  readonly onDismiss: () => void;
  readonly onOpen: (documentId: string) => void;
}

export function ImportPanel({ job, onCancel, onDismiss, onOpen }: ImportPanelProps) {
  const running = job.phase !== 'finished';
  const imported = job.outcomes.filter((outcome) => outcome.status === 'imported').length;
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
          {[duplicates > 0 && `${duplicates} already in the workspace`, rejected > 0 && `${rejected} not imported`].filter(Boolean).join(' · ')}
        </p>
      )}
      <ul className="import-results">
        {job.outcomes.map((outcome, index) => (
          <li key={`${outcome.name}-${index}`} className={`import-result import-${outcome.status}`}>
            <span className="import-mark" aria-hidden="true">
              {outcome.status === 'imported' ? '✓' : outcome.status === 'duplicate' ? '=' : '✗'}
            </span>
            {outcome.status === 'rejected' ? (
              <span>
                <span className="import-name">{outcome.name}</span>: {outcome.message}
              </span>
            ) : (
              <button type="button" className="link-button" onClick={() => onOpen(outcome.documentId)}>
                {outcome.status === 'imported' ? outcome.title : `${outcome.name}: ${outcome.message}`}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
