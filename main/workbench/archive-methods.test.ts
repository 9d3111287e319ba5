// The fact-check archive through the service: files imported (one undo step, a bad file refused
// whole), the entries listed, the report's sentences matched against the archive and the
// workspace's rated claims, and a sentence attached to what it matched.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { archivePage } from './archive-methods.ts';
import { createWorkbenchService, type WorkbenchHost } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  return { service: createWorkbenchService(store, { extractors: EXTRACTORS }), store };
}

async function upload(service: WorkbenchHost, name: string, text: string) {
  const staged = await service.uploads.stageBytes(new TextEncoder().encode(text));
  if (!staged.ok) throw new Error(staged.error.message);
  return { uploadId: staged.value.uploadId, name };
}

const FEED = `id,claim,title,rating,url,date,publisher
vc-1,The Lindell reservoir fell to 25 percent of its capacity this summer,Did the reservoir fall to 25 percent?,False,https://checks.example/vc-1,2026-08-16,Valley Checks
vc-2,Farmers lost more than 30 million euros to irrigation limits,,Unproven,https://checks.example/vc-2,2026-08-20,Valley Checks
vc-3,A shark was filmed swimming on a flooded highway,,Pants on Fire,,2026-07-01,Other Desk
`;

describe('the fact-check archive through the service', () => {
  it('imports files as one undoable change; a malformed file is refused whole with its line, and the others go in', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const heard: number[] = [];
      service.onDidChangeArchive(({ entries }) => heard.push(entries));
      const broken = 'id\tvclaim\ttitle\nx1\tonly two columns\n';
      const imported = await service.importArchive([
        await upload(service, 'valley-checks.csv', FEED),
        await upload(service, 'broken.tsv', `${broken}x2\n`),
      ]);
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      expect(imported.value[0]).toEqual({
        name: 'valley-checks.csv',
        status: 'imported',
        format: 'CSV',
        added: 3,
        updated: 0,
        unchanged: 0,
      });
      expect(imported.value[1]).toMatchObject({
        name: 'broken.tsv',
        status: 'refused',
        message: expect.stringMatching(/^CheckThat! TSV: Line 2: /),
      });
      expect(store.archive.map((entry) => entry.id)).toEqual(['vc-1', 'vc-2', 'vc-3']);
      expect(heard).toEqual([3]);

      // The same feed again, one rating changed: says so, and changes only that.
      const again = await service.importArchive([await upload(service, 'valley-checks.csv', FEED.replace('Unproven', 'False'))]);
      expect(again).toMatchObject({ ok: true, value: [{ added: 0, updated: 1, unchanged: 2 }] });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Import fact-checks from "valley-checks.csv"' });
      await service.undo();
      expect(store.archive.find((entry) => entry.id === 'vc-2')?.rating).toBe('Unproven');
      await service.undo();
      expect(store.archive).toEqual([]);
      expect(heard).toEqual([3, 3, 3, 0]);
      await service.dispose();
    }));

  it('lists entries by words in any field, sorted by a field with the entries lacking it last, a page at a time', () => {
    const archive = [
      { id: 'a', claim: 'Reservoir at 25 percent', rating: 'False', date: '2026-08-16' },
      { id: 'b', claim: 'Réservoir empty by September', publisher: 'Valley Checks' },
      { id: 'c', claim: 'Shark on the highway', rating: 'Pants on Fire', date: '2026-07-01' },
    ];
    expect(archivePage(archive, { query: 'reservoir' }).entries.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(archivePage(archive, { query: 'valley septem' })).toMatchObject({ total: 1, size: 3 });
    expect(archivePage(archive, { sort: 'date' }).entries.map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
    expect(archivePage(archive, { sort: 'date', descending: true }).entries.map((entry) => entry.id)).toEqual(['a', 'c', 'b']);
    expect(archivePage(archive, { offset: 1, limit: 1 })).toMatchObject({ total: 3, entries: [{ id: 'b' }] });
  });

  it('matches the report sentence by sentence, with the figures that disagree, and attaches one to a new claim from the fact-check', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      await service.importArchive([await upload(service, 'valley-checks.csv', FEED)]);
      const report = (await readEveryDocument(store)).find((document) => document.text.includes('Lindell reservoir'))!;

      const sentences = await service.matchDocument(report.meta.id);
      if (!sentences.ok) throw new Error(sentences.error.message);
      const reservoir = sentences.value.find((sentence) => report.text.slice(sentence.start, sentence.end).includes('Lindell reservoir'));
      // The sample's own claim says it exactly (and has a verdict): first, and strong.
      expect(reservoir?.matches[0]).toMatchObject({
        kind: 'claim',
        text: 'The Lindell reservoir fell to 18 percent of capacity',
        level: 'strong',
      });
      const checked = reservoir?.matches.find((match) => match.kind === 'archive');
      expect(checked).toMatchObject({ id: 'vc-1', rating: 'False', publisher: 'Valley Checks' });
      expect(checked?.figures).toContainEqual({ text: '18 percent', checked: '25 percent' });
      // Nothing in the report is about sharks.
      expect(sentences.value.flatMap((sentence) => sentence.matches).some((match) => match.id === 'vc-3')).toBe(false);
      expect(await service.matchDocument('missing')).toMatchObject({ ok: false, error: { code: 'not-found' } });

      const annotations = report.annotations.length;
      const attached = await service.attachMatch({
        to: { archiveId: 'vc-1' },
        mention: { documentId: report.meta.id, start: reservoir!.start, end: reservoir!.end },
      });
      if (!attached.ok) throw new Error(attached.error.message);
      expect(attached.value.claim).toMatchObject({
        statement: 'The Lindell reservoir fell to 25 percent of its capacity this summer',
        verdict: { rating: 'false', date: '2026-08-16' },
        reviewUrl: 'https://checks.example/vc-1',
        mentions: [{ documentId: report.meta.id, annotationId: attached.value.created!.id }],
      });
      expect((await readDocument(store, report.meta.id))!.annotations).toHaveLength(annotations + 1);
      // Now a claim with a verdict, it is matched too.
      expect((await service.matchText('the Lindell reservoir fell to 25 percent')).map((match) => match.id)).toContain(
        attached.value.claim.id,
      );

      // One undo takes back both the claim and the annotation it made.
      await service.undo();
      expect(store.evidence.claims.some((claim) => claim.id === attached.value.claim.id)).toBe(false);
      expect((await readDocument(store, report.meta.id))!.annotations).toHaveLength(annotations);
      await service.dispose();
    }));

  it('says when a rating is not on the verdict scale, and leaves the claim without a verdict rather than forcing one', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      await service.importArchive([await upload(service, 'valley-checks.csv', FEED)]);
      const document = (await readEveryDocument(store))[0]!;
      const attached = await service.attachMatch({
        to: { archiveId: 'vc-3' },
        mention: { documentId: document.meta.id, start: 0, end: 8 },
      });
      expect(attached).toMatchObject({ ok: true, value: { unmatchedRating: 'Pants on Fire' } });
      if (attached.ok) expect(attached.value.claim.verdict).toBeUndefined();
      expect(
        await service.attachMatch({ to: { archiveId: 'nope' }, mention: { documentId: document.meta.id, start: 0, end: 8 } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await service.dispose();
    }));
});
