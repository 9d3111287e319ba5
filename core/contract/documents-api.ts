// The documents half of the contract: the library, reading a document, importing, metadata and settings.
import type { AnnotationCursor, AnnotationPage } from '../annotations/paging.ts';
import type { DocumentMeta, DocumentSummary, DocumentView } from '../model/document.ts';
import type { DocumentVersion } from '../model/document-versions.ts';
import type { ImportOutcome } from '../model/import.ts';
import type { WorkspaceInfo, WorkspaceSettings } from '../model/workspace.ts';
import type { Result } from '../result.ts';
import type { SettingsUsage } from '../settings/settings-change.ts';
import type { DocumentMetaEdit, DocumentMetaPatch, ImportTextOptions, SettingsPatch, UploadRef } from './workbench-args.ts';

/** A document as `getDocument` returns it: maybe only its first annotations. */
export interface DocumentPage extends DocumentView {
  /** How many annotations the document has (`annotations` may hold only the first of them). */
  readonly annotationTotal: number;
  /** Where the rest of the annotations start, when `annotations` does not hold them all. */
  readonly nextAnnotations?: AnnotationCursor;
}

/** A page of the library, in import order. */
export interface DocumentListPage {
  readonly documents: DocumentSummary[];
  /** How many documents the library holds now. */
  readonly total: number;
  /** Where the next page starts (`listDocumentsPage`'s `after`); absent on the last page. */
  readonly next?: string;
}

/** What "Remove the sample" removed. */
export interface SampleRemoval {
  readonly documents: number;
  readonly annotations: number;
  readonly links: number;
  readonly claims: number;
}

export interface DocumentsApi {
  /** The library: every document's metadata, in import order. */
  listDocuments(): Promise<DocumentSummary[]>;
  /**
   * The library a page at a time, in import order: the first `limit` documents, or those after
   * `after` (a page's `next`), so a window shows the top of a large library before the rest has come.
   * A document added or removed between two pages shows in `didChangeDocuments`.
   */
  listDocumentsPage(limit: number, after?: string): Promise<DocumentListPage>;
  /** The library's rows of documents `ids` (those still there, in that order): what a change made to their counts. */
  getDocumentSummaries(ids: string[]): Promise<DocumentSummary[]>;
  /**
   * A document with its annotations in text order: all of them, or the first `annotationLimit`
   * (the rest come from `getAnnotations`, from `nextAnnotations` on), so the top of a long
   * document can be shown before all its annotations have been sent.
   */
  getDocument(id: string, annotationLimit?: number): Promise<Result<DocumentPage, 'not-found'>>;
  /** The next page of a document's annotations in text order, after `after`. */
  getAnnotations(documentId: string, after: AnnotationCursor, limit: number): Promise<Result<AnnotationPage, 'not-found'>>;
  getWorkspaceInfo(): Promise<WorkspaceInfo>;
  /**
   * Changes the analyst's name, the workspace's name, the statuses or the verdict scale; resolves
   * once the change is on disk. A status or rating that records use cannot be removed (`in-use`,
   * saying how many use it); a list with an empty or repeated name is `invalid`. Not an undo step.
   */
  updateSettings(patch: SettingsPatch): Promise<Result<WorkspaceSettings, 'invalid' | 'in-use' | 'write-failed'>>;
  /** How many annotations use each status and how many claims each verdict rating, for the settings dialog. */
  getSettingsUsage(): Promise<SettingsUsage>;
  /**
   * "Remove the sample": the sample's documents with their annotations, the links and claim
   * mentions that point at them, and the sample's claims left without a mention, as one undo step.
   */
  removeSample(): Promise<Result<SampleRemoval, 'nothing-to-remove' | 'not-found' | 'write-failed'>>;
  /**
   * Imports uploaded files, one at a time, reporting `didProgressImport` under `jobId` (chosen
   * by the caller, so it can cancel before this resolves). Resolves with one outcome per file.
   */
  importUploads(jobId: string, uploads: UploadRef[]): Promise<ImportOutcome[]>;
  /** Stops an import after the file in progress; files not yet started are reported cancelled. */
  cancelImport(jobId: string): Promise<void>;
  /**
   * "New document from pasted text". With `options.markdown` the text is Markdown, converted to
   * plain text or kept as written; without, it is plain text.
   */
  importText(title: string, text: string, options?: ImportTextOptions): Promise<ImportOutcome>;
  /** Edits one document's details. Not an undo step. */
  updateDocumentMeta(id: string, patch: DocumentMetaPatch): Promise<Result<DocumentMeta, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Edits the details of several documents at once (the details step after an import), as one
   * undo step: all of them or, when one is refused (a malformed date or URL, a document gone),
   * none, with a message naming the document. Resolves with each document's details, in order.
   */
  updateDocumentsMeta(edits: DocumentMetaEdit[]): Promise<Result<DocumentMeta[], 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Removes a document with its annotations, and the links and claim mentions that point at them,
   * as one undo step; resolves with how many links and mentions went with it (`getDependents`
   * lists them beforehand). The imported original stays in originals/ (other documents may share
   * it; undo needs it).
   */
  deleteDocument(documentId: string): Promise<Result<{ links: number; mentions: number }, 'not-found' | 'write-failed'>>;
  /** The document's version history: every version, oldest first, the current one last. */
  listVersions(documentId: string): Promise<Result<DocumentVersion[], 'not-found'>>;
  /**
   * The text of version `number` (1 = the first imported), read-only. `not-found` when the document
   * or the version is not there, or its kept text (texts/<hash>) is missing or damaged.
   */
  getVersionText(documentId: string, number: number): Promise<Result<{ version: DocumentVersion; text: string }, 'not-found'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const documentsMethods = {
  listDocuments: true,
  listDocumentsPage: true,
  getDocumentSummaries: true,
  getDocument: true,
  getAnnotations: true,
  getWorkspaceInfo: true,
  updateSettings: true,
  getSettingsUsage: true,
  removeSample: true,
  importUploads: true,
  cancelImport: true,
  importText: true,
  updateDocumentMeta: true,
  updateDocumentsMeta: true,
  deleteDocument: true,
  listVersions: true,
  getVersionText: true,
} as const satisfies Record<keyof DocumentsApi, true>;
