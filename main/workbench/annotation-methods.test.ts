import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryState } from '../../core/history/history.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const report = (await readEveryDocument(store))[0]!;
  return { service, store, report };
}

describe('annotations through the service', () => {
  it('creates, edits and deletes a claim, each written to disk before it resolves', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await workbench(dir);
      const sentence = 'The city council will meet on Friday to vote on a ban on filling private swimming pools.';
      const start = report.text.indexOf(sentence);
      const created = await service.createAnnotation(report.meta.id, { start, end: start + sentence.length, tags: ['event'] });
      expect(created).toMatchObject({
        ok: true,
        value: { tags: ['event'], status: 'unverified', anchor: { state: 'exact' }, target: { exact: sentence } },
      });
      if (!created.ok) return;
      expect((await readDocument(await FolderStore.open(store.dir), report.meta.id))!.annotations).toHaveLength(11);

      const edited = await service.updateAnnotation(report.meta.id, created.value.id, {
        status: 'supported',
        note: 'Agenda published on the council site.',
      });
      expect(edited).toMatchObject({
        ok: true,
        value: { status: 'supported', note: 'Agenda published on the council site.', tags: ['event'] },
      });

      expect(await service.deleteAnnotation(report.meta.id, created.value.id)).toEqual({ ok: true, value: true });
      expect((await readDocument(await FolderStore.open(store.dir), report.meta.id))!.annotations).toHaveLength(10);
      await service.dispose();
    }));

  it.each([
    [{ start: 5, end: 5, tags: [] }, /not inside the text/],
    [{ start: 0, end: 999_999, tags: [] }, /not inside the text/],
    [{ start: 0, end: 10, tags: ['no-such-tag'] }, /"no-such-tag" is not a tag of the codebook/],
    [{ start: 0, end: 10, tags: [], status: 'probably' }, /"probably" is not a verification status/],
  ])('refuses %j with the reason', (input, message) =>
    withTempDir(async (dir) => {
      const { service, report } = await workbench(dir);
      expect(await service.createAnnotation(report.meta.id, input)).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(message) },
      });
      expect(report.annotations).toHaveLength(10);
      await service.dispose();
    }),
  );

  it('undoes and redoes across documents, in order, and reports what can be undone', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await workbench(dir);
      const statement = (await readEveryDocument(store))[1]!;
      const states: HistoryState[] = [];
      service.onDidChangeHistory((state) => states.push(state));
      const first = await service.createAnnotation(report.meta.id, { start: 0, end: 7, tags: ['statistic'] });
      const second = await service.createAnnotation(statement.meta.id, { start: 0, end: 9, tags: ['quote'] });
      if (!first.ok || !second.ok) throw new Error('setup failed');
      await service.updateAnnotation(report.meta.id, first.value.id, { status: 'refuted' });
      expect(await service.getHistory()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Edit annotation' });

      const count = async (id: string) => (await readDocument(store, id))!.annotations.length;
      const statusOf = async () =>
        (await readDocument(store, report.meta.id))!.annotations.find((annotation) => annotation.id === first.value.id)?.status;

      expect(await service.undo()).toEqual({ ok: true, value: { documentId: report.meta.id, label: 'Edit annotation' } });
      expect(await statusOf()).toBe('unverified');
      expect(await service.undo()).toMatchObject({ ok: true, value: { documentId: statement.meta.id, label: 'Tag as Quote' } });
      expect(await count(statement.meta.id)).toBe(3);
      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Tag as Statistic' } });
      expect(await count(report.meta.id)).toBe(10);
      expect(await service.undo()).toMatchObject({ ok: false, error: { code: 'nothing-to-undo' } });

      await service.redo();
      await service.redo();
      expect(await count(report.meta.id)).toBe(11);
      expect(await count(statement.meta.id)).toBe(4);
      expect(await service.getHistory()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Tag as Quote', redoLabel: 'Edit annotation' });

      // A new change after undoing drops what could have been redone.
      await service.deleteAnnotation(statement.meta.id, second.value.id);
      expect(await service.getHistory()).toMatchObject({ canRedo: false, undoLabel: 'Delete annotation' });
      await service.undo();
      expect(await count(statement.meta.id)).toBe(4);
      expect(states.length).toBeGreaterThanOrEqual(9);
      // All of it is on disk.
      const reopened = await FolderStore.open(store.dir);
      expect((await readDocument(reopened, statement.meta.id))!.annotations).toHaveLength(4);
      await service.dispose();
    }));

  it('takes the id the window chose, refuses it twice, and announces each change with its content', () =>
    withTempDir(async (dir) => {
      const { service, report } = await workbench(dir);
      const announced: { documentId: string; put: string[]; removed: string[] }[] = [];
      service.onDidChangeAnnotations(({ documentId, put, removed }) =>
        announced.push({ documentId, put: put.map((annotation) => `${annotation.id}:${annotation.status}`), removed: [...removed] }),
      );
      const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
      expect(await service.createAnnotation(report.meta.id, { id, start: 0, end: 7, tags: [] })).toMatchObject({ ok: true, value: { id } });
      expect(await service.createAnnotation(report.meta.id, { id, start: 0, end: 7, tags: [] })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      await service.updateAnnotation(report.meta.id, id, { status: 'refuted' });
      await service.undo();
      await service.deleteAnnotation(report.meta.id, id);
      expect(announced).toEqual([
        { documentId: report.meta.id, put: [`${id}:unverified`], removed: [] },
        { documentId: report.meta.id, put: [`${id}:refuted`], removed: [] },
        { documentId: report.meta.id, put: [`${id}:unverified`], removed: [] },
        { documentId: report.meta.id, put: [], removed: [id] },
      ]);
      await service.dispose();
    }));

  it('takes changes in the order they were asked for: an undo sent while a claim is being written undoes that claim', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await workbench(dir);
      const created = service.createAnnotation(report.meta.id, { start: 0, end: 7, tags: ['statistic'] });
      const undone = service.undo();
      expect(await created).toMatchObject({ ok: true });
      expect(await undone).toMatchObject({ ok: true, value: { label: 'Tag as Statistic' } });
      expect((await readDocument(store, report.meta.id))!.annotations).toHaveLength(10);
      await service.dispose();
    }));
});
