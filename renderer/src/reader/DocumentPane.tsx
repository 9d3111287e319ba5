// A reader pane: the document's header (title, outlet, author, date, actions) over its reader,
// and the annotation form for it. The window shows one, or two side by side.
import type { ReactNode } from 'react';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { AnnotationDialog } from '../annotations/AnnotationDialog.tsx';
import { formatDate } from '../ui/format.ts';
import type { Loadable } from '../app/use-workbench.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { useVersions } from '../versions/use-versions.ts';
import { Reader } from './Reader.tsx';
import type { DocumentPaneState } from './use-document-pane.ts';

interface DocumentPaneProps {
  readonly pane: DocumentPaneState;
  readonly workspace: WorkspaceInfo;
  readonly documents: Loadable<DocumentSummary[]>;
  /** "Reader" or "Source": names the region for assistive technology and tests. */
  readonly label: string;
  /** Buttons for the header (edit details, new version; swap, close). */
  readonly actions?: ReactNode;
  readonly linked: ReadonlySet<string>;
  readonly onFollowLink: (annotationId: string) => void;
  readonly onLink: () => void;
  /** Keys the window acts on (undo, redo, the palette…), pressed in the reader. */
  readonly onWindowKey: (event: KeyboardEvent) => boolean;
  readonly placeholder?: ReactNode;
}

export function DocumentPane({
  pane,
  workspace,
  documents,
  label,
  actions,
  linked,
  onFollowLink,
  onLink,
  onWindowKey,
  placeholder,
}: DocumentPaneProps) {
  const { open, shown, document, annotationForm } = pane;
  const versions = useVersions(open?.meta.id, open?.meta.textHash);
  return (
    <main className="pane reader" aria-label={label}>
      {open ? (
        <>
          <header className="document-header">
            <div className="document-title-row">
              <h1 className="document-title">{open.meta.title}</h1>
              <span className="document-actions">{actions}</span>
            </div>
            <p className="document-meta">
              {[
                open.meta.role === 'source' ? 'Source' : '',
                open.meta.outlet,
                open.meta.author && open.meta.author !== open.meta.outlet ? open.meta.author : '',
                formatDate(open.meta.publishedAt),
              ]
                .filter(Boolean)
                .join(' · ')}
              {open.meta.sourceUrl && <span className="document-source"> · {open.meta.sourceUrl}</span>}
            </p>
          </header>
          <Reader
            document={shown ?? open}
            codebook={workspace.codebook}
            statuses={workspace.settings.statuses}
            reveal={pane.reveal}
            label={label === 'Reader' ? 'Document text' : `${label} text`}
            onCursorAnnotation={pane.onCursorAnnotation}
            onTextSelection={pane.onTextSelection}
            onTagSelection={pane.tagSelection}
            onNewAnnotation={pane.newAnnotation}
            onEditAnnotation={pane.editAnnotation}
            onToggleTag={pane.toggleTag}
            onWindowKey={onWindowKey}
            linked={linked}
            onFollowLink={onFollowLink}
            onLink={onLink}
            {...(versions !== undefined ? { versions } : {})}
          />
        </>
      ) : (
        <div className="reader-placeholder">
          {document?.state === 'failed' ? (
            <p role="alert">{document.message}</p>
          ) : (
            (placeholder ?? (
              <p>{documents.state === 'ready' && documents.value.length === 0 ? 'This workspace has no documents.' : 'Loading…'}</p>
            ))
          )}
        </div>
      )}
      {annotationForm && (
        <AnnotationDialog
          title={annotationForm.annotationId ? 'Edit claim' : 'New claim'}
          draft={annotationForm.draft}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onSave={pane.saveAnnotation}
          onClose={pane.closeAnnotationForm}
        />
      )}
    </main>
  );
}
