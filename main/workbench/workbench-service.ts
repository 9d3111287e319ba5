// The workbench service: the one implementation of the contract, over a workspace store.
// Every transport (IPC, HTTP) calls into this after parsing arguments with the contract's schemas.
import type { HistoryState } from '../../core/history/history.ts';
import { annotationPage } from '../../core/annotations/paging.ts';
import { Emitter } from '../../core/events.ts';
import type { AnnotationsChange, BundleJobProgress, DocumentMetaPatch, DocumentsChange, WorkbenchService } from '../../core/contract/workbench-api.ts';
import { DocumentMeta, type DocumentFormat, type DocumentSummary } from '../../core/model/document.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import type { ImportJobProgress, ImportOutcome } from '../../core/model/import.ts';
import type { OpeningCheck, WorkspaceInfo } from '../../core/model/workspace.ts';
import { fail, ok } from '../../core/result.ts';
import { DEFAULT_LIMITS, type Extractor, type ImportLimits } from '../import/extract-types.ts';
import { importSources, type ImportSource } from '../import/import-files.ts';
import { UploadStaging } from '../import/upload-staging.ts';
import { checkStore } from '../store/check-workspace.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { appVersion } from '../app-paths.ts';
import { ExportStaging } from '../bundle/export-staging.ts';
import { annotationMethods } from './annotation-methods.ts';
import { bundleMethods } from './bundle-methods.ts';
import { ChangeLog } from './change-log.ts';
import { codebookMethods } from './codebook-methods.ts';
import { documentMethods } from './document-methods.ts';
import { exportMethods } from './export-methods.ts';
import { evidenceMethods } from './evidence-methods.ts';

export interface WorkbenchHost extends WorkbenchService {
  readonly store: WorkspaceStore;
  /** Where transports put uploaded files until `importUploads` takes them. */
  readonly uploads: UploadStaging;
  /** Finished exports, until the window saves them (the hosts' download routes read them). */
  readonly exports: ExportStaging;
  /** Imports files the host itself chose (the desktop File › Import… dialog, the CLI). */
  importSources(jobId: string, sources: readonly ImportSource[]): Promise<ImportOutcome[]>;
  /** Stops firing events and cancels running imports; the store stays open (its owner closes it). */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  readonly extractors: Readonly<Record<DocumentFormat, Extractor>>;
  /** Caps on imports (file size, parse time, decompressed size); DEFAULT_LIMITS if absent. */
  readonly limits?: ImportLimits;
  /** Where the analyst's Ed25519 signing key is kept; exports cannot be signed without it. */
  readonly keysDir?: string;
  /**
   * Check the workspace in the background once the service is up (what `claimbench check` does
   * beyond opening), and show what it finds in every window. The desktop app and the web host do.
   */
  readonly checkOnOpen?: boolean;
}

export function createWorkbenchService(store: WorkspaceStore, { extractors, limits = DEFAULT_LIMITS, keysDir, checkOnOpen = false }: ServiceOptions): WorkbenchHost {
  const documentsChanged = new Emitter<DocumentsChange>();
  const workspaceChanged = new Emitter<WorkspaceInfo>();
  const importProgressed = new Emitter<ImportJobProgress>();
  const historyChanged = new Emitter<HistoryState>();
  const uploads = new UploadStaging(limits.maxFileBytes);
  const annotationsChanged = new Emitter<AnnotationsChange>();
  const evidenceChanged = new Emitter<EvidenceData>();
  const bundleProgressed = new Emitter<BundleJobProgress>();
  const exports = new ExportStaging();
  const changes = new ChangeLog(store, {
    documentsChanged,
    annotationsChanged,
    historyChanged,
    evidenceChanged,
    codebookChanged: () => workspaceChanged.fire(workspaceInfo()),
  });
  const bundles = bundleMethods({ store, changes, uploads, exports, progress: bundleProgressed, appVersion: appVersion(), ...(keysDir !== undefined ? { keysDir } : {}) });
  const jobs = new Map<string, AbortController>();
  // A cancel can overtake the call that starts its job (they travel separately): remember it.
  const cancelledEarly = new Set<string>();

  const workspaceInfo = (): WorkspaceInfo => {
    const documents = store.documents;
    return {
      name: store.workspace.name,
      path: store.dir,
      schemaVersion: store.workspace.schemaVersion,
      documentCount: documents.length,
      annotationCount: documents.reduce((sum, document) => sum + document.annotations.length, 0),
      settings: store.workspace.settings,
      codebook: store.workspace.codebook,
      saveState: store.currentSaveState,
      problems: store.problems,
      ...(check !== undefined ? { check } : {}),
    };
  };

  let check: OpeningCheck | undefined;
  let disposed = false;
  // Started once the service is up; windows hear of the result through onDidChangeWorkspace.
  const checking = checkOnOpen ? runOpeningCheck() : Promise.resolve();
  async function runOpeningCheck(): Promise<void> {
    check = { state: 'running' };
    try {
      const { findings } = await checkStore(store);
      check = { state: 'done', findings: findings.map(({ file, problem }) => ({ file, problem })) };
    } catch (error) {
      check = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (!disposed) workspaceChanged.fire(workspaceInfo());
  }

  const runImport = async (jobId: string, sources: readonly ImportSource[]): Promise<ImportOutcome[]> => {
    if (jobs.has(jobId)) throw new Error(`import job ${jobId} is already running`);
    const controller = new AbortController();
    if (cancelledEarly.delete(jobId)) controller.abort();
    jobs.set(jobId, controller);
    try {
      return await importSources(store, sources, {
        extractors,
        limits,
        signal: controller.signal,
        onOutcome: (outcome) => {
          if (outcome.status === 'imported' || outcome.status === 'updated') documentsChanged.fire({ changed: [outcome.documentId], removed: [] });
        },
        onProgress: (progress) => importProgressed.fire({ ...progress, jobId, finished: progress.current === undefined }),
      });
    } finally {
      jobs.delete(jobId);
    }
  };

  const service = {
    store,
    uploads,
    exports,

    async listDocuments(): Promise<DocumentSummary[]> {
      return store.documents.map(({ meta, annotations }) => ({ meta, annotationCount: annotations.length }));
    },

    async getDocument(id, annotationLimit) {
      const file = store.document(id);
      if (file === undefined) return fail('not-found', `There is no document "${id}" in this workspace.`);
      const { annotations, next } = annotationPage(file.annotations, undefined, annotationLimit ?? file.annotations.length);
      const view = { meta: file.meta, text: file.text, annotations, structure: file.structure, annotationTotal: file.annotations.length };
      return ok(next === undefined ? view : { ...view, nextAnnotations: next });
    },

    async getAnnotations(documentId, after, limit) {
      const file = store.document(documentId);
      if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      return ok(annotationPage(file.annotations, after, limit));
    },

    async getWorkspaceInfo() {
      return workspaceInfo();
    },

    async updateSettings(patch) {
      const current = store.workspace;
      const settings = { ...current.settings, ...definedOnly(patch) };
      const written = await store.updateWorkspace({ ...current, settings });
      if (!written.ok) return written;
      workspaceChanged.fire(workspaceInfo());
      return ok(written.value.settings);
    },

    async importUploads(jobId, refs) {
      const sources: ImportSource[] = [];
      const missing: ImportOutcome[] = [];
      for (const { uploadId, name, versionOf } of refs) {
        const source = uploads.take(uploadId, name);
        if (source) sources.push(versionOf === undefined ? source : { ...source, versionOf });
        else missing.push({ status: 'rejected', name, code: 'unreadable', message: 'the uploaded file is gone (it was already imported, or the upload failed)' });
      }
      return [...missing, ...(await runImport(jobId, sources))];
    },

    async cancelImport(jobId) {
      const job = jobs.get(jobId);
      if (job) job.abort();
      else if (cancelledEarly.size < 1000) cancelledEarly.add(jobId);
    },

    async importText(title, text) {
      const bytes = new TextEncoder().encode(text);
      const source: ImportSource = {
        name: `${title.trim() || 'Pasted text'}.txt`,
        origin: 'pasted text',
        size: bytes.length,
        // The analyst typed a title; without one, the text's first line is used.
        title: title.trim() || undefined,
        read: async () => bytes,
      };
      const [outcome] = await runImport(`paste-${crypto.randomUUID()}`, [source]);
      return outcome!;
    },

    updateDocumentMeta(id, patch) {
      // Not an undo step, but in turn with those: it rewrites the whole file, so it must not read a
      // document that a change under way is about to rewrite (its annotations would be lost) or
      // remove (a deletion: it would bring the document back).
      return changes.exclusive(async () => {
        const document = store.document(id);
        if (document === undefined) return fail('not-found', `There is no document "${id}" in this workspace.`);
        const next = DocumentMeta.safeParse(applyPatch(document.meta, patch));
        if (!next.success) {
          const issue = next.error.issues[0];
          const field = FIELD_NAMES[String(issue?.path[0])] ?? String(issue?.path[0] ?? 'metadata');
          return fail('invalid', `${field}: ${issue?.message ?? 'not valid'}`);
        }
        const written = await store.putDocument({ ...document, meta: next.data });
        if (!written.ok) return written;
        documentsChanged.fire({ changed: [id], removed: [] });
        return ok(written.value.meta);
      });
    },

    importSources: runImport,

    ...annotationMethods(store, changes),
    ...codebookMethods(store, changes),
    ...documentMethods(store, changes),
    ...exportMethods(store),
    ...evidenceMethods(store, changes),
    exportBundle: bundles.exportBundle,
    cancelBundleJob: bundles.cancelBundleJob,
    previewBundleImport: bundles.previewBundleImport,
    applyBundleImport: bundles.applyBundleImport,
    discardBundleImport: bundles.discardBundleImport,
    importAnnotationFile: bundles.importAnnotationFile,
    undo: () => changes.undo(),
    redo: () => changes.redo(),
    getHistory: async () => changes.state,

    onDidChangeDocuments: documentsChanged.event,
    onDidChangeAnnotations: annotationsChanged.event,
    onDidChangeWorkspace: workspaceChanged.event,
    onDidChangeSaveState: store.onDidChangeSaveState,
    onDidProgressImport: importProgressed.event,
    onDidProgressBundle: bundleProgressed.event,
    onDidChangeHistory: historyChanged.event,
    onDidChangeEvidence: evidenceChanged.event,

    async dispose() {
      disposed = true;
      for (const controller of jobs.values()) controller.abort();
      documentsChanged.dispose();
      annotationsChanged.dispose();
      workspaceChanged.dispose();
      importProgressed.dispose();
      historyChanged.dispose();
      evidenceChanged.dispose();
      bundleProgressed.dispose();
      await bundles.dispose();
      await uploads.dispose();
      await checking;
      // Its writes (and the store's housekeeping after them) are on disk once it is disposed of.
      await store.flush();
    },
  } satisfies WorkbenchHost;
  return service;
}

/** How the details form names each field, for messages. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: 'Title',
  role: 'Role',
  outlet: 'Outlet',
  author: 'Author',
  publishedAt: 'Published (use a date like 2026-08-14, or a date and time with its offset)',
  sourceUrl: 'URL (an http or https address)',
  language: 'Language',
  tags: 'Tags',
};

function applyPatch(meta: DocumentMeta, patch: DocumentMetaPatch): Record<string, unknown> {
  const next: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
