// The bundles half of the contract: exporting (W3C, bundles, REFI-QDA) and importing a colleague's bundle.
import type {
  ArchiveTally,
  Counts as MergeCounts,
  DocumentMatch,
  MergeConflict,
  MergeSummary,
  Resolution,
} from '../bundle/bundle-merge.ts';
import type { SignatureCheck, SignerStanding } from '../bundle/manifest.ts';
import type { Result } from '../result.ts';
import type { BundleExportRequest, UploadRef } from './workbench-args.ts';

/** Why a bundle cannot be imported (see main/bundle/read-bundle.ts for the archive's codes). */
export type BundleImportCode =
  | 'not-found'
  | 'not-a-bundle'
  | 'corrupt'
  | 'unsafe-entry'
  | 'tampered'
  | 'too-much-data'
  | 'unreadable'
  | 'cancelled'
  | 'invalid'
  | 'write-failed';

/** What an export writes: a .claimbundle, or a REFI-QDA project (.qdpx) for QDA software. */
export type ExportFormat = BundleExportRequest['format'];

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
  /** The fact-checks of the bundle's archive, merged by id into this workspace's (absent when it has none). */
  readonly archive?: ArchiveTally;
}

export interface BundlesApi {
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
  exportBundle(
    jobId: string,
    request: BundleExportRequest,
  ): Promise<Result<ExportedFile, 'not-found' | 'invalid' | 'cancelled' | 'write-failed'>>;
  /** Stops an export or a bundle being opened for import. */
  cancelBundleJob(jobId: string): Promise<void>;
  /**
   * Opens an uploaded bundle for import under `jobId`: verifies every file and plans the merge,
   * writing nothing to the workspace. The preview waits, by its `importId`, for apply or discard.
   */
  previewBundleImport(jobId: string, upload: UploadRef): Promise<Result<BundlePreview, BundleImportCode>>;
  /** Merges a previewed bundle with a choice for each conflict (by its key): one undo step, all or nothing. */
  applyBundleImport(
    importId: string,
    resolutions: Record<string, Resolution>,
  ): Promise<Result<MergeSummary, 'not-found' | 'invalid' | 'write-failed'>>;
  /** Forgets a previewed bundle (and its temporary files). */
  discardBundleImport(importId: string): Promise<void>;
}

/** This half's method list (the compiler checks it against the interface). */
export const bundlesMethods = {
  exportAnnotations: true,
  exportBundle: true,
  cancelBundleJob: true,
  previewBundleImport: true,
  applyBundleImport: true,
  discardBundleImport: true,
} as const satisfies Record<keyof BundlesApi, true>;
