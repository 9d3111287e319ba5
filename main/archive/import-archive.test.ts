// Importing fact-check files into the archive as an analyst relies on it: each format read, a
// re-import counted as added/updated/unchanged, and a file with a mistake refused whole.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { ARCHIVE_FILE } from '../store/workspace-layout.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { importArchiveFiles } from './import-archive.ts';

const CSV =
  'id,claim,rating,publisher,desk\nr1,"Bleach cures the flu, a post says.",False,Full Fact,health\nr2,The dam holds 480 million litres.,Mostly true,Full Fact,\n';
const FEED = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'DataFeed',
  dataFeedElement: [
    {
      '@type': 'DataFeedItem',
      item: [
        {
          '@type': 'ClaimReview',
          url: 'https://checks.example/1',
          claimReviewed: 'The mayor cut the water budget by 18 percent.',
          reviewRating: { '@type': 'Rating', alternateName: 'False' },
          author: { '@type': 'Organization', name: 'Valley Checks' },
        },
      ],
    },
    {
      '@type': 'DataFeedItem',
      item: [
        {
          '@type': 'ClaimReview',
          url: 'https://checks.example/2',
          claimReviewed: 'Tap water in Valmont is unsafe to drink.',
          reviewRating: { '@type': 'Rating', alternateName: 'Mixed' },
        },
      ],
    },
  ],
});
const TSV = '\tvclaim\ttitle\n7\tA photo shows a shark on a flooded highway.\tShark on the Highway?\n';

async function emptyStore(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
  return FolderStore.open(path.join(dir, 'ws'));
}

async function write(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('importArchiveFiles', () => {
  it('reads CSV, a ClaimReview DataFeed and CheckThat! TSV into archive.json, each entry with its own id and fields', () =>
    withTempDir(async (dir) => {
      const store = await emptyStore(dir);
      const files = [await write(dir, 'desk.csv', CSV), await write(dir, 'feed.jsonld', FEED), await write(dir, 'snopes.tsv', TSV)];
      const outcomes = await importArchiveFiles(store, files);
      expect(outcomes).toEqual([
        { file: files[0], status: 'imported', format: 'csv', added: 2, updated: 0, unchanged: 0 },
        { file: files[1], status: 'imported', format: 'claimreview', added: 2, updated: 0, unchanged: 0 },
        { file: files[2], status: 'imported', format: 'checkthat', added: 1, updated: 0, unchanged: 0 },
      ]);
      expect(store.archive.map((entry) => entry.id)).toEqual(['r1', 'r2', 'https://checks.example/1', 'https://checks.example/2', '7']);
      expect(store.archive[0]).toEqual({
        id: 'r1',
        claim: 'Bleach cures the flu, a post says.',
        rating: 'False',
        publisher: 'Full Fact',
        extra: { desk: 'health' },
      });
      expect(store.archive[2]).toMatchObject({ rating: 'False', publisher: 'Valley Checks', url: 'https://checks.example/1' });
      await store.close();
      // On disk, and read back the same by the next opening.
      const reopened = await FolderStore.open(path.join(dir, 'ws'));
      expect(reopened.archive).toEqual(store.archive);
      expect(reopened.problems).toEqual([]);
    }));

  it('re-importing a feed adds what is new, updates what changed, and counts the rest as unchanged', () =>
    withTempDir(async (dir) => {
      const store = await emptyStore(dir);
      await importArchiveFiles(store, [await write(dir, 'desk.csv', CSV)]);
      const again = await importArchiveFiles(store, [await write(dir, 'desk.csv', CSV)]);
      expect(again).toMatchObject([{ status: 'imported', added: 0, updated: 0, unchanged: 2 }]);
      const next = `${CSV.replace('Mostly true', 'True')}r3,Valmont rations water from May.,Unproven,Full Fact,\n`;
      const changed = await importArchiveFiles(store, [await write(dir, 'desk.csv', next)]);
      expect(changed).toMatchObject([{ status: 'imported', added: 1, updated: 1, unchanged: 1 }]);
      expect(store.archive.map((entry) => [entry.id, entry.rating])).toEqual([
        ['r1', 'False'],
        ['r2', 'True'],
        ['r3', 'Unproven'],
      ]);
    }));

  it('refuses a file with a mistake whole, naming the line or item, and imports the others', () =>
    withTempDir(async (dir) => {
      const store = await emptyStore(dir);
      await importArchiveFiles(store, [await write(dir, 'desk.csv', CSV)]);
      const before = await readFile(path.join(store.dir, ARCHIVE_FILE), 'utf8');
      // Line 3 has an empty claim; its first row alone would import.
      const broken = await write(dir, 'broken.csv', 'id,claim\nn1,A new claim that must not be half-imported.\nn2,\n');
      const badFeed = await write(
        dir,
        'bad.json',
        JSON.stringify([
          { '@type': 'ClaimReview', url: 'https://x/1', claimReviewed: 'One.' },
          { '@type': 'ClaimReview', claimReviewed: 'No id.' },
        ]),
      );
      const outcomes = await importArchiveFiles(store, [broken, badFeed, path.join(dir, 'missing.csv')]);
      expect(outcomes).toEqual([
        {
          file: broken,
          status: 'refused',
          code: 'invalid',
          message: expect.stringMatching(/^CSV: Line 3: an archive entry needs a claim/),
        },
        {
          file: badFeed,
          status: 'refused',
          code: 'invalid',
          message: expect.stringMatching(/^ClaimReview JSON-LD: Item \$\[1\]: an archive entry needs an id/),
        },
        { file: path.join(dir, 'missing.csv'), status: 'refused', code: 'unreadable', message: 'no such file' },
      ]);
      expect(await readFile(path.join(store.dir, ARCHIVE_FILE), 'utf8')).toBe(before);
      expect(store.archive.map((entry) => entry.id)).toEqual(['r1', 'r2']);

      const good = await write(dir, 'more.tsv', TSV);
      const mixed = await importArchiveFiles(store, [broken, good]);
      expect(mixed.map((outcome) => outcome.status)).toEqual(['refused', 'imported']);
      expect(store.archive.map((entry) => entry.id)).toEqual(['r1', 'r2', '7']);
    }));

  it('refuses every file when archive.json could not be read on opening (no backup), and keeps the damaged file aside', () =>
    withTempDir(async (dir) => {
      const store = await emptyStore(dir);
      await store.close();
      const damaged = '{"schemaVersion": 2, "entries": [';
      await writeFile(path.join(store.dir, ARCHIVE_FILE), damaged);
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.archive).toEqual([]);
      const [outcome] = await importArchiveFiles(reopened, [await write(dir, 'desk.csv', CSV)]);
      expect(outcome).toMatchObject({
        status: 'refused',
        code: 'write-failed',
        message: expect.stringMatching(/^archive\.json could not be read when the workspace was opened.*archive entries cannot be changed/),
      });
      expect(reopened.archive).toEqual([]);
      const aside = (await readdir(store.dir)).find((name) => name.startsWith(`${ARCHIVE_FILE}.corrupt-`));
      expect(await readFile(path.join(store.dir, aside!), 'utf8')).toBe(damaged);
    }));
});
