// The banners over the window: a problem (the workspace could not be opened, a call failed), or
// else what came of something the analyst did (not a problem), which goes by itself after a while.
import { useEffect, useState } from 'react';

/** What came of something the analyst did: shown for 15 seconds, or until dismissed. */
export function useOutcome() {
  const [outcome, setOutcome] = useState<string>();
  useEffect(() => {
    if (outcome === undefined) return;
    const timer = setTimeout(() => setOutcome(undefined), 15_000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return [outcome, setOutcome] as const;
}

interface BannersProps {
  /** Why the workspace could not be opened: stays, it cannot be dismissed. */
  readonly fatal: string | undefined;
  readonly notice: string | undefined;
  readonly outcome: string | undefined;
  readonly onDismissNotice: () => void;
  readonly onDismissOutcome: () => void;
}

export function Banners({ fatal, notice, outcome, onDismissNotice, onDismissOutcome }: BannersProps) {
  const problem = fatal ?? notice;
  if (problem) {
    return (
      <div className="banner" role="alert">
        {problem}
        {notice && (
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismissNotice}>
            ×
          </button>
        )}
      </div>
    );
  }
  if (!outcome) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="outcome">
      {outcome}
      <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismissOutcome}>
        ×
      </button>
    </div>
  );
}
