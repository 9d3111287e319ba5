// Making renames durable: an fsync of the folder that holds them. Writes that land in one folder
// side by side (the documents of an import, written as a batch) share folder fsyncs: whoever asks
// while one is under way waits for the next, which starts when it ends and covers everyone who
// asked meanwhile. A sync that had started before a caller's rename might not cover it, so a caller
// never joins one under way; it only ever waits for one that starts after it asked. N renames in
// one folder then cost two or three folder fsyncs instead of N, and each write is still
// acknowledged only after a folder fsync that began after its rename.
import { open } from 'node:fs/promises';
import path from 'node:path';

interface FolderState {
  /** The fsync under way. */
  running: Promise<void> | undefined;
  /** The next one, shared by everyone who asked while `running` was under way. */
  waiting: Promise<void> | undefined;
}

const folders = new Map<string, FolderState>();

/** Makes every rename into `folder` made before this call durable (see the module comment). */
export function syncFolder(folder: string): Promise<void> {
  const key = path.resolve(folder);
  let state = folders.get(key);
  if (state === undefined) folders.set(key, (state = { running: undefined, waiting: undefined }));
  const running = state.running;
  if (running === undefined) return start(key, state);
  const current = state;
  current.waiting ??= running.then(() => {
    current.waiting = undefined;
    return start(key, current);
  });
  return current.waiting;
}

function start(key: string, state: FolderState): Promise<void> {
  const run = fsyncFolder(key).finally(() => {
    if (state.running !== run) return;
    state.running = undefined;
    if (state.waiting === undefined && folders.get(key) === state) folders.delete(key);
  });
  state.running = run;
  return run;
}

/** Folders cannot be opened for fsync on Windows; the rename stands there anyway. */
async function fsyncFolder(folder: string): Promise<void> {
  const directory = await open(folder, 'r').catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close().catch(() => undefined);
}
