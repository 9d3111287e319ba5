// The one contract of the workbench service, in halves by domain (documents, annotations,
// codebook, bundles, evidence, archive, search, agreement: each `*-api.ts` holds its methods and
// the types they return; the argument types are derived from the schemas in workbench-args.ts). Main
// implements it; the Electron preload, the IPC registration, the web host's routes and the
// renderer's clients are all derived from the lists below, so adding a method is its line in a
// half's interface and method table, its argument schema, and its implementation, each checked by
// the compiler.
import type { HistoryState } from '../history/history.ts';
import type { Disposable, Listener } from '../events.ts';
import type { Annotation } from '../model/annotation.ts';
import type { EvidenceData } from '../model/evidence.ts';
import type { ImportJobProgress } from '../model/import.ts';
import type { SaveState, WorkspaceInfo } from '../model/workspace.ts';
import { agreementMethods, type AgreementApi } from './agreement-api.ts';
import { annotationTableMethods, type AnnotationTableApi } from './annotation-table-api.ts';
import { annotationsMethods, type AnnotationsApi } from './annotations-api.ts';
import { archiveMethods, type ArchiveApi, type MatchProgress } from './archive-api.ts';
import { bundlesMethods, type BundleJobProgress, type BundlesApi } from './bundles-api.ts';
import { codebookMethods, type CodebookApi } from './codebook-api.ts';
import { documentsMethods, type DocumentsApi } from './documents-api.ts';
import { evidenceMethods, type EvidenceApi } from './evidence-api.ts';
import { presenceMethods, type Presence, type PresenceApi } from './presence-api.ts';
import { searchMethods, type SearchApi } from './search-api.ts';
import { suggestionsMethods, type SuggestionProgress, type SuggestionsApi } from './suggestions-api.ts';
import type { SearchStatus } from '../search/search-types.ts';

export type * from './agreement-api.ts';
export type * from './annotation-table-api.ts';
export type * from './annotations-api.ts';
export type * from './archive-api.ts';
export type * from './bundles-api.ts';
export type * from './codebook-api.ts';
export type * from './documents-api.ts';
export type * from './evidence-api.ts';
export type * from './presence-api.ts';
export type * from './search-api.ts';
export type * from './suggestions-api.ts';
export type {
  ArchiveQuery,
  MatchAttachment,
  BundleExportRequest,
  DocumentMetaEdit,
  DocumentMetaPatch,
  ImportTextOptions,
  LinkEndInput,
  NewLink,
  SettingsPatch,
  SuggestionChoice,
  SuggestionRange,
  UploadRef,
} from './workbench-args.ts';
export { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, ipcChannel } from './ipc-channels.ts';

/** Every method is async, takes plain data and returns plain data (it may cross a process). */
export type WorkbenchApi = DocumentsApi &
  AnnotationsApi &
  CodebookApi &
  BundlesApi &
  EvidenceApi &
  ArchiveApi &
  SearchApi &
  AgreementApi &
  SuggestionsApi &
  AnnotationTableApi &
  PresenceApi;

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
  /** The fact-check archive changed: how many entries it has now. */
  didChangeArchive: { readonly entries: number };
  /** The search index's status: being checked, built (with progress), ready, failed. */
  didChangeSearchStatus: SearchStatus;
  /** A document's text is being analysed for claim suggestions: how far it got. */
  didProgressSuggestions: SuggestionProgress;
  /** A document's sentences are being matched against the archive and the rated claims: how far it got. */
  didProgressMatching: MatchProgress;
  /** Who is viewing which document (presence-api.ts). */
  didChangePresence: Presence;
}

export type EventSubscriptionName<E extends string> = `on${Capitalize<E>}`;

export type WorkbenchEventSubscriptions = {
  readonly [E in keyof WorkbenchEvents as EventSubscriptionName<E>]: (listener: Listener<WorkbenchEvents[E]>) => Disposable;
};

/** What main implements and what the renderer's api client offers: methods plus events. */
export type WorkbenchService = WorkbenchApi & WorkbenchEventSubscriptions;

export type WorkbenchMethod = keyof WorkbenchApi;
export type WorkbenchEvent = keyof WorkbenchEvents;

const methods = {
  ...documentsMethods,
  ...annotationsMethods,
  ...codebookMethods,
  ...bundlesMethods,
  ...evidenceMethods,
  ...archiveMethods,
  ...searchMethods,
  ...agreementMethods,
  ...suggestionsMethods,
  ...annotationTableMethods,
  ...presenceMethods,
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
  didChangeArchive: true,
  didChangeSearchStatus: true,
  didProgressSuggestions: true,
  didProgressMatching: true,
  didChangePresence: true,
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
