// Changes of claims made in a burst are pipelined (change-log.ts, WorkspaceStore.stageAnnotations):
// the next is made while the one before goes to disk, yet each resolves only once it is on disk, the
// history keeps the order they were asked for, and a change of anything else waits for them all.
import { describe, expect, it } from 'vitest';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { readDocument } from '../../tests/support/read-document.ts';

describe('claims saved in a burst', () => {
  it('are made one after another but go to disk side by side', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor } = await sampleWorkbench(dir);
      const first = report.annotations[0]!;
      const second = mayor.annotations[0]!;
      // The sample's files name no journal yet: the first save of each writes it whole.
      await service.updateAnnotation(report.meta.id, first.id, { note: 'written whole' });
      await service.updateAnnotation(mayor.meta.id, second.id, { note: 'written whole' });
      const steps: string[] = [];
      const stage = store.stageAnnotations.bind(store);
      store.stageAnnotations = (id, puts) => {
        const name = id === report.meta.id ? 'report' : 'mayor';
        steps.push(`made ${name}`);
        return stage(id, puts)?.then((result) => (steps.push(`saved ${name}`), result));
      };
      // Both documents in memory while the burst runs (as an open document's are): on PostgreSQL
      // with no bytes for unheld documents, the second change would first read its document from
      // the database, and the first could be saved by then, which says nothing about pipelining.
      const hold = await store.hold([report.meta.id, mayor.meta.id]);
      const saves = [
        service.updateAnnotation(report.meta.id, first.id, { note: 'first' }),
        service.updateAnnotation(mayor.meta.id, second.id, { note: 'second' }),
      ];
      expect(await Promise.all(saves)).toMatchObject([{ ok: true }, { ok: true }]);
      hold.release();
      // Serialized, the second would be made only after the first was saved. Which of the two is
      // on disk first is not said: on PostgreSQL they are two transactions, committed side by side.
      expect(steps.slice(0, 2)).toEqual(['made report', 'made mayor']);
      expect([...steps.slice(2)].sort()).toEqual(['saved mayor', 'saved report']);
      await service.dispose();
    }));

  it('resolve once on disk, keep their order in the history, and undo in reverse', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, ministry } = await sampleWorkbench(dir);
      const targets = [report, mayor, ministry].flatMap((document) =>
        document.annotations.slice(0, 3).map((annotation) => ({ documentId: document.meta.id, annotationId: annotation.id })),
      );
      // Each claim edited twice, all asked for at once: the second edit of a claim is made from the first.
      const saves = [...targets, ...targets].map(({ documentId, annotationId }, index) =>
        service.updateAnnotation(documentId, annotationId, { note: `edit ${index}` }),
      );
      const results = await Promise.all(saves);
      expect(results.every((result) => result.ok)).toBe(true);
      const notes = (source: WorkspaceStore) =>
        Promise.all(
          targets.map(
            async ({ documentId, annotationId }) =>
              (await readDocument(source, documentId))!.annotations.find((annotation) => annotation.id === annotationId)!.note,
          ),
        );
      const expected = targets.map((_, index) => `edit ${index + targets.length}`);
      expect(await notes(store)).toEqual(expected);
      expect(await notes(await FolderStore.open(store.dir))).toEqual(expected);

      // The last asked for is the first undone: each undo puts back the edit before it.
      for (let index = saves.length - 1; index >= targets.length; index--) expect((await service.undo()).ok).toBe(true);
      expect(await notes(store)).toEqual(targets.map((_, index) => `edit ${index}`));
      expect(await notes(await FolderStore.open(store.dir))).toEqual(targets.map((_, index) => `edit ${index}`));
      await service.dispose();
    }));

  it('are all on disk before a change of anything else is made', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await sampleWorkbench(dir);
      // The sample's files name no journal yet: the first save writes the document whole.
      await service.updateAnnotation(report.meta.id, report.annotations[0]!.id, { note: 'written whole' });
      const order: string[] = [];
      const putWorkspace = store.updateWorkspace.bind(store);
      store.updateWorkspace = (next) => (order.push('codebook written'), putWorkspace(next));
      const stage = store.stageAnnotations.bind(store);
      store.stageAnnotations = (id, puts) => stage(id, puts)?.then((result) => (order.push('claim on disk'), result));
      const claims = report.annotations.slice(0, 5);
      expect(claims.length).toBeGreaterThan(2);
      const saves = claims.map((annotation, index) => service.updateAnnotation(report.meta.id, annotation.id, { note: `burst ${index}` }));
      const renamed = service.updateTag('statistic', { name: 'Figure' });
      expect((await Promise.all([...saves, renamed])).every((result) => result.ok)).toBe(true);
      expect(order).toEqual([...claims.map(() => 'claim on disk'), 'codebook written']);
      await service.dispose();
    }));

  it('tell the library that the document changed, so its annotation count follows at once', () =>
    withTempDir(async (dir) => {
      const { service, report } = await sampleWorkbench(dir);
      const before = (await service.listDocuments()).find(({ meta }) => meta.id === report.meta.id)!.annotationCount;
      const changes: { changed: readonly string[]; annotationsOnly?: boolean }[] = [];
      const subscription = service.onDidChangeDocuments((change) => changes.push(change));
      // Twice: the first save of a sample document writes it whole, later ones are pipelined.
      for (const end of [9, 19]) {
        const created = await service.createAnnotation(report.meta.id, { start: end - 9, end, tags: ['statistic'] });
        expect(created.ok).toBe(true);
      }
      expect(changes).toEqual([
        { changed: [report.meta.id], removed: [], annotationsOnly: true },
        { changed: [report.meta.id], removed: [], annotationsOnly: true },
      ]);
      const after = (await service.listDocuments()).find(({ meta }) => meta.id === report.meta.id)!.annotationCount;
      expect(after).toBe(before + 2);
      subscription.dispose();
      await service.dispose();
    }));
});
