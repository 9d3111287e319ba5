// The bar across the top of the window: the view switch (the documents, the claims of the whole
// workspace, its fact-check archive, the search of the whole workspace, or how far its coders
// agree), the workspace's way out and in (Export…, Import bundle…) and its Settings….
import { FileButton } from '../ui/FileButton.tsx';

export type View = 'documents' | 'claims' | 'search' | 'archive' | 'agreement';

interface TopBarProps {
  readonly view: View;
  readonly onView: (view: View) => void;
  /** How many claims the workspace has (shown on the Claims button when there are any). */
  readonly claimCount: number;
  /** How many fact-checks the archive has (shown on the Archive button when known and not 0). */
  readonly archiveCount?: number;
  readonly onExport: () => void;
  readonly onImportBundle: (file: File) => void;
  /** Opens the settings (also Ctrl/Cmd+,). */
  readonly onSettings: () => void;
}

export function TopBar({ view, onView, claimCount, archiveCount, onExport, onImportBundle, onSettings }: TopBarProps) {
  return (
    <nav className="view-switch" aria-label="View">
      <button type="button" aria-pressed={view === 'documents'} onClick={() => onView('documents')}>
        Documents
      </button>
      <button type="button" aria-pressed={view === 'claims'} onClick={() => onView('claims')}>
        Claims{claimCount > 0 ? ` (${claimCount})` : ''}
      </button>
      <button
        type="button"
        aria-pressed={view === 'archive'}
        onClick={() => onView('archive')}
        title="The fact-check archive: what was checked before, by fact-checkers or in this workspace (Alt+A)"
      >
        Archive{archiveCount ? ` (${archiveCount})` : ''}
      </button>
      <button
        type="button"
        aria-pressed={view === 'search'}
        title="Search every document, annotation and claim (Ctrl+Shift+F)"
        onClick={() => onView('search')}
      >
        Search
      </button>
      <button
        type="button"
        aria-pressed={view === 'agreement'}
        onClick={() => onView('agreement')}
        title="How far coders agree, and curating their differences"
      >
        Agreement
      </button>
      <button
        type="button"
        className="view-export"
        title="Export the workspace: a Claimbench bundle, a REFI-QDA project, or W3C annotations"
        onClick={onExport}
      >
        Export…
      </button>
      <FileButton
        title="Merge a bundle another analyst exported into this workspace"
        accept=".claimbundle,.zip"
        onFile={onImportBundle}
        testId="bundle-input"
      >
        Import bundle…
      </FileButton>
      <button type="button" title="Your name, the workspace's name, statuses, verdict scale, the sample (Ctrl+,)" onClick={onSettings}>
        Settings…
      </button>
    </nav>
  );
}
