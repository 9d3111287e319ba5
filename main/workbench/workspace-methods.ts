// The workspace half of the workbench service: what the status bar and the settings show (name,
// counts, settings, codebook, save state, problems found on opening; settings-methods.ts changes them), and
// the check of the whole workspace that the desktop app and the web host run once it is open.
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { OpeningCheck, WorkspaceInfo } from '../../core/model/workspace.ts';
import { checkStore } from '../store/check-workspace.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

type WorkspaceMethods = Pick<WorkbenchApi, 'getWorkspaceInfo'> & {
  /** The workspace as windows see it now. */
  info(): WorkspaceInfo;
  /** Resolves once the opening check (if one was started) has finished. */
  readonly checked: Promise<void>;
  /** Stops announcing (the service is being disposed of). */
  stop(): void;
};

export function workspaceMethods(
  store: WorkspaceStore,
  workspaceChanged: Emitter<WorkspaceInfo>,
  { checkOnOpen, team }: { readonly checkOnOpen: boolean; readonly team?: WorkspaceInfo['team'] },
): WorkspaceMethods {
  let check: OpeningCheck | undefined;
  let stopped = false;

  const info = (): WorkspaceInfo => {
    return {
      name: store.workspace.name,
      path: team?.database ?? store.dir,
      schemaVersion: store.workspace.schemaVersion,
      // From the heads: this runs on every change of the workspace, and reads no document.
      documentCount: store.heads.length,
      annotationCount: store.annotationCount,
      settings: store.workspace.settings,
      codebook: store.workspace.codebook,
      saveState: store.currentSaveState,
      problems: store.problems,
      ...(check !== undefined ? { check } : {}),
      ...(team !== undefined ? { team } : {}),
    };
  };

  // Started once the service is up; windows hear of the result through onDidChangeWorkspace.
  const runOpeningCheck = async (): Promise<void> => {
    check = { state: 'running' };
    try {
      const { findings } = await checkStore(store);
      check = { state: 'done', findings: findings.map(({ file, problem }) => ({ file, problem })) };
    } catch (error) {
      check = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (!stopped) workspaceChanged.fire(info());
  };

  return {
    info,
    checked: checkOnOpen ? runOpeningCheck() : Promise.resolve(),
    stop: () => void (stopped = true),

    async getWorkspaceInfo() {
      return info();
    },
  };
}
