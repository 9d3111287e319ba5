// The library a page at a time (listDocumentsPage) and the rows of a few documents
// (getDocumentSummaries, what a window reads when a save changed a document's count): the pages
// put together are the whole library, in its order, also when documents come and go between pages.
import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../core/model/document.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

type Service = Awaited<ReturnType<typeof sampleWorkbench>>['service'];

/** Every page of `limit` documents, from the first to the last. */
async function allPages(service: Service, limit: number): Promise<DocumentSummary[][]> {
  const pages: DocumentSummary[][] = [];
  let next: string | undefined;
  do {
    const page = await service.listDocumentsPage(limit, next);
    pages.push(page.documents);
    next = page.next;
  } while (next !== undefined);
  return pages;
}

async function withDocuments(dir: string, count: number) {
  const workbench = await sampleWorkbench(dir);
  for (let index = 0; index < count; index++) {
    const outcome = await workbench.service.importText(`Memo ${index}`, `Memo number ${index} on the quota.`);
    if (outcome.status !== 'imported') throw new Error(`memo ${index} not imported`);
  }
  return workbench;
}

const ids = (rows: readonly DocumentSummary[]) => rows.map((row) => row.meta.id);

describe('the library in pages', () => {
  it('gives the whole library in its order, a page at a time, with its total', () =>
    withTempDir(async (dir) => {
      const { service } = await withDocuments(dir, 7);
      const whole = await service.listDocuments();
      expect(whole.length).toBeGreaterThan(7);
      const pages = await allPages(service, 3);
      expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
      expect(pages.flat()).toEqual(whole);
      const first = await service.listDocumentsPage(3);
      expect(first.total).toBe(whole.length);
      const last = await service.listDocumentsPage(whole.length);
      expect(last.documents).toEqual(whole);
      expect(last.next).toBeUndefined();
    }));

  it('goes on after the document a page ended with, when documents were removed before it or added', () =>
    withTempDir(async (dir) => {
      const { service } = await withDocuments(dir, 6);
      const first = await service.listDocumentsPage(4);
      expect((await service.deleteDocument(ids(first.documents)[0]!)).ok).toBe(true);
      const added = await service.importText('Late memo', 'A memo imported between two pages.');
      if (added.status !== 'imported') throw new Error('not imported');
      const rest = await service.listDocumentsPage(100, first.next);
      const whole = ids(await service.listDocuments());
      expect(ids(rest.documents)).toEqual(whole.slice(whole.indexOf(ids(first.documents)[3]!) + 1));
      expect(ids(rest.documents)).toContain(added.documentId);
    }));

  it('goes on from the same place when the document a page ended with was removed', () =>
    withTempDir(async (dir) => {
      const { service } = await withDocuments(dir, 6);
      const before = ids(await service.listDocuments());
      const first = await service.listDocumentsPage(3);
      expect((await service.deleteDocument(before[2]!)).ok).toBe(true);
      const rest = await service.listDocumentsPage(100, first.next);
      expect(ids(rest.documents)).toEqual(before.slice(3));
    }));

  it('orders documents imported at the same time under the same title by id, whatever order they came in', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await withDocuments(dir, 2);
      const { journal: _journal, ...template } = (await readDocument(store, report.meta.id))!;
      const importedAt = new Date(Date.now() + 60_000).toISOString();
      // Put in an order that is not the ids' order: a bundle's documents can share a time and title.
      for (const id of ['tie-c', 'tie-a', 'tie-b'])
        expect((await store.putDocument({ ...template, meta: { ...template.meta, id, title: 'Twin', importedAt } })).ok).toBe(true);
      const ties = (rows: readonly DocumentSummary[]) => ids(rows).filter((id) => id.startsWith('tie-'));
      expect(ties(await service.listDocuments())).toEqual(['tie-a', 'tie-b', 'tie-c']);
      // A save of annotations leaves a document in its place; the pages go through the ties once each.
      expect((await service.createAnnotation('tie-c', { start: 0, end: 9, tags: [] })).ok).toBe(true);
      const whole = await service.listDocuments();
      expect(ties(whole)).toEqual(['tie-a', 'tie-b', 'tie-c']);
      expect((await allPages(service, 1)).flat()).toEqual(whole);
      // A page that ended with a tie goes on after it when it is gone (the cursor's id places it).
      const upToA = await service.listDocumentsPage(ids(whole).indexOf('tie-a') + 1);
      expect((await service.deleteDocument('tie-a')).ok).toBe(true);
      expect(ties((await service.listDocumentsPage(100, upToA.next)).documents)).toEqual(['tie-b', 'tie-c']);
      // Deleted and put back (an undo), it goes back to its place.
      expect((await service.undo()).ok).toBe(true);
      expect(ties(await service.listDocuments())).toEqual(['tie-a', 'tie-b', 'tie-c']);
      const info = await service.getWorkspaceInfo();
      expect(info.documentCount).toBe((await readEveryDocument(store)).length);
      expect(info.annotationCount).toBe((await readEveryDocument(store)).reduce((sum, document) => sum + document.annotations.length, 0));
    }));

  it("reads the rows of the documents named, with their annotations' count now, and skips those not there", () =>
    withTempDir(async (dir) => {
      const { service, mayor, ministry } = await withDocuments(dir, 1);
      const before = (await service.getDocumentSummaries([mayor.meta.id]))[0]!;
      expect((await service.createAnnotation(mayor.meta.id, { start: 0, end: 9, tags: [] })).ok).toBe(true);
      const rows = await service.getDocumentSummaries([ministry.meta.id, 'no-such-document', mayor.meta.id]);
      expect(ids(rows)).toEqual([ministry.meta.id, mayor.meta.id]);
      expect(rows[1]!.annotationCount).toBe(before.annotationCount + 1);
      expect(rows[1]!.meta).toEqual(mayor.meta);
    }));
});
