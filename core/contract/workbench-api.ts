// The one contract of the workbench service. Main implements it; the Electron preload, the IPC
// registration, the web host's routes and the renderer's clients are all derived from the lists
// below, so adding a method is one edit here plus its implementation.
import type { Disposable, Listener } from '../events.ts';
import type { DocumentSummary, DocumentView } from '../model/document.ts';
import type { SaveState, WorkspaceInfo, WorkspaceSettings } from '../model/workspace.ts';
import type { Result } from '../result.ts';

/** Changes an analyst may make to the workspace settings; absent fields stay as they are. */
export interface SettingsPatch {
  analystName?: string;
}

/** Every method is async, takes plain data and returns plain data (it may cross a process). */
export interface WorkbenchApi {
  /** The library: every document's metadata, in import order. */
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<Result<DocumentView, 'not-found'>>;
  getWorkspaceInfo(): Promise<WorkspaceInfo>;
  /** Resolves once the change is on disk. */
  updateSettings(patch: SettingsPatch): Promise<Result<WorkspaceSettings, 'write-failed'>>;
}

export interface DocumentsChange {
  /** Documents added or modified. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** Events the service fires; subscribers use `on` + the capitalized name (`onDidChangeDocuments`). */
export interface WorkbenchEvents {
  didChangeDocuments: DocumentsChange;
  didChangeWorkspace: WorkspaceInfo;
  didChangeSaveState: SaveState;
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
  getWorkspaceInfo: true,
  updateSettings: true,
} as const satisfies Record<WorkbenchMethod, true>;

const events = {
  didChangeDocuments: true,
  didChangeWorkspace: true,
  didChangeSaveState: true,
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

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'claimbench';
