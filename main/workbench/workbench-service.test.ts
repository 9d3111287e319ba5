import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJobProgress } from '../../core/model/import.ts';
import type { WorkspaceInfo } from '../../core/model/workspace.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

async function service(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  return createWorkbenchService(store, { extractors: EXTRACTORS });
}

describe('the workbench service', () => {
  it('creates a document from pasted text under the title the analyst typed', () =>
    withTempDir(async (dir) => {
      const workbench = await service(dir);
      const progress: ImportJobProgress[] = [];
      workbench.onDidProgressImport((event) => progress.push(event));
      const outcome = await workbench.importText('  Telegram post  ', 'Irrigation limits cost us 30 million euros.\r\nSecond line');
      // Its progress says it was pasted (its details were given with it: no details step after it).
      expect(progress.at(-1)).toMatchObject({ finished: true, from: 'paste' });
      expect(outcome).toMatchObject({ status: 'imported', title: 'Telegram post', format: 'text' });
      const document = await workbench.getDocument(outcome.status === 'imported' ? outcome.documentId : '');
      expect(document.ok && document.value.text).toBe('Irrigation limits cost us 30 million euros.\nSecond line');
      expect(document.ok && document.value.meta.importedFrom).toBe('pasted text');
      // Untitled, the first line is the title.
      expect(await workbench.importText('', 'Another post entirely')).toMatchObject({ title: 'Another post entirely' });
      await workbench.dispose();
    }));

  it('honours a cancel that arrives before its import starts', () =>
    withTempDir(async (dir) => {
      const workbench = await service(dir);
      await workbench.cancelImport('job-early-cancel');
      const staged = await workbench.uploads.stageBytes(new TextEncoder().encode('Never imported'));
      if (!staged.ok) throw new Error(staged.error.message);
      const progress: ImportJobProgress[] = [];
      workbench.onDidProgressImport((event) => progress.push(event));
      const outcomes = await workbench.importUploads('job-early-cancel', [{ uploadId: staged.value.uploadId, name: 'late.txt' }]);
      expect(outcomes).toMatchObject([{ status: 'rejected', code: 'cancelled' }]);
      expect(progress.at(-1)).toMatchObject({ jobId: 'job-early-cancel', finished: true, from: 'files' });
      expect(await readEveryDocument(workbench.store)).toHaveLength(3);
      await workbench.dispose();
    }));

  it('edits document details, clears fields with null, and explains a bad value', () =>
    withTempDir(async (dir) => {
      const workbench = await service(dir);
      const [first] = await workbench.listDocuments();
      const id = first!.meta.id;
      const changes: string[][] = [];
      workbench.onDidChangeDocuments((change) => changes.push([...change.changed]));
      const edited = await workbench.updateDocumentMeta(id, {
        role: 'source',
        tags: ['water', 'valmont'],
        sourceUrl: null,
        publishedAt: '2026-08-15',
      });
      expect(edited).toMatchObject({ ok: true, value: { role: 'source', tags: ['water', 'valmont'], publishedAt: '2026-08-15' } });
      expect(edited.ok && edited.value.sourceUrl).toBeUndefined();
      expect(changes).toEqual([[id]]);

      const bad = await workbench.updateDocumentMeta(id, { sourceUrl: 'javascript:alert(1)' });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/^URL \(an http or https address\): /) },
      });
      const badDate = await workbench.updateDocumentMeta(id, { publishedAt: 'last Tuesday' });
      expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^Published/) } });
      expect(await workbench.updateDocumentMeta('no-such-document', { title: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect((await readDocument(workbench.store, id))!.meta.tags).toEqual(['water', 'valmont']);
      await workbench.dispose();
    }));

  it('announces every imported document, even when several settle at once', () =>
    withTempDir(async (dir) => {
      const workbench = await service(dir);
      const announced: string[] = [];
      workbench.onDidChangeDocuments((change) => announced.push(...change.changed));
      const names = ['a', 'b', 'c', 'd'];
      const sources = names.map((name, index) => {
        // b repeats a: settled as a duplicate right after a's write lands.
        const bytes = new TextEncoder().encode(index === 1 ? 'Text a' : `Text ${name}`);
        return { name: `${name}.txt`, origin: name, size: bytes.length, read: async () => bytes };
      });
      const outcomes = await workbench.importSources('job-announce-all', sources);
      const imported = outcomes.flatMap((outcome) => (outcome.status === 'imported' ? [outcome.documentId] : []));
      expect(imported).toHaveLength(3);
      expect(announced.sort()).toEqual(imported.sort());
      await workbench.dispose();
    }));

  it('checks the workspace once it is open, when asked to, and tells every window what it found', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const forged = 'b'.repeat(64);
      await mkdir(path.join(store.dir, 'originals'), { recursive: true });
      await writeFile(path.join(store.dir, 'originals', forged), 'not what its name says');
      const workbench = createWorkbenchService(store, { extractors: EXTRACTORS, checkOnOpen: true });
      expect((await workbench.getWorkspaceInfo()).check).toEqual({ state: 'running' });
      const told = await new Promise<WorkspaceInfo>((resolve) => workbench.onDidChangeWorkspace(resolve));
      expect(told.check).toEqual({
        state: 'done',
        findings: [{ file: `originals/${forged}`, problem: expect.stringMatching(/^its content does not match its name/) }],
      });
      expect((await workbench.getWorkspaceInfo()).check).toEqual(told.check);
      await workbench.dispose();
      // Not asked to (the CLI's commands, tests): no check runs.
      const plain = await service(dir);
      expect((await plain.getWorkspaceInfo()).check).toBeUndefined();
      await plain.dispose();
    }));
});
