import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readEveryDocument } from '../../tests/support/read-document.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  return { service, store };
}

const speakersOf = async (store: WorkspaceStore) =>
  (await readEveryDocument(store)).flatMap((document) => document.annotations.map((annotation) => annotation.speaker)).filter(Boolean);

describe('speakers through the service', () => {
  it('merges two spellings into one speaker in one undoable change; later spellings are stored under its name', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const report = (await readEveryDocument(store))[0]!;
      const albescu = (await speakersOf(store)).filter((speaker) => speaker === 'Teresa Albescu').length;
      expect(albescu).toBeGreaterThan(0);
      const typed = await service.createAnnotation(report.meta.id, { start: 0, end: 7, tags: [], speaker: 'Mayor Albescu' });
      expect(typed).toMatchObject({ ok: true, value: { speaker: 'Mayor Albescu' } });

      const merged = await service.mergeSpeakers('Teresa Albescu', ['Mayor Albescu']);
      expect(merged).toEqual({ ok: true, value: { annotations: 1 } });
      expect((await speakersOf(store)).filter((speaker) => speaker === 'Teresa Albescu')).toHaveLength(albescu + 1);
      expect(await speakersOf(store)).not.toContain('Mayor Albescu');
      expect((await service.getSpeakers()).find((speaker) => speaker.name === 'Teresa Albescu')).toEqual({
        name: 'Teresa Albescu',
        aliases: ['Mayor Albescu'],
        annotations: albescu + 1,
      });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Merge speaker Mayor Albescu into Teresa Albescu' });
      // Typed under an alias, in any case, a speaker is stored under its name.
      const later = await service.createAnnotation(report.meta.id, { start: 8, end: 12, tags: [], speaker: 'mayor ALBESCU' });
      expect(later).toMatchObject({ ok: true, value: { speaker: 'Teresa Albescu' } });
      if (!later.ok) throw new Error(later.error.message);
      const edited = await service.updateAnnotation(report.meta.id, later.value.id, { speaker: 'Mayor Albescu' });
      expect(edited).toMatchObject({ ok: true, value: { speaker: 'Teresa Albescu' } });
      expect((await service.getAnnotationSuggestions()).speakers).not.toContain('Mayor Albescu');

      // On disk, and undone as one step (after the two later changes).
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.workspace.codebook.speakers).toEqual([{ name: 'Teresa Albescu', aliases: ['Mayor Albescu'] }]);
      await reopened.close();
      await service.undo();
      await service.undo();
      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Merge speaker Mayor Albescu into Teresa Albescu' } });
      expect(await speakersOf(store)).toContain('Mayor Albescu');
      expect(store.workspace.codebook.speakers ?? []).toEqual([]);
      await service.dispose();
    }));

  it('refuses a merge with nothing to merge, and a name that would belong to two speakers', () =>
    withTempDir(async (dir) => {
      const { service } = await workbench(dir);
      expect(await service.mergeSpeakers('Teresa Albescu', ['teresa  albescu'])).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await service.mergeSpeakers('A', ['B'])).toMatchObject({ ok: true });
      expect(await service.mergeSpeakers('C', ['D'])).toMatchObject({ ok: true });
      // "B" is A's; merging it into C takes A whole into C.
      expect(await service.mergeSpeakers('C', ['B'])).toMatchObject({ ok: true });
      expect((await service.getSpeakers()).filter((speaker) => speaker.annotations === 0)).toEqual([
        { name: 'C', aliases: ['D', 'A', 'B'], annotations: 0 },
      ]);
      await service.dispose();
    }));
});
