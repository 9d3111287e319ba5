// main/store/folder-store.ts as the team suite's tests see it (vitest.team.config.ts): `FolderStore.open`
// gives a PostgreSQL store over the folder's workspace (team-store.ts).
import type { OpenOptions } from '../../main/store/open-store.ts';
import type { WorkspaceStore } from '../../main/store/workspace-store.ts';
import { teamStoreFor } from './team-store.ts';

export class FolderStore {
  static open(dir: string, _options: OpenOptions = {}): Promise<WorkspaceStore> {
    return teamStoreFor(dir);
  }
}
