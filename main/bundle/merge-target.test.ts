// What a bundle's merge reads of the workspace (mergeTarget): only the documents the bundle's can
// touch, in library order, not the whole library (docs/design/on-demand-store.md §2.2).
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { readDocument } from '../../tests/support/read-document.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { mergeTarget } from './import-bundle.ts';

describe('mergeTarget', () => {
  it('reads the first document with each incoming text and those whose id an incoming one takes, in library order', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const ids = store.heads.map(({ id }) => id);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      const [first, second] = [(await readDocument(store, ids[0]!))!, (await readDocument(store, ids[1]!))!];
      const other = (file: DocumentFile, id: string, textHash: string) => ({ ...file, meta: { ...file.meta, id, textHash } });
      const incoming = {
        documents: [
          // The second document's text under a new id, then the first's id with a text the workspace has not.
          other(second, 'incoming-1', second.meta.textHash),
          other(second, first.meta.id, 'f'.repeat(64)),
          other(second, 'incoming-2', 'e'.repeat(64)),
        ],
      };
      const target = await mergeTarget(store, incoming);
      expect(target.documents.map((file) => file.meta.id)).toEqual([ids[0], ids[1]]);
      expect(target.evidence).toEqual(store.evidence);
      await service.dispose();
    }));
});
