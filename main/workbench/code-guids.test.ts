// Code GUIDs are stable: a tag keeps one GUID in every .qdc and .qdpx export of every workspace
// that has it. Tags made before GUIDs were stored get, on opening, the GUID their exports had; new
// tags get one when made; the default codebook's tags share theirs; bundles carry them.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { bundleEntries } from '../bundle/bundle-entries.ts';
import { writeBundle } from '../bundle/write-bundle.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { legacyTagGuid } from '../store/name-based-uuid.ts';
import { FolderStore } from '../store/folder-store.ts';
import { WORKSPACE_FILE } from '../store/workspace-layout.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { createWorkbenchService } from './workbench-service.ts';

const guidsOf = (qdc: string) => new Map([...qdc.matchAll(/<Code guid="([^"]+)" name="([^"]+)"/g)].map(([, guid, name]) => [name!, guid!]));

async function service(dir: string, options: { empty?: boolean; withoutTags?: boolean } = {}) {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: options.empty ?? true, withoutTags: options.withoutTags ?? false });
  const store = await FolderStore.open(dir);
  return { store, service: createWorkbenchService(store, { extractors: EXTRACTORS }) };
}

describe('code GUIDs', () => {
  it('gives a workspace from before stored GUIDs the ones its exports had, on every opening, and writes them with its next change', () =>
    withTempDir(async (dir) => {
      const ws = path.join(dir, 'old');
      await createWorkspace(ws, { resourcesDir: RESOURCES_DIR, empty: true });
      const file = JSON.parse(await readFile(path.join(ws, WORKSPACE_FILE), 'utf8')) as {
        createdAt: string;
        codebook: { tags: { id: string; guid?: string }[] };
      };
      for (const tag of file.codebook.tags) delete tag.guid;
      await writeFile(path.join(ws, WORKSPACE_FILE), JSON.stringify(file));

      const store = await FolderStore.open(ws);
      for (const tag of store.workspace.codebook.tags) expect(tag.guid).toBe(legacyTagGuid(file.createdAt, tag.id));
      const again = await FolderStore.open(ws, { readOnly: true });
      expect(again.workspace.codebook).toEqual(store.workspace.codebook);
      const service = createWorkbenchService(store, { extractors: EXTRACTORS });
      await service.updateSettings({ analystName: 'Ana' });
      const onDisk = JSON.parse(await readFile(path.join(ws, WORKSPACE_FILE), 'utf8')) as typeof file;
      expect(onDisk.codebook.tags.map((tag) => tag.guid)).toEqual(store.workspace.codebook.tags.map((tag) => tag.guid));
      await service.dispose();
      await store.close();
    }));

  it('gives a new tag its GUID once, through undo and redo, and every workspace the default tags’ GUIDs', () =>
    withTempDir(async (dir) => {
      const a = await service(path.join(dir, 'a'));
      const b = await service(path.join(dir, 'b'));
      const defaults = guidsOf((await a.service.exportCodebook('qdc')).text);
      expect(guidsOf((await b.service.exportCodebook('qdc')).text)).toEqual(defaults);

      const added = await a.service.addTag({ name: 'Rumour', color: '#aa5500' });
      if (!added.ok) throw new Error(added.error.message);
      expect(added.value.guid).toMatch(/^[0-9a-f-]{36}$/);
      expect(guidsOf((await a.service.exportCodebook('qdc')).text).get('Rumour')).toBe(added.value.guid);
      await a.service.undo();
      await a.service.redo();
      expect(a.store.workspace.codebook.tags.find((tag) => tag.id === added.value.id)?.guid).toBe(added.value.guid);
      expect((await FolderStore.open(a.store.dir)).workspace.codebook.tags.at(-1)?.guid).toBe(added.value.guid);
      await a.service.dispose();
      await b.service.dispose();
    }));

  it('keeps every tag’s GUID through a bundle into another workspace, also one made for the import', () =>
    withTempDir(async (dir) => {
      const source = await service(path.join(dir, 'source'), { empty: false });
      await source.service.addTag({ name: 'Rumour', color: '#aa5500' });
      const expected = guidsOf((await source.service.exportCodebook('qdc')).text);
      const { entries } = await bundleEntries(source.store, { originals: false, generatedAt: '2026-12-06T00:00:00.000Z' });
      const bundle = path.join(dir, 'source.claimbundle');
      const written = await writeBundle(bundle, entries, {
        appVersion: '0.1.0',
        creator: 'Ana',
        workspace: 'S',
        createdAt: '2026-12-06T00:00:00.000Z',
      });
      if (!written.ok) throw new Error(written.error.message);

      for (const target of [
        await service(path.join(dir, 'default-tags')),
        await service(path.join(dir, 'no-tags'), { withoutTags: true }),
      ]) {
        const preview = await target.service.previewBundleFile('guids', bundle);
        if (!preview.ok) throw new Error(preview.error.message);
        const applied = await target.service.applyBundleImport(preview.value.importId, {});
        if (!applied.ok) throw new Error(applied.error.message);
        expect(guidsOf((await target.service.exportCodebook('qdc')).text)).toEqual(expected);
        await target.service.dispose();
      }
      await source.service.dispose();
    }));

  it('gives a workspace made for a bundle the bundle’s GUIDs even when the bundle’s workspace predates stored GUIDs', () =>
    withTempDir(async (dir) => {
      const source = await service(path.join(dir, 'source'), { empty: false });
      // As a workspace from before: tags without GUIDs, so its exports derive them from when it was made.
      const legacy = {
        ...source.store.workspace,
        codebook: { tags: source.store.workspace.codebook.tags.map(({ guid: _guid, ...tag }) => tag) },
      };
      await source.store.updateWorkspace(legacy);
      const expected = guidsOf((await source.service.exportCodebook('qdc')).text);
      expect(expected.get('Quote')).toBe(legacyTagGuid(legacy.createdAt, 'quote'));
      const { entries } = await bundleEntries(source.store, { originals: false, generatedAt: '2026-12-06T00:00:00.000Z' });
      const bundle = path.join(dir, 'legacy.claimbundle');
      await writeBundle(bundle, entries, { appVersion: '0.1.0', creator: 'Ana', workspace: 'S', createdAt: '2026-12-06T00:00:00.000Z' });
      const target = await service(path.join(dir, 'made-for-it'), { withoutTags: true });
      const preview = await target.service.previewBundleFile('legacy', bundle);
      if (!preview.ok) throw new Error(preview.error.message);
      await target.service.applyBundleImport(preview.value.importId, {});
      expect(guidsOf((await target.service.exportCodebook('qdc')).text)).toEqual(expected);
      await target.service.dispose();
      await source.service.dispose();
    }));
});
