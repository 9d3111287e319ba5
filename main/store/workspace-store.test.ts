import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE, type EvidenceLink } from '../../core/model/evidence.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { FolderStore } from './folder-store.ts';
import type { WorkspaceStore } from './workspace-store.ts';
import { BACKUPS_DIR, DOCUMENTS_DIR, EVIDENCE_FILE, WORKSPACE_FILE } from './workspace-layout.ts';
import { WorkspaceOpenError } from './open-store.ts';

async function sampleWorkspace(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  return FolderStore.open(dir);
}

describe('WorkspaceStore', () => {
  it('reads every document back through its schema', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      expect(store.documents).toHaveLength(3);
      expect(store.problems).toEqual([]);
      const first = store.documents[0]!;
      expect(store.document(first.meta.id)).toBe(first);
      expect(store.document('missing')).toBeUndefined();
    }));

  it('sets a corrupt document aside (never overwritten), reports it, and opens without it when it has no backup', () =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
      const corrupt = path.join(dir, DOCUMENTS_DIR, 'broken.json');
      await writeFile(corrupt, '{"schemaVersion": 1, "meta": {');
      const invalid = path.join(dir, DOCUMENTS_DIR, 'wrong-shape.json');
      await writeFile(invalid, JSON.stringify({ schemaVersion: 1, meta: { id: 'wrong-shape' }, text: '', annotations: [] }));
      const store = await FolderStore.open(dir);
      expect(store.documents).toHaveLength(3);
      expect(store.problems.map((problem) => problem.message)).toEqual([
        expect.stringMatching(
          /^documents\/broken\.json: .*\. It was set aside as documents\/broken\.json\.corrupt-\d{8}T\d{9}Z; there is no good backup of it to restore$/,
        ),
        expect.stringMatching(/^documents\/wrong-shape\.json: .*set aside as documents\/wrong-shape\.json\.corrupt-/),
      ]);
      const aside = (await readdir(path.join(dir, DOCUMENTS_DIR))).filter((name) => name.startsWith('broken.json.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(await readFile(path.join(dir, DOCUMENTS_DIR, aside[0]!), 'utf8')).toBe('{"schemaVersion": 1, "meta": {');
    }));

  it('takes a document file that holds another id than its name for damaged, and restores its backup', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const document = store.documents[0]!;
      await store.putDocument({ ...document, meta: { ...document.meta, title: 'Saved once' } });
      const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(`"id": "${document.meta.id}"`, '"id": "someone-else"'));
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)?.meta.title).toBe(document.meta.title);
      expect(reopened.problems).toEqual([{ code: 'restored', message: expect.stringMatching(/holds document "someone-else"/) }]);
    }));

  it('restores the newest good backup of a damaged file, keeping the damaged one aside, and says which', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const document = store.documents[0]!;
      const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
      // Two saves: the version before each is kept as a backup.
      await store.putDocument({ ...document, meta: { ...document.meta, title: 'First edit' } });
      await store.putDocument({ ...document, meta: { ...document.meta, title: 'Second edit' } });
      await writeFile(file, '{"schemaVersion": 1, "me');
      const reopened = await FolderStore.open(dir);
      expect(reopened.document(document.meta.id)?.meta.title).toBe('First edit');
      expect(reopened.problems).toEqual([
        {
          code: 'restored',
          message: expect.stringMatching(
            new RegExp(
              `^documents/${document.meta.id}\\.json was damaged \\(.+\\); it was set aside as documents/${document.meta.id}\\.json\\.corrupt-\\d{8}T\\d{9}Z and its backup of \\d{4}-.+Z was restored$`,
            ),
          ),
        },
      ]);
      expect(JSON.parse(await readFile(file, 'utf8')).meta.title).toBe('First edit');
      const aside = (await readdir(path.join(dir, DOCUMENTS_DIR))).filter((name) => name.includes('.corrupt-'));
      expect(await readFile(path.join(dir, DOCUMENTS_DIR, aside[0]!), 'utf8')).toBe('{"schemaVersion": 1, "me');
    }));

  it('rejects an annotation whose quote is not at its offsets', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const document = structuredClone(store.documents[0]!);
      document.annotations[0]!.target.start += 1;
      await writeFile(path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`), JSON.stringify(document));
      const reopened = await FolderStore.open(dir);
      expect(reopened.documents).toHaveLength(2);
      expect(reopened.problems[0]?.message).toMatch(/its quote is not at/);
    }));

  it.each([
    ['missing', null, 'not-a-workspace'],
    ['truncated', '{"schemaVersion": 1, "na', 'invalid-workspace-file'],
    ['of the wrong shape', JSON.stringify({ schemaVersion: 1, name: 'x' }), 'invalid-workspace-file'],
    ['from a future version', JSON.stringify({ schemaVersion: 99 }), 'invalid-workspace-file'],
  ])('refuses to open when workspace.json is %s', (_name, content, code) =>
    withTempDir(async (dir) => {
      if (content !== null) await writeFile(path.join(dir, WORKSPACE_FILE), content);
      const error = await FolderStore.open(dir).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkspaceOpenError);
      expect((error as WorkspaceOpenError).code).toBe(code);
      if (content === null) return;
      // A newer version's file stays in place; a damaged one is set aside whole, never overwritten.
      const kept =
        _name === 'from a future version'
          ? WORKSPACE_FILE
          : (await readdir(dir)).find((name) => name.startsWith(`${WORKSPACE_FILE}.corrupt-`));
      expect(await readFile(path.join(dir, kept!), 'utf8')).toBe(content);
    }),
  );

  it('writes through to disk, in order, and reports the save state', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const states: SaveState[] = [];
      store.onDidChangeSaveState((state) => states.push(state));
      const writes = ['Ada', 'Grace', 'Katherine'].map((analystName) =>
        store.updateWorkspace({ ...store.workspace, settings: { ...store.workspace.settings, analystName } }),
      );
      expect(store.currentSaveState.pending).toBe(3);
      const results = await Promise.all(writes);
      expect(results.every((result) => result.ok)).toBe(true);
      expect(store.currentSaveState.pending).toBe(0);
      expect(states.map((state) => state.pending)).toEqual([1, 2, 3, 2, 1, 0]);
      expect(states.at(-1)?.lastSavedAt).toBeDefined();
      const onDisk = JSON.parse(await readFile(path.join(dir, WORKSPACE_FILE), 'utf8'));
      expect(onDisk.settings.analystName).toBe('Katherine');
      expect((await FolderStore.open(dir)).workspace.settings.analystName).toBe('Katherine');
    }));

  it('when a write fails: returns the failure, keeps memory and disk as they were, and recovers on the next write', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const before = await readFile(path.join(dir, WORKSPACE_FILE), 'utf8');
      // The file's backup folder is taken by a file, so the write stops before it replaces anything.
      await mkdir(path.join(dir, BACKUPS_DIR), { recursive: true });
      const blocker = path.join(dir, BACKUPS_DIR, WORKSPACE_FILE);
      await rm(blocker, { recursive: true, force: true });
      await writeFile(blocker, 'in the way');
      const failed = await store.updateWorkspace({ ...store.workspace, name: 'Renamed' });
      expect(failed.ok).toBe(false);
      expect(!failed.ok && failed.error.code).toBe('write-failed');
      expect(store.workspace.name).not.toBe('Renamed');
      expect(store.currentSaveState.lastError?.message).toMatch(/workspace\.json/);
      expect(await readFile(path.join(dir, WORKSPACE_FILE), 'utf8')).toBe(before);

      await rm(blocker, { recursive: true });
      const retried = await store.updateWorkspace({ ...store.workspace, name: 'Renamed' });
      expect(retried.ok).toBe(true);
      expect(store.workspace.name).toBe('Renamed');
      expect(store.currentSaveState.lastError).toBeUndefined();
    }));

  it('adds a document as its own file', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const copy = structuredClone(store.documents[1]!);
      copy.meta.id = 'copy-1';
      const result = await store.putDocument(copy);
      expect(result.ok).toBe(true);
      expect(store.documents).toHaveLength(4);
      expect(JSON.parse(await readFile(path.join(dir, DOCUMENTS_DIR, 'copy-1.json'), 'utf8')).meta.id).toBe('copy-1');
    }));

  it('removes a document after the writes to it asked for before, so none of them brings it back', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const document = store.documents[1]!;
      const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
      const renamed = { ...document, meta: { ...document.meta, title: 'Renamed' } };
      const put = store.putDocument(renamed);
      const removed = store.removeDocument(document.meta.id);
      expect(await put).toMatchObject({ ok: true });
      // It resolves with what the document held when it went: the write before it included.
      expect(await removed).toEqual({ ok: true, value: { ...renamed, journal: expect.any(String) } });
      expect(store.document(document.meta.id)).toBeUndefined();
      expect(store.documents).toHaveLength(2);
      await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await FolderStore.open(dir)).documents).toHaveLength(2);
      // Nothing to remove is nothing to do; putting the document back is putting it.
      expect(await store.removeDocument(document.meta.id)).toEqual({ ok: true, value: undefined });
      expect(await store.putDocument(renamed)).toMatchObject({ ok: true });
      expect((await FolderStore.open(dir)).document(document.meta.id)).toEqual({ ...renamed, journal: expect.any(String) });
    }));

  it('when a document cannot be removed: returns the failure and keeps it in memory', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      const document = store.documents[1]!;
      const file = path.join(dir, DOCUMENTS_DIR, `${document.meta.id}.json`);
      // A folder where the file was cannot be deleted as a file.
      await rm(file);
      await mkdir(file);
      const failed = await store.removeDocument(document.meta.id);
      expect(failed).toMatchObject({
        ok: false,
        error: {
          code: 'write-failed',
          message: expect.stringMatching(new RegExp(`^Could not delete documents/${document.meta.id}\\.json: `)),
        },
      });
      expect(store.document(document.meta.id)).toBe(document);
      expect(store.currentSaveState).toMatchObject({ pending: 0, lastError: { code: 'write-failed' } });
    }));

  it('refuses to store data that does not match the schema (a bug, so it throws)', () =>
    withTempDir(async (dir) => {
      const store = await sampleWorkspace(dir);
      expect(() => store.putDocument({ ...store.documents[0]!, text: '' })).toThrow(/quote is not at/);
    }));

  it('opens a workspace made before verdicts with the default verdict scale', () =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
      const file = path.join(dir, WORKSPACE_FILE);
      const old = JSON.parse(await readFile(file, 'utf8'));
      delete old.settings.verdictScale;
      await writeFile(file, JSON.stringify(old));
      const store = await FolderStore.open(dir);
      expect(store.problems).toEqual([]);
      expect(store.workspace.settings.verdictScale).toEqual(DEFAULT_VERDICT_SCALE);
    }));

  it('reads a missing evidence.json as no evidence, and writes it on the first change', () =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true });
      await rm(path.join(dir, EVIDENCE_FILE));
      const store = await FolderStore.open(dir);
      expect(store.evidence).toEqual({ links: [], claims: [] });
      expect(store.problems).toEqual([]);
      const claim = {
        id: 'c1',
        statement: 'A claim',
        mentions: [],
        status: 'open' as const,
        creator: '',
        created: '2026-08-15T10:00:00.000Z',
        modified: '2026-08-15T10:00:00.000Z',
      };
      expect(await store.putEvidence({ links: [], claims: [claim] })).toEqual({ ok: true, value: { links: [], claims: [claim] } });
      expect(JSON.parse(await readFile(path.join(dir, EVIDENCE_FILE), 'utf8'))).toEqual({
        schemaVersion: WORKSPACE_SCHEMA_VERSION,
        links: [],
        claims: [claim],
      });
    }));

  it.each([
    ['truncated', '{"schemaVersion": 1, "links": ['],
    ['from a future version', JSON.stringify({ schemaVersion: 99, links: [], claims: [] })],
    [
      'holding one link twice',
      JSON.stringify({
        schemaVersion: 1,
        links: [0, 1].map((): EvidenceLink => ({
          id: 'l1',
          relation: 'supports',
          from: { documentId: 'd1', annotationId: 'a' },
          to: { documentId: 'd2', annotationId: 'b' },
          note: '',
          creator: '',
          created: '2026-08-15T10:00:00.000Z',
          modified: '2026-08-15T10:00:00.000Z',
        })),
        claims: [],
      }),
    ],
  ])('reports an evidence.json %s, opens with none, and refuses to write over it', (_name, content) =>
    withTempDir(async (dir) => {
      await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
      await writeFile(path.join(dir, EVIDENCE_FILE), content);
      const store = await FolderStore.open(dir);
      expect(store.documents).toHaveLength(3);
      expect(store.evidence).toEqual({ links: [], claims: [] });
      expect(store.problems).toEqual([
        { code: expect.stringMatching(/^(unreadable|invalid)$/), message: expect.stringMatching(/^evidence\.json: /) },
      ]);
      const refused = await store.putEvidence({ links: [], claims: [] });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'write-failed', message: expect.stringMatching(/^evidence\.json could not be read when the workspace was opened/) },
      });
      expect(store.evidenceWriteRefusal).toBeDefined();
      // Damaged: set aside whole; from a newer version: left in place.
      const kept =
        _name === 'from a future version'
          ? EVIDENCE_FILE
          : (await readdir(dir)).find((name) => name.startsWith(`${EVIDENCE_FILE}.corrupt-`));
      expect(await readFile(path.join(dir, kept!), 'utf8')).toBe(content);
    }),
  );
});

describe('a document imported and from then on only annotated (its file written once, then only its journal)', () => {
  it('damaged in place, it is restored from the backup of its first version, and its journal gives back every claim', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
      const service = createWorkbenchService(store, { extractors: EXTRACTORS });
      const imported = await service.importText(
        'Briefing',
        'The minister said reservoirs hold 40 percent. The mayor said the water is safe.',
      );
      expect(imported.status).toBe('imported');
      const id = (imported as { documentId: string }).documentId;
      for (const phrase of ['reservoirs hold 40 percent', 'the water is safe']) {
        const start = store.document(id)!.text.indexOf(phrase);
        expect((await service.createAnnotation(id, { start, end: start + phrase.length, tags: ['statistic'] })).ok).toBe(true);
      }
      await service.dispose();
      await store.close();
      const file = path.join(dir, 'ws', DOCUMENTS_DIR, `${id}.json`);
      // Only journal appends since the import: the file itself was written once.
      expect((await readFile(file.replace(/\.json$/, '.jsonl'), 'utf8')).trim().split('\n').length).toBeGreaterThanOrEqual(2);
      // Damaged in place (the same inode: a hard-linked backup would be damaged with it).
      await writeFile(file, '{"schemaVersion": 2, "meta": {"id": "');
      const reopened = await FolderStore.open(path.join(dir, 'ws'));
      expect(reopened.problems.map((problem) => problem.message)).toEqual([
        expect.stringMatching(/was damaged .* its backup of .* was restored$/),
      ]);
      expect(reopened.document(id)!.annotations.map((annotation) => annotation.target.exact)).toEqual([
        'reservoirs hold 40 percent',
        'the water is safe',
      ]);
      await reopened.close();
    }));
});
