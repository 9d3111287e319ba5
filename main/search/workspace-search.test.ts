// WorkspaceSearch tells the index what each change left (StoreChange.after), never what it reads
// back: the changes made while the index was built reach it, each record as its last change left
// it, with the fingerprint of the store as it then is; changes of one turn go together, each
// annotation as the last of them left it.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/annotation.ts';
import type { SearchChange, SearchResults, SearchSource } from '../../core/search/search-types.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import type { SearchIndex } from './search-index.ts';
import { WorkspaceFingerprint } from './workspace-fingerprint.ts';
import { WorkspaceSearch } from './workspace-search.ts';

/** An index that records what it is told, and whose rebuild waits until `finish` is called. */
class RecordingIndex implements SearchIndex {
  fingerprint: string | undefined;
  readonly built: string[] = [];
  readonly changes: SearchChange[] = [];
  finish: () => void = () => undefined;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  async rebuild(source: SearchSource): Promise<void> {
    for await (const document of source.documents) this.built.push(document.meta.id);
    await this.finished;
    this.fingerprint = source.fingerprint;
  }

  applyChange(change: SearchChange): void {
    this.changes.push(change);
  }

  search(): SearchResults {
    throw new Error('not asked here');
  }

  matchAnnotations(): { documentId: string; annotationId: string }[] {
    return [];
  }

  close(): void {}
}

const noted = (annotation: Annotation, note: string): Annotation => ({ ...annotation, note, modified: new Date().toISOString() });

async function sampleStore(dir: string): Promise<FolderStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  return FolderStore.open(dir);
}

/** The fingerprint of the store as it is now, scanned afresh. */
async function fingerprintOf(store: FolderStore): Promise<string | undefined> {
  const fingerprint = new WorkspaceFingerprint(store);
  await fingerprint.scan();
  return fingerprint.atOpen;
}

describe('WorkspaceSearch', () => {
  it('catches the index up with the last state of each record changed while it was built', () =>
    withTempDir(async (dir) => {
      const store = await sampleStore(dir);
      const index = new RecordingIndex();
      const search = new WorkspaceSearch(
        store,
        () => undefined,
        () => Promise.resolve(index),
      );
      try {
        void search.start();
        await expect.poll(() => index.built.length).toBe(store.heads.length);
        const [first, second] = store.documents as [(typeof store.documents)[number], (typeof store.documents)[number]];
        const annotation = first.annotations[0]!;
        for (const note of ['first', 'second']) {
          const put = await store.putAnnotations(first.meta.id, [{ annotationId: annotation.id, annotation: noted(annotation, note) }]);
          expect(put.ok).toBe(true);
        }
        expect((await store.removeDocument(second.meta.id)).ok).toBe(true);
        index.finish();
        await search.whenReady();

        const caughtUp = index.changes.at(-1)!;
        expect(caughtUp.deleteDocuments).toEqual([second.meta.id]);
        expect(caughtUp.upsertDocuments?.map((document) => document.meta.id)).toEqual([first.meta.id]);
        expect(caughtUp.upsertDocuments?.[0]?.annotations.find((one) => one.id === annotation.id)?.note).toBe('second');
        expect(caughtUp.fingerprint).toBe(await fingerprintOf(store));
      } finally {
        await search.dispose();
        await store.close();
      }
    }));

  it('tells the changes of one turn together, each annotation as the last of them left it', () =>
    withTempDir(async (dir) => {
      const store = await sampleStore(dir);
      const index = new RecordingIndex();
      index.finish();
      const search = new WorkspaceSearch(
        store,
        () => undefined,
        () => Promise.resolve(index),
      );
      try {
        await search.whenReady();
        const told = index.changes.length;
        const first = store.documents[0]!;
        const annotation = first.annotations[0]!;
        // Pipelined saves: memory holds each at once, so both changes come in this turn.
        const saves = ['first', 'second'].map((note) =>
          store.stageAnnotations(first.meta.id, [{ annotationId: annotation.id, annotation: noted(annotation, note) }]),
        );
        // Scanned now, before either save is on disk: each, as it lands, puts its own state in memory again.
        const expected = await fingerprintOf(store);
        await nextTurn();
        expect(index.changes.length).toBe(told + 1);
        const change = index.changes.at(-1)!;
        expect(change.upsertAnnotations?.map((one) => [one.documentId, one.annotation.id, one.annotation.note])).toEqual([
          [first.meta.id, annotation.id, 'second'],
        ]);
        expect(change.fingerprint).toBe(expected);
        for (const saved of saves) expect((await saved)?.ok).toBe(true);
      } finally {
        await search.dispose();
        await store.close();
      }
    }));
});
