// The version history through the service: the versions of a document with their dates and files,
// the text of each, and which version each annotation was made on.
import path from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { versionMadeOn, type DocumentVersion } from '../../core/model/document-versions.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { importSources } from '../import/import-files.ts';
import { TEXTS_DIR } from '../store/workspace-layout.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';

async function withVersions(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const statement = store.documents[1]!;
  const texts = [
    statement.text,
    `Updated at 12:00.\n\n${statement.text}`,
    `Updated at 15:00.\n\n${statement.text.replace('18 percent', '17 percent')}`,
  ];
  for (const [index, text] of texts.slice(1).entries()) {
    const bytes = new TextEncoder().encode(text);
    const name = `statement-v${index + 2}.txt`;
    await importSources(
      store,
      [{ name, origin: `/incoming/${name}`, size: bytes.length, read: async () => bytes, versionOf: statement.meta.id }],
      {
        extractors: EXTRACTORS,
      },
    );
  }
  return { service, store, documentId: statement.meta.id, texts, first: statement };
}

describe('the version history', () => {
  it('lists every version, oldest first, with when and from where it was imported', () =>
    withTempDir(async (dir) => {
      const { service, documentId, first } = await withVersions(dir);
      const listed = await service.listVersions(documentId);
      expect(listed.ok).toBe(true);
      if (!listed.ok) return;
      expect(listed.value.map(({ number, current, originalName }) => [number, current, originalName])).toEqual([
        [1, false, first.meta.originalName],
        [2, false, 'statement-v2.txt'],
        [3, true, 'statement-v3.txt'],
      ]);
      const [v1, v2, v3] = listed.value as [DocumentVersion, DocumentVersion, DocumentVersion];
      expect(v1).toMatchObject({ textHash: first.meta.textHash, importedAt: first.meta.importedAt, replacedAt: v2.importedAt });
      expect(v2).toMatchObject({ importedFrom: '/incoming/statement-v2.txt', replacedAt: v3.importedAt });
      expect(Date.parse(v1.importedAt)).toBeLessThan(Date.parse(v2.importedAt));
      expect(Date.parse(v2.importedAt)).toBeLessThan(Date.parse(v3.importedAt));
      expect(v3.replacedAt).toBeUndefined();
      // The sample's three annotations were made on the first version.
      expect(listed.value.map((version) => version.annotationsMadeOn)).toEqual([3, 0, 0]);
    }));

  it('gives the text of any version, and says which version a new annotation was made on', () =>
    withTempDir(async (dir) => {
      const { service, documentId, texts } = await withVersions(dir);
      for (const [index, text] of texts.entries()) {
        const read = await service.getVersionText(documentId, index + 1);
        expect(read).toMatchObject({ ok: true, value: { text, version: { number: index + 1 } } });
      }
      const made = await service.createAnnotation(documentId, { start: 0, end: 17, tags: [] });
      expect(made.ok).toBe(true);
      const listed = await service.listVersions(documentId);
      if (!listed.ok || !made.ok) return;
      expect(listed.value.map((version) => version.annotationsMadeOn)).toEqual([3, 0, 1]);
      expect(versionMadeOn(listed.value, made.value.created).number).toBe(3);
    }));

  it('refuses a version or a document that is not there, and a kept text that is missing or damaged', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId, first } = await withVersions(dir);
      expect(await service.listVersions('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await service.getVersionText(documentId, 4)).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: /has 3 versions, not 4/ },
      });
      const kept = path.join(store.dir, TEXTS_DIR, first.meta.textHash);
      await writeFile(kept, 'not the text that was kept');
      expect(await service.getVersionText(documentId, 1)).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: /missing or damaged/ },
      });
      await rm(kept);
      expect(await service.getVersionText(documentId, 1)).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: /missing or damaged/ },
      });
      // The other versions are still readable.
      expect(await service.getVersionText(documentId, 2)).toMatchObject({ ok: true });
    }));
});
