// Deleting a document: its annotations, and the links and mentions pointing at them, go in one
// undo step; undo puts back all of it; a failure half-way leaves nothing dangling on disk.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentsChange } from '../../core/contract/workbench-api.ts';
import type { AnnotationRef, EvidenceData } from '../../core/model/evidence.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { BACKUPS_DIR, DOCUMENTS_DIR, EVIDENCE_FILE, ORIGINALS_DIR } from '../store/workspace-layout.ts';
import { unversioned } from '../../tests/support/unversioned.ts';

/** Every link end and mention of the store's evidence whose annotation is not in the store. */
function dangling(store: WorkspaceStore): AnnotationRef[] {
  const { links, claims } = store.evidence;
  const refs = [...links.flatMap((link) => [link.from, link.to]), ...claims.flatMap((claim) => claim.mentions)];
  return refs.filter((ref) => !store.document(ref.documentId)?.annotations.some((annotation) => annotation.id === ref.annotationId));
}

/** Whether any link or mention of `evidence` points into the document. */
const pointsAt = (evidence: EvidenceData, documentId: string) =>
  [...evidence.links.flatMap((link) => [link.from, link.to]), ...evidence.claims.flatMap((claim) => claim.mentions)].some(
    (ref) => ref.documentId === documentId,
  );

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Records the order in which the store writes evidence, puts documents and removes them. */
function recordWrites(store: WorkspaceStore): string[] {
  const writes: string[] = [];
  const putEvidence = store.putEvidence.bind(store);
  const putDocument = store.putDocument.bind(store);
  const removeDocument = store.removeDocument.bind(store);
  store.putEvidence = (next) => (writes.push('evidence'), putEvidence(next));
  store.putDocument = (next) => (writes.push('put document'), putDocument(next));
  store.removeDocument = (id) => (writes.push('remove document'), removeDocument(id));
  return writes;
}

const LABEL = 'Delete document "Statement by Mayor Teresa Albescu on…"';

describe('deleting a document', () => {
  it('takes its annotations, links and claim mention in one step; undo puts all back as it was; redo takes them again', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, ministry } = await sampleWorkbench(dir);
      const file = (id: string) => path.join(store.dir, DOCUMENTS_DIR, `${id}.json`);
      // A file written whole names a new journal each time: the same document otherwise.
      const onDisk = async (id: string) => {
        const { journal: _journal, ...document } = JSON.parse(await readFile(file(id), 'utf8')) as Record<string, unknown>;
        return document;
      };
      const before = {
        evidence: store.evidence,
        mayor: await onDisk(mayor.meta.id),
        others: [await onDisk(report.meta.id), await onDisk(ministry.meta.id)],
      };
      const dependents = await service.getDependents({ documentId: mayor.meta.id });
      expect(dependents.links).toHaveLength(3);
      expect(dependents.mentions).toHaveLength(1);
      const documents: DocumentsChange[] = [];
      const evidence: EvidenceData[] = [];
      service.onDidChangeDocuments((change) => documents.push(change));
      service.onDidChangeEvidence((data) => evidence.push(data));

      expect(await service.deleteDocument(mayor.meta.id)).toEqual({ ok: true, value: { links: 3, mentions: 1 } });
      expect((await service.listDocuments()).map((summary) => summary.meta.id)).toEqual([report.meta.id, ministry.meta.id]);
      expect(await service.getDocument(mayor.meta.id)).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await exists(file(mayor.meta.id))).toBe(false);
      expect(store.evidence.links).toHaveLength(before.evidence.links.length - 3);
      expect(store.evidence.claims[0]!.mentions).toHaveLength(1);
      expect(pointsAt(store.evidence, mayor.meta.id)).toBe(false);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.document(mayor.meta.id)).toBeUndefined();
      expect(reopened.problems).toEqual([]);
      expect(dangling(reopened)).toEqual([]);
      expect([await onDisk(report.meta.id), await onDisk(ministry.meta.id)]).toEqual(before.others);
      expect(documents).toEqual([{ changed: [], removed: [mayor.meta.id] }]);
      expect(evidence).toEqual([store.evidence]);
      expect(await service.getHistory()).toMatchObject({ canUndo: true, undoLabel: LABEL });

      // Undo shows the document again: the same file, annotation ids and all, and its links and mention.
      expect(await service.undo()).toEqual({ ok: true, value: { documentId: mayor.meta.id, label: LABEL } });
      expect(unversioned(await onDisk(mayor.meta.id))).toEqual(unversioned(before.mayor));
      expect(unversioned(store.evidence)).toEqual(unversioned(before.evidence));
      expect(unversioned((await FolderStore.open(store.dir)).evidence)).toEqual(unversioned(before.evidence));
      expect((await service.listDocuments()).map((summary) => summary.meta.id)).toEqual([report.meta.id, mayor.meta.id, ministry.meta.id]);
      expect(documents.at(-1)).toEqual({ changed: [mayor.meta.id], removed: [] });
      expect(unversioned(evidence.at(-1))).toEqual(unversioned(before.evidence));

      // Redo: the document is gone, so there is none to show.
      expect(await service.redo()).toEqual({ ok: true, value: { label: LABEL } });
      expect(await exists(file(mayor.meta.id))).toBe(false);
      expect(pointsAt(store.evidence, mayor.meta.id)).toBe(false);
      expect(dangling(await FolderStore.open(store.dir))).toEqual([]);
      expect(documents.at(-1)).toEqual({ changed: [], removed: [mayor.meta.id] });
      await service.dispose();
    }));

  it('keeps the imported original, which undo needs', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const imported = await service.importText('Pasted', 'A pasted text with one claim in it.');
      if (imported.status !== 'imported') throw new Error('setup failed');
      const original = path.join(store.dir, ORIGINALS_DIR, store.document(imported.documentId)!.meta.originalHash!);
      const bytes = await readFile(original);
      expect(await service.deleteDocument(imported.documentId)).toEqual({ ok: true, value: { links: 0, mentions: 0 } });
      expect(await readFile(original)).toEqual(bytes);
      await service.undo();
      expect(store.document(imported.documentId)?.meta.originalHash).toBeDefined();
      await service.dispose();
    }));

  it('answers not-found for a document that is not there, and records nothing', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const evidence = store.evidence;
      expect(await service.deleteDocument('no-such-document')).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: expect.stringMatching(/no-such-document/) },
      });
      expect(store.documents).toHaveLength(3);
      expect(store.evidence).toEqual(evidence);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      await service.dispose();
    }));

  it('removes the evidence before the document, and puts the document back before the evidence', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const writes = recordWrites(store);
      await service.deleteDocument(mayor.meta.id);
      expect(writes.splice(0)).toEqual(['evidence', 'remove document']);
      await service.undo();
      expect(writes.splice(0)).toEqual(['put document', 'evidence']);
      await service.redo();
      expect(writes.splice(0)).toEqual(['evidence', 'remove document']);
      await service.dispose();
    }));

  it('when the file cannot be deleted, puts the evidence back and reports write-failed', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const before = store.evidence;
      const file = path.join(store.dir, DOCUMENTS_DIR, `${mayor.meta.id}.json`);
      const content = await readFile(file);
      // A folder where the file was: deleting it fails (as a file held open or read-only would).
      await rm(file);
      await mkdir(file);
      const documents: DocumentsChange[] = [];
      service.onDidChangeDocuments((change) => documents.push(change));

      const deleted = await service.deleteDocument(mayor.meta.id);
      expect(deleted).toMatchObject({
        ok: false,
        error: { code: 'write-failed', message: expect.stringContaining(`documents/${mayor.meta.id}.json`) },
      });
      expect(store.document(mayor.meta.id)).toBeDefined();
      expect(store.evidence).toEqual(before);
      expect(JSON.parse(await readFile(path.join(store.dir, EVIDENCE_FILE), 'utf8'))).toMatchObject(before);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      expect(documents).toEqual([]);

      await rm(file, { recursive: true });
      await writeFile(file, content);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.evidence).toEqual(before);
      expect(dangling(reopened)).toEqual([]);
      await service.dispose();
    }));

  it('when the evidence cannot be written back, an undo takes the document out again and can be retried', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const before = store.evidence;
      await service.deleteDocument(mayor.meta.id);
      const after = store.evidence;
      const blocker = path.join(store.dir, BACKUPS_DIR, EVIDENCE_FILE);
      // A file where the file's backup folder goes: the write stops before it replaces anything.
      await mkdir(path.dirname(blocker), { recursive: true });
      await rm(blocker, { recursive: true, force: true });
      await writeFile(blocker, 'in the way');
      const documents: DocumentsChange[] = [];
      service.onDidChangeDocuments((change) => documents.push(change));

      expect(await service.undo()).toMatchObject({
        ok: false,
        error: { code: 'write-failed', message: expect.stringMatching(/evidence\.json/) },
      });
      expect(store.document(mayor.meta.id)).toBeUndefined();
      expect(store.evidence).toEqual(after);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.document(mayor.meta.id)).toBeUndefined();
      expect(reopened.evidence).toEqual(after);
      expect(dangling(reopened)).toEqual([]);
      expect(documents).toEqual([]);
      expect(await service.getHistory()).toMatchObject({ canUndo: true, undoLabel: LABEL });

      await rm(blocker, { recursive: true });
      expect(await service.undo()).toMatchObject({ ok: true, value: { documentId: mayor.meta.id } });
      expect(unversioned(store.evidence)).toEqual(unversioned(before));
      await service.dispose();
    }));

  it('undo after redo puts back the document as it was when it went, metadata edited in between included', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      await service.deleteDocument(mayor.meta.id);
      await service.undo();
      expect(await service.updateDocumentMeta(mayor.meta.id, { title: 'Mayor, 14 August' })).toMatchObject({ ok: true });
      await service.redo();
      await service.undo();
      expect(store.document(mayor.meta.id)?.meta.title).toBe('Mayor, 14 August');
      expect((await FolderStore.open(store.dir)).document(mayor.meta.id)?.meta.title).toBe('Mayor, 14 August');
      await service.dispose();
    }));

  it('a metadata edit asked for while the document is being deleted does not bring it back', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const removeDocument = store.removeDocument.bind(store);
      let edited: ReturnType<typeof service.updateDocumentMeta> | undefined;
      store.removeDocument = (id) => {
        const removed = removeDocument(id);
        edited = service.updateDocumentMeta(id, { title: 'Edited meanwhile' });
        return removed;
      };
      expect(await service.deleteDocument(mayor.meta.id)).toMatchObject({ ok: true });
      expect(await edited).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(store.document(mayor.meta.id)).toBeUndefined();
      expect((await FolderStore.open(store.dir)).document(mayor.meta.id)).toBeUndefined();
      await service.dispose();
    }));
});
