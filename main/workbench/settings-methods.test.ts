// The settings as the service keeps them: names used for exports, lists guarded by what the records
// use, and "Remove the sample" as one undo step.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../../core/model/workspace.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { FolderStore } from '../store/folder-store.ts';
import { readEveryDocument } from '../../tests/support/read-document.ts';

describe('settings', () => {
  it('a new workspace asks its first-run questions; the answers are kept on disk and announced', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      expect((await service.getWorkspaceInfo()).settings.welcomed).toBe(false);
      const announced: string[] = [];
      const subscription = service.onDidChangeWorkspace((info) => announced.push(info.name));
      const result = await service.updateSettings({ analystName: 'Ana Petrenko', workspaceName: 'Kherson checks', welcomed: true });
      expect(result).toMatchObject({ ok: true, value: { analystName: 'Ana Petrenko', welcomed: true } });
      expect(announced).toEqual(['Kherson checks']);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.workspace.name).toBe('Kherson checks');
      expect(reopened.workspace.settings).toMatchObject({ analystName: 'Ana Petrenko', welcomed: true });
      // New records carry the analyst's name.
      const created = await service.createAnnotation((await readEveryDocument(store))[0]!.meta.id, { start: 0, end: 5, tags: [] });
      expect(created.ok && created.value.creator).toBe('Ana Petrenko');
      subscription.dispose();
      await service.dispose();
    }));

  it('refuses to drop a status annotations use, and counts who uses what', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const usage = await service.getSettingsUsage();
      const used = DEFAULT_STATUSES.find((status) => (usage.statuses[status.id] ?? 0) > 0)!;
      const total = (await readEveryDocument(store)).reduce(
        (sum, document) => sum + document.annotations.filter((a) => a.status === used.id).length,
        0,
      );
      expect(usage.statuses[used.id]).toBe(total);
      const refused = await service.updateSettings({ statuses: DEFAULT_STATUSES.filter((status) => status.id !== used.id) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'in-use' } });
      expect(store.workspace.settings.statuses).toEqual(DEFAULT_STATUSES);
      const unused = DEFAULT_STATUSES.find((status) => (usage.statuses[status.id] ?? 0) === 0);
      if (unused !== undefined) {
        const kept = DEFAULT_STATUSES.filter((status) => status.id !== unused.id);
        expect(await service.updateSettings({ statuses: kept })).toMatchObject({ ok: true, value: { statuses: kept } });
      }
      await service.dispose();
    }));

  it('"Remove the sample" takes its documents, records and claims in one undo step', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const mine = await service.importText('My notes', 'The mayor said the water is safe.');
      expect(mine.status).toBe('imported');
      const sampleCount = (await readEveryDocument(store)).length - 1;
      const claimCount = store.evidence.claims.length;
      expect(claimCount).toBeGreaterThan(0);
      const removed = await service.removeSample();
      expect(removed).toMatchObject({ ok: true, value: { documents: sampleCount, claims: claimCount } });
      expect((await readEveryDocument(store)).map(({ meta }) => meta.title)).toEqual(['My notes']);
      expect(store.evidence).toEqual({ links: [], claims: [] });
      expect(await service.removeSample()).toMatchObject({ ok: false, error: { code: 'nothing-to-remove' } });

      const undone = await service.undo();
      expect(undone).toMatchObject({ ok: true, value: { label: `Remove the sample (${sampleCount} documents)` } });
      expect(await readEveryDocument(store)).toHaveLength(sampleCount + 1);
      expect(store.evidence.claims).toHaveLength(claimCount);
      const reopened = await FolderStore.open(store.dir);
      expect(await readEveryDocument(reopened)).toHaveLength(sampleCount + 1);
      await service.dispose();
    }));
});
