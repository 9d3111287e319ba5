// Opens the workspace folder a program was given, creating it (from the sample, or empty) when
// it does not exist yet. A non-empty folder that is not a workspace is refused, never written to.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { WorkspaceOpenError } from '../store/open-store.ts';
import { createWorkspace, type CreateOptions } from './create-workspace.ts';
import { acquireWorkspaceLock, type WorkspaceLock } from '../store/workspace-lock.ts';

export interface OpenedWorkspace {
  readonly store: WorkspaceStore;
  /** True when this call created the workspace. */
  readonly created: boolean;
  /** This process's hold on the workspace (with `lock`); release it when done. */
  readonly lock?: WorkspaceLock;
}

export interface OpenOptions extends CreateOptions {
  /**
   * Take the workspace's lock for this process, saying what it is ("claimbench serve"): a second
   * process then gets a `locked` error naming this one (store/workspace-lock.ts).
   */
  readonly lock?: string;
}

export async function openOrCreateWorkspace(dir: string, options: OpenOptions): Promise<OpenedWorkspace> {
  if (options.lock === undefined) return openOrCreate(dir, options);
  // The lock lives in the workspace folder, so it is taken once the folder is a workspace; a
  // workspace is created in a staging folder and renamed into place, which two processes cannot both do.
  const purpose = options.lock;
  return openOrCreate(dir, options, async (absolute) => {
    const lock = await acquireWorkspaceLock(absolute, purpose);
    if (!lock.ok) throw new WorkspaceOpenError('locked', lock.error.message);
    return lock.value;
  });
}

async function openOrCreate(dir: string, options: CreateOptions, lock?: (dir: string) => Promise<WorkspaceLock>): Promise<OpenedWorkspace> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ENOTDIR')
      throw new WorkspaceOpenError('not-a-workspace', `${dir} is a file, not a folder: a workspace is a folder`);
    throw error;
  });
  if (entries !== null && entries.includes(WORKSPACE_FILE)) {
    // Locked before the store opens: opening may repair files (set aside, restore), a write.
    const held = await lock?.(path.resolve(dir));
    try {
      return { store: await FolderStore.open(dir), created: false, ...(held ? { lock: held } : {}) };
    } catch (error) {
      await held?.release();
      throw error;
    }
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
  const held = await lock?.(path.resolve(dir));
  return { store: await FolderStore.open(dir), created: true, ...(held ? { lock: held } : {}) };
}
