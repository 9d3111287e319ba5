// Undo on a team server: each member undoes their own changes only, and a step is not written back
// over what another member changed since (undo-check.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { runAs, type Actor } from '../team/actor.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'reviewer' };

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const documentId = (await readEveryDocument(store))[0]!.meta.id;
  const ids = async () => new Set((await readDocument(store, documentId))!.annotations.map((annotation) => annotation.id));
  const mark = (who: Actor, start: number) =>
    runAs(who, async () => {
      const made = await service.createAnnotation(documentId, { start, end: start + 4, tags: ['statistic'] });
      if (!made.ok) throw new Error(made.error.message);
      return made.value;
    });
  return { service, store, documentId, ids, mark };
}

describe('undo on a team server', () => {
  it("undoes the member's own last change, not the last change anyone made; redo likewise", () =>
    withTempDir(async (dir) => {
      const { service, ids, mark } = await workbench(dir);
      const anas = await mark(ana, 0);
      const bens = await mark(ben, 10);
      const undone = await runAs(ana, () => service.undo());
      expect(undone.ok).toBe(true);
      expect((await ids()).has(anas.id)).toBe(false);
      expect((await ids()).has(bens.id)).toBe(true);
      // Ben's own step is still his to undo; Ana has nothing more.
      expect((await runAs(ana, () => service.getHistory())).canUndo).toBe(false);
      expect((await runAs(ben, () => service.getHistory())).canUndo).toBe(true);
      expect((await runAs(ana, () => service.undo())).ok).toBe(false);
      expect((await runAs(ana, () => service.redo())).ok).toBe(true);
      expect((await ids()).has(anas.id)).toBe(true);
      await service.dispose();
    }));

  it('refuses to undo over a later edit by someone else, keeping both that edit and the step', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId, mark } = await workbench(dir);
      const anas = await mark(ana, 0);
      const edited = await runAs(ben, () => service.updateAnnotation(documentId, anas.id, { note: "Ben's check" }));
      expect(edited.ok).toBe(true);
      const undone = await runAs(ana, () => service.undo());
      expect(undone.ok).toBe(false);
      if (!undone.ok) {
        expect(undone.error.code).toBe('conflict');
        expect(undone.error.message).toMatch(/^Undo would overwrite “.+”: it was changed by someone else since\.$/);
      }
      const now = (await readDocument(store, documentId))!.annotations.find((annotation) => annotation.id === anas.id);
      expect(now?.note).toBe("Ben's check");
      expect((await runAs(ana, () => service.getHistory())).canUndo).toBe(true);
      // Ben undoes his edit: Ana's step applies again, and her undo goes through.
      expect((await runAs(ben, () => service.undo())).ok).toBe(true);
      expect((await runAs(ana, () => service.undo())).ok).toBe(true);
      expect((await readDocument(store, documentId))!.annotations.some((annotation) => annotation.id === anas.id)).toBe(false);
      await service.dispose();
    }));
});
