import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fail } from '../../core/result.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { TEXTS_DIR } from '../store/workspace-layout.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import type { Extractor } from './extract-types.ts';
import { extractMarkdown } from './formats/markdown.ts';
import { extractText } from './formats/text.ts';
import { importSources, type ImportSource } from './import-files.ts';
import { ok } from '../../core/result.ts';

const notUsed: Extractor = async () => fail('unsupported-format', 'not in this test');
const extractors = { text: extractText, markdown: extractMarkdown, html: notUsed, pdf: notUsed, docx: notUsed };
const source = (name: string, content: string, extra: Partial<ImportSource> = {}): ImportSource => {
  const bytes = new TextEncoder().encode(content);
  return { name, origin: `/incoming/${name}`, size: bytes.length, read: async () => bytes, ...extra };
};

describe('a new version of a document', () => {
  it('keeps the id, the analyst metadata and the history, and re-anchors every annotation', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const statement = store.documents[1]!;
      const oldText = statement.text;
      // The city corrected its statement: a sentence added in front, one word changed, one sentence dropped.
      const newText = `Updated at 12:00.\n\n${oldText}`
        .replace(
          'If we do nothing, the taps could run dry by the end of September.',
          'If we do nothing, the taps may run dry by the end of September.',
        )
        .replace('cut water losses by almost half', 'cut water losses');
      const [outcome] = await importSources(store, [source('statement-v2.txt', newText, { versionOf: statement.meta.id })], { extractors });

      expect(outcome).toMatchObject({ status: 'updated', documentId: statement.meta.id, title: statement.meta.title });
      if (outcome?.status !== 'updated') return;
      // One word of 66 characters changed: fuzzy, sure enough (≥ 0.9) for the confidence rule, but the
      // sentence is the source of a link in the Courier, so it waits for review, as the orphan does.
      expect(outcome.anchors).toEqual({ exact: 0, moved: 1, fuzzy: 1, orphaned: 1, needReview: 2 });

      const updated = store.document(statement.meta.id)!;
      expect(updated.text).toBe(newText);
      expect(updated.meta).toMatchObject({ role: 'source', outlet: 'City of Valmont', originalName: 'statement-v2.txt' });
      expect(updated.versions).toEqual([
        expect.objectContaining({ textHash: statement.meta.textHash, importedFrom: statement.meta.importedFrom }),
      ]);
      expect(await readFile(path.join(store.dir, TEXTS_DIR, statement.meta.textHash), 'utf8')).toBe(oldText);

      const byQuote = (start: string) =>
        updated.annotations.find((annotation) => (annotation.anchor.previousQuote ?? annotation.target.exact).startsWith(start))!;
      const moved = byQuote('The Lindell reservoir');
      expect(moved.anchor.state).toBe('moved');
      expect(newText.slice(moved.target.start, moved.target.end)).toBe('The Lindell reservoir stands at 18 percent of capacity.');
      const fuzzy = byQuote('If we do nothing');
      expect(fuzzy.anchor).toMatchObject({
        state: 'fuzzy',
        previousQuote: 'If we do nothing, the taps could run dry by the end of September.',
        review: 'evidence',
      });
      expect(fuzzy.anchor.confidence).toBeGreaterThanOrEqual(0.9);
      // The reservoir sentence has a link and a claim mention too, but its words did not change.
      expect(moved.anchor.review).toBeUndefined();
      expect(moved.anchor.previousQuote).toBeUndefined();
      expect(fuzzy.target.exact).toContain('may run dry');
      const orphan = byQuote('cut water losses by almost half');
      expect(orphan.anchor).toMatchObject({ state: 'orphaned', previousQuote: 'cut water losses by almost half' });
      // Each records the text its span refers to: the new one, or (an orphan) the one it was lost from.
      expect(moved.anchor.textHash).toBe(updated.meta.textHash);
      expect(fuzzy.anchor.textHash).toBe(updated.meta.textHash);
      expect(orphan.anchor.textHash).toBe(statement.meta.textHash);

      // Everything reads back from disk, orphan included.
      const reopened = await FolderStore.open(store.dir);
      expect(reopened.problems).toEqual([]);
      expect(reopened.document(statement.meta.id)!.annotations).toHaveLength(3);
    }));

  it('recognizes a page saved again from the same address as a new version', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
      let version = 1;
      const page: Extractor = async () =>
        ok({ format: 'html', text: `Live blog, version ${version}. The dam holds.`, sourceUrl: 'https://news.example/live' });
      const first = await importSources(store, [source('live.html', 'v1')], { extractors: { ...extractors, html: page } });
      version = 2;
      const second = await importSources(store, [source('live-later.html', 'v2')], { extractors: { ...extractors, html: page } });
      expect(first[0]?.status).toBe('imported');
      expect(second[0]).toMatchObject({ status: 'updated', documentId: first[0]!.status === 'imported' ? first[0]!.documentId : '' });
      expect(store.documents).toHaveLength(1);
      expect(store.documents[0]!.versions).toHaveLength(1);
    }));

  it('refuses to update a document that is not there', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
      const [outcome] = await importSources(store, [source('x.txt', 'text', { versionOf: 'gone' })], { extractors });
      expect(outcome).toMatchObject({ status: 'rejected', code: 'not-found' });
    }));
});
