// Saved searches as the service keeps them: in the workspace settings (on disk, checked for one
// name each; a workspace from before them has none), and in bundles, where they merge by name:
// the bundle's are added under names the workspace lacks, and the workspace keeps its own.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SavedSearch } from '../../core/search/saved-search.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT } from '../app-paths.ts';
import { bundleEntries } from '../bundle/bundle-entries.ts';
import { writeBundle } from '../bundle/write-bundle.ts';
import { FolderStore } from '../store/folder-store.ts';

const MAYOR: SavedSearch = { name: 'Mayor’s figures', query: 'speaker:albescu tag:statistic' };
const PERCENT: SavedSearch = {
  name: 'Percentages',
  query: '"percent"',
  matchCase: true,
  filters: [{ field: 'outlet', value: 'The Valley Courier' }],
};

describe('saved searches', () => {
  it('are kept in the workspace settings, one per name, and read back from disk', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      expect(store.workspace.settings.savedSearches).toEqual([]);
      const saved = await service.updateSettings({ savedSearches: [MAYOR, PERCENT] });
      expect(saved).toMatchObject({ ok: true, value: { savedSearches: [MAYOR, PERCENT] } });
      // A second search under a name already taken (case and spaces aside) is refused, and nothing changes.
      const twice = await service.updateSettings({ savedSearches: [PERCENT, { name: ' percentages ', query: 'x' }] });
      expect(twice).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('percentages') } });
      expect(store.workspace.settings.savedSearches).toEqual([MAYOR, PERCENT]);
      const renamed = await service.updateSettings({ savedSearches: [{ ...PERCENT, name: 'Share of capacity' }] });
      expect(renamed.ok).toBe(true);
      await service.dispose();
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.workspace.settings.savedSearches).toEqual([{ ...PERCENT, name: 'Share of capacity' }]);
      await reopened.close();
    }));

  it('a workspace written before saved searches existed opens with none', () =>
    withTempDir(async (dir) => {
      const copy = path.join(dir, 'v1');
      await cp(path.join(APP_ROOT, 'tests', 'fixtures', 'workspace-v1'), copy, { recursive: true });
      expect(await readFile(path.join(copy, 'workspace.json'), 'utf8')).not.toContain('savedSearches');
      const store = await FolderStore.open(copy);
      expect(store.workspace.settings.savedSearches).toEqual([]);
      await store.close();
    }));

  it('travel in bundles and merge by name: theirs added where ours lack the name, ours kept', () =>
    withTempDir(async (dir) => {
      const theirs = await sampleWorkbench(path.join(dir, 'theirs'));
      expect((await theirs.service.updateSettings({ savedSearches: [MAYOR, PERCENT] })).ok).toBe(true);
      const { entries } = await bundleEntries(theirs.store, { originals: false, generatedAt: '2026-12-01T10:00:00.000Z' });
      const bundle = path.join(dir, 'theirs.claimbundle');
      const written = await writeBundle(bundle, entries, {
        appVersion: '0.1.0',
        creator: 'Ines',
        workspace: 'Theirs',
        createdAt: '2026-12-01T10:00:00.000Z',
      });
      if (!written.ok) throw new Error(written.error.message);
      await theirs.service.dispose();

      const mine = await sampleWorkbench(path.join(dir, 'mine'));
      const ours: SavedSearch = { name: 'percentages', query: 'tag:statistic', matchCase: false };
      expect((await mine.service.updateSettings({ savedSearches: [ours] })).ok).toBe(true);
      const preview = await mine.service.previewBundleFile('job-saved-searches', bundle);
      if (!preview.ok) throw new Error(preview.error.message);
      const applied = await mine.service.applyBundleImport(preview.value.importId, {});
      expect(applied).toMatchObject({ ok: true, value: { savedSearchesAdded: 1 } });
      expect(mine.store.workspace.settings.savedSearches).toEqual([ours, MAYOR]);
      expect((await mine.service.getWorkspaceInfo()).settings.savedSearches).toEqual([ours, MAYOR]);

      // Imported again: nothing new.
      const again = await mine.service.previewBundleFile('job-saved-searches-2', bundle);
      if (!again.ok) throw new Error(again.error.message);
      const reapplied = await mine.service.applyBundleImport(again.value.importId, {});
      expect(reapplied.ok && reapplied.value.savedSearchesAdded).toBeUndefined();
      expect(mine.store.workspace.settings.savedSearches).toEqual([ours, MAYOR]);
      await mine.service.dispose();
    }));
});
