// The review queue's decisions through the service: accept an approximate match, re-pin an
// orphan to text the analyst selected; each written, undoable, and recorded with its text's hash.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { importSources } from '../import/import-files.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

/** The sample with a new version of the mayor's statement: one claim fuzzy (below review), one orphaned. */
async function reviewed(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const statement = (await readEveryDocument(store))[1]!;
  const text = statement.text
    .replace(
      'If we do nothing, the taps could run dry by the end of September.',
      'Unless we act now, taps across the city may run dry before the end of September.',
    )
    .replace('cut water losses by almost half', 'reduced leaks');
  const bytes = new TextEncoder().encode(text);
  await importSources(
    store,
    [
      {
        name: 'statement-v2.txt',
        origin: '/incoming/statement-v2.txt',
        size: bytes.length,
        read: async () => bytes,
        versionOf: statement.meta.id,
      },
    ],
    { extractors: EXTRACTORS },
  );
  const current = async () => (await readDocument(store, statement.meta.id))!;
  const byQuote = async (start: string) =>
    (await current()).annotations.find((annotation) => (annotation.anchor.previousQuote ?? annotation.target.exact).startsWith(start))!;
  return { service, store, documentId: statement.meta.id, current, byQuote };
}

describe('reviewing claims a new version left in doubt', () => {
  it('re-pins an orphan to the selected text, and undo makes it an orphan again', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId, current, byQuote } = await reviewed(dir);
      const orphan = await byQuote('cut water losses by almost half');
      expect(orphan.anchor.state).toBe('orphaned');
      expect(await service.reviewAnchor(documentId, orphan.id, { kind: 'accept' })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: /no span to accept/ },
      });

      const start = (await current()).text.indexOf('reduced leaks');
      const repinned = await service.reviewAnchor(documentId, orphan.id, { kind: 'repin', start, end: start + 'reduced leaks'.length });
      expect(repinned).toMatchObject({
        ok: true,
        value: {
          target: { exact: 'reduced leaks' },
          anchor: {
            state: 'moved',
            confidence: 1,
            previousQuote: 'cut water losses by almost half',
            textHash: (await current()).meta.textHash,
          },
        },
      });
      // On disk, valid (the quote is where the target says).
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.problems).toEqual([]);
      expect((await readDocument(reopened, documentId))!.annotations.find((annotation) => annotation.id === orphan.id)!.target.exact).toBe(
        'reduced leaks',
      );

      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Re-pin annotation', documentId } });
      expect((await byQuote('cut water losses by almost half')).anchor.state).toBe('orphaned');
      await service.dispose();
    }));

  it('accepts the proposed span of an approximate match, which then leaves the queue', () =>
    withTempDir(async (dir) => {
      const { service, documentId, byQuote } = await reviewed(dir);
      const fuzzy = await byQuote('If we do nothing');
      expect(fuzzy.anchor).toMatchObject({ state: 'fuzzy' });
      expect(fuzzy.anchor.confidence).toBeLessThan(0.9);
      const accepted = await service.reviewAnchor(documentId, fuzzy.id, { kind: 'accept' });
      expect(accepted).toMatchObject({
        ok: true,
        value: {
          target: fuzzy.target,
          anchor: { state: 'moved', confidence: 1, previousQuote: 'If we do nothing, the taps could run dry by the end of September.' },
        },
      });
      await service.dispose();
    }));

  it.each([
    [{ kind: 'repin' as const, start: 10, end: 10 }, /not inside the text/],
    [{ kind: 'repin' as const, start: 0, end: 10_000_000 }, /not inside the text/],
  ])('refuses a re-pin to %j', (decision, message) =>
    withTempDir(async (dir) => {
      const { service, documentId, byQuote } = await reviewed(dir);
      const orphan = await byQuote('cut water losses by almost half');
      expect(await service.reviewAnchor(documentId, orphan.id, decision)).toMatchObject({ ok: false, error: { code: 'invalid', message } });
      expect(await service.reviewAnchor(documentId, 'no-such-claim', { kind: 'accept' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await service.dispose();
    }),
  );
});
