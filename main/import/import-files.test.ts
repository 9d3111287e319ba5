import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../core/result.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { ORIGINALS_DIR } from '../store/workspace-layout.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import type { Extractor } from './extract-types.ts';
import { extractMarkdown } from './formats/markdown.ts';
import { extractText } from './formats/text.ts';
import { fileSource, importSources, type ImportProgress, type ImportSource } from './import-files.ts';

const notUsed: Extractor = async () => fail('unsupported-format', 'not in this test');
const extractors = { text: extractText, markdown: extractMarkdown, html: notUsed, pdf: notUsed, docx: notUsed };

const memorySource = (name: string, content: string | Uint8Array): ImportSource => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, origin: `/incoming/${name}`, size: bytes.length, read: async () => bytes };
};

async function emptyWorkspace(dir: string): Promise<WorkspaceStore> {
  return (await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true })).store;
}

describe('importSources', () => {
  it('imports text and Markdown (as plain text) with provenance, keeping the original by its hash', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const outcomes = await importSources(
        store,
        [memorySource('report.txt', 'Mayor says taps will run dry\r\nSecond line\r\n'), memorySource('notes.md', '# Field notes\n\nText.')],
        { extractors, now: () => new Date('2026-11-28T10:00:00Z') },
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported']);
      const [report, notes] = store.documents;
      expect(report!.text).toBe('Mayor says taps will run dry\nSecond line\n');
      expect(report!.meta).toMatchObject({
        title: 'Mayor says taps will run dry',
        format: 'text',
        importedFrom: '/incoming/report.txt',
        originalName: 'report.txt',
        importedAt: '2026-11-28T10:00:00.000Z',
        role: 'claim',
      });
      expect(notes!.meta).toMatchObject({ title: 'Field notes', format: 'markdown', markdown: 'plain' });
      expect(notes!.text).toBe('Field notes\n\nText.');
      expect(notes!.structure.headings).toEqual([{ level: 1, text: 'Field notes', start: 0 }]);
      const original = await readFile(path.join(store.dir, ORIGINALS_DIR, report!.meta.originalHash!), 'utf8');
      expect(original).toBe('Mayor says taps will run dry\r\nSecond line\r\n');
      // The Markdown as it was written is the original.
      expect(await readFile(path.join(store.dir, ORIGINALS_DIR, notes!.meta.originalHash!), 'utf8')).toBe('# Field notes\n\nText.');
      // Reopened from disk, everything is still there.
      expect((await FolderStore.open(store.dir)).documents.map((document) => document.meta.title)).toEqual([
        'Mayor says taps will run dry',
        'Field notes',
      ]);
    }));

  it('reports each failure with its reason and goes on with the others', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const outcomes = await importSources(
        store,
        [
          memorySource('binary.txt', Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 0, 0, 1)),
          memorySource('latin1.txt', Uint8Array.of(0x63, 0x61, 0x66, 0xe9)),
          memorySource('empty.txt', ''),
          memorySource('good.txt', 'A good file'),
        ],
        { extractors },
      );
      expect(outcomes).toEqual([
        { status: 'rejected', name: 'binary.txt', code: 'not-text', message: expect.stringContaining('not a text file') },
        { status: 'rejected', name: 'latin1.txt', code: 'invalid-encoding', message: 'not valid UTF-8 at byte 3' },
        { status: 'rejected', name: 'empty.txt', code: 'empty', message: 'the file is empty' },
        expect.objectContaining({ status: 'imported', name: 'good.txt', characters: 11, utf16Units: 11 }),
      ]);
      expect(store.documents).toHaveLength(1);
      expect(await readdir(path.join(store.dir, ORIGINALS_DIR))).toHaveLength(1);
    }));

  it('counts characters as code points, and says the UTF-16 length apart', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      // Two flags (4 code points, 8 UTF-16 units) and a ZWJ family (7 and 11); the composed "café" is 4 of each.
      const outcomes = await importSources(store, [memorySource('emoji.txt', 'café 🇺🇦🇺🇸 👨‍👩‍👧‍👦')], { extractors });
      expect(outcomes).toEqual([expect.objectContaining({ status: 'imported', characters: 17, utf16Units: 25 })]);
    }));

  it('offers identical content as already in the workspace', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      await importSources(store, [memorySource('a.txt', 'Same words')], { extractors });
      const outcomes = await importSources(
        store,
        [memorySource('copy.txt', 'Same words'), memorySource('crlf.txt', 'Same words\r\n'.trimEnd())],
        { extractors },
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['duplicate', 'duplicate']);
      expect(outcomes[0]).toMatchObject({ message: 'already in the workspace as "Same words"' });
      expect(store.documents).toHaveLength(1);
    }));

  it('checks the size cap before reading the file', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      let read = false;
      const huge: ImportSource = {
        name: 'huge.txt',
        origin: 'x',
        size: 100 * 1024 * 1024,
        read: async () => ((read = true), new Uint8Array()),
      };
      const [outcome] = await importSources(store, [huge], { extractors });
      expect(outcome).toMatchObject({ status: 'rejected', code: 'too-large', message: 'the file is 105 MB; the limit is 67 MB' });
      expect(read).toBe(false);
    }));

  it('stops at a cancel: the files after it are reported as not imported, nothing half-stored', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const controller = new AbortController();
      const progress: ImportProgress[] = [];
      const outcomes = await importSources(
        store,
        ['one', 'two', 'three'].map((name) => memorySource(`${name}.txt`, `File ${name}`)),
        {
          extractors,
          signal: controller.signal,
          onProgress: (update) => {
            progress.push(update);
            if (update.current === 'two.txt') controller.abort();
          },
        },
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'rejected', 'rejected']);
      expect(outcomes[1]).toMatchObject({ code: 'cancelled' });
      expect(store.documents).toHaveLength(1);
      expect(progress.map((update) => update.current)).toEqual(['one.txt', 'two.txt', 'three.txt', undefined]);
      expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
      // Progress never goes backwards, and lists exactly the files that are done.
      for (const [index, update] of progress.entries()) {
        expect(update.outcomes).toHaveLength(update.done);
        if (index > 0) expect(update.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
      }
    }));

  it('catches a twin that follows a file still being written', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const outcomes = await importSources(
        store,
        [memorySource('a.txt', 'Twin text'), memorySource('b.txt', 'Twin text'), memorySource('c.txt', 'Twin text\r\n'.trim())],
        { extractors },
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'duplicate', 'duplicate']);
      expect(store.documents).toHaveLength(1);
    }));

  it('writes documents side by side, in import order, and a page from an address being written becomes its new version', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      let writing = 0;
      let most = 0;
      const putDocument = store.putDocument.bind(store);
      store.putDocument = async (file) => {
        most = Math.max(most, ++writing);
        try {
          return await putDocument(file);
        } finally {
          writing--;
        }
      };
      const page: Extractor = async ({ bytes }) =>
        ok({ format: 'html', text: new TextDecoder().decode(bytes), sourceUrl: 'https://example.org/story' });
      const sources = [
        ...Array.from({ length: 6 }, (_, index) => memorySource(`${index}.txt`, `Text number ${index}`)),
        memorySource('story.html', 'The story as first published'),
        memorySource('story-again.html', 'The story as corrected later'),
        ...Array.from({ length: 6 }, (_, index) => memorySource(`${index + 6}.txt`, `Text number ${index + 6}`)),
      ];
      const outcomes = await importSources(store, sources, { extractors: { ...extractors, html: page }, now: () => new Date(0) });
      expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array(7).fill('imported'), 'updated', ...Array(6).fill('imported')]);
      expect(most).toBeGreaterThan(1);
      const story = store.documents.find((document) => document.meta.sourceUrl === 'https://example.org/story')!;
      expect(story.text).toBe('The story as corrected later');
      expect(story.versions).toHaveLength(1);
      const times = store.documents.map((document) => Date.parse(document.meta.importedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      expect(store.documents.map((document) => document.meta.originalName)).toEqual(
        // The new version takes the page's place, under the name of the file it came from.
        sources.map((source) => source.name).filter((name) => name !== 'story.html'),
      );
    }));

  it('keeps going when an extractor throws (a bug), and when the write fails', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const throwing: Extractor = async () => {
        throw new Error('boom');
      };
      const outcomes = await importSources(store, [memorySource('x.md', '# x'), memorySource('y.txt', 'fine')], {
        extractors: { ...extractors, markdown: throwing },
      });
      expect(outcomes[0]).toMatchObject({ status: 'rejected', code: 'corrupt', message: expect.stringContaining('boom') });
      expect(outcomes[1]).toMatchObject({ status: 'imported' });
    }));

  it('drops metadata that does not fit instead of failing', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const sloppy: Extractor = async () =>
        ok({ format: 'html', text: 'Body', title: '  ', publishedAt: 'last Tuesday', sourceUrl: 'javascript:alert(1)', language: 'en' });
      await importSources(store, [memorySource('page.html', '<p>Body</p>')], { extractors: { ...extractors, html: sloppy } });
      expect(store.documents[0]!.meta).toMatchObject({ title: 'page', language: 'en' });
      expect(store.documents[0]!.meta.publishedAt).toBeUndefined();
      expect(store.documents[0]!.meta.sourceUrl).toBeUndefined();
    }));

  it('reads Markdown as plain text or as its source, as the file or the import says; a new version as its document was read', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const briefing = '# Briefing from **Kyiv**\n\n**Zelensky:** We will not give up.\n';
      const [kept, converted] = await importSources(
        store,
        [memorySource('kept.md', briefing), { ...memorySource('converted.md', `${briefing}\nMore.\n`), markdown: 'plain' }],
        { extractors, markdown: 'source' },
      );
      const keptDocument = store.document(kept?.status === 'imported' ? kept.documentId : '')!;
      // Kept as written, its title without the emphasis markers.
      expect(keptDocument.text).toBe(briefing);
      expect(keptDocument.meta).toMatchObject({ title: 'Briefing from Kyiv', markdown: 'source' });
      expect(keptDocument.structure.headings).toEqual([{ level: 1, text: 'Briefing from **Kyiv**', start: 2 }]);
      const convertedDocument = store.document(converted?.status === 'imported' ? converted.documentId : '')!;
      expect(convertedDocument.text).toBe('Briefing from Kyiv\n\nZelensky: We will not give up.\n\nMore.');
      expect(convertedDocument.meta.markdown).toBe('plain');

      // A new version is read as its document was, whatever the import's default.
      const [updated] = await importSources(
        store,
        [{ ...memorySource('kept-2.md', `${briefing}\n**Reporter:** When?\n`), versionOf: keptDocument.meta.id }],
        { extractors, markdown: 'plain' },
      );
      expect(updated).toMatchObject({ status: 'updated' });
      expect(store.document(keptDocument.meta.id)!.text).toBe(`${briefing}\n**Reporter:** When?\n`);
      expect(store.document(keptDocument.meta.id)!.meta.markdown).toBe('source');
      // Unless the file itself says otherwise.
      await importSources(
        store,
        [{ ...memorySource('kept-3.md', `${briefing}\nLast.\n`), versionOf: keptDocument.meta.id, markdown: 'plain' }],
        { extractors },
      );
      expect(store.document(keptDocument.meta.id)!.text).toBe('Briefing from Kyiv\n\nZelensky: We will not give up.\n\nLast.');
      expect(store.document(keptDocument.meta.id)!.meta.markdown).toBe('plain');
    }));

  it('reads a new version of a Markdown document imported before there was a choice as its source, as that was', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const [first] = await importSources(store, [memorySource('old.md', '# Old\n\n*Kept* as written.\n')], {
        extractors,
        markdown: 'source',
      });
      const id = first?.status === 'imported' ? first.documentId : '';
      const { markdown: _mode, ...legacyMeta } = store.document(id)!.meta;
      await store.putDocument({ ...store.document(id)!, meta: legacyMeta });
      await importSources(store, [{ ...memorySource('old-2.md', '# Old\n\n*Kept* as written, still.\n'), versionOf: id }], { extractors });
      expect(store.document(id)!.text).toBe('# Old\n\n*Kept* as written, still.\n');
      expect(store.document(id)!.meta.markdown).toBe('source');
    }));

  it('reads files from disk', () =>
    withTempDir(async (dir) => {
      const store = await emptyWorkspace(dir);
      const file = path.join(dir, 'statement.txt');
      await writeFile(file, 'Statement text');
      const [outcome] = await importSources(store, [await fileSource(file)], { extractors });
      expect(outcome).toMatchObject({ status: 'imported', title: 'Statement text' });
      expect(store.documents[0]!.meta.importedFrom).toBe(file);
    }));
});
