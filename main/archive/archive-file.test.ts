// archive.json is a workspace record like evidence.json: written durably with backups, a damaged
// copy set aside and its backup restored when the workspace opens, and `claimbench check` says so.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { checkWorkspace } from '../store/check-workspace.ts';
import { ARCHIVE_FILE } from '../store/workspace-layout.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

const FIRST: ArchiveEntry[] = [{ id: 'r1', claim: 'Bleach cures the flu.', rating: 'False' }];
const SECOND: ArchiveEntry[] = [...FIRST, { id: 'r2', claim: 'The dam holds 480 million litres.', rating: 'Mostly true' }];

/** A workspace whose archive was written twice (so the second version has the first as its backup). */
async function archivedWorkspace(dir: string): Promise<string> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true });
  const store = await FolderStore.open(dir);
  expect(store.archive).toEqual([]);
  expect(await store.putArchive(FIRST)).toEqual({ ok: true, value: FIRST });
  expect(await store.putArchive(SECOND)).toEqual({ ok: true, value: SECOND });
  await store.close();
  return dir;
}

describe('archive.json', () => {
  it('is missing until the first import: an empty archive, and no problem', () =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true });
      const store = await FolderStore.open(dir);
      expect(store.archive).toEqual([]);
      expect(store.problems).toEqual([]);
      expect(await readdir(dir)).not.toContain(ARCHIVE_FILE);
    }));

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['garbled', (text: string) => text.replace('"entries"', '"entrees"')],
    ['holding one id twice', (text: string) => text.replace('"r2"', '"r1"')],
  ])('%s, is set aside and its backup restored when the workspace opens', (_name, damage) =>
    withTempDir(async (dir) => {
      await archivedWorkspace(dir);
      const file = path.join(dir, ARCHIVE_FILE);
      const damaged = damage(await readFile(file, 'utf8'));
      await writeFile(file, damaged);
      const store = await FolderStore.open(dir);
      expect(store.problems).toEqual([
        { code: 'restored', message: expect.stringMatching(/^archive\.json was damaged .*its backup of .* was restored$/) },
      ]);
      expect(store.archive).toEqual(FIRST);
      expect(store.archiveWriteRefusal).toBeUndefined();
      const aside = (await readdir(dir)).find((name) => name.startsWith(`${ARCHIVE_FILE}.corrupt-`));
      expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(damaged);
    }),
  );

  it('damaged, is reported and repaired by the check (exit 1), and all is well after', () =>
    withTempDir(async (dir) => {
      await archivedWorkspace(dir);
      await writeFile(path.join(dir, ARCHIVE_FILE), 'null');
      const report = await checkWorkspace(dir);
      expect(report.findings).toEqual([
        {
          file: ARCHIVE_FILE,
          problem: expect.stringMatching(/^archive\.json was damaged/),
          repaired: 'restored from its backup (the damaged copy set aside)',
        },
      ]);
      expect(report.exitCode).toBe(1);
      expect((await checkWorkspace(dir)).exitCode).toBe(0);
      expect((await FolderStore.open(dir)).archive).toEqual(FIRST);
    }));

  it('from a newer Claimbench, is left as it is and not written over', () =>
    withTempDir(async (dir) => {
      await archivedWorkspace(dir);
      const newer = JSON.stringify({ schemaVersion: 99, entries: [] });
      await writeFile(path.join(dir, ARCHIVE_FILE), newer);
      const store = await FolderStore.open(dir);
      expect(store.problems).toEqual([
        { code: 'invalid', message: expect.stringMatching(/^archive\.json: written by a newer version of Claimbench/) },
      ]);
      expect(await store.putArchive(SECOND)).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(await readFile(path.join(dir, ARCHIVE_FILE), 'utf8')).toBe(newer);
      expect((await checkWorkspace(dir)).exitCode).toBe(2);
    }));
});
