import { versionOf } from '../../core/model/record-version.ts';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  return { service: createWorkbenchService(store, { extractors: EXTRACTORS }), store };
}

describe('editing many annotations at once', () => {
  it('changes the chosen annotations across documents in one undoable change, keeping their other tags', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const [first, second] = await readEveryDocument(store);
      const refs = [first!, second!].flatMap((document) =>
        document.annotations.slice(0, 2).map((annotation) => ({ documentId: document.meta.id, annotationId: annotation.id })),
      );
      const before = await Promise.all(
        refs.map(async ({ documentId, annotationId }) =>
          (await readDocument(store, documentId))!.annotations.find((a) => a.id === annotationId)!,
        ),
      );
      const result = await service.updateAnnotations(refs, { status: 'refuted', speaker: 'Teresa Albescu', addTags: ['opinion'] });
      expect(result).toEqual({ ok: true, value: { annotations: 4 } });
      for (const [index, { documentId, annotationId }] of refs.entries()) {
        const after = (await readDocument(store, documentId))!.annotations.find((annotation) => annotation.id === annotationId)!;
        expect(after).toMatchObject({ status: 'refuted', speaker: 'Teresa Albescu', note: before[index]!.note });
        expect(after.tags).toEqual([...new Set([...before[index]!.tags, 'opinion'])]);
      }
      const reopened = await FolderStore.open(store.dir);
      expect((await readDocument(reopened, refs[3]!.documentId))!.annotations.find((a) => a.id === refs[3]!.annotationId)!.status).toBe(
        'refuted',
      );
      await reopened.close();
      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Edit 4 annotations' } });
      // Undo is a change too: the annotations are as they were, one version on from the edit's.
      expect(
        await Promise.all(
          refs.map(async ({ documentId, annotationId }) =>
            (await readDocument(store, documentId))!.annotations.find((a) => a.id === annotationId),
          ),
        ),
      ).toEqual(before.map((annotation) => ({ ...annotation, version: versionOf(annotation) + 2 })));
      await service.dispose();
    }));

  it('stores a speaker typed under another spelling under the speaker’s name, as the panel’s bulk bar sends it', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      // "Teresa Albescu" and "Mayor Albescu" are one speaker once merged.
      expect(await service.mergeSpeakers('Teresa Albescu', ['Mayor Albescu'])).toMatchObject({ ok: true });
      const document = (await readEveryDocument(store))[0]!;
      const refs = document.annotations.slice(0, 3).map((annotation) => ({ documentId: document.meta.id, annotationId: annotation.id }));
      expect(await service.updateAnnotations(refs, { speaker: 'mayor albescu' })).toMatchObject({ ok: true });
      expect((await readDocument(store, document.meta.id))!.annotations.slice(0, 3).map((annotation) => annotation.speaker)).toEqual([
        'Teresa Albescu',
        'Teresa Albescu',
        'Teresa Albescu',
      ]);
      await service.dispose();
    }));

  it('changes nothing when one annotation is gone or a value is unknown, and counts only what changed', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const document = (await readEveryDocument(store))[0]!;
      const ref = { documentId: document.meta.id, annotationId: document.annotations[0]!.id };
      const gone = { documentId: document.meta.id, annotationId: '00000000-0000-4000-8000-000000000000' };
      expect(await service.updateAnnotations([ref, gone], { status: 'refuted' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(await service.updateAnnotations([ref], { status: 'maybe' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect((await readDocument(store, document.meta.id))!.annotations[0]).toEqual(document.annotations[0]);
      const status = document.annotations[0]!.status;
      expect(await service.updateAnnotations([ref, ref], { status })).toEqual({ ok: true, value: { annotations: 0 } });
      await service.dispose();
    }));
});
