// The document library: every document with its outlet, date, role and annotation count; sortable and
// filterable; and the ways in: Import…, paste text (and drag-and-drop onto the window). The saved
// searches are listed above the documents.
import { useMemo, useState, type ReactNode } from 'react';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { Loadable } from '../app/use-workbench.ts';
import { FileButton } from '../ui/FileButton.tsx';
import { formatDate } from '../ui/format.ts';
import { IMPORT_BUTTON_ID } from './ImportPanel.tsx';
import { arrangeLibrary, DEFAULT_VIEW, type LibrarySort, type LibraryView } from './library-order.ts';

/** What the file chooser offers (the import checks content, not names, so this is a hint). */
export const IMPORT_ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.pdf,.docx,text/plain,text/markdown,text/html,application/pdf';

interface LibraryPaneProps {
  readonly documents: Loadable<DocumentSummary[]>;
  readonly selectedId: string | undefined;
  readonly onSelect: (id: string) => void;
  /** The document open in the right-hand pane, beside the selected one. */
  readonly besideId?: string;
  readonly onOpenBeside?: (id: string) => void;
  readonly onImportFiles: (files: File[]) => void;
  readonly onPaste: () => void;
  /** The import in progress or just finished, shown above the list. */
  readonly importPanel?: ReactNode;
  /** The saved searches, shown above the list. */
  readonly savedSearches?: ReactNode;
  /** The button that folds the pane away. */
  readonly fold?: ReactNode;
}

export function LibraryPane({
  documents,
  selectedId,
  onSelect,
  besideId,
  onOpenBeside,
  onImportFiles,
  onPaste,
  importPanel,
  savedSearches,
  fold,
}: LibraryPaneProps) {
  const [view, setView] = useState<LibraryView>(DEFAULT_VIEW);
  const all = documents.state === 'ready' ? documents.value : undefined;
  const shown = useMemo(() => (all ? arrangeLibrary(all, view) : []), [all, view]);

  return (
    <nav className="pane library" aria-label="Documents" id="pane-library" data-pane="library">
      {/* The title, Import… and the filters stay in view while the list scrolls. */}
      <div className="pane-head">
        <div className="pane-title">
          Documents {all && <span className="pane-count">{all.length}</span>}
          <span className="pane-title-actions">
            <FileButton
              id={IMPORT_BUTTON_ID}
              className="button-small"
              title="Import files (or drop them on the window)"
              accept={IMPORT_ACCEPT}
              multiple
              onFiles={onImportFiles}
              testId="import-input"
            >
              Import…
            </FileButton>
            <button type="button" className="button-small" onClick={onPaste} title="New document from pasted text">
              Paste
            </button>
            {fold}
          </span>
        </div>
        {all && all.length > 0 && (
          <div className="library-tools">
            <input
              type="search"
              placeholder="Filter by title, outlet, author, tag"
              aria-label="Filter documents"
              value={view.query}
              onChange={(event) => setView({ ...view, query: event.target.value })}
            />
            <div className="library-tools-row">
              <select
                aria-label="Show"
                value={view.role}
                onChange={(event) => setView({ ...view, role: event.target.value as LibraryView['role'] })}
              >
                <option value="all">All documents</option>
                <option value="claim">Checked documents</option>
                <option value="source">Sources</option>
              </select>
              <select
                aria-label="Sort by"
                value={view.sort}
                onChange={(event) => setView({ ...view, sort: event.target.value as LibrarySort })}
              >
                <option value="imported">Import order</option>
                <option value="title">Title</option>
                <option value="published">Newest published</option>
                <option value="outlet">Outlet</option>
              </select>
            </div>
          </div>
        )}
      </div>
      {importPanel}
      {savedSearches}
      {documents.state === 'loading' && <p className="pane-empty">Loading…</p>}
      {documents.state === 'failed' && (
        <p className="pane-error" role="alert">
          {documents.message}
        </p>
      )}
      {all?.length === 0 && <p className="pane-empty">No documents yet. Import files (or drop them here), or paste a text.</p>}
      {all && all.length > 0 && shown.length === 0 && <p className="pane-empty">No document matches.</p>}
      <ul className="library-list">
        {shown.map(({ meta, annotationCount }) => (
          <li key={meta.id} className="library-row">
            <button
              type="button"
              className="library-item"
              aria-current={meta.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(meta.id)}
              data-testid="library-item"
            >
              <span className="library-title">{meta.title}</span>
              <span className="library-meta">
                {meta.role === 'source' && <span className="role-badge">Source</span>}
                {[meta.outlet, formatDate(meta.publishedAt)].filter(Boolean).join(' · ')}
                {meta.tags.length > 0 && <span className="library-tags"> · {meta.tags.join(', ')}</span>}
              </span>
              <span className="library-count" title={`${annotationCount} annotation${annotationCount === 1 ? '' : 's'}`}>
                {annotationCount}
              </span>
            </button>
            {onOpenBeside && meta.id !== selectedId && (
              <button
                type="button"
                className="open-beside"
                aria-pressed={meta.id === besideId}
                aria-label={`Open “${meta.title}” beside`}
                title="Open beside the current document (side by side)"
                onClick={() => onOpenBeside(meta.id)}
              >
                ⇥
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
