// Opening a workspace written in an older format migrates it (core/model/migrations.ts): each step
// is tested on a workspace stored as that format wrote it (tests/fixtures/workspace-v<N>/), and a
// migration that fails leaves every file as it was.
import { spawnSync } from 'node:child_process';
import { legacyTagGuid } from './name-based-uuid.ts';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../core/model/migrations.ts';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT } from '../app-paths.ts';
import { FolderStore } from './folder-store.ts';
import { BACKUPS_DIR } from './workspace-layout.ts';

const V1 = path.resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'workspace-v1');

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` (relative path → content). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) await walk(name);
      else files.set(name, await readFile(path.join(dir, name), 'utf8'));
    }
  };
  await walk('');
  return files;
}

const withoutVersion = (text: string) => {
  const { schemaVersion: _version, ...rest } = JSON.parse(text) as { schemaVersion: number };
  return rest;
};

/**
 * A workspace.json's content as opening gives it: a GUID on every tag that has none, a
 * workspace from before the first-run prompt counted as past it (`welcomed: true`), Markdown
 * imported as plain text (the default of `markdownImport`), and no saved searches yet.
 */
function withLegacyGuids(file: Record<string, unknown>): Record<string, unknown> {
  const { createdAt, codebook, settings } = file as {
    createdAt?: string;
    codebook?: { tags: { id: string; guid?: string }[] };
    settings?: Record<string, unknown>;
  };
  if (createdAt === undefined || codebook === undefined) return file;
  return {
    ...file,
    ...(settings ? { settings: { welcomed: true, markdownImport: 'plain', savedSearches: [], ...settings } } : {}),
    codebook: { tags: codebook.tags.map((tag) => ({ ...tag, guid: tag.guid ?? legacyTagGuid(createdAt, tag.id) })) },
  };
}

describe('migrating a workspace', () => {
  it('takes a format 1 workspace to the current format, losing nothing, and keeps the old files as backups', () =>
    withTempDir(async (dir) => {
      const ws = path.join(dir, 'ws');
      await cp(V1, ws, { recursive: true });
      const before = await snapshot(ws);
      const store = await FolderStore.open(ws);
      expect(store.problems).toEqual([]);
      const jsonFiles = [...before.keys()].filter((name) => name.endsWith('.json'));
      expect(store.migratedFiles.map(({ file }) => file).sort()).toEqual(jsonFiles.sort());
      expect(store.migratedFiles.every(({ from }) => from === 1)).toBe(true);

      const after = await snapshot(ws);
      for (const name of jsonFiles) {
        expect(JSON.parse(after.get(name)!).schemaVersion, name).toBe(WORKSPACE_SCHEMA_VERSION);
        // Tags from before stored GUIDs get the ones their exports had (main/workbench/code-guids.test.ts); nothing else changes.
        expect(withoutVersion(after.get(name)!), name).toEqual(withLegacyGuids(withoutVersion(before.get(name)!)));
        // The format 1 file is kept as the file's backup.
        const backups = [...after.keys()].filter((file) => file.startsWith(path.join(BACKUPS_DIR, name) + path.sep));
        expect(
          backups.map((file) => after.get(file)),
          name,
        ).toContain(before.get(name));
      }
      // The journal (format 1 had them already) is left as it is, and still replayed.
      const journal = [...before.keys()].find((name) => name.endsWith('.jsonl'))!;
      expect(after.get(journal)).toBe(before.get(journal));
      const journaled = store.document(path.basename(journal, '.jsonl'))!;
      expect(journaled.annotations[0]!.note).toBe('Checked against the minutes of 14 August.');

      await store.close();
      const reopened = await FolderStore.open(ws);
      expect(reopened.migratedFiles).toEqual([]);
      expect(reopened.documents).toEqual(store.documents);
      expect(reopened.evidence).toEqual(store.evidence);
      expect(reopened.workspace).toEqual(store.workspace);
      await reopened.close();
    }));

  it('leaves every file as it was when a step fails, and says which file and step', () =>
    withTempDir(async (dir) => {
      const ws = path.join(dir, 'ws');
      await cp(V1, ws, { recursive: true });
      const before = await snapshot(ws);
      const failing: Migration[] = [
        {
          from: 1,
          change: 'a step that cannot read one document',
          steps: {
            document: (file) => {
              if ((file.meta as { title?: string }).title?.startsWith('Valmont')) throw new Error('an unexpected field');
              return file;
            },
          },
        },
      ];
      const opening = FolderStore.open(ws, { migrations: failing });
      await expect(opening).rejects.toMatchObject({ name: 'WorkspaceOpenError', code: 'migration-failed' });
      await expect(opening).rejects.toThrow(
        /documents\/[0-9a-f-]+\.json: the migration from format 1 to 2 failed: an unexpected field.*Nothing was changed/,
      );
      expect(await snapshot(ws)).toEqual(before);
      await expect(stat(path.join(ws, BACKUPS_DIR))).rejects.toMatchObject({ code: 'ENOENT' });
    }));

  it('migrates in memory only when opened read-only (the export worker)', () =>
    withTempDir(async (dir) => {
      const ws = path.join(dir, 'ws');
      await cp(V1, ws, { recursive: true });
      const before = await snapshot(ws);
      const store = await FolderStore.open(ws, { readOnly: true });
      expect(store.workspace.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
      expect(store.documents).toHaveLength(3);
      expect(await snapshot(ws)).toEqual(before);
    }));
});

describe('migrate', () => {
  it('takes a file through each step to the current version, without changing what it was given', () => {
    const file = Object.freeze({ schemaVersion: 1, name: 'Old' });
    expect(migrate('workspace', file)).toEqual({
      ok: true,
      value: { data: { schemaVersion: WORKSPACE_SCHEMA_VERSION, name: 'Old' }, from: 1 },
    });
    expect(file).toEqual({ schemaVersion: 1, name: 'Old' });
  });

  it('leaves to validation what it cannot place: not an object, no version, a version from the future or below 1', () => {
    for (const data of [
      null,
      [],
      'text',
      { name: 'x' },
      { schemaVersion: '1' },
      { schemaVersion: 0 },
      { schemaVersion: 1.5 },
      { schemaVersion: WORKSPACE_SCHEMA_VERSION + 1 },
    ]) {
      expect(migrate('document', data)).toEqual({ ok: true, value: { data, from: WORKSPACE_SCHEMA_VERSION } });
    }
  });

  it('fails, naming the step, when a step is missing or throws', () => {
    expect(migrate('evidence', { schemaVersion: 1 }, [])).toEqual({
      ok: false,
      error: { code: 'migration-failed', message: 'there is no migration from format 1 to 2' },
    });
    const throwing: Migration = {
      from: 1,
      change: 'x',
      steps: {
        evidence: () => {
          throw new Error('bad link');
        },
      },
    };
    expect(migrate('evidence', { schemaVersion: 1 }, [throwing])).toEqual({
      ok: false,
      error: { code: 'migration-failed', message: 'the migration from format 1 to 2 failed: bad link' },
    });
  });
});

describe('claimbench check on a format 1 workspace', () => {
  it('migrates it, says so, and finds it valid (exit 0)', () =>
    withTempDir(async (dir) => {
      const ws = path.join(dir, 'ws');
      await cp(V1, ws, { recursive: true });
      const result = claimbench('check', '--workspace', ws);
      expect(result.stdout).toMatch(
        /Brought 5 files of this workspace from format 1 to format 2 \(format 2: claim changes may be kept in a journal/,
      );
      expect(result.stdout).toMatch(/all valid/);
      expect(result.code).toBe(0);
    }));
});
