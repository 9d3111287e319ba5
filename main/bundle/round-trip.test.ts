// The bundle round trip as a property: a random workspace exported and read back gives the same
// documents, annotations, links and claims. Annotations travel only as W3C Web Annotations
// (annotations.jsonld), so this is also the proof that that export loses nothing.
import { withEvidenceVersions } from '../../tests/support/unversioned.ts';
import { versionOf } from '../../core/model/record-version.ts';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBundleContent } from '../../core/bundle/read-bundle-content.ts';
import { annotationDifferences } from '../../core/bundle/bundle-merge.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { randomWorkspace, writeRandomWorkspace, type RandomWorkspace } from '../../tests/support/random-workspace.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { TEXTS_DIR } from '../store/workspace-layout.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { bundleEntries } from './bundle-entries.ts';
import { writeBundle } from './write-bundle.ts';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function emptyStore(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Round trip' });
  return FolderStore.open(dir);
}

/** What must survive: everything but what the W3C file cannot tell apart (see bundle-content.ts). */
export function expectSameDocuments(actual: readonly DocumentFile[], expected: readonly DocumentFile[]): void {
  expect(actual.map((file) => file.meta.id).sort()).toEqual(expected.map((file) => file.meta.id).sort());
  for (const file of expected) {
    const other = actual.find((candidate) => candidate.meta.id === file.meta.id)!;
    expect(other.meta).toEqual(file.meta);
    expect(other.text).toBe(file.text);
    expect(other.structure).toEqual(file.structure);
    expect(other.versions).toEqual(file.versions);
    expect(other.annotations.map((annotation) => annotation.id)).toEqual(file.annotations.map((annotation) => annotation.id));
    for (const [index, annotation] of file.annotations.entries()) {
      const back = other.annotations[index]!;
      expect({ id: annotation.id, differences: annotationDifferences(annotation, back, file.meta.textHash) }).toEqual({
        id: annotation.id,
        differences: [],
      });
      expect(back.modified).toBe(annotation.modified);
      // The bundle carries each annotation's version (claimbench:version), and an import keeps it.
      expect(versionOf(back)).toBe(versionOf(annotation));
      if (annotation.anchor.state !== 'orphaned') expect(back.target).toEqual(annotation.target);
    }
  }
}

/** `workspace` written into a new store in `dir`, and that store's bundle entries. */
async function exported(dir: string, workspace: RandomWorkspace) {
  const store = await emptyStore(path.join(dir, 'ws'));
  await writeRandomWorkspace(store, workspace);
  const { entries } = await bundleEntries(store, { originals: false, generatedAt: '2026-12-01T00:00:00.000Z' });
  return { store, entries };
}

describe('bundle round trip', () => {
  it('reads back every document, annotation, link and claim of a random workspace from the bundle files', async () => {
    await fc.assert(
      fc.asyncProperty(randomWorkspace, async (workspace: RandomWorkspace) => {
        await withTempDir(async (dir) => {
          const { store, entries } = await exported(dir, workspace);
          const files = new Map(entries.map((entry) => [entry.path, new TextDecoder().decode(entry.bytes)]));
          const read = await readBundleContent({ paths: [...files.keys()], text: (wanted) => files.get(wanted), sha256Hex });
          if (!read.ok) throw new Error(read.error.message);
          expectSameDocuments(read.value.documents, store.documents);
          expect(read.value.evidence).toEqual(store.evidence);
          expect(read.value.codebook).toEqual(store.workspace.codebook);
          expect(read.value.statuses).toEqual(store.workspace.settings.statuses);
          expect([...read.value.texts.keys()].sort()).toEqual(
            [...workspace.texts.keys()]
              .filter((hash) => store.documents.some((file) => file.versions.some((version) => version.textHash === hash)))
              .sort(),
          );
        });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('exports a random workspace as a .claimbundle and imports it into an empty workspace, which then holds the same', async () => {
    await fc.assert(
      fc.asyncProperty(randomWorkspace, async (workspace: RandomWorkspace) => {
        await withTempDir(async (dir) => {
          const { store, entries } = await exported(dir, workspace);
          const bundle = path.join(dir, 'random.claimbundle');
          const written = await writeBundle(bundle, entries, {
            appVersion: '0.1.0',
            creator: 'Ana',
            workspace: 'Round trip',
            createdAt: '2026-12-01T00:00:00.000Z',
          });
          if (!written.ok) throw new Error(written.error.message);

          const target = await emptyStore(path.join(dir, 'other'));
          const service = createWorkbenchService(target, { extractors: EXTRACTORS });
          const preview = await service.previewBundleFile('round-trip', bundle);
          if (!preview.ok) throw new Error(preview.error.message);
          expect(preview.value.conflicts).toEqual([]);
          const applied = await service.applyBundleImport(preview.value.importId, {});
          await service.dispose();
          if (!applied.ok) throw new Error(applied.error.message);
          // Read back from disk, not from memory.
          const reopened = await FolderStore.open(target.dir);
          expectSameDocuments(reopened.documents, store.documents);
          // Imported as new records: each at the version it had (a claim from before versions: 1).
          expect(withEvidenceVersions(reopened.evidence)).toEqual(withEvidenceVersions(store.evidence));
          // The first appearance of every claim is the same in the other workspace (first-appearance.ts).
          const firsts = async (from: WorkspaceStore) =>
            (await createWorkbenchService(from, { extractors: EXTRACTORS }).listClaims()).map((row) => [
              row.claim.id,
              row.firstAppearance?.ref,
              row.sameDayCount,
            ]);
          expect(await firsts(reopened)).toEqual(await firsts(store));
          for (const hash of workspace.texts.keys()) {
            if (store.documents.some((file) => file.versions.some((version) => version.textHash === hash)))
              expect(await readFile(path.join(target.dir, TEXTS_DIR, hash), 'utf8')).toBe(workspace.texts.get(hash));
          }
        });
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
