import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuggestionProgress } from '../../core/contract/workbench-api.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument } from '../../tests/support/read-document.ts';

const TEXT = [
  'Mayor Elena Ortiz said the reservoir holds 40 percent of its usual volume.',
  'The ministry insisted that rationing will not be needed before July.',
  '"We will not ration water," Ortiz told reporters.',
].join('\n');

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  await service.updateSettings({ analystName: 'Dana Analyst' });
  const imported = await service.importText('Water report', TEXT);
  if (imported.status !== 'imported') throw new Error('the text was not imported');
  return { service, store, documentId: imported.documentId };
}

describe('claim suggestions through the service', () => {
  it('suggests claims with their speakers, in slices with progress, and marks those an annotation overlaps', () =>
    withTempDir(async (dir) => {
      const { service, documentId } = await workbench(dir);
      const progress: SuggestionProgress[] = [];
      service.onDidProgressSuggestions((step) => progress.push(step));
      const first = await service.getSuggestions(documentId);
      if (!first.ok) throw new Error(first.error.message);
      const { suggestions } = first.value;
      const statement = suggestions.find((suggestion) => suggestion.text.startsWith('the reservoir holds'));
      expect(statement).toMatchObject({ kind: 'attributed', speaker: 'Elena Ortiz', marked: false });
      expect(suggestions.find((suggestion) => suggestion.kind === 'quote')).toMatchObject({ speaker: 'Elena Ortiz' });
      expect(progress.at(-1)).toEqual({ documentId, done: TEXT.length, total: TEXT.length });
      expect(new Set(suggestions.map((suggestion) => suggestion.id)).size).toBe(suggestions.length);

      // Cached for this text: no second analysis, but an annotation made since is seen.
      progress.length = 0;
      await service.createAnnotation(documentId, { start: statement!.start, end: statement!.start + 5, tags: [] });
      const again = await service.getSuggestions(documentId);
      expect(progress).toEqual([]);
      expect(again.ok && again.value.suggestions.find((suggestion) => suggestion.id === statement!.id)).toMatchObject({ marked: true });
      await service.dispose();
    }));

  it('answers the suggestions that start in a stretch of the text, so a long document comes a stretch at a time', () =>
    withTempDir(async (dir) => {
      const { service, documentId } = await workbench(dir);
      const all = await service.getSuggestions(documentId);
      if (!all.ok) throw new Error(all.error.message);
      const secondLine = TEXT.indexOf('\n') + 1;
      const stretches = [
        { start: 0, end: secondLine },
        { start: secondLine, end: 100_000 },
      ];
      const parts = await Promise.all(stretches.map((range) => service.getSuggestions(documentId, range)));
      const ids = parts.map((part) => (part.ok ? part.value.suggestions.map((suggestion) => suggestion.id) : []));
      expect(ids[0]!.length).toBeGreaterThan(0);
      expect(ids[1]!.length).toBeGreaterThan(0);
      expect([...ids[0]!, ...ids[1]!]).toEqual(all.value.suggestions.map((suggestion) => suggestion.id));
      const first = parts[0]!.ok ? parts[0]!.value.suggestions : [];
      expect(first.every((suggestion) => suggestion.start < secondLine)).toBe(true);
      await service.dispose();
    }));

  it('accepts suggestions as annotations in one undoable change, noting that they were suggested and who accepted them', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId } = await workbench(dir);
      const found = await service.getSuggestions(documentId);
      if (!found.ok) throw new Error(found.error.message);
      const [quote, figure] = [
        found.value.suggestions.find((s) => s.kind === 'quote')!,
        found.value.suggestions.find((s) => s.kind === 'figure')!,
      ];
      const tag = store.workspace.codebook.tags[0]!.id;
      const accepted = await service.acceptSuggestions(documentId, [
        { id: quote.id, tags: [tag] },
        { id: figure.id, tags: [] },
      ]);
      expect(accepted).toMatchObject({
        ok: true,
        value: [
          {
            target: { start: quote.start, end: quote.end, exact: quote.text },
            tags: [tag],
            speaker: 'Elena Ortiz',
            creator: 'Dana Analyst',
          },
          { target: { exact: figure.text }, tags: [] },
        ],
      });
      if (!accepted.ok) return;
      expect(accepted.value[0]!.note).toMatch(/^Suggested by Claimbench \(quote\): .+ Accepted by Dana Analyst\.$/);
      expect((await readDocument(store, documentId))!.annotations).toHaveLength(2);
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Accept 2 suggestions' });

      const reopened = await FolderStore.open(store.dir);
      expect((await readDocument(reopened, documentId))!.annotations).toHaveLength(2);
      await reopened.close();
      await service.undo();
      expect((await readDocument(store, documentId))!.annotations).toHaveLength(0);

      expect(await service.acceptSuggestions(documentId, [{ id: 'quote:0-1', tags: [] }])).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.acceptSuggestions('nope', [{ id: quote.id, tags: [] }])).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await service.dispose();
    }));

  it('keeps rejected suggestions out for that text, on disk', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId } = await workbench(dir);
      const found = await service.getSuggestions(documentId);
      if (!found.ok) throw new Error(found.error.message);
      const quote = found.value.suggestions.find((s) => s.kind === 'quote')!;
      expect(await service.rejectSuggestions(documentId, [quote.id, 'figure:0-1'])).toEqual({ ok: true, value: { rejected: 1 } });
      expect(await service.rejectSuggestions(documentId, [quote.id])).toEqual({ ok: true, value: { rejected: 0 } });
      const after = await service.getSuggestions(documentId);
      expect(after.ok && after.value.suggestions.map((s) => s.id)).not.toContain(quote.id);
      expect(after).toMatchObject({ ok: true, value: { rejected: 1 } });
      expect(after.ok && after.value.suggestions).toHaveLength(found.value.suggestions.length - 1);
      await service.dispose();

      // On disk: a service on the reopened workspace does not propose it either.
      const reopened = await FolderStore.open(store.dir);
      expect((await readDocument(reopened, documentId))!.meta.rejectedSuggestions).toEqual([
        { textHash: found.value.textHash, kind: 'quote', start: quote.start, end: quote.end, text: quote.text },
      ]);
      const next = createWorkbenchService(reopened, { extractors: EXTRACTORS });
      const later = await next.getSuggestions(documentId);
      expect(later.ok && later.value.suggestions.map((s) => s.id)).not.toContain(quote.id);
      await next.dispose();
      await reopened.close();
    }));

  it('keeps a rejection in a new version where its words did not change, even if text before them did', () =>
    withTempDir(async (dir) => {
      const { service, store, documentId } = await workbench(dir);
      const found = await service.getSuggestions(documentId);
      if (!found.ok) throw new Error(found.error.message);
      const quote = found.value.suggestions.find((s) => s.kind === 'quote')!;
      const statement = found.value.suggestions.find((s) => s.text.startsWith('the reservoir holds'))!;
      await service.rejectSuggestions(documentId, [quote.id, statement.id]);

      // The new version: a paragraph in front, and the mayor's sentence reworded.
      const newText = `Updated at noon with the ministry's reply.\n${TEXT.replace('40 percent of its usual', 'a third of its usual')}`;
      const bytes = new TextEncoder().encode(newText);
      const [outcome] = await service.importSources('v2', [
        { name: 'water-v2.txt', origin: 'test', size: bytes.length, versionOf: documentId, read: async () => bytes },
      ]);
      expect(outcome).toMatchObject({ status: 'updated' });
      const after = await service.getSuggestions(documentId);
      if (!after.ok) throw new Error(after.error.message);
      const texts = after.value.suggestions.map((s) => `${s.kind}:${s.text}`);
      // The quote's words are unchanged (only moved): still rejected. The reworded statement is new.
      expect(texts).not.toContain(`quote:${quote.text}`);
      expect(after.value.suggestions.some((s) => s.kind === 'attributed' && s.text.startsWith('the reservoir holds a third'))).toBe(true);
      expect(after.value.rejected).toBe(1);
      expect((await readDocument(store, documentId))!.meta.rejectedSuggestions).toHaveLength(3);
      await service.dispose();
    }));

  it(
    'analyses imported documents in the background, one at a time, without holding up the import',
    () =>
      withTempDir(async (dir) => {
        const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
        const service = createWorkbenchService(store, { extractors: EXTRACTORS, suggestOnImport: true });
        const progress: SuggestionProgress[] = [];
        service.onDidProgressSuggestions((step) => progress.push(step));
        const finished = new Set<string>();
        let allDone!: () => void;
        const done = new Promise<void>((resolve) => (allDone = resolve));
        service.onDidProgressSuggestions((step) => {
          if (step.done === step.total) finished.add(step.documentId);
          if (finished.size === 3) allDone();
        });
        // Three documents of several chunks each (a chunk is about 20,000 characters).
        const sources = [1, 2, 3].map((n) => {
          const bytes = new TextEncoder().encode(`Report ${n}.\n${TEXT}\n`.repeat(300));
          return { name: `report-${n}.txt`, origin: 'test', size: bytes.length, read: async () => bytes };
        });
        const outcomes = await service.importSources('three', sources);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported']);
        // The import did not wait for the analyses.
        expect(finished.size).toBeLessThan(3);
        await done;
        // One at a time: each document's reports come together, never interleaved with another's.
        const order = progress.map((step) => step.documentId).filter((id, index, all) => id !== all[index - 1]);
        expect(order).toHaveLength(3);
        expect(new Set(order).size).toBe(3);
        // Opening one now needs no analysis: the answer was kept.
        progress.length = 0;
        const opened = await service.getSuggestions(order[0]!);
        expect(opened.ok && opened.value.suggestions.length).toBeGreaterThan(0);
        expect(progress).toEqual([]);
        await service.dispose();
      }),
    60_000,
  );

  it('answers "cancelled" to a call waiting for an analysis when the service is disposed', () =>
    withTempDir(async (dir) => {
      const { service, documentId } = await workbench(dir);
      const asked = service.getSuggestions(documentId);
      await service.dispose();
      expect(await asked).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    }));
});
