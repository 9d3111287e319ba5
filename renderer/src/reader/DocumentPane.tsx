// A reader pane: the document's header (title, outlet, author, date, actions) over its reader,
// and the annotation form for it. The window shows one, or two side by side. What the cursor
// enters is said aloud (an aria-live region): highlights are invisible to screen readers.
import { useMemo, useState, type FocusEvent, type ReactNode } from 'react';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import { annotationSpeech } from '../annotations/annotation-speech.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { AnnotationDialog } from '../annotations/AnnotationDialog.tsx';
import { EditConflictDialog } from '../annotations/EditConflictDialog.tsx';
import { formatDate } from '../ui/format.ts';
import type { Loadable } from '../app/use-workbench.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { useVersions } from '../versions/use-versions.ts';
import { Reader } from './Reader.tsx';
import type { DocumentPaneState } from './use-document-pane.ts';
import { usePresence } from './use-presence.ts';
import { describeViewers } from './viewers.ts';
import type { SuggestionMarks } from '../suggestions/use-suggestion-marks.ts';

interface DocumentPaneProps {
  readonly pane: DocumentPaneState;
  readonly workspace: WorkspaceInfo;
  readonly documents: Loadable<DocumentSummary[]>;
  /** "Reader" or "Source": names the region for assistive technology and tests. */
  readonly label: string;
  /** The window's one `main` landmark (the left pane), or a region of its own (the source beside it). */
  readonly landmark: 'main' | 'region';
  /** The claims each annotation belongs to: in the hover card and what is announced. */
  readonly claims: ReadonlyMap<string, readonly ClaimMembership[]>;
  /** While the annotations panel is filtered, the annotations it shows (the others fade in the text). */
  readonly filterShown?: ReadonlySet<string>;
  /** Buttons for the header (edit details, new version; swap, close). */
  readonly actions?: ReactNode;
  readonly linked: ReadonlySet<string>;
  readonly onFollowLink: (annotationId: string) => void;
  readonly onLink: () => void;
  /** Keys the window acts on (undo, redo, the palette…), pressed in the reader. */
  readonly onWindowKey: (event: KeyboardEvent) => boolean;
  readonly placeholder?: ReactNode;
  /** Its sentences that may have been checked before (marked in the reader's gutter). */
  readonly checked?: readonly CheckedSentence[];
  /** While a long document's sentences are matched against the fact-checks: how far it got (0–1). */
  readonly checkedProgress?: number | undefined;
  /** Its claim suggestions (a dotted underline in the reader) and the one the Suggestions tab is on. */
  readonly suggestions?: SuggestionMarks;
}

export function DocumentPane({
  pane,
  workspace,
  documents,
  label,
  landmark,
  claims,
  filterShown,
  actions,
  linked,
  onFollowLink,
  onLink,
  onWindowKey,
  placeholder,
  checked,
  checkedProgress,
  suggestions,
}: DocumentPaneProps) {
  const { open, shown, document, annotationForm } = pane;
  const versions = useVersions(open?.meta.id, open?.meta.textHash);
  const Landmark = landmark === 'main' ? 'main' : 'section';
  const announcement = useCursorAnnouncement(pane, workspace, claims);
  const alsoHere = describeViewers(usePresence(label, open?.meta.id));
  return (
    <Landmark
      className="pane reader"
      aria-label={label}
      data-pane={label.toLowerCase()}
      onFocus={announcement.onFocus}
      onBlur={announcement.onBlur}
    >
      {open ? (
        <>
          <header className="document-header">
            <div className="document-title-row">
              <h1 className="document-title" title={open.meta.title}>
                {open.meta.title}
              </h1>
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
              {alsoHere && (
                <span className="document-viewers" role="status" data-testid="also-reading">
                  {' · '}
                  {alsoHere}
                </span>
              )}
              {checkedProgress !== undefined && (
                <span className="document-matching" role="status" data-testid="matching-progress">
                  {open.meta.role === 'source' || open.meta.outlet || open.meta.author || open.meta.publishedAt || open.meta.sourceUrl
                    ? ' · '
                    : ''}
                  Checking its sentences against the fact-checks… {Math.floor(checkedProgress * 100)}%{' '}
                  <progress max={1} value={checkedProgress} aria-hidden="true" />
                </span>
              )}
            </p>
          </header>
          <Reader
            document={shown ?? open}
            codebook={workspace.codebook}
            statuses={workspace.settings.statuses}
            reveal={pane.reveal}
            label={label === 'Reader' ? 'Document text' : `${label} text`}
            claims={claims}
            filterShown={filterShown}
            checked={checked}
            suggestions={suggestions}
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
          title={annotationForm.annotationId ? 'Edit annotation' : 'New annotation'}
          draft={annotationForm.draft}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onSave={pane.saveAnnotation}
          onClose={pane.closeAnnotationForm}
        />
      )}
      {pane.conflict && (
        <EditConflictDialog
          conflict={pane.conflict}
          codebook={workspace.codebook}
          statuses={workspace.settings.statuses}
          onResolve={pane.resolveConflict}
        />
      )}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid={`${label.toLowerCase()}-announcement`}>
        {announcement.said}
      </div>
    </Landmark>
  );
}

/**
 * What to announce: the annotation the reader's cursor is in, while the reader has the focus
 * (chosen in the panel, the row itself is read out). Said again when it changes (a tag added).
 */
function useCursorAnnouncement(
  pane: DocumentPaneState,
  workspace: WorkspaceInfo,
  claims: ReadonlyMap<string, readonly ClaimMembership[]>,
): { readonly said: string; readonly onFocus: (event: FocusEvent) => void; readonly onBlur: () => void } {
  const [readerFocused, setReaderFocused] = useState(false);
  const annotations = (pane.shown ?? pane.open)?.annotations;
  const { selectedAnnotation } = pane;
  const said = useMemo(() => {
    if (!readerFocused || selectedAnnotation === undefined || annotations === undefined) return '';
    const tags = new Map(workspace.codebook.tags.map((tag) => [tag.id, tag.name]));
    const statuses = new Map(workspace.settings.statuses.map((status) => [status.id, status.label]));
    return annotationSpeech(annotations, selectedAnnotation, {
      tagName: (id) => tags.get(id) ?? id,
      statusLabel: (id) => statuses.get(id) ?? id,
      claims,
    });
  }, [readerFocused, selectedAnnotation, annotations, workspace, claims]);
  return {
    said,
    onFocus: (event) => setReaderFocused((event.target as HTMLElement).closest('.reader-editor') !== null),
    onBlur: () => setReaderFocused(false),
  };
}
