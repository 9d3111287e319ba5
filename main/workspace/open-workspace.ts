// Opens the workspace folder a program was given, creating it (from the sample, or empty) when
// it does not exist yet. A non-empty folder that is not a workspace is refused, never written to.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceOpenError, WorkspaceStore, WORKSPACE_FILE } from '../store/workspace-store.ts';
import { createWorkspace, type CreateOptions } from './create-workspace.ts';

export interface OpenedWorkspace {
  readonly store: WorkspaceStore;
  /** True when this call created the workspace. */
  readonly created: boolean;
}

export async function openOrCreateWorkspace(dir: string, options: CreateOptions): Promise<OpenedWorkspace> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ENOTDIR') throw new WorkspaceOpenError('not-a-workspace', `${dir} is a file, not a folder: a workspace is a folder`);
    throw error;
  });
  if (entries !== null && entries.includes(WORKSPACE_FILE)) {
    return { store: await WorkspaceStore.open(dir), created: false };
  }
  const leftovers = entries ?? [];
  if (leftovers.length > 0) {
    throw new WorkspaceOpenError(
      'not-a-workspace',
      `${dir} is not a Claimbench workspace (it has no ${WORKSPACE_FILE}) and is not empty; choose an empty or new folder`,
    );
  }
  // Build it beside the target and rename it into place, so a crash midway leaves no half workspace.
  const parent = path.dirname(path.resolve(dir));
  await mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dir)}.creating-${randomUUID()}`);
  try {
    await createWorkspace(staging, options);
    if (entries !== null) await rmdir(dir);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { store: await WorkspaceStore.open(dir), created: true };
}
