// Links and mentions never point at annotations that are gone: deleting annotations takes them in
// the same step, undo brings all back, and a change that fails half-way leaves nothing dangling.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationRef, EvidenceData } from '../../core/model/evidence.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { BACKUPS_DIR, DOCUMENTS_DIR, EVIDENCE_FILE } from '../store/workspace-layout.ts';
import { unversioned } from '../../tests/support/unversioned.ts';

/** Every link end and mention of `evidence` whose annotation is not in `store`. */
function dangling(evidence: EvidenceData, store: WorkspaceStore): AnnotationRef[] {
  const refs = [...evidence.links.flatMap((link) => [link.from, link.to]), ...evidence.claims.flatMap((claim) => claim.mentions)];
  return refs.filter((ref) => !store.document(ref.documentId)?.annotations.some((annotation) => annotation.id === ref.annotationId));
}

/** Records the order in which the store writes evidence and documents. */
function recordWrites(store: WorkspaceStore): string[] {
  const writes: string[] = [];
  const putEvidence = store.putEvidence.bind(store);
  const putDocument = store.putDocument.bind(store);
  const putAnnotations = store.putAnnotations.bind(store);
  const stageAnnotations = store.stageAnnotations.bind(store);
  store.putEvidence = (next) => (writes.push('evidence'), putEvidence(next));
  store.putDocument = (next) => (writes.push('document'), putDocument(next));
  store.putAnnotations = (id, puts) => (writes.push('document'), putAnnotations(id, puts));
  // A pipelined save of a claim (change-log.ts) is a document write too.
  store.stageAnnotations = (id, puts) => {
    const staged = stageAnnotations(id, puts);
    if (staged !== undefined) writes.push('document');
    return staged;
  };
  return writes;
}

describe('evidence when annotations go', () => {
  it('deleting a linked, mentioned annotation removes its links and mention in one step; undo restores all three', () =>
    withTempDir(async (dir) => {
      const { service, store, report, ref, has } = await sampleWorkbench(dir);
      const reservoir = ref(report, 'the Lindell reservoir');
      const before = store.evidence;
      const seen: EvidenceData[] = [];
      service.onDidChangeEvidence((evidence) => seen.push(evidence));

      expect(await service.deleteAnnotation(reservoir.documentId, reservoir.annotationId)).toEqual({ ok: true, value: true });
      expect(store.evidence.links).toHaveLength(before.links.length - 2);
      expect(store.evidence.claims[0]!.mentions).toEqual(before.claims[0]!.mentions.slice(1));
      // The claim keeps its verdict and modified time: its evidence went, the analyst did not edit it.
      expect(store.evidence.claims[0]).toMatchObject({ verdict: before.claims[0]!.verdict, modified: before.claims[0]!.modified });
      const reopened = await FolderStore.open(store.dir);
      expect(await has(reservoir, reopened)).toBe(false);
      expect(dangling(reopened.evidence, reopened)).toEqual([]);
      expect(seen).toEqual([store.evidence]);
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Delete annotation' });

      expect(await service.undo()).toEqual({ ok: true, value: { documentId: report.meta.id, label: 'Delete annotation' } });
      expect(await has(reservoir)).toBe(true);
      expect(unversioned(store.evidence)).toEqual(unversioned(before));
      expect(unversioned((await FolderStore.open(store.dir)).evidence)).toEqual(unversioned(before));
      expect(unversioned(seen.at(-1))).toEqual(unversioned(before));
      await service.redo();
      expect(dangling(store.evidence, store)).toEqual([]);
      expect(store.evidence.links).toHaveLength(before.links.length - 2);
      await service.dispose();
    }));

  it('deleting a tag with its annotations removes their links and mentions in the same step; undo restores them', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const before = store.evidence;
      expect(await service.deleteTag('statistic', { annotations: 'delete' })).toMatchObject({ ok: true });
      // Both mentions of the sample claim are statistics: the claim stays, without mentions, with its verdict.
      expect(store.evidence.claims[0]).toMatchObject({ mentions: [], verdict: { rating: 'true' } });
      expect(store.evidence.links.length).toBeLessThan(before.links.length);
      expect(dangling(store.evidence, store)).toEqual([]);
      const reopened = await FolderStore.open(store.dir);
      expect(dangling(reopened.evidence, reopened)).toEqual([]);

      expect(await service.undo()).toMatchObject({ ok: true, value: { label: 'Delete tag Statistic' } });
      expect(unversioned(store.evidence)).toEqual(unversioned(before));
      expect(unversioned((await FolderStore.open(store.dir)).evidence)).toEqual(unversioned(before));
      await service.dispose();
    }));

  it('untagging or retagging keeps every link', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const before = store.evidence;
      await service.deleteTag('statistic', { annotations: 'untag' });
      expect(unversioned(store.evidence)).toEqual(unversioned(before));
      await service.dispose();
    }));
});

describe('the order of writes, and failures half-way', () => {
  it('writes documents before evidence that points at their new annotations, and evidence first when annotations go', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, span, ref } = await sampleWorkbench(dir);
      const writes = recordWrites(store);
      await service.createLink({
        relation: 'supports',
        from: span(report, 'declared a water emergency'),
        to: span(mayor, 'declared a water emergency'),
      });
      expect(writes.splice(0)).toEqual(['document', 'document', 'evidence']);
      await service.undo();
      expect(writes.splice(0)).toEqual(['evidence', 'document', 'document']);
      await service.redo();
      expect(writes.splice(0)).toEqual(['document', 'document', 'evidence']);

      const reservoir = ref(report, 'the Lindell reservoir');
      await service.deleteAnnotation(reservoir.documentId, reservoir.annotationId);
      expect(writes.splice(0)).toEqual(['evidence', 'document']);
      await service.undo();
      expect(writes.splice(0)).toEqual(['document', 'evidence']);
      // An annotation without links changes no evidence.
      const plain = ref(report, 'the lowest level');
      await service.deleteAnnotation(plain.documentId, plain.annotationId);
      expect(writes.splice(0)).toEqual(['document']);
      await service.dispose();
    }));

  it('when evidence cannot be written, a link from new spans is refused and its annotations are taken back', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, span } = await sampleWorkbench(dir);
      const before = { evidence: store.evidence, report: store.document(report.meta.id), mayor: store.document(mayor.meta.id) };
      const seen: EvidenceData[] = [];
      service.onDidChangeEvidence((evidence) => seen.push(evidence));
      const blocker = path.join(store.dir, BACKUPS_DIR, EVIDENCE_FILE);
      // A file where the file's backup folder goes: the write stops before it replaces anything.
      await mkdir(path.dirname(blocker), { recursive: true });
      await rm(blocker, { recursive: true, force: true });
      await writeFile(blocker, 'in the way');
      const made = await service.createLink({
        relation: 'supports',
        from: span(report, 'declared a water emergency'),
        to: span(mayor, 'declared a water emergency'),
      });
      expect(made).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/evidence\.json/) } });
      expect(store.document(report.meta.id)!.annotations).toEqual(before.report!.annotations);
      expect(store.document(mayor.meta.id)!.annotations).toEqual(before.mayor!.annotations);
      expect(store.evidence).toEqual(before.evidence);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.document(report.meta.id)!.annotations).toEqual(before.report!.annotations);
      expect(reopened.evidence).toEqual(before.evidence);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      // Windows are told what is on disk: the evidence as it was.
      expect(seen).toEqual([before.evidence]);
      await rm(blocker, { recursive: true });
      await service.dispose();
    }));

  it('when the document cannot be written, deleting a linked annotation puts the evidence back', () =>
    withTempDir(async (dir) => {
      const { service, store, report, ref, has } = await sampleWorkbench(dir);
      const reservoir = ref(report, 'the Lindell reservoir');
      const before = store.evidence;
      const blocker = path.join(store.dir, BACKUPS_DIR, DOCUMENTS_DIR, `${report.meta.id}.json`);
      // A file where the file's backup folder goes: the write stops before it replaces anything.
      await mkdir(path.dirname(blocker), { recursive: true });
      await rm(blocker, { recursive: true, force: true });
      await writeFile(blocker, 'in the way');
      expect(await service.deleteAnnotation(reservoir.documentId, reservoir.annotationId)).toMatchObject({
        ok: false,
        error: { code: 'write-failed' },
      });
      expect(await has(reservoir)).toBe(true);
      expect(store.evidence).toEqual(before);
      const reopened = await FolderStore.open(store.dir);
      expect(await has(reservoir, reopened)).toBe(true);
      expect(reopened.evidence).toEqual(before);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      await rm(blocker, { recursive: true });
      await service.dispose();
    }));
});

describe('a corrupt evidence.json', () => {
  it('is reported, set aside (never written over), and evidence changes are refused with the reason; annotations still work', () =>
    withTempDir(async (dir) => {
      const first = await sampleWorkbench(dir);
      const file = path.join(first.store.dir, EVIDENCE_FILE);
      await first.service.dispose();
      const corrupt = '{"schemaVersion": 1, "links": [';
      await writeFile(file, corrupt);

      const { service, store, report, mayor, ref } = await sampleWorkbench(dir);
      expect((await service.getWorkspaceInfo()).problems).toEqual([
        { code: 'unreadable', message: expect.stringMatching(/^evidence\.json: /) },
      ]);
      expect(await service.getEvidence()).toEqual({ links: [], claims: [] });
      const refused = await service.createClaim({ statement: 'Anything', mentions: [ref(report, 'the Lindell reservoir')] });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'write-failed',
          message: expect.stringMatching(
            /evidence\.json could not be read .*set aside as evidence\.json\.corrupt-.*Put a good copy of it in place/,
          ),
        },
      });
      const linked = await service.createLink({
        relation: 'supports',
        from: ref(report, 'the Lindell reservoir'),
        to: ref(mayor, 'The Lindell reservoir'),
      });
      expect(linked).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      const count = store.document(report.meta.id)!.annotations.length;
      const spans = await service.createLink({
        relation: 'supports',
        from: { documentId: report.meta.id, start: 0, end: 8 },
        to: { documentId: mayor.meta.id, start: 0, end: 9 },
      });
      expect(spans).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(store.document(report.meta.id)!.annotations).toHaveLength(count);

      const plain = ref(report, 'the lowest level');
      expect(await service.deleteAnnotation(plain.documentId, plain.annotationId)).toEqual({ ok: true, value: true });
      const aside = (await readdir(store.dir)).find((name) => name.startsWith(`${EVIDENCE_FILE}.corrupt-`));
      expect(await readFile(path.join(store.dir, aside!), 'utf8')).toBe(corrupt);
      await service.dispose();
    }));
});
