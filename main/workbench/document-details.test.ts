// Several documents' details edited at once (the details step after an import): all or none, one
// undo step that puts back only the fields it changed; and pasted Markdown, converted or kept.
import { describe, expect, it } from 'vitest';
import type { DocumentsChange } from '../../core/contract/workbench-api.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { FolderStore } from '../store/folder-store.ts';
import { readDocument } from '../../tests/support/read-document.ts';

describe('updateDocumentsMeta', () => {
  it('saves every document’s details in one undo step; undo and redo take and give back all of them', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor } = await sampleWorkbench(dir);
      const changes: DocumentsChange[] = [];
      const subscription = service.onDidChangeDocuments((change) => changes.push(change));
      const result = await service.updateDocumentsMeta([
        { documentId: report.meta.id, patch: { role: 'source', outlet: 'Kyiv Independent', publishedAt: '2023-06-06' } },
        { documentId: mayor.meta.id, patch: { title: 'Mayor, 14 August', sourceUrl: 'https://valmont.example/mayor' } },
      ]);
      expect(result.ok && result.value.map((meta) => [meta.title, meta.role, meta.outlet])).toEqual([
        [report.meta.title, 'source', 'Kyiv Independent'],
        ['Mayor, 14 August', mayor.meta.role, mayor.meta.outlet],
      ]);
      expect(changes.flatMap((change) => change.changed).sort()).toEqual([report.meta.id, mayor.meta.id].sort());
      expect((await service.getHistory()).undoLabel).toBe('Edit details of 2 documents');
      // On disk too.
      const reopened = await FolderStore.open(store.dir);
      expect((await readDocument(reopened, report.meta.id))?.meta).toMatchObject({
        role: 'source',
        outlet: 'Kyiv Independent',
        publishedAt: '2023-06-06',
      });

      await service.undo();
      expect((await readDocument(store, report.meta.id))?.meta).toEqual(report.meta);
      expect((await readDocument(store, mayor.meta.id))?.meta).toEqual(mayor.meta);
      expect((await readDocument(await FolderStore.open(store.dir), mayor.meta.id))?.meta.sourceUrl).toBe(mayor.meta.sourceUrl);
      await service.redo();
      expect((await readDocument(store, mayor.meta.id))?.meta).toMatchObject({
        title: 'Mayor, 14 August',
        sourceUrl: 'https://valmont.example/mayor',
      });
      subscription.dispose();
      await service.dispose();
    }));

  it('undo puts back only the fields it changed: an edit made since, and the annotations, stay', () =>
    withTempDir(async (dir) => {
      const { service, store, report } = await sampleWorkbench(dir);
      await service.updateDocumentsMeta([{ documentId: report.meta.id, patch: { role: 'source' } }]);
      expect((await service.getHistory()).undoLabel).toBe(`Edit details of "${report.meta.title.slice(0, 40).replace(/\s+\S*$/u, '')}…"`);
      await service.updateDocumentMeta(report.meta.id, { outlet: 'Edited since' });
      await service.undo();
      expect((await readDocument(store, report.meta.id))?.meta).toMatchObject({ role: report.meta.role, outlet: 'Edited since' });
      expect((await readDocument(store, report.meta.id))?.annotations).toEqual(report.annotations);
      await service.dispose();
    }));

  it('refuses all when one is not valid, naming the document and the field, and records nothing', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor } = await sampleWorkbench(dir);
      const before = await service.getHistory();
      const result = await service.updateDocumentsMeta([
        { documentId: report.meta.id, patch: { role: 'source' } },
        { documentId: mayor.meta.id, patch: { sourceUrl: 'javascript:alert(1)' } },
      ]);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(!result.ok && result.error.message).toMatch(/^"Statement by Mayor.*": URL \(an http or https address\)/);
      expect((await readDocument(store, report.meta.id))?.meta.role).toBe(report.meta.role);
      expect(await service.getHistory()).toEqual(before);

      expect(await service.updateDocumentsMeta([{ documentId: 'gone', patch: { role: 'source' } }])).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(
        await service.updateDocumentsMeta([
          { documentId: report.meta.id, patch: {} },
          { documentId: report.meta.id, patch: {} },
        ]),
      ).toMatchObject({ ok: false, error: { code: 'invalid' } });
      await service.dispose();
    }));

  it('makes no undo step when nothing changes', () =>
    withTempDir(async (dir) => {
      const { service, report } = await sampleWorkbench(dir);
      const result = await service.updateDocumentsMeta([
        { documentId: report.meta.id, patch: { role: report.meta.role, outlet: report.meta.outlet } },
      ]);
      expect(result).toMatchObject({ ok: true });
      expect((await service.getHistory()).canUndo).toBe(false);
      await service.dispose();
    }));
});

describe('importText', () => {
  const briefing = '## Briefing from **Kyiv**\n\n**Zelensky:** We will *not* give up.\n';

  it.each([
    ['plain text, as pasted', undefined, 'text', undefined, briefing, 'Briefing from **Kyiv**'],
    ['Markdown → plain text', 'plain', 'markdown', 'plain', 'Briefing from Kyiv\n\nZelensky: We will not give up.', 'Briefing from Kyiv'],
    ['the Markdown source kept', 'source', 'markdown', 'source', briefing, 'Briefing from Kyiv'],
  ] as const)('reads pasted text as %s', (_name, markdown, format, mode, text, title) =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const outcome = await service.importText('', briefing, markdown ? { markdown } : undefined);
      if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
      const document = (await readDocument(store, outcome.documentId))!;
      expect(document.text).toBe(text);
      expect(document.meta).toMatchObject({ format, title });
      expect(document.meta.markdown).toBe(mode);
      await service.dispose();
    }),
  );
});
