import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../core/model/workspace.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { BACKUPS_DIR, WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  return { service, store };
}

const tagIds = (store: WorkspaceStore) => store.workspace.codebook.tags.map((tag) => tag.id);
/** Every annotation's tags (sorted: a claim deleted and put back is listed last, which does not matter). */
const tagsOfAll = (store: WorkspaceStore) =>
  store.documents.flatMap((document) => document.annotations.map((annotation) => `${annotation.id}:${annotation.tags.join('+')}`)).sort();

describe('the codebook through the service', () => {
  it('adds, renames and recolours a tag, tells every window, and undoes and redoes each step', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const seen: WorkspaceInfo[] = [];
      service.onDidChangeWorkspace((info) => seen.push(info));

      const added = await service.addTag({ name: 'Forecast', color: '#112233', parentId: 'claim-type' });
      expect(added).toMatchObject({ ok: true, value: { id: 'forecast' } });
      expect(await service.updateTag('forecast', { name: 'Projection', color: '#445566' })).toMatchObject({
        ok: true,
        value: { id: 'forecast', name: 'Projection', color: '#445566' },
      });
      expect(seen.at(-1)?.codebook.tags.find((tag) => tag.id === 'forecast')).toMatchObject({ name: 'Projection' });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Rename tag Forecast to Projection' });
      expect((await FolderStore.open(store.dir)).workspace.codebook.tags.at(-1)).toMatchObject({ id: 'forecast', name: 'Projection' });

      expect(await service.undo()).toEqual({ ok: true, value: { label: 'Rename tag Forecast to Projection' } });
      expect(store.workspace.codebook.tags.at(-1)).toMatchObject({ name: 'Forecast', color: '#112233' });
      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Add tag Forecast' } });
      expect(tagIds(store)).not.toContain('forecast');
      await service.redo();
      await service.redo();
      expect(store.workspace.codebook.tags.at(-1)).toMatchObject({ name: 'Projection' });
      expect((await FolderStore.open(store.dir)).workspace.codebook.tags.at(-1)).toMatchObject({ name: 'Projection' });
      await service.dispose();
    }));

  it('counts how many annotations use each tag', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const usage = await service.getTagUsage();
      const expected: Record<string, number> = {};
      for (const tags of store.documents.flatMap((document) => document.annotations.map((annotation) => annotation.tags))) {
        for (const tag of tags) expected[tag] = (expected[tag] ?? 0) + 1;
      }
      expect(usage).toEqual(expected);
      expect(Object.values(usage).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(5);
      await service.dispose();
    }));

  it.each([
    ['untag', { annotations: 'untag' } as const, (tags: string[]) => tags.every((tags) => !tags.includes('quote'))],
    ['retag', { annotations: 'retag', into: 'statistic' } as const, (tags: string[]) => tags.every((tags) => !tags.includes('quote'))],
    ['delete', { annotations: 'delete' } as const, (tags: string[]) => tags.every((tags) => !tags.includes('quote'))],
  ])('deletes a tag in use (%s its claims) in every document as one undoable step', (_name, plan, check) =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const before = tagsOfAll(store);
      const inUse = before.filter((tags) => tags.includes('quote')).length;
      expect(inUse).toBeGreaterThan(0);
      const beforeCount = before.length;

      const deleted = await service.deleteTag('quote', plan);
      expect(deleted).toEqual({ ok: true, value: { annotations: inUse } });
      expect(tagIds(store)).not.toContain('quote');
      expect(check(tagsOfAll(store))).toBe(true);
      expect(tagsOfAll(store)).toHaveLength(plan.annotations === 'delete' ? beforeCount - inUse : beforeCount);
      if (plan.annotations === 'retag')
        expect(tagsOfAll(store).filter((tags) => tags.includes('statistic')).length).toBeGreaterThanOrEqual(inUse);
      const reopened = await FolderStore.open(store.dir);
      expect(tagIds(reopened)).not.toContain('quote');
      expect(tagsOfAll(reopened)).toEqual(tagsOfAll(store));

      expect(await service.undo()).toEqual({ ok: true, value: { label: 'Delete tag Quote' } });
      expect(tagsOfAll(store)).toEqual(before);
      expect(tagIds(store)).toContain('quote');
      expect(tagsOfAll(await FolderStore.open(store.dir))).toEqual(before);
      await service.redo();
      expect(tagIds(store)).not.toContain('quote');
      await service.dispose();
    }),
  );

  it('moves the children of a deleted group up, and puts them back on undo', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      expect(await service.deleteTag('claim-type', { annotations: 'untag' })).toMatchObject({ ok: true });
      expect(store.workspace.codebook.tags.find((tag) => tag.id === 'statistic')?.parentId).toBeUndefined();
      await service.undo();
      expect(store.workspace.codebook.tags.find((tag) => tag.id === 'statistic')?.parentId).toBe('claim-type');
      await service.dispose();
    }));

  it('refuses to merge a tag into itself or into a tag that does not exist', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      expect(await service.deleteTag('quote', { annotations: 'retag', into: 'quote' })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.deleteTag('quote', { annotations: 'retag', into: 'nothing' })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.deleteTag('nothing', { annotations: 'untag' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(tagIds(store)).toContain('quote');
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      await service.dispose();
    }));

  it('undoes claim and codebook changes in one order', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const report = store.documents[0]!;
      const claim = await service.createAnnotation(report.meta.id, { start: 0, end: 5, tags: ['opinion'] });
      if (!claim.ok) throw new Error('setup failed');
      await service.deleteTag('opinion', { annotations: 'retag', into: 'statistic' });
      expect(store.document(report.meta.id)!.annotations.find((annotation) => annotation.id === claim.value.id)?.tags).toEqual([
        'statistic',
      ]);
      await service.undo();
      expect(store.document(report.meta.id)!.annotations.find((annotation) => annotation.id === claim.value.id)?.tags).toEqual(['opinion']);
      expect(await service.undo()).toMatchObject({ ok: true, value: { documentId: report.meta.id, label: 'Tag as Opinion' } });
      expect(store.document(report.meta.id)!.annotations.some((annotation) => annotation.id === claim.value.id)).toBe(false);
      await service.dispose();
    }));

  it('exports the codebook as CSV and .qdc, and imports either back: changed tags updated, missing ones added, undoable', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const original = store.workspace.codebook;
      const csv = await service.exportCodebook('csv');
      expect(csv).toMatchObject({ fileName: 'Sample-the-Valmont-water-emergency-codebook.csv', mimeType: 'text/csv' });
      const qdc = await service.exportCodebook('qdc');
      expect(qdc.text).toContain('urn:QDA-XML:codebook:1.0');
      // The same GUIDs on every export.
      expect((await service.exportCodebook('qdc')).text).toBe(qdc.text);

      expect(await service.importCodebook('csv', csv.text)).toMatchObject({ ok: true, value: { added: [], updated: [] } });
      expect(await service.getHistory()).toMatchObject({ canUndo: false });

      await service.deleteTag('opinion', { annotations: 'untag' });
      const renamed = csv.text.replace('Statistic', 'Number');
      expect(await service.importCodebook('csv', renamed)).toMatchObject({
        ok: true,
        value: { added: ['opinion'], updated: ['statistic'] },
      });
      expect(store.workspace.codebook.tags.find((tag) => tag.id === 'statistic')?.name).toBe('Number');
      expect(await service.undo()).toEqual({ ok: true, value: { label: 'Import codebook' } });
      expect(store.workspace.codebook.tags.find((tag) => tag.id === 'statistic')?.name).toBe('Statistic');
      await service.undo();
      expect(store.workspace.codebook).toEqual(original);

      await service.deleteTag('event', { annotations: 'untag' });
      const fromQdc = await service.importCodebook('qdc', qdc.text);
      expect(fromQdc).toMatchObject({ ok: true, value: { added: ['event'] } });
      expect(store.workspace.codebook.tags.find((tag) => tag.id === 'event')).toMatchObject({ name: 'Event', parentId: 'claim-type' });
      await service.dispose();
    }));

  it('refuses a broken codebook file with the reason and changes nothing', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const before = store.workspace.codebook;
      expect(await service.importCodebook('qdc', 'PK\u0003\u0004\u0000\u0000binary')).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.importCodebook('csv', 'name,color\n"unterminated')).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/line/i) },
      });
      expect(store.workspace.codebook).toBe(before);
      await service.dispose();
    }));

  it('puts the documents back when deleting a tag fails half-way (the codebook could not be written)', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const before = tagsOfAll(store);
      // The workspace file's backup folder is taken by a file: the documents are written first,
      // then the codebook write fails (before it replaces anything).
      await mkdir(path.join(store.dir, BACKUPS_DIR), { recursive: true });
      const blocker = path.join(store.dir, BACKUPS_DIR, WORKSPACE_FILE);
      await rm(blocker, { recursive: true, force: true });
      await writeFile(blocker, 'in the way');
      expect(await service.deleteTag('quote', { annotations: 'untag' })).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(tagIds(store)).toContain('quote');
      expect(tagsOfAll(store)).toEqual(before);
      expect(tagsOfAll(await FolderStore.open(store.dir))).toEqual(before);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      await rm(blocker, { recursive: true });
      await service.dispose();
    }));
});
