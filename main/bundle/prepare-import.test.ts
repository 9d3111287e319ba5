// prepareBundleImport when the files an import drops are checked in a worker thread while the
// kept ones are read (load-bundle.ts's `loadBundleAside`): the outcome is the same as checking
// every file first, and a failure of the dropped files is the one reported.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { deflated, zip } from '../../tests/support/zip-writer.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { bundleEntries } from './bundle-entries.ts';
import { prepareBundleImport } from './import-bundle.ts';
import { writeBundle } from './write-bundle.ts';

const HEADER = { appVersion: '0.1.0', creator: 'Ana', workspace: 'Sample', createdAt: '2026-12-01T10:00:00.000Z' };
const encode = (text: string) => new TextEncoder().encode(text);
/** `bytes` with the first one changed: the same size, another SHA-256. */
const flipped = (bytes: Uint8Array) => Uint8Array.from(bytes, (byte, index) => (index === 0 ? byte ^ 1 : byte));

/** The sample workspace's bundle, with the first byte of the files `changed` names changed under the honest manifest. */
async function sampleBundle(dir: string, changed: readonly string[] = []): Promise<string> {
  const { store } = await sampleWorkbench(dir);
  const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
  const written = await writeBundle(path.join(dir, 'honest.claimbundle'), entries, HEADER);
  if (!written.ok) throw new Error(written.error.message);
  const parts = entries.map((entry) => deflated(entry.path, changed.includes(entry.path) ? flipped(entry.bytes) : entry.bytes));
  const target = path.join(dir, 'edited.claimbundle');
  await writeFile(target, zip([...parts, deflated('manifest.json', encode(JSON.stringify(written.value.manifest)))]));
  return target;
}

async function prepareIn(dir: string, file: string, checkAsideAbove?: number) {
  const workspace = path.join(dir, `colleague-${crypto.randomUUID()}`);
  await createWorkspace(workspace, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Colleague' });
  const store = await FolderStore.open(workspace);
  const prepared = await prepareBundleImport(file, store, { checkAsideAbove });
  if (prepared.ok) await prepared.value.dispose();
  await store.close();
  return prepared;
}

describe('prepareBundleImport with the dropped files checked in a worker thread', () => {
  it('reads the same content and plans the same merge as checking every file here', () =>
    withTempDir(async (dir) => {
      const file = await sampleBundle(dir);
      const aside = await prepareIn(dir, file, 0);
      const here = await prepareIn(dir, file, Number.POSITIVE_INFINITY);
      if (!aside.ok || !here.ok) throw new Error('the sample bundle was refused');
      expect(aside.value.content).toEqual(here.value.content);
      expect(aside.value.plan.documents).toEqual(here.value.plan.documents);
    }));

  it('refuses a bundle whose dropped file was changed, as checking it here does', () =>
    withTempDir(async (dir) => {
      const file = await sampleBundle(dir, ['report.html']);
      for (const checkAsideAbove of [0, Number.POSITIVE_INFINITY])
        expect(await prepareIn(dir, file, checkAsideAbove)).toEqual({
          ok: false,
          error: { code: 'tampered', message: 'report.html was changed: its SHA-256 does not match the manifest' },
        });
    }));

  it('reports a changed dropped file rather than invalid content read meanwhile', () =>
    withTempDir(async (dir) => {
      // claims.json breaks its schema, and its hash is in the manifest; report.html was changed after.
      const { store } = await sampleWorkbench(dir);
      const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
      const edited = entries.map((entry) => (entry.path === 'claims.json' ? { path: entry.path, bytes: encode('{"claims":7}') } : entry));
      const written = await writeBundle(path.join(dir, 'invalid.claimbundle'), edited, HEADER);
      if (!written.ok) throw new Error(written.error.message);
      const parts = edited.map((entry) => deflated(entry.path, entry.path === 'report.html' ? flipped(entry.bytes) : entry.bytes));
      const file = path.join(dir, 'both.claimbundle');
      await writeFile(file, zip([...parts, deflated('manifest.json', encode(JSON.stringify(written.value.manifest)))]));
      expect(await prepareIn(dir, path.join(dir, 'invalid.claimbundle'), 0)).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await prepareIn(dir, file, 0)).toMatchObject({ ok: false, error: { code: 'tampered' } });
    }));

  it('hashes a document text that starts with a byte order mark (the manifest hashes its bytes, the document its text)', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
      const first = store.documents[0]!;
      const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
      const edited = entries.map((entry) =>
        entry.path === `documents/${first.meta.id}.txt` ? { path: entry.path, bytes: Buffer.concat([bom, entry.bytes]) } : entry,
      );
      const file = path.join(dir, 'bom.claimbundle');
      const written = await writeBundle(file, edited, HEADER);
      if (!written.ok) throw new Error(written.error.message);
      const prepared = await prepareIn(dir, file);
      expect(prepared.ok).toBe(true);
      if (prepared.ok)
        expect(prepared.value.content.documents.find((document) => document.meta.id === first.meta.id)?.text).toBe(first.text);
    }));
});
