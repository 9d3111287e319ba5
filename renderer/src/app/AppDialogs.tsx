// The window's dialogs opened from the top bar, the reader's actions and the palette: paste,
// document details, versions, codebook, settings, export. One at a time; App says which.
import type { DocumentSummary, DocumentView } from '../../../core/model/document.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { ExportDialog } from '../bundles/ExportDialog.tsx';
import { CodebookDialog } from '../codebook/CodebookDialog.tsx';
import { MetadataDialog } from '../library/MetadataDialog.tsx';
import { PasteDialog } from '../library/PasteDialog.tsx';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';
import { VersionsDialog } from '../versions/VersionsDialog.tsx';
import type { Loadable } from './use-workbench.ts';

export type DialogName = 'paste' | 'metadata' | 'versions' | 'codebook' | 'export' | 'settings';

interface AppDialogsProps {
  readonly dialog: DialogName | undefined;
  readonly workspace: WorkspaceInfo | undefined;
  readonly documents: Loadable<DocumentSummary[]>;
  /** The document open on the left: the one details and versions are about. */
  readonly open: DocumentView | undefined;
  readonly currentDocumentId: string | undefined;
  readonly sampleDocuments: number;
  readonly onRemoveSample: () => Promise<unknown>;
  /** A pasted document was made: open it. */
  readonly onCreated: (documentId: string) => void;
  /** The codebook's count of a tag was chosen: show those annotations in the table. */
  readonly onShowAnnotations: (tagId: string) => void;
  readonly onClose: () => void;
}

export function AppDialogs({
  dialog,
  workspace,
  documents,
  open,
  currentDocumentId,
  sampleDocuments,
  onRemoveSample,
  onCreated,
  onShowAnnotations,
  onClose,
}: AppDialogsProps) {
  switch (dialog) {
    case 'paste':
      return <PasteDialog markdownDefault={workspace?.settings.markdownImport ?? 'plain'} onClose={onClose} onCreated={onCreated} />;
    case 'metadata':
      return open ? <MetadataDialog meta={open.meta} onClose={onClose} /> : null;
    case 'versions':
      return open ? <VersionsDialog key={open.meta.textHash} documentId={open.meta.id} title={open.meta.title} onClose={onClose} /> : null;
    case 'codebook':
      return workspace ? (
        <CodebookDialog
          codebook={workspace.codebook}
          onClose={onClose}
          onShowAnnotations={(tagId) => (onClose(), onShowAnnotations(tagId))}
        />
      ) : null;
    case 'settings':
      return workspace ? (
        <SettingsDialog
          workspace={workspace}
          sampleDocuments={sampleDocuments}
          onRemoveSample={() => void onRemoveSample()}
          onClose={onClose}
        />
      ) : null;
    case 'export':
      return workspace ? (
        <ExportDialog
          workspace={workspace}
          documents={documents.state === 'ready' ? documents.value : []}
          currentDocumentId={currentDocumentId}
          onClose={onClose}
        />
      ) : null;
    default:
      return null;
  }
}
