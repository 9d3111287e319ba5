// On a store with a change log (the team server's), the search index is checked against the log,
// not a fingerprint: an index that records a place in it is told the records the log names after
// that place, as they are now, and nothing else is read; one the log cannot catch up is rebuilt;
// each batch of changes records the follower's place.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../core/events.ts';
import type { SearchChange, SearchResults, SearchSource } from '../../core/search/search-types.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { CommittedChange, StoreChangeFeed, WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { CATCH_UP_LIMIT } from './log-catch-up.ts';
import type { SearchIndex } from './search-index.ts';
import { WorkspaceSearch } from './workspace-search.ts';

class RecordingIndex implements SearchIndex {
  readonly built: string[] = [];
  readonly changes: SearchChange[] = [];
  fingerprint: string | undefined;
  constructor(fingerprint: string | undefined) {
    this.fingerprint = fingerprint;
  }
  async rebuild(source: SearchSource): Promise<void> {
    for await (const document of source.documents) this.built.push(document.meta.id);
    this.fingerprint = source.fingerprint;
  }
  applyChange(change: SearchChange): void {
    this.changes.push(change);
    if (change.fingerprint !== undefined) this.fingerprint = change.fingerprint;
  }
  search(): SearchResults {
    throw new Error('not asked here');
  }
  matchAnnotations(): { documentId: string; annotationId: string }[] {
    return [];
  }
  close(): void {}
}

/** A log that answers `changesAfter` with `answer`, and records what it was asked. */
class ScriptedLog implements StoreChangeFeed {
  position = '7';
  readonly asked: [string, number][] = [];
  readonly onDidApply = new Emitter<CommittedChange>().event;
  private readonly answer: readonly CommittedChange[] | 'unknown' | 'too-many';
  constructor(answer: readonly CommittedChange[] | 'unknown' | 'too-many') {
    this.answer = answer;
  }
  changesAfter(position: string, limit: number) {
    this.asked.push([position, limit]);
    return Promise.resolve(this.answer);
  }
}

/** The store, as one with `log` for its change feed, counting its whole-workspace reads. */
function withLog(store: FolderStore, log: StoreChangeFeed): { store: WorkspaceStore; wholeReads: () => number } {
  let reads = 0;
  const shared = new Proxy(store, {
    get(target, key) {
      if (key === 'changeFeed') return log;
      if (key === 'eachDocument') reads++;
      return Reflect.get(target, key) as unknown;
    },
  });
  return { store: shared, wholeReads: () => reads };
}

const change = (position: string, kind: CommittedChange['kind'], documentId?: string, annotationIds?: string[]): CommittedChange => ({
  position,
  own: false,
  actor: 'ana',
  kind,
  ...(documentId === undefined ? {} : { documentId }),
  ...(annotationIds === undefined ? {} : { annotationIds }),
});

async function sampleStore(dir: string): Promise<FolderStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  return FolderStore.open(dir);
}

/** A search of `folder` seen through `log`, started and ready. */
async function readySearch(folder: FolderStore, log: ScriptedLog, index: RecordingIndex) {
  const { store, wholeReads } = withLog(folder, log);
  const states: string[] = [];
  const search = new WorkspaceSearch(
    store,
    (status) => states.push(status.state),
    () => Promise.resolve(index),
  );
  await search.whenReady();
  return { search, states, wholeReads };
}

describe('WorkspaceSearch on a store with a change log', () => {
  it('tells an index the records the log names after its place, as they are now, and reads nothing else', () =>
    withTempDir(async (dir) => {
      const folder = await sampleStore(dir);
      const [edited, replaced] = [folder.heads[0]!.id, folder.heads[1]!.id];
      const [first, second] = folder.document(edited)!.annotations;
      const log = new ScriptedLog([
        change('6', 'annotations', edited, [first!.id]),
        change('6', 'annotations', edited, [second!.id, 'removed-since']),
        change('6', 'annotations', replaced, [first!.id]),
        change('6', 'document', replaced),
        change('6', 'document-removed', 'gone-since'),
        change('7', 'evidence'),
        change('7', 'workspace'),
        change('7', 'archive'),
      ]);
      const index = new RecordingIndex('log:5');
      const { search, states, wholeReads } = await readySearch(folder, log, index);
      try {
        expect(states).toEqual(['ready']);
        expect(log.asked).toEqual([['5', CATCH_UP_LIMIT]]);
        expect(index.built).toEqual([]);
        expect(wholeReads()).toBe(0);
        // What the log names, then (with nothing changed meanwhile) the place it now reflects.
        expect(index.changes).toHaveLength(2);
        const [told, placed] = index.changes as [SearchChange, SearchChange];
        expect(told.fingerprint).toBeUndefined();
        expect(placed).toEqual({ fingerprint: 'log:7', upsertDocuments: [], deleteDocuments: [] });
        // Only annotations of `edited` changed: those rows, not its text; `replaced` was put whole.
        expect(told.upsertAnnotations).toEqual([
          { documentId: edited, annotation: first },
          { documentId: edited, annotation: second },
        ]);
        expect(told.deleteAnnotations).toEqual([{ documentId: edited, annotationId: 'removed-since' }]);
        expect(told.upsertDocuments?.map((document) => document.meta.id)).toEqual([replaced]);
        expect(told.upsertDocuments?.[0]?.annotations).toBe(folder.document(replaced)!.annotations);
        expect(told.deleteDocuments).toEqual(['gone-since']);
        expect(told.codebook).toBe(folder.workspace.codebook);
        // Which claims went is not in the log: every claim is told, and the index drops the others.
        expect(told.replaceClaims).toBe(true);
        expect(told.upsertClaims).toEqual(folder.evidence.claims);
      } finally {
        await search.dispose();
      }
    }));

  it.each([
    ['the log cannot say what followed', 'log:5', 'too-many' as const, [['5', CATCH_UP_LIMIT]]],
    ['the place is not one the log knows', 'log:5', 'unknown' as const, [['5', CATCH_UP_LIMIT]]],
    ['the index records a fingerprint, not a place', 'ab12', [] as CommittedChange[], []],
    ['the index is new', undefined, [] as CommittedChange[], []],
  ])('rebuilds the index when %s', (_, marker, answer, asked) =>
    withTempDir(async (dir) => {
      const folder = await sampleStore(dir);
      const log = new ScriptedLog(answer);
      const index = new RecordingIndex(marker);
      const { search, states } = await readySearch(folder, log, index);
      try {
        expect(log.asked).toEqual(asked);
        expect(states).toContain('building');
        expect(index.built).toEqual(folder.heads.map((head) => head.id));
        expect(index.fingerprint).toBe('log:7');
      } finally {
        await search.dispose();
      }
    }),
  );

  it('records with each batch of changes the place of the log then', () =>
    withTempDir(async (dir) => {
      const folder = await sampleStore(dir);
      const log = new ScriptedLog([]);
      const index = new RecordingIndex('log:5');
      const { search } = await readySearch(folder, log, index);
      try {
        const document = folder.document(folder.heads[0]!.id)!;
        const annotation = document.annotations[0]!;
        log.position = '9';
        const put = await folder.putAnnotations(document.meta.id, [
          { annotationId: annotation.id, annotation: { ...annotation, note: 'seen' } },
        ]);
        expect(put.ok).toBe(true);
        await nextTurn();
        await expect.poll(() => index.changes.at(-1)?.fingerprint).toBe('log:9');
        const last = index.changes.at(-1)!;
        const told = [
          ...(last.upsertAnnotations?.map((each) => each.annotation) ?? []),
          ...(last.upsertDocuments?.flatMap((each) => each.annotations) ?? []),
        ];
        expect(told.map((each) => each.note)).toContain('seen');
      } finally {
        await search.dispose();
      }
    }));
});
