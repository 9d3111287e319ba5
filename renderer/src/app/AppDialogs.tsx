// The window's dialogs opened from the top bar, the reader's actions and the palette: paste,
// document details, versions, codebook, settings, export, one at a time as App says; and the
// import dialog of a bundle chosen (from the top bar or dropped on the window).
import { Suspense } from 'react';
import type { DocumentSummary, DocumentView } from '../../../core/model/document.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import {
  CodebookDialog,
  ExportDialog,
  ImportBundleDialog,
  MetadataDialog,
  PasteDialog,
  SettingsDialog,
  VersionsDialog,
} from './lazy-views.ts';
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
  /** A bundle chosen to import (any dialog may be open beside its import dialog). */
  readonly bundleFile: File | undefined;
  readonly onBundleClosed: () => void;
  readonly onBundleImported: (summary: string) => void;
}

/** The open dialog; its code is fetched the first time it opens (lazy-views.ts), with nothing shown meanwhile. */
export function AppDialogs(props: AppDialogsProps) {
  return (
    <Suspense fallback={null}>
      <OpenDialog {...props} />
      {props.bundleFile && props.workspace && (
        <ImportBundleDialog
          key={`${props.bundleFile.name}-${props.bundleFile.lastModified}`}
          file={props.bundleFile}
          workspace={props.workspace}
          onClose={props.onBundleClosed}
          onImported={props.onBundleImported}
        />
      )}
    </Suspense>
  );
}

function OpenDialog({
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
