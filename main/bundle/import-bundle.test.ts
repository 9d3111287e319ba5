// Bundle import through the service, as a window does it: upload, preview (nothing written), settle
// conflicts, apply (one undo step, all or nothing).
import { withEvidenceVersions } from '../../tests/support/unversioned.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { versionOf } from '../../core/model/record-version.ts';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { bundleEntries } from './bundle-entries.ts';
import { loadOrCreateSigningKey } from './signing.ts';
import { writeBundle } from './write-bundle.ts';
import { bundleZip } from '../../tests/support/bundle-builder.ts';
import { deflated, symlink, zip } from '../../tests/support/zip-writer.ts';

const HEADER = { appVersion: '0.1.0', creator: 'Ana', workspace: 'Sample', createdAt: '2026-12-01T10:00:00.000Z' };

async function exportBundle(store: WorkspaceStore, target: string, originals = false): Promise<string> {
  const { entries } = await bundleEntries(store, { originals, generatedAt: HEADER.createdAt });
  const written = await writeBundle(target, entries, HEADER);
  if (!written.ok) throw new Error(written.error.message);
  return target;
}

async function emptyWorkbench(dir: string): Promise<WorkbenchHost> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Colleague' });
  return createWorkbenchService(await FolderStore.open(dir), { extractors: EXTRACTORS });
}

async function preview(service: WorkbenchHost, file: string) {
  const staged = await service.uploads.stageBytes(await readFile(file));
  if (!staged.ok) throw new Error(staged.error.message);
  return service.previewBundleImport(`job-${crypto.randomUUID()}`, { uploadId: staged.value.uploadId, name: path.basename(file) });
}

/** The workspace's files on disk, by name, to show nothing changed. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(path.relative(dir, full), await readFile(full, 'utf8'));
    }
  };
  await walk(dir);
  return files;
}

describe('importing a bundle', () => {
  it('previews without writing, then merges everything into an empty workspace in one undo step', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const file = await exportBundle(store, path.join(dir, 'sample.claimbundle'), true);
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const before = await snapshot(colleague.store.dir);

      const opened = await preview(colleague, file);
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value).toMatchObject({ workspace: 'Sample', creator: 'Ana', signature: { state: 'unsigned' }, conflicts: [] });
      expect(opened.value.documents.map((match) => match.state)).toEqual(['new', 'new', 'new']);
      expect(await snapshot(colleague.store.dir)).toEqual(before);

      const applied = await colleague.applyBundleImport(opened.value.importId, {});
      if (!applied.ok) throw new Error(applied.error.message);
      expect(applied.value.documents).toEqual({ added: 3, matched: 0 });
      expect(applied.value.annotations.added).toBe(store.documents.reduce((sum, document) => sum + document.annotations.length, 0));
      for (const document of store.documents) {
        const copy = colleague.store.document(document.meta.id)!;
        expect(copy.text).toBe(document.text);
        const fields = (annotation: Annotation) => [
          annotation.id,
          annotation.target.exact,
          annotation.tags,
          annotation.note,
          versionOf(annotation),
        ];
        expect(copy.annotations.map(fields)).toEqual(document.annotations.map(fields));
      }
      // Imported as new records here: each at the version it had there (a claim from before versions: 1).
      expect(withEvidenceVersions(colleague.store.evidence)).toEqual(withEvidenceVersions(store.evidence));
      // With originals in the bundle, the imported files come along.
      const hash = store.documents[0]!.meta.originalHash;
      if (hash !== undefined) expect(await colleague.store.hasOriginal(hash)).toBe(true);

      const undone = await colleague.undo();
      expect(undone).toMatchObject({ ok: true, value: { label: 'Import bundle "Sample"' } });
      expect(colleague.store.documents).toEqual([]);
      expect(colleague.store.evidence).toEqual({ links: [], claims: [] });
      await colleague.dispose();
    }));

  it('carries the fact-check archive: merged by id into the other workspace, counted in the preview, undone with the import', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const checked = [
        { id: 'pf-1', claim: 'The reservoir is at 18 percent.', rating: 'True', publisher: 'PolitiFact' },
        { id: 'pf-2', claim: 'Rationing starts Monday.', rating: 'Mostly true', url: 'https://example.org/pf-2' },
      ];
      expect((await store.putArchive(checked)).ok).toBe(true);
      const file = await exportBundle(store, path.join(dir, 'sample.claimbundle'));

      // The colleague has one of them already, rated differently, and one of their own.
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const theirs = [
        { id: 'pf-1', claim: 'The reservoir is at 18 percent.', rating: 'Half true' },
        { id: 'own', claim: 'Their own check.' },
      ];
      expect((await colleague.store.putArchive(theirs)).ok).toBe(true);
      const opened = await preview(colleague, file);
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.archive).toEqual({ added: 1, updated: 1, unchanged: 0 });

      const applied = await colleague.applyBundleImport(opened.value.importId, {});
      if (!applied.ok) throw new Error(applied.error.message);
      expect(applied.value.archive).toEqual({ added: 1, updated: 1, unchanged: 0 });
      expect(colleague.store.archive).toEqual([checked[0], theirs[1], checked[1]]);
      // On disk too: a new session reads the same archive.
      expect((await FolderStore.open(colleague.store.dir)).archive).toEqual(colleague.store.archive);

      expect((await colleague.undo()).ok).toBe(true);
      expect(colleague.store.archive).toEqual(theirs);
      await colleague.dispose();
    }));

  it('refuses a bundle whose archive.json breaks its schema or repeats an id, naming the file, and writes nothing', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      expect((await store.putArchive([{ id: 'a', claim: 'One.' }])).ok).toBe(true);
      const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const before = await snapshot(colleague.store.dir);
      for (const [name, archive] of [
        [
          'repeated',
          {
            entries: [
              { id: 'a', claim: 'One.' },
              { id: 'a', claim: 'Two.' },
            ],
          },
        ],
        ['no-claim', { entries: [{ id: 'b' }] }],
      ] as const) {
        const edited = entries.map((entry) =>
          entry.path === 'archive.json' ? { path: entry.path, bytes: new TextEncoder().encode(JSON.stringify(archive)) } : entry,
        );
        const target = path.join(dir, `${name}.claimbundle`);
        const written = await writeBundle(target, edited, HEADER);
        if (!written.ok) throw new Error(written.error.message);
        const opened = await preview(colleague, target);
        expect(opened).toMatchObject({ ok: false, error: { code: 'invalid' } });
        if (!opened.ok) expect(opened.error.message).toMatch(/^archive\.json: /);
      }
      expect(await snapshot(colleague.store.dir)).toEqual(before);
      await colleague.dispose();
    }));

  it('imports its own export as all "already here", and lists a claim changed on both sides as a conflict to settle', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const file = await exportBundle(store, path.join(dir, 'sample.claimbundle'));
      const same = await preview(service, file);
      if (!same.ok) throw new Error(same.error.message);
      expect(same.value.documents.map((match) => match.state)).toEqual(['matched', 'matched', 'matched']);
      expect(same.value.annotations).toMatchObject({ added: 0, conflicts: 0 });
      expect(same.value.links).toMatchObject({ added: 0, conflicts: 0 });
      await service.discardBundleImport(same.value.importId);

      const annotation = mayor.annotations[0]!;
      const edited = await service.updateAnnotation(mayor.meta.id, annotation.id, { note: 'My own note' });
      expect(edited.ok).toBe(true);
      const opened = await preview(service, file);
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.conflicts).toHaveLength(1);
      const [conflict] = opened.value.conflicts;
      expect(conflict).toMatchObject({ kind: 'annotation', id: annotation.id, documentId: mayor.meta.id, differences: ['note'] });

      const refused = await service.applyBundleImport(opened.value.importId, {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const both = await service.applyBundleImport(opened.value.importId, { [conflict!.key]: 'both' });
      if (!both.ok) throw new Error(both.error.message);
      expect(both.value.annotations.duplicated).toBe(1);
      const notes = store
        .document(mayor.meta.id)!
        .annotations.filter((candidate) => candidate.target.exact === annotation.target.exact)
        .map((candidate) => candidate.note);
      expect(notes.sort()).toEqual([annotation.note, 'My own note'].sort());
      await service.dispose();
    }));

  it('refuses a tampered bundle, naming the file, and writes nothing', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const good = await exportBundle(store, path.join(dir, 'sample.claimbundle'));
      // The same bundle with claims.json changed: rebuilt with every other entry as it was.
      const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
      const written = await writeBundle(path.join(dir, 'honest.claimbundle'), entries, HEADER);
      if (!written.ok) throw new Error(written.error.message);
      const manifest = JSON.stringify(written.value.manifest);
      const parts = entries.map((entry) =>
        deflated(entry.path, entry.path === 'claims.json' ? new TextEncoder().encode('{"claims":[],"verdictScale":[]}') : entry.bytes),
      );
      const tampered = path.join(dir, 'tampered.claimbundle');
      await writeFile(tampered, zip([...parts, deflated('manifest.json', new TextEncoder().encode(manifest))]));

      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const before = await snapshot(colleague.store.dir);
      const opened = await preview(colleague, tampered);
      expect(opened).toMatchObject({ ok: false, error: { code: 'tampered' } });
      if (!opened.ok) expect(opened.error.message).toContain('claims.json');
      expect(await snapshot(colleague.store.dir)).toEqual(before);
      expect((await preview(colleague, good)).ok).toBe(true);
      await colleague.dispose();
    }));

  it('is all or nothing: a write that fails half-way leaves the workspace as it was', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const file = await exportBundle(store, path.join(dir, 'sample.claimbundle'));
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const opened = await preview(colleague, file);
      if (!opened.ok) throw new Error(opened.error.message);
      const before = await snapshot(colleague.store.dir);
      const putEvidence = colleague.store.putEvidence.bind(colleague.store);
      colleague.store.putEvidence = async () => ({ ok: false, error: { code: 'write-failed', message: 'No space left on device' } });
      const applied = await colleague.applyBundleImport(opened.value.importId, {});
      expect(applied).toMatchObject({ ok: false, error: { code: 'write-failed', message: 'No space left on device' } });
      colleague.store.putEvidence = putEvidence;
      expect(colleague.store.documents).toEqual([]);
      expect(await snapshot(colleague.store.dir)).toEqual(before);
      await colleague.dispose();
    }));

  /** The sample's bundle entries with one file replaced (the manifest is then right for it: only the schema can catch it). */
  async function bundleWith(dir: string, name: string, replace: (path: string, bytes: Uint8Array) => Uint8Array): Promise<string> {
    const { store } = await sampleWorkbench(path.join(dir, 'source'));
    const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
    const target = path.join(dir, name);
    const written = await writeBundle(
      target,
      entries.map((entry) => ({ path: entry.path, bytes: replace(entry.path, entry.bytes) })),
      HEADER,
    );
    if (!written.ok) throw new Error(written.error.message);
    return target;
  }
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const edit = (bytes: Uint8Array, change: (json: Record<string, unknown>) => unknown, indent?: number) =>
    utf8(JSON.stringify(change(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>), null, indent));

  it.each([
    [
      'a codebook that breaks its schema',
      'codebook.json',
      (bytes: Uint8Array) => edit(bytes, () => ({ tags: [{ id: 'Not An Id', name: '', color: 'red' }] })),
      /^codebook\.json: /,
    ],
    [
      'an annotation whose quote is not at its position',
      'annotations.jsonld',
      (bytes: Uint8Array) =>
        utf8(new TextDecoder().decode(bytes).replace(/"exact":\s?"the Lindell reservoir/, '"exact":"THE Lindell reservoir')),
      /^annotations\.jsonld, item \d+: annotation .+: its quote is not at its position$/,
    ],
    [
      'a text that does not hash to its document',
      'documents/',
      (bytes: Uint8Array, path: string) => (path.endsWith('.txt') ? utf8(`${new TextDecoder().decode(bytes)} `) : bytes),
      /^documents\/.+\.txt: its text does not hash to the textHash of its document$/,
    ],
    [
      'a claim mentioning an annotation the bundle does not have',
      'claims.json',
      (bytes: Uint8Array) =>
        edit(bytes, (json) => ({
          ...json,
          claims: (json.claims as { mentions: unknown[] }[]).map((claim) => ({
            ...claim,
            mentions: [{ documentId: 'nowhere', annotationId: 'nothing' }],
          })),
        })),
      /^claims\.json: claim .+ mentions annotation nothing of document nowhere/,
    ],
    ['invalid JSON', 'settings.json', () => utf8('{"workspace": '), /^settings\.json: not valid JSON/],
  ])('refuses %s, naming the file, and writes nothing', (_name, file, change, message) =>
    withTempDir(async (dir) => {
      const bundle = await bundleWith(dir, 'edited.claimbundle', (entryPath, bytes) =>
        entryPath.startsWith(file) ? change(bytes, entryPath) : bytes,
      );
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const before = await snapshot(colleague.store.dir);
      const opened = await preview(colleague, bundle);
      expect(opened).toMatchObject({ ok: false, error: { code: 'invalid' } });
      if (!opened.ok) expect(opened.error.message).toMatch(message);
      expect(await snapshot(colleague.store.dir)).toEqual(before);
      await colleague.dispose();
    }),
  );

  it.each([
    ['one annotation per line, as exported', (bytes: Uint8Array) => bytes],
    ['pretty-printed whole', (bytes: Uint8Array) => edit(bytes, (json) => json, 2)],
    ['after a byte order mark', (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])],
  ])('reads annotations.jsonld %s to the same annotations', (_name, change) =>
    withTempDir(async (dir) => {
      const bundle = await bundleWith(dir, 'layout.claimbundle', (entryPath, bytes) =>
        entryPath === 'annotations.jsonld' ? change(bytes) : bytes,
      );
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const opened = await preview(colleague, bundle);
      if (!opened.ok) throw new Error(opened.error.message);
      const applied = await colleague.applyBundleImport(opened.value.importId, {});
      if (!applied.ok) throw new Error(applied.error.message);
      // A new sample has new ids: its documents and annotations are compared by title and quote.
      const { store } = await sampleWorkbench(path.join(dir, 'again'));
      const quotes = (documents: readonly DocumentFile[]) =>
        documents
          .flatMap((document) => document.annotations.map((annotation) => `${document.meta.title}: ${annotation.target.exact}`))
          .sort();
      expect(quotes(colleague.store.documents)).toEqual(quotes(store.documents));
      expect(applied.value.annotations.added).toBeGreaterThan(0);
      await colleague.dispose();
    }),
  );

  it.each([
    ['a path that climbs out', [deflated('../../evil.txt', new TextEncoder().encode('evil'))], 'unsafe-entry'],
    ['a symlink', [symlink('documents/link', '/etc/passwd')], 'unsafe-entry'],
  ])('refuses a bundle with %s through the service, leaving the workspace as it was', (_name, extra, code) =>
    withTempDir(async (dir) => {
      const files = [{ path: 'claims.json', bytes: new TextEncoder().encode('{"claims":[]}') }];
      const hostile = path.join(dir, 'hostile.claimbundle');
      await writeFile(hostile, bundleZip(files, { extra }));
      const colleague = await emptyWorkbench(path.join(dir, 'colleague'));
      const before = await snapshot(colleague.store.dir);
      expect(await preview(colleague, hostile)).toMatchObject({ ok: false, error: { code } });
      expect(await snapshot(colleague.store.dir)).toEqual(before);
      expect(await readdir(dir)).toEqual(expect.not.arrayContaining(['evil.txt']));
      await colleague.dispose();
    }),
  );

  it('says whether the signing key was met before: new, then known once imported, and a warning when the same name signs with another key', () =>
    withTempDir(async (dir) => {
      const { store } = await sampleWorkbench(dir);
      const signed = async (file: string, keys: string) => {
        const key = await loadOrCreateSigningKey(path.join(dir, keys), 'Ana Petrescu');
        if (!key.ok) throw new Error(key.error.message);
        const { entries } = await bundleEntries(store, { originals: false, generatedAt: HEADER.createdAt });
        const written = await writeBundle(path.join(dir, file), entries, HEADER, { signingKey: key.value });
        if (!written.ok) throw new Error(written.error.message);
        return path.join(dir, file);
      };
      const anas = await signed('ana.claimbundle', 'ana-keys');
      const impostor = await signed('impostor.claimbundle', 'impostor-keys');
      await createWorkspace(path.join(dir, 'colleague'), { resourcesDir: RESOURCES_DIR, empty: true, name: 'Colleague' });
      const colleague = createWorkbenchService(await FolderStore.open(path.join(dir, 'colleague')), {
        extractors: EXTRACTORS,
        keysDir: path.join(dir, 'my-keys'),
      });

      const first = await preview(colleague, anas);
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.signer).toEqual({ state: 'new' });
      expect((await colleague.applyBundleImport(first.value.importId, {})).ok).toBe(true);
      const again = await preview(colleague, anas);
      expect(again).toMatchObject({ ok: true, value: { signer: { state: 'known' } } });
      const other = await preview(colleague, impostor);
      expect(other).toMatchObject({
        ok: true,
        value: { signature: { state: 'valid', signer: 'Ana Petrescu' }, signer: { state: 'other-key' } },
      });
      await colleague.dispose();
    }));
});
