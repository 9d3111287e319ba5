// prepareBundleImport on its own: a document's text is hashed only where the manifest's checked
// SHA-256 of its file is not the hash of its text (a file that starts with a byte order mark).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { bundleEntries } from './bundle-entries.ts';
import { prepareBundleImport } from './import-bundle.ts';
import { writeBundle } from './write-bundle.ts';

const HEADER = { appVersion: '0.1.0', creator: 'Ana', workspace: 'Sample', createdAt: '2026-12-01T10:00:00.000Z' };

async function prepareIn(dir: string, file: string) {
  const workspace = path.join(dir, `colleague-${crypto.randomUUID()}`);
  await createWorkspace(workspace, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Colleague' });
  const store = await FolderStore.open(workspace);
  const prepared = await prepareBundleImport(file, store);
  if (prepared.ok) await prepared.value.dispose();
  await store.close();
  return prepared;
}

describe('prepareBundleImport', () => {
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
