// A workspace opened for work: its folder opened or created (and locked), the service over it, and
// one `close()` that releases everything it holds, in order: the service (events stop, jobs are
// cancelled, its writes land), the store (open journals closed), the lock. Every shell (the desktop
// app, `claimbench serve`, the CLI commands) opens and closes a workspace through this.
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { openOrCreateWorkspace, type OpenOptions } from '../workspace/open-workspace.ts';
import { createWorkbenchService, type ServiceOptions, type WorkbenchHost } from './workbench-service.ts';

export interface OpenedWorkbench {
  readonly service: WorkbenchHost;
  readonly store: WorkspaceStore;
  /** True when opening created the workspace. */
  readonly created: boolean;
  /** Releases the service, the store and the lock; safe to call more than once. */
  close(): Promise<void>;
}

export async function openWorkbench(dir: string, options: OpenOptions & { readonly service: ServiceOptions }): Promise<OpenedWorkbench> {
  const { service: serviceOptions, ...openOptions } = options;
  const { store, lock, created } = await openOrCreateWorkspace(dir, openOptions);
  const service = createWorkbenchService(store, serviceOptions);
  let closing: Promise<void> | undefined;
  return {
    service,
    store,
    created,
    close() {
      closing ??= (async () => {
        try {
          await service.dispose();
          await store.close();
        } finally {
          await lock?.release();
        }
      })();
      return closing;
    },
  };
}
