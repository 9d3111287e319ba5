// The workbench service: the one implementation of the contract, over a workspace store. This file
// only composes: each half of the contract is implemented in its own *-methods.ts, every change goes
// through the change log (change-log.ts), and every transport (IPC, HTTP) calls into the result
// after parsing arguments with the contract's schemas.
import type {
  AnnotationsChange,
  BundleImportCode,
  BundleJobProgress,
  BundlePreview,
  DocumentsChange,
  MatchProgress,
  Presence,
  SuggestionProgress,
  WorkbenchService,
} from '../../core/contract/workbench-api.ts';
import { Emitter } from '../../core/events.ts';
import type { HistoryState } from '../../core/history/history.ts';
import type { DocumentFormat } from '../../core/model/document.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import type { SearchStatus } from '../../core/search/search-types.ts';
import type { ImportJobProgress, ImportOutcome } from '../../core/model/import.ts';
import type { WorkspaceInfo } from '../../core/model/workspace.ts';
import type { Result } from '../../core/result.ts';
import { appVersion } from '../app-paths.ts';
import { ExportStaging } from '../bundle/export-staging.ts';
import { DEFAULT_LIMITS, type Extractor, type ImportLimits } from '../import/extract-types.ts';
import type { ImportSource } from '../import/import-files.ts';
import { UploadStaging } from '../import/upload-staging.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { agreementMethods } from './agreement-methods.ts';
import { annotationMethods } from './annotation-methods.ts';
import { annotationTableMethods } from './annotation-table-methods.ts';
import { bundleMethods } from './bundle-methods.ts';
import { ChangeLog } from './change-log.ts';
import { followCommittedChanges, type ServiceChangeFeed } from './committed-changes.ts';
import { codebookMethods } from './codebook-methods.ts';
import { speakerMethods } from './speaker-methods.ts';
import { documentMethods } from './document-methods.ts';
import { archiveMethods } from './archive-methods.ts';
import { suggestionMethods } from './suggestion-methods.ts';
import { evidenceMethods } from './evidence-methods.ts';
import { exportMethods } from './export-methods.ts';
import { importMethods } from './import-methods.ts';
import { Jobs } from './jobs.ts';
import { versionMethods } from './version-methods.ts';
import { presenceMethods } from './presence-methods.ts';
import { searchMethods } from './search-methods.ts';
import { latestAtMost } from './latest-at-most.ts';
import { settingsMethods } from './settings-methods.ts';
import { workspaceMethods } from './workspace-methods.ts';

export interface WorkbenchHost extends WorkbenchService {
  readonly store: WorkspaceStore;
  /** Where transports put uploaded files until `importUploads` takes them. */
  readonly uploads: UploadStaging;
  /** Finished exports, until the window saves them (the hosts' download routes read them). */
  readonly exports: ExportStaging;
  /** A shared store's committed changes, each with its place in the log (the team server's event stream resumes from it). */
  readonly changeFeed?: ServiceChangeFeed;
  /** Imports files the host itself chose (the desktop File › Import… dialog, the CLI). */
  importSources(jobId: string, sources: readonly ImportSource[]): Promise<ImportOutcome[]>;
  /** Opens a bundle the host itself chose (the CLI) for import; applyBundleImport merges it. */
  previewBundleFile(jobId: string, file: string): Promise<Result<BundlePreview, BundleImportCode>>;
  /** Resolves once the search index is ready (checked, or rebuilt): what a one-off search waits for. */
  searchReady(): Promise<void>;
  /** Stops firing events and cancels running jobs; its writes are on disk when it resolves. Idempotent. The store stays open (see open-workbench.ts). */
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
  /**
   * Open the search index (`<workspace>/index/`) and check it, rebuilding it if need be, in the
   * background once the service is up; otherwise that happens at the first search. The desktop
   * app and the web host do.
   */
  readonly indexOnOpen?: boolean;
  /**
   * Analyse each imported document's claim suggestions in the background, one at a time, so that
   * opening it shows them at once. The desktop app and the web host do; the CLI's imports do not.
   */
  readonly suggestOnImport?: boolean;
  /** A team server's database (as it may be shown): the workspace info says so (WorkspaceInfo.team). */
  readonly team?: { readonly database: string };
}

/** The save state goes to the windows at most this often (the latest; see latestAtMost). */
const SAVE_STATE_INTERVAL_MS = 100;

export function createWorkbenchService(
  store: WorkspaceStore,
  { extractors, limits = DEFAULT_LIMITS, keysDir, checkOnOpen = false, indexOnOpen = false, suggestOnImport = false, team }: ServiceOptions,
): WorkbenchHost {
  const documentsChanged = new Emitter<DocumentsChange>();
  const annotationsChanged = new Emitter<AnnotationsChange>();
  const workspaceChanged = new Emitter<WorkspaceInfo>();
  const importProgressed = new Emitter<ImportJobProgress>();
  const bundleProgressed = new Emitter<BundleJobProgress>();
  const historyChanged = new Emitter<HistoryState>();
  const evidenceChanged = new Emitter<EvidenceData>();
  const archiveChanged = new Emitter<{ readonly entries: number }>();
  const searchStatusChanged = new Emitter<SearchStatus>();
  // Told to every window (on a team server, every save of every member changes it twice).
  const saveState = latestAtMost(store.onDidChangeSaveState, SAVE_STATE_INTERVAL_MS);
  const suggestionsProgressed = new Emitter<SuggestionProgress>();
  const matchingProgressed = new Emitter<MatchProgress>();
  const presenceChanged = new Emitter<Presence>();
  const emitters = [
    documentsChanged,
    annotationsChanged,
    workspaceChanged,
    importProgressed,
    bundleProgressed,
    historyChanged,
    evidenceChanged,
    archiveChanged,
    searchStatusChanged,
    suggestionsProgressed,
    matchingProgressed,
    presenceChanged,
  ];

  const uploads = new UploadStaging(limits.maxFileBytes);
  const exports = new ExportStaging();
  const jobs = new Jobs();
  const workspace = workspaceMethods(store, workspaceChanged, { checkOnOpen, ...(team !== undefined ? { team } : {}) });
  const changes = new ChangeLog(store, {
    documentsChanged,
    annotationsChanged,
    historyChanged,
    evidenceChanged,
    archiveChanged,
    codebookChanged: () => workspaceChanged.fire(workspace.info()),
  });
  // A change another process made to a shared store: the same events as one made here.
  const remoteEmitters: Partial<Record<string, { fire(payload: never): void }>> = {
    didChangeWorkspace: workspaceChanged,
    didChangeEvidence: evidenceChanged,
    didChangeArchive: archiveChanged,
    didChangeDocuments: documentsChanged,
    didChangeAnnotations: annotationsChanged,
  };
  const followed =
    store.changeFeed &&
    followCommittedChanges(store.changeFeed, store, workspace.info, ({ event, payload }) =>
      (remoteEmitters[event] as { fire(payload: unknown): void } | undefined)?.fire(payload),
    );
  const { dispose: disposeBundles, ...bundles } = bundleMethods({
    store,
    changes,
    uploads,
    exports,
    jobs,
    progress: bundleProgressed,
    appVersion: appVersion(),
    ...(keysDir !== undefined ? { keysDir } : {}),
  });
  const { info: _info, checked, stop, ...workspaceApi } = workspace;
  const { disposeSearch, matchAnnotations, ...search } = searchMethods(store, changes, searchStatusChanged, { indexOnOpen });
  const { dispose: disposeTable, ...annotationTable } = annotationTableMethods(store, { matchAnnotations });
  const { suggestInBackground, disposeSuggestions, ...suggestions } = suggestionMethods(store, changes, suggestionsProgressed);
  const { disposeMatching, ...archive } = archiveMethods({ store, changes, uploads, jobs, progress: matchingProgressed });
  const { disposePresence, ...presence } = presenceMethods(store, presenceChanged);
  let disposing: Promise<void> | undefined;

  return {
    store,
    uploads,
    exports,
    ...(followed === undefined ? {} : { changeFeed: followed }),
    ...workspaceApi,
    ...documentMethods(store, changes, documentsChanged),
    ...versionMethods(store),
    ...settingsMethods(store, changes, () => workspaceChanged.fire(workspace.info())),
    ...importMethods({
      store,
      uploads,
      jobs,
      extractors,
      limits,
      documentsChanged,
      progress: importProgressed,
      ...(suggestOnImport ? { onImported: suggestInBackground } : {}),
    }),
    ...annotationMethods(store, changes),
    ...codebookMethods(store, changes),
    ...speakerMethods(store, changes),
    ...exportMethods(store),
    ...evidenceMethods(store, changes),
    ...archive,
    ...agreementMethods(store, changes),
    ...suggestions,
    ...bundles,
    ...search,
    ...annotationTable,
    ...presence,
    undo: () => changes.undo(),
    redo: () => changes.redo(),
    getHistory: () => changes.state(),

    onDidChangeDocuments: documentsChanged.event,
    onDidChangeAnnotations: annotationsChanged.event,
    onDidChangeWorkspace: workspaceChanged.event,
    onDidChangeSaveState: saveState.event,
    onDidProgressImport: importProgressed.event,
    onDidProgressBundle: bundleProgressed.event,
    onDidChangeHistory: historyChanged.event,
    onDidChangeEvidence: evidenceChanged.event,
    onDidChangeArchive: archiveChanged.event,
    onDidChangeSearchStatus: searchStatusChanged.event,
    onDidProgressSuggestions: suggestionsProgressed.event,
    onDidProgressMatching: matchingProgressed.event,
    onDidChangePresence: presenceChanged.event,

    dispose() {
      disposing ??= (async () => {
        stop();
        disposePresence();
        followed?.dispose();
        jobs.cancelAll();
        await disposeSuggestions();
        for (const emitter of emitters) emitter.dispose();
        saveState.dispose();
        await disposeMatching();
        await disposeBundles();
        await uploads.dispose();
        await checked;
        disposeTable();
        await disposeSearch();
        // Its writes (and the store's housekeeping after them) are on disk once it is disposed of.
        await store.flush();
      })();
      return disposing;
    },
  } satisfies WorkbenchHost;
}
