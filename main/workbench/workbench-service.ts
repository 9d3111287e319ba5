// The workbench service: the one implementation of the contract, over a workspace store.
// Every transport (IPC, HTTP) calls into this after parsing arguments with the contract's schemas.
import { Emitter } from '../../core/events.ts';
import type { DocumentsChange, WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { DocumentSummary } from '../../core/model/document.ts';
import type { WorkspaceInfo } from '../../core/model/workspace.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export interface WorkbenchHost extends WorkbenchService {
  readonly store: WorkspaceStore;
  /** Stops firing events; the store stays open (its owner closes it). */
  dispose(): void;
}

export function createWorkbenchService(store: WorkspaceStore): WorkbenchHost {
  const documentsChanged = new Emitter<DocumentsChange>();
  const workspaceChanged = new Emitter<WorkspaceInfo>();

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
    };
  };

  const service = {
    store,

    async listDocuments(): Promise<DocumentSummary[]> {
      return store.documents.map(({ meta, annotations }) => ({ meta, annotationCount: annotations.length }));
    },

    async getDocument(id) {
      const file = store.document(id);
      if (file === undefined) return fail('not-found', `There is no document "${id}" in this workspace.`);
      return ok({ meta: file.meta, text: file.text, annotations: file.annotations, structure: file.structure });
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

    onDidChangeDocuments: documentsChanged.event,
    onDidChangeWorkspace: workspaceChanged.event,
    onDidChangeSaveState: store.onDidChangeSaveState,

    dispose() {
      documentsChanged.dispose();
      workspaceChanged.dispose();
    },
  } satisfies WorkbenchHost;
  return service;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
