// The document library: every document with its outlet, date and annotation count.
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { Loadable } from '../hooks/use-workbench.ts';
import { formatDate } from '../format.ts';

interface LibraryPaneProps {
  readonly documents: Loadable<DocumentSummary[]>;
  readonly selectedId: string | undefined;
  readonly onSelect: (id: string) => void;
}

export function LibraryPane({ documents, selectedId, onSelect }: LibraryPaneProps) {
  return (
    <nav className="pane library" aria-label="Documents">
      <h2 className="pane-title">Documents</h2>
      {documents.state === 'loading' && <p className="pane-empty">Loading…</p>}
      {documents.state === 'failed' && <p className="pane-error" role="alert">{documents.message}</p>}
      {documents.state === 'ready' && documents.value.length === 0 && (
        <p className="pane-empty">No documents yet. Import arrives with the next release; the sample workspace shows what Claimbench does.</p>
      )}
      {documents.state === 'ready' && (
        <ul className="library-list">
          {documents.value.map(({ meta, annotationCount }) => (
            <li key={meta.id}>
              <button
                type="button"
                className="library-item"
                aria-current={meta.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(meta.id)}
                data-testid="library-item"
              >
                <span className="library-title">{meta.title}</span>
                <span className="library-meta">
                  {[meta.outlet, formatDate(meta.publishedAt)].filter(Boolean).join(' · ')}
                </span>
                <span className="library-count" title={`${annotationCount} annotation${annotationCount === 1 ? '' : 's'}`}>
                  {annotationCount}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
