// Optimistic concurrency through the service: an edit names the version it was made from
// (`baseVersion`), and one made from an old version is refused with a `conflict` holding the record
// as it is now, writing nothing. The check runs inside the change log's turn, so of two edits made
// from one version exactly one is written, however they interleave.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionOf } from '../../core/model/record-version.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const report = (await readEveryDocument(store))[0]!;
  const documentId = report.meta.id;
  const stored = async (annotationId: string) =>
    (await readDocument(store, documentId))!.annotations.find((annotation) => annotation.id === annotationId);
  return { service, store, documentId, annotation: report.annotations[0]!, stored };
}

describe('two people editing one annotation', () => {
  it(
    '1,000 races of two edits made from the same version: exactly one is written each time, the other gets the winner',
    () =>
      withTempDir(async (dir) => {
        const { service, store, documentId, annotation, stored } = await workbench(dir);
        const id = annotation.id;
        let version = versionOf(annotation);
        for (let race = 0; race < 1000; race++) {
          const mine = { note: `mine ${race}`, status: race % 2 === 0 ? 'supported' : 'refuted', baseVersion: version };
          const theirs = { note: `theirs ${race}`, tags: race % 3 === 0 ? ['statistic'] : ['quote'], baseVersion: version };
          // Either may be sent first: the order the calls reach the service in alternates.
          const [a, b] = race % 2 === 0 ? [mine, theirs] : [theirs, mine];
          const results = await Promise.all([service.updateAnnotation(documentId, id, a), service.updateAnnotation(documentId, id, b)]);
          const won = results.filter((result) => result.ok);
          const lost = results.filter((result) => !result.ok);
          expect(won, `race ${race}`).toHaveLength(1);
          expect(lost, `race ${race}`).toHaveLength(1);
          const winner = won[0]!.ok ? won[0]!.value : undefined;
          const loser = lost[0]!.ok ? undefined : lost[0]!.error;
          // The loser is told what the winner wrote ("theirs"), and nothing of its own was written.
          expect(loser).toMatchObject({ code: 'conflict', current: winner });
          expect(await stored(id)).toEqual(winner);
          expect(winner!.version, `race ${race}`).toBe(version + 1);
          version = winner!.version!;
        }
        // Every winner is on disk, not only in memory.
        await service.dispose();
        const reopened = await FolderStore.open(store.dir);
        expect((await readDocument(reopened, documentId))!.annotations.find((candidate) => candidate.id === id)).toEqual(await stored(id));
        expect(versionOf((await stored(id))!)).toBe(versionOf(annotation) + 1000);
        await reopened.close();
      }),
    120_000,
  );

  it('refuses an edit made from an old version, writing nothing, and says what is there now', () =>
    withTempDir(async (dir) => {
      const { service, documentId, annotation, stored } = await workbench(dir);
      const base = versionOf(annotation);
      const theirs = await service.updateAnnotation(documentId, annotation.id, { note: 'Theirs.', baseVersion: base });
      expect(theirs).toMatchObject({ ok: true, value: { note: 'Theirs.', version: base + 1 } });
      const history = await service.getHistory();
      const mine = await service.updateAnnotation(documentId, annotation.id, { note: 'Mine.', baseVersion: base });
      expect(mine).toEqual({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/changed this annotation/), current: await stored(annotation.id) },
      });
      expect((await stored(annotation.id))!.note).toBe('Theirs.');
      // Nothing happened: no undo step for it.
      expect(await service.getHistory()).toEqual(history);
      // Keep mine: sent again from their version, it is written.
      expect(await service.updateAnnotation(documentId, annotation.id, { note: 'Mine.', baseVersion: base + 1 })).toMatchObject({
        ok: true,
        value: { note: 'Mine.', version: base + 2 },
      });
      // Without a base version the last write wins, as before.
      expect(await service.updateAnnotation(documentId, annotation.id, { note: 'Script.' })).toMatchObject({
        ok: true,
        value: { note: 'Script.', version: base + 3 },
      });
      await service.dispose();
    }));

  it('keeps an annotation changed since the deleting window saw it, and a bulk edit refuses them all', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId, annotation, stored } = await workbench(dir);
      const other = (await readDocument(store, documentId))!.annotations[1]!;
      const base = versionOf(annotation);
      await service.updateAnnotation(documentId, annotation.id, { note: 'Changed first.' });
      const deleted = await service.deleteAnnotation(documentId, annotation.id, { baseVersion: base });
      expect(deleted).toMatchObject({ ok: false, error: { code: 'conflict', current: { id: annotation.id, note: 'Changed first.' } } });
      expect(await stored(annotation.id)).toBeDefined();

      const refs = [
        { documentId, annotationId: annotation.id, baseVersion: base },
        { documentId, annotationId: other.id, baseVersion: versionOf(other) },
      ];
      const bulk = await service.updateAnnotations(refs, { status: 'refuted' });
      expect(bulk).toMatchObject({
        ok: false,
        error: { code: 'conflict', current: [{ documentId, annotation: { id: annotation.id, note: 'Changed first.' } }] },
      });
      expect(await stored(other.id)).toEqual(other);
      expect(await service.updateAnnotations([{ ...refs[0]!, baseVersion: base + 1 }, refs[1]!], { status: 'refuted' })).toEqual({
        ok: true,
        value: { annotations: 2 },
      });
      expect(await service.deleteAnnotation(documentId, other.id, { baseVersion: versionOf(other) + 1 })).toEqual({
        ok: true,
        value: true,
      });
      await service.dispose();
    }));

  it('gives every change a new version, undo and redo included, so an edit from before an undo is refused', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId, annotation, stored } = await workbench(dir);
      const versions = [versionOf(annotation)];
      const seen = async () => versions.push((await stored(annotation.id))!.version!);
      await service.updateAnnotation(documentId, annotation.id, { note: 'One.' });
      await seen();
      await service.undo();
      await seen();
      await service.redo();
      await seen();
      expect(versions).toEqual([versions[0], versions[0]! + 1, versions[0]! + 2, versions[0]! + 3]);
      expect((await stored(annotation.id))!.note).toBe('One.');
      // Made from the version before the undo: the same words, but someone's undo and redo came between.
      const late = await service.updateAnnotation(documentId, annotation.id, { note: 'Two.', baseVersion: versions[1] });
      expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });

      // A new annotation starts at 1; deleted and brought back by undo it moves on.
      const text = 'The city council will meet on Friday';
      const start = (await readDocument(store, documentId))!.text.indexOf(text);
      const created = await service.createAnnotation(documentId, { start, end: start + text.length, tags: [] });
      expect(created).toMatchObject({ ok: true, value: { version: 1 } });
      if (!created.ok) return;
      const made = created.value;
      await service.deleteAnnotation(documentId, made.id, { baseVersion: 1 });
      await service.undo();
      expect((await stored(made.id))!.version).toBe(2);
      await service.dispose();
    }));

  it('refuses a claim edit made from an old version of the claim', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const claim = store.evidence.claims[0]!;
      const base = versionOf(claim);
      expect(await service.updateClaim(claim.id, { status: 'researching', baseVersion: base })).toMatchObject({
        ok: true,
        value: { status: 'researching', version: base + 1 },
      });
      const late = await service.updateClaim(claim.id, { statement: 'Mine.', baseVersion: base });
      expect(late).toMatchObject({ ok: false, error: { code: 'conflict', current: { status: 'researching', version: base + 1 } } });
      expect(store.evidence.claims[0]!.statement).toBe(claim.statement);
      // Mentions added elsewhere are a change of the claim too.
      const mention = store.evidence.claims[0]!.mentions[0]!;
      await service.removeMentions(claim.id, [mention]);
      expect(store.evidence.claims[0]!.version).toBe(base + 2);
      expect(await service.updateClaim(claim.id, { statement: 'Mine.', baseVersion: base + 1 })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      await service.dispose();
    }));

  it('refuses a link edit made from an old version of the link; undo is a new version too', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const link = store.evidence.links[0]!;
      const base = versionOf(link);
      expect(await service.updateLink(link.id, { note: 'Theirs.', baseVersion: base })).toMatchObject({
        ok: true,
        value: { note: 'Theirs.', version: base + 1 },
      });
      const late = await service.updateLink(link.id, { note: 'Mine.', baseVersion: base });
      expect(late).toMatchObject({ ok: false, error: { code: 'conflict', current: { note: 'Theirs.', version: base + 1 } } });
      expect(store.evidence.links[0]!.note).toBe('Theirs.');
      expect((await service.undo()).ok).toBe(true);
      expect(store.evidence.links[0]).toMatchObject({ note: link.note, version: base + 2 });
      expect(await service.updateLink(link.id, { note: 'Mine.', baseVersion: base + 1 })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await service.updateLink(link.id, { note: 'Mine.', baseVersion: base + 2 })).toMatchObject({
        ok: true,
        value: { note: 'Mine.' },
      });
      await service.dispose();
    }));
});
