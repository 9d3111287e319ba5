// The reader's toolbar, over the document on the left: open another document beside it, link,
// edit its details, import a new version of it or an annotation file onto it, delete it.
import type { DocumentSummary } from '../../../core/model/document.ts';
import { api } from '../api/client.ts';
import { describeAnnotationFileOutcome } from '../annotations/annotation-file-outcome.ts';
import { findDocumentByTitle } from '../library/find-document.ts';
import { IMPORT_ACCEPT } from '../library/LibraryPane.tsx';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';
import { FileButton } from '../ui/FileButton.tsx';
import type { Loadable } from './use-workbench.ts';

interface ReaderActionsProps {
  /** The left pane, with a document open. */
  readonly pane: DocumentPaneState;
  readonly documents: Loadable<DocumentSummary[]>;
  readonly besideId: string | undefined;
  readonly onOpenBeside: (documentId: string) => void;
  readonly onLink: () => void;
  readonly onEditDetails: () => void;
  /** The document's version history (also Alt+V: commands/command-registry.ts). */
  readonly onVersions: () => void;
  readonly onNewVersion: (file: File, documentId: string) => void;
  readonly onDeleted: () => void;
  /** A problem (or undefined: none any more). */
  readonly report: (message: string | undefined) => void;
  /** What came of an import, for the quieter banner. */
  readonly showInfo: (text: string) => void;
}

export function ReaderActions({
  pane,
  documents,
  besideId,
  onOpenBeside,
  onLink,
  onEditDetails,
  onVersions,
  onNewVersion,
  onDeleted,
  report,
  showInfo,
}: ReaderActionsProps) {
  const documentId = pane.documentId;

  const others = documents.state === 'ready' ? documents.value.filter(({ meta }) => meta.id !== documentId) : [];

  /** Puts a W3C / Hypothesis file's annotations on the document, and says what came of each. */
  const importAnnotationFile = async (targetId: string, file: File) => {
    try {
      const result = await api.importAnnotationFile(targetId, await file.text());
      if (!result.ok) return report(`${file.name}: ${result.error.message}`);
      showInfo(describeAnnotationFileOutcome(file.name, result.value));
    } catch (error) {
      report((error as Error).message);
    }
  };

  return (
    <>
      <input
        className="beside-search"
        list="beside-documents"
        aria-label="Open beside"
        placeholder="Open beside…"
        title="Type a title, or a part of it, and press Enter to read that document side by side with this one"
        onChange={(event) => {
          const chosen = others.find(({ meta }) => meta.title === event.target.value);
          if (chosen === undefined) return;
          onOpenBeside(chosen.meta.id);
          event.target.value = '';
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const typed = event.currentTarget.value;
          if (typed.trim() === '') return;
          const found = findDocumentByTitle(others, typed);
          if (found === undefined) return report(`No other document's title matches “${typed.trim()}”.`);
          report(undefined);
          onOpenBeside(found.meta.id);
          event.currentTarget.value = '';
        }}
      />
      <datalist id="beside-documents">
        {others.map(({ meta }) => (
          <option key={meta.id} value={meta.title} />
        ))}
      </datalist>
      <button
        type="button"
        className="button-small"
        onClick={onLink}
        title="Link the span selected here with the one selected beside (Alt+L)"
        disabled={besideId === undefined}
      >
        Link…
      </button>
      <button type="button" className="button-small" onClick={onEditDetails}>
        Edit details
      </button>
      <button
        type="button"
        className="button-small"
        onClick={onVersions}
        aria-keyshortcuts="Alt+V"
        title="The versions of this document: read any of them, compare any two (Alt+V)"
      >
        Versions…
      </button>
      <FileButton
        className="button-small"
        title="Import a newer version of this document; its annotations are moved onto the new text"
        accept={IMPORT_ACCEPT}
        onFile={(file) => pane.open && onNewVersion(file, pane.open.meta.id)}
        testId="version-input"
      >
        New version…
      </FileButton>
      <FileButton
        className="button-small"
        title="Put the annotations of a W3C Web Annotation or Hypothesis JSON file on this document, found by their quotes"
        accept=".json,.jsonld,.jsonl,application/json,application/ld+json"
        onFile={(file) => pane.open && void importAnnotationFile(pane.open.meta.id, file)}
        testId="annotation-file-input"
      >
        Import annotations…
      </FileButton>
      <button
        type="button"
        className="button-small"
        onClick={() => void pane.deleteDocument().then((deleted) => deleted && onDeleted())}
        title="Delete this document and its annotations (Ctrl+Z undoes)"
      >
        Delete…
      </button>
    </>
  );
}
