// The one contract of the workbench service. Main implements it; the Electron preload, the IPC
// registration, the web host's routes and the renderer's clients are all derived from the lists
// below, so adding a method is one edit here plus its implementation.
import type { AnchorDecision, AnnotationInput, AnnotationPatch } from '../annotations/annotation-operations.ts';
import type { HistoryState } from '../history/history.ts';
import type { AnnotationCursor, AnnotationPage } from '../annotations/paging.ts';
import type { Disposable, Listener } from '../events.ts';
import type { TagDeletionPlan, TagDraft, TagPatch } from '../codebook/edit.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Appearance, ClaimRow } from '../evidence/claims-view.ts';
import type { ClaimPatch, LinkPatch, SameClaimOutcome } from '../evidence/evidence-operations.ts';
import type { Dependents, RemovalTarget } from '../evidence/references.ts';
import type { AnnotationRef, Claim, EvidenceData, EvidenceLink } from '../model/evidence.ts';
import type { Tag } from '../model/codebook.ts';
import type { DocumentMeta, DocumentRole, DocumentSummary, DocumentView } from '../model/document.ts';
import type { ImportJobProgress, ImportOutcome } from '../model/import.ts';
import type { SaveState, WorkspaceInfo, WorkspaceSettings } from '../model/workspace.ts';
import type { Result } from '../result.ts';
import type { SignatureCheck, SignerStanding } from '../bundle/manifest.ts';
import type { Counts as MergeCounts, DocumentMatch, MergeConflict, MergeSummary, Resolution } from '../bundle/bundle-merge.ts';

/** Why a bundle cannot be imported (see main/bundle/read-bundle.ts for the archive's codes). */
export type BundleImportCode = 'not-found' | 'not-a-bundle' | 'corrupt' | 'unsafe-entry' | 'tampered' | 'too-much-data' | 'unreadable' | 'cancelled' | 'invalid' | 'write-failed';

/** A document as `getDocument` returns it: maybe only its first annotations. */
export interface DocumentPage extends DocumentView {
  /** How many annotations the document has (`annotations` may hold only the first of them). */
  readonly annotationTotal: number;
  /** Where the rest of the annotations start, when `annotations` does not hold them all. */
  readonly nextAnnotations?: AnnotationCursor;
}

/** Changes an analyst may make to the workspace settings; absent fields stay as they are. */
export interface SettingsPatch {
  analystName?: string;
}

/** A file the renderer has handed over with its transport's upload (see WorkbenchTransport.upload). */
export interface UploadRef {
  readonly uploadId: string;
  readonly name: string;
  /** Import the file as a new version of this document. */
  readonly versionOf?: string;
}

/** Changes to a document's metadata; `null` clears an optional field, absent fields stay. */
export interface DocumentMetaPatch {
  title?: string;
  role?: DocumentRole;
  outlet?: string;
  author?: string;
  publishedAt?: string | null;
  sourceUrl?: string | null;
  language?: string | null;
  tags?: string[];
}

/**
 * One end of a new link: an annotation, or a span of a document not yet annotated (the service
 * makes it an untagged annotation, in the same undo step as the link).
 */
export type LinkEndInput = AnnotationRef | { readonly documentId: string; readonly start: number; readonly end: number; readonly annotationId?: string };

export interface NewLink {
  /** Chosen by the window (a UUID); the service chooses one when absent. */
  id?: string;
  relation: string;
  from: LinkEndInput;
  to: LinkEndInput;
  note?: string;
}

/** A link as a document's links panel shows it: which end is here, and both ends' quotes. */
export interface LinkView {
  readonly link: EvidenceLink;
  readonly local: 'from' | 'to' | 'both';
  readonly here: AnnotationRef & { readonly quote: string; readonly start: number };
  /** `title` and `quote` of the other end; `quote` absent when its annotation is an orphan. */
  readonly there: AnnotationRef & { readonly title: string; readonly quote?: string };
}

/** What an export writes: a .claimbundle, or a REFI-QDA project (.qdpx) for QDA software. */
export type ExportFormat = 'bundle' | 'qdpx';

/** The analyst's choices for an export; absent filters take everything. */
export interface BundleExportRequest {
  format: ExportFormat;
  /** Only these documents. */
  documents?: string[];
  /** Only annotations with one of these tags (or a tag inside one). */
  tags?: string[];
  /** Only annotations with one of these verification statuses. */
  statuses?: string[];
  /** Include the imported files (bundles only). */
  originals: boolean;
  /** Sign the manifest with the analyst's Ed25519 key (bundles only). */
  sign: boolean;
}

/** A finished export, waiting to be saved: `downloadId` names it for the host's download route. */
export interface ExportedFile {
  readonly downloadId: string;
  readonly fileName: string;
  readonly size: number;
  /** Files the manifest lists (a bundle), or entries of the archive (a .qdpx). */
  readonly files: number;
  readonly rootHash?: string;
  readonly signedBy?: string;
  /** What the formats could not hold, in words ("brat/ leaves out 2 links across documents"). */
  readonly notes: readonly string[];
  /** What went in. */
  readonly contents: { readonly documents: number; readonly annotations: number; readonly links: number; readonly claims: number };
}

/** Progress of an export or a bundle import, under the job id its caller chose. */
export interface BundleJobProgress {
  readonly jobId: string;
  readonly kind: 'export' | 'import';
  readonly phase: 'reading' | 'writing' | 'checking' | 'finishing';
  readonly done: number;
  readonly total?: number;
  readonly finished: boolean;
}

/** A bundle opened for import: who made it, whether it verifies, and what merging it would do. */
export interface BundlePreview {
  readonly importId: string;
  readonly fileName: string;
  readonly workspace: string;
  readonly creator: string;
  readonly createdAt: string;
  readonly files: number;
  readonly signature: SignatureCheck;
  /** For a valid signature: whether this analyst has met its key before; absent where no record is kept. */
  readonly signer?: SignerStanding;
  readonly documents: readonly DocumentMatch[];
  readonly annotations: MergeCounts;
  readonly links: MergeCounts;
  readonly claims: MergeCounts;
  /** Tag names the workspace will gain, and those it keeps its own definition of. */
  readonly tagsAdded: readonly string[];
  readonly tagsKept: readonly string[];
  readonly conflicts: readonly MergeConflict[];
}

/** Annotations of a plain W3C or Hypothesis file put on a document: what happened to each. */
export interface AnnotationFileOutcome {
  readonly format: 'w3c' | 'hypothesis';
  readonly added: number;
  readonly fuzzy: number;
  readonly duplicates: number;
  readonly newTags: readonly string[];
  readonly notFound: readonly { readonly index: number; readonly quote: string }[];
  readonly invalid: readonly { readonly index: number; readonly reason: string }[];
  /** Left out as not annotations of passages: page notes, replies, links between annotations. */
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
  /** Left out as made on another text or page than this document. */
  readonly elsewhere: number;
}

/** Every method is async, takes plain data and returns plain data (it may cross a process). */
export interface WorkbenchApi {
  /** The library: every document's metadata, in import order. */
  listDocuments(): Promise<DocumentSummary[]>;
  /**
   * A document with its annotations in text order: all of them, or the first `annotationLimit`
   * (the rest come from `getAnnotations`, from `nextAnnotations` on), so the top of a long
   * document can be shown before all its annotations have been sent.
   */
  getDocument(id: string, annotationLimit?: number): Promise<Result<DocumentPage, 'not-found'>>;
  /** The next page of a document's annotations in text order, after `after`. */
  getAnnotations(documentId: string, after: AnnotationCursor, limit: number): Promise<Result<AnnotationPage, 'not-found'>>;
  getWorkspaceInfo(): Promise<WorkspaceInfo>;
  /** Resolves once the change is on disk. */
  updateSettings(patch: SettingsPatch): Promise<Result<WorkspaceSettings, 'write-failed'>>;
  /**
   * Imports uploaded files, one at a time, reporting `didProgressImport` under `jobId` (chosen
   * by the caller, so it can cancel before this resolves). Resolves with one outcome per file.
   */
  importUploads(jobId: string, uploads: UploadRef[]): Promise<ImportOutcome[]>;
  /** Stops an import after the file in progress; files not yet started are reported cancelled. */
  cancelImport(jobId: string): Promise<void>;
  /** "New document from pasted text". */
  importText(title: string, text: string): Promise<ImportOutcome>;
  updateDocumentMeta(id: string, patch: DocumentMetaPatch): Promise<Result<DocumentMeta, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Removes a document with its annotations, and the links and claim mentions that point at them,
   * as one undo step; resolves with how many links and mentions went with it (`getDependents`
   * lists them beforehand). The imported original stays in originals/ (other documents may share
   * it; undo needs it).
   */
  deleteDocument(documentId: string): Promise<Result<{ links: number; mentions: number }, 'not-found' | 'write-failed'>>;
  /** Marks a span of a document as a claim. Resolves once it is on disk; can be undone. */
  createAnnotation(documentId: string, input: AnnotationInput): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'>>;
  updateAnnotation(documentId: string, annotationId: string, patch: AnnotationPatch): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'>>;
  deleteAnnotation(documentId: string, annotationId: string): Promise<Result<true, 'not-found' | 'write-failed'>>;
  /**
   * The analyst's review of a claim a new version left in doubt (an orphan, or an approximate
   * match): keep the proposed span, or re-pin it to `[start, end)` of the current text. Undoable.
   */
  reviewAnchor(documentId: string, annotationId: string, decision: AnchorDecision): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Undoes the session's last annotation, evidence, codebook or document change, in whichever
   * document it was; `documentId` is the document to show: the one changed, or the one a deletion
   * put back (absent for codebook changes, changes of links and claims alone, and a redone
   * deletion, whose document is gone).
   */
  undo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed'>>;
  redo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed'>>;
  getHistory(): Promise<HistoryState>;
  /** Speakers and outlets already used on claims anywhere in the workspace, most used first (for autocomplete). */
  getClaimSuggestions(): Promise<{ speakers: string[]; outlets: string[] }>;
  /** How many annotations carry each tag, across the workspace (tags in no annotation are absent). */
  getTagUsage(): Promise<Record<string, number>>;
  /** Adds a tag (its id derived from the name). Undoable, like every codebook change. */
  addTag(draft: TagDraft): Promise<Result<Tag, 'invalid' | 'write-failed'>>;
  /** Renames, recolours, moves or re-keys a tag; highlights follow at once. */
  updateTag(tagId: string, patch: TagPatch): Promise<Result<Tag, 'not-found' | 'invalid' | 'write-failed'>>;
  /** Deletes a tag (its children move up to its parent) and applies `plan` to its annotations. */
  deleteTag(tagId: string, plan: TagDeletionPlan): Promise<Result<{ annotations: number }, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Merges a codebook file (CSV, or REFI-QDA `.qdc` XML) into the workspace's: matching tags are
   * updated, the others added, none removed. Undoable. Lists tag ids.
   */
  importCodebook(format: CodebookFormat, text: string): Promise<Result<{ added: string[]; updated: string[]; unchanged: string[] }, 'invalid' | 'write-failed'>>;
  /** The codebook as a file to save. */
  exportCodebook(format: CodebookFormat): Promise<{ fileName: string; mimeType: string; text: string }>;
  /**
   * Every annotation and evidence link of the workspace as one W3C Web Annotation
   * AnnotationCollection (JSON-LD; positions in Unicode code points), as a file to save.
   */
  exportAnnotations(): Promise<{ fileName: string; mimeType: string; text: string }>;
  /**
   * Writes an export off the main thread, reporting `didProgressBundle` under `jobId`; edits wait
   * only while the workspace is read. Cancelled or failed, it leaves no file. The result waits
   * under `downloadId` until the window saves it (the host's download route).
   */
  exportBundle(jobId: string, request: BundleExportRequest): Promise<Result<ExportedFile, 'not-found' | 'invalid' | 'cancelled' | 'write-failed'>>;
  /** Stops an export or a bundle being opened for import. */
  cancelBundleJob(jobId: string): Promise<void>;
  /**
   * Opens an uploaded bundle for import under `jobId`: verifies every file and plans the merge,
   * writing nothing to the workspace. The preview waits, by its `importId`, for apply or discard.
   */
  previewBundleImport(jobId: string, upload: UploadRef): Promise<Result<BundlePreview, BundleImportCode>>;
  /** Merges a previewed bundle with a choice for each conflict (by its key): one undo step, all or nothing. */
  applyBundleImport(importId: string, resolutions: Record<string, Resolution>): Promise<Result<MergeSummary, 'not-found' | 'invalid' | 'write-failed'>>;
  /** Forgets a previewed bundle (and its temporary files). */
  discardBundleImport(importId: string): Promise<void>;
  /**
   * Puts the annotations of a W3C Web Annotation or Hypothesis JSON file on a document, found
   * again by their quotes. One undo step; tags the codebook lacks are added.
   */
  importAnnotationFile(documentId: string, text: string): Promise<Result<AnnotationFileOutcome, 'not-found' | 'invalid' | 'write-failed'>>;

  /** Every link and claim of the workspace. */
  getEvidence(): Promise<EvidenceData>;
  /** The links touching a document, in reading order of their local end, with both quotes. */
  getLinks(documentId: string): Promise<Result<LinkView[], 'not-found'>>;
  /**
   * Links two spans (making annotations of those not yet annotated). A same-claim link adds the
   * unclaimed end to the other end's claim. One undo step.
   */
  createLink(input: NewLink): Promise<Result<{ link: EvidenceLink; created: Annotation[]; sameClaim: SameClaimOutcome }, 'not-found' | 'invalid' | 'duplicate' | 'write-failed'>>;
  updateLink(linkId: string, patch: LinkPatch): Promise<Result<EvidenceLink, 'not-found' | 'invalid' | 'duplicate' | 'write-failed'>>;
  deleteLink(linkId: string): Promise<Result<true, 'not-found' | 'write-failed'>>;
  /** A claim from annotations (its mentions); the statement is the analyst's wording. */
  createClaim(input: { id?: string; statement: string; mentions: AnnotationRef[] }): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'>>;
  /** Statement, status and verdict (`verdict: null` removes it; its rating must be on the workspace's scale). */
  updateClaim(claimId: string, patch: ClaimPatch): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'>>;
  addMentions(claimId: string, refs: AnnotationRef[]): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'>>;
  removeMentions(claimId: string, refs: AnnotationRef[]): Promise<Result<Claim, 'not-found' | 'write-failed'>>;
  deleteClaim(claimId: string): Promise<Result<true, 'not-found' | 'write-failed'>>;
  /** The claims view: a row per claim (mentions, outlets, first appearance, verdict). */
  listClaims(): Promise<ClaimRow[]>;
  /** A claim with its mentions in order of appearance. */
  getClaim(claimId: string): Promise<Result<{ claim: Claim; appearances: Appearance[] }, 'not-found'>>;
  /** What deleting these annotations (or a document's) would take with it: links and mentions. */
  getDependents(target: RemovalTarget): Promise<Dependents>;
}

export type CodebookFormat = 'csv' | 'qdc';

export interface DocumentsChange {
  /** Documents added or modified. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Only their annotations changed (each also announced, with its content, as an AnnotationsChange). */
  readonly annotationsOnly?: boolean;
}

/** Annotations of one document written or removed, so a window showing it need not reload it. */
export interface AnnotationsChange {
  readonly documentId: string;
  /** Added or changed, whole. */
  readonly put: readonly Annotation[];
  readonly removed: readonly string[];
}

/** Events the service fires; subscribers use `on` + the capitalized name (`onDidChangeDocuments`). */
export interface WorkbenchEvents {
  didChangeDocuments: DocumentsChange;
  didChangeAnnotations: AnnotationsChange;
  didChangeWorkspace: WorkspaceInfo;
  didChangeSaveState: SaveState;
  didProgressImport: ImportJobProgress;
  didProgressBundle: BundleJobProgress;
  didChangeHistory: HistoryState;
  /** Links or claims changed (the whole evidence, which is small). */
  didChangeEvidence: EvidenceData;
}

export type EventSubscriptionName<E extends string> = `on${Capitalize<E>}`;

export type WorkbenchEventSubscriptions = {
  readonly [E in keyof WorkbenchEvents as EventSubscriptionName<E>]: (
    listener: Listener<WorkbenchEvents[E]>,
  ) => Disposable;
};

/** What main implements and what the renderer's api client offers: methods plus events. */
export type WorkbenchService = WorkbenchApi & WorkbenchEventSubscriptions;

export type WorkbenchMethod = keyof WorkbenchApi;
export type WorkbenchEvent = keyof WorkbenchEvents;

const methods = {
  listDocuments: true,
  getDocument: true,
  getAnnotations: true,
  getWorkspaceInfo: true,
  updateSettings: true,
  importUploads: true,
  cancelImport: true,
  importText: true,
  updateDocumentMeta: true,
  deleteDocument: true,
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  reviewAnchor: true,
  undo: true,
  redo: true,
  getHistory: true,
  getClaimSuggestions: true,
  getTagUsage: true,
  addTag: true,
  updateTag: true,
  deleteTag: true,
  importCodebook: true,
  exportCodebook: true,
  exportAnnotations: true,
  exportBundle: true,
  cancelBundleJob: true,
  previewBundleImport: true,
  applyBundleImport: true,
  discardBundleImport: true,
  importAnnotationFile: true,
  getEvidence: true,
  getLinks: true,
  createLink: true,
  updateLink: true,
  deleteLink: true,
  createClaim: true,
  updateClaim: true,
  addMentions: true,
  removeMentions: true,
  deleteClaim: true,
  listClaims: true,
  getClaim: true,
  getDependents: true,
} as const satisfies Record<WorkbenchMethod, true>;

const events = {
  didChangeDocuments: true,
  didChangeAnnotations: true,
  didChangeWorkspace: true,
  didChangeSaveState: true,
  didProgressImport: true,
  didProgressBundle: true,
  didChangeHistory: true,
  didChangeEvidence: true,
} as const satisfies Record<WorkbenchEvent, true>;

/** The method list every transport is derived from. */
export const WORKBENCH_METHODS = Object.freeze(Object.keys(methods) as WorkbenchMethod[]);
export const WORKBENCH_EVENTS = Object.freeze(Object.keys(events) as WorkbenchEvent[]);

export function isWorkbenchMethod(name: string): name is WorkbenchMethod {
  return Object.hasOwn(methods, name);
}

export function isWorkbenchEvent(name: string): name is WorkbenchEvent {
  return Object.hasOwn(events, name);
}

/** `didChangeDocuments` → `onDidChangeDocuments`. */
export function subscriptionName<E extends WorkbenchEvent>(event: E): EventSubscriptionName<E> {
  return `on${event[0]!.toUpperCase()}${event.slice(1)}` as EventSubscriptionName<E>;
}

/** The IPC channel of a method or of the event stream (Electron transport). */
export const ipcChannel = (method: WorkbenchMethod): string => `workbench:${method}`;
export const IPC_EVENT_CHANNEL = 'workbench:event';
/** Files travel outside the method list: bytes are not JSON. */
export const IPC_UPLOAD_CHANNEL = 'workbench:upload';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'claimbench';
