// Disk full and a read-only disk, for real: a tiny tmpfs holds the workspace (mounting needs root;
// elsewhere these tests are skipped, saying why); and a folder the writer may not write to (EACCES,
// by a writer running as another user, since root ignores permissions). A write that fails says so, changes nothing on
// disk or in memory, the store keeps working, and the next write succeeds once space returns.
import { execFileSync, spawn } from 'node:child_process';
import { chmod, copyFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { FolderStore } from './folder-store.ts';
import { DOCUMENTS_DIR } from './workspace-layout.ts';

let mountPoint: string | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-tmpfs-'));
  try {
    if (process.getuid?.() !== 0) throw new Error('not running as root');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
    mountPoint = dir;
  } catch (error) {
    skipReason = `cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`;
    await rm(dir, { recursive: true, force: true });
    console.warn(`Skipping the disk-full and read-only tests: ${skipReason}.`);
  }
});

afterAll(async () => {
  if (mountPoint === undefined) return;
  execFileSync('umount', [mountPoint]);
  await rm(mountPoint, { recursive: true, force: true });
});

/** Fills the file system until a write fails with ENOSPC; returns the filler to remove. */
async function fillDisk(dir: string): Promise<string> {
  const filler = path.join(dir, 'filler');
  const chunk = Buffer.alloc(64 * 1024, 1);
  const handle = await open(filler, 'w');
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return filler;
}

describe('when the disk is full or read-only', () => {
  it('a failed save says why, changes nothing, and the next save succeeds when space returns', async ({ skip }) => {
    if (mountPoint === undefined) return skip(skipReason);
    const dir = path.join(mountPoint, 'ws-full');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    const store = await FolderStore.open(dir);
    const document = store.documents[0]!;
    const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
    const before = await readFile(file, 'utf8');
    const filler = await fillDisk(mountPoint);

    const failed = await store.putDocument({ ...document, meta: { ...document.meta, title: 'Renamed on a full disk' } });
    expect(failed).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/ENOSPC|no space/i) } });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(store.document(document.meta.id)!.meta.title).toBe(document.meta.title);
    expect(store.currentSaveState.lastError?.message).toMatch(/ENOSPC|no space/i);

    await rm(filler);
    const retried = await store.putDocument({ ...document, meta: { ...document.meta, title: 'Renamed once there was space' } });
    expect(retried.ok).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8')).meta.title).toBe('Renamed once there was space');
    expect((await FolderStore.open(dir)).problems).toEqual([]);
  });

  it('a claim save that fails on a full disk is not half-kept: the next one writes the document whole, and nothing is lost', async ({
    skip,
  }) => {
    if (mountPoint === undefined) return skip(skipReason);
    const dir = path.join(mountPoint, 'ws-journal-full');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    const store = await FolderStore.open(dir);
    const id = store.documents[0]!.meta.id;
    const note = (text: string) => {
      const first = store.document(id)!.annotations[0]!;
      return store.putAnnotations(id, [{ annotationId: first.id, annotation: { ...first, note: text } }]);
    };
    expect((await note('kept whole')).ok).toBe(true); // the sample names no journal yet: written whole
    expect((await note('kept in the journal')).ok).toBe(true);
    await store.flush();
    const filler = await fillDisk(mountPoint);
    try {
      // A large note, so the append cannot fit in whatever the last block has left.
      const failed = await note(`lost: ${'x'.repeat(64 * 1024)}`);
      expect(failed).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/ENOSPC|no space/i) } });
      expect(store.document(id)!.annotations[0]!.note).toBe('kept in the journal');
    } finally {
      await rm(filler);
    }
    expect((await note('saved once there was space')).ok).toBe(true);
    await store.close();
    const reopened = await FolderStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.document(id)!.annotations[0]!.note).toBe('saved once there was space');
    await reopened.close();
  });

  it('claims saved in a burst when the disk fills: the failed one and those made after it fail, the history forgets them, nothing is half-kept', async ({
    skip,
  }) => {
    if (mountPoint === undefined) return skip(skipReason);
    const dir = path.join(mountPoint, 'ws-burst-full');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    const store = await FolderStore.open(dir);
    const service = createWorkbenchService(store, { extractors: EXTRACTORS });
    const document = store.documents[0]!;
    const [first, second] = document.annotations as [Annotation, Annotation];
    expect((await service.updateAnnotation(document.meta.id, first.id, { note: 'on disk' })).ok).toBe(true); // written whole: names a journal
    await store.flush();
    const filler = await fillDisk(mountPoint);
    try {
      const burst = await Promise.all([
        service.updateAnnotation(document.meta.id, first.id, { note: `too big: ${'x'.repeat(64 * 1024)}` }),
        service.updateAnnotation(document.meta.id, second.id, { note: 'made after it' }),
      ]);
      expect(burst).toMatchObject([
        { ok: false, error: { code: 'write-failed', message: expect.stringMatching(/ENOSPC|no space/i) } },
        { ok: false, error: { code: 'write-failed', message: expect.stringMatching(/an earlier save of it failed/) } },
      ]);
      const notes = store.document(document.meta.id)!.annotations.map((annotation) => annotation.note);
      expect(notes.slice(0, 2)).toEqual(['on disk', second.note]);
      expect(await service.getHistory()).toMatchObject({ canUndo: true, undoLabel: 'Edit annotation' });
    } finally {
      await rm(filler);
    }
    expect((await service.updateAnnotation(document.meta.id, second.id, { note: 'once there was space' })).ok).toBe(true);
    await service.undo();
    await service.undo();
    expect(
      store
        .document(document.meta.id)!
        .annotations.slice(0, 2)
        .map((annotation) => annotation.note),
    ).toEqual([first.note, second.note]);
    await service.dispose();
    await store.close();
    const reopened = await FolderStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.document(document.meta.id)).toEqual(store.document(document.meta.id));
    await reopened.close();
  });

  it('a save on a read-only file system says why, changes nothing, and succeeds once it is writable again', async ({ skip }) => {
    if (mountPoint === undefined) return skip(skipReason);
    const dir = path.join(mountPoint, 'ws-readonly');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    const store = await FolderStore.open(dir);
    const before = await readFile(path.join(dir, 'workspace.json'), 'utf8');
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      const failed = await store.updateWorkspace({ ...store.workspace, name: 'Renamed read-only' });
      expect(failed).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/EROFS|read-only/i) } });
      expect(store.workspace.name).not.toBe('Renamed read-only');
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    expect(await readFile(path.join(dir, 'workspace.json'), 'utf8')).toBe(before);
    expect((await store.updateWorkspace({ ...store.workspace, name: 'Renamed' })).ok).toBe(true);
  });

  it('a save into a folder it may not write to (EACCES) says why, changes nothing, and succeeds once it may', async ({ skip }) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-eacces-'));
    try {
      const ws = path.join(dir, 'ws');
      await createWorkspace(ws, { resourcesDir: RESOURCES_DIR });
      const file = path.join(ws, DOCUMENTS_DIR, `${(await FolderStore.open(ws)).documents[0]!.meta.id}.json`);
      const before = await readFile(file, 'utf8');
      const folders = [ws, path.join(ws, DOCUMENTS_DIR)];
      for (const folder of [dir, ...folders]) await chmod(folder, 0o755);
      const writer = await unprivilegedWriter(dir, ws);
      if (writer === undefined) return skip('root ignores file permissions, and there is no unprivileged user to run the writer as');
      const first = await writer.next();
      expect(first).toMatchObject({
        saved: { code: 'write-failed', message: expect.stringMatching(/EACCES|permission denied/i) },
        titleInMemory: expect.not.stringMatching(/Renamed/),
      });
      expect(first.saveState).toMatch(/EACCES|permission denied/i);
      expect(await readFile(file, 'utf8')).toBe(before);
      for (const folder of folders) await chmod(folder, 0o777);
      expect(await writer.next()).toMatchObject({ saved: 'ok', titleInMemory: 'Renamed with permission' });
      expect(JSON.parse(await readFile(file, 'utf8')).meta.title).toBe('Renamed with permission');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * tests/support/permission-writer.ts running as someone who does not own `ws`: as `nobody`
 * (with a copy of this Node in `dir`, since root's home is closed to others) when the tests run
 * as root, else as this user with `ws` made read-only. Undefined when neither is possible.
 */
async function unprivilegedWriter(dir: string, ws: string): Promise<{ next(): Promise<Record<string, unknown>> } | undefined> {
  const script = path.join(APP_ROOT, 'tests', 'support', 'permission-writer.ts');
  let child;
  if (process.getuid?.() === 0) {
    const nobody = 65534;
    const node = path.join(dir, 'node');
    await copyFile(process.execPath, node);
    await chmod(node, 0o755);
    child = spawn(node, [script, ws], { uid: nobody, gid: nobody, stdio: ['pipe', 'pipe', 'inherit'] });
  } else {
    if (process.getuid === undefined) return undefined;
    for (const folder of [ws, path.join(ws, DOCUMENTS_DIR)]) await chmod(folder, 0o555);
    child = spawn(process.execPath, [script, ws], { stdio: ['pipe', 'pipe', 'inherit'] });
  }
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let asked = 0;
  return {
    async next() {
      if (asked++ > 0) child.stdin!.write('go on\n');
      const line = await lines.next();
      if (line.done) throw new Error('the writer stopped without answering');
      return JSON.parse(line.value) as Record<string, unknown>;
    },
  };
}
