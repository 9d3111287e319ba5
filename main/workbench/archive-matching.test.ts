// "Checked before?" off the service's thread: a long document matched in the matching worker, with
// progress, while other calls are answered; stopped by cancelMatch or by disposing of the service.
// And an archive entry made a workspace claim in one undoable step (claimFromArchive).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatchProgress } from '../../core/contract/archive-api.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService, type WorkbenchHost } from './workbench-service.ts';

const FEED = `id,claim,title,rating,url,date,publisher
vc-1,The Lindell reservoir fell to 25 percent of its capacity this summer,Did the reservoir fall to 25 percent?,False,https://checks.example/vc-1,2026-08-16,Valley Checks
vc-2,Farmers lost more than 30 million euros to irrigation limits,,Unproven,https://checks.example/vc-2,2026-08-20,Valley Checks
vc-3,A shark was filmed swimming on a flooded highway,,Pants on Fire,,2026-07-01,Other Desk
`;

/** Paragraphs of filler with, in every tenth, a sentence the archive has (vc-2): about 340,000 characters. */
function longText(): { text: string; checked: number } {
  const paragraphs: string[] = [];
  let checked = 0;
  for (let i = 0; i < 1500; i++) {
    const filler = `Paragraph ${i} of the council minutes records the discussion of the agenda. The members spoke about the budget of the school district and the roads. The chair thanked everyone for coming to the meeting in the town hall.`;
    if (i % 10 === 0) checked += 1;
    paragraphs.push(i % 10 === 0 ? `${filler} Farmers lost more than 30 million euros to irrigation limits.` : filler);
  }
  return { text: paragraphs.join('\n\n'), checked };
}

async function workbench(dir: string) {
  const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const staged = await service.uploads.stageBytes(new TextEncoder().encode(FEED));
  if (!staged.ok) throw new Error(staged.error.message);
  await service.importArchive([{ uploadId: staged.value.uploadId, name: 'valley-checks.csv' }]);
  return { service, store };
}

async function longDocument(service: WorkbenchHost) {
  const { text, checked } = longText();
  const imported = await service.importText('Council minutes', text);
  if (imported.status !== 'imported') throw new Error(`not imported: ${imported.status}`);
  return { documentId: imported.documentId, length: text.length, checked };
}

const firstProgress = (service: WorkbenchHost, jobId: string) =>
  new Promise<void>((resolve) => {
    const subscription = service.onDidProgressMatching((progress) => {
      if (progress.jobId !== jobId) return;
      subscription.dispose();
      resolve();
    });
  });

describe('matching a document in the background', () => {
  it('matches a long document in the worker with progress, answering other calls meanwhile', () =>
    withTempDir(async (dir) => {
      const { service } = await workbench(dir);
      const { documentId, length, checked } = await longDocument(service);
      expect(length).toBeGreaterThan(300_000);
      const progress: MatchProgress[] = [];
      service.onDidProgressMatching((event) => progress.push(event));
      const answered: string[] = [];

      const matching = service.matchDocument(documentId, 'job-long-doc').then((result) => {
        answered.push('document');
        return result;
      });
      await firstProgress(service, 'job-long-doc');
      // While the document is being matched: the service reads, and the worker answers a text.
      const page = await service.queryArchive({ query: 'shark' });
      answered.push('queryArchive');
      const matches = await service.matchText('A shark was filmed swimming on a flooded highway');
      answered.push('matchText');
      const result = await matching;

      expect(answered).toEqual(['queryArchive', 'matchText', 'document']);
      expect(page.total).toBe(1);
      expect(matches[0]).toMatchObject({ kind: 'archive', id: 'vc-3' });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.filter((sentence) => sentence.matches[0]?.id === 'vc-2')).toHaveLength(checked);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.every((event) => event.documentId === documentId && event.jobId === 'job-long-doc' && event.total === length)).toBe(
        true,
      );
      const done = progress.map((event) => event.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      await service.dispose();
    }));

  it('stops when the job is cancelled, and matches again afterwards', () =>
    withTempDir(async (dir) => {
      const { service } = await workbench(dir);
      const { documentId, checked } = await longDocument(service);
      const matching = service.matchDocument(documentId, 'job-cancelled');
      await firstProgress(service, 'job-cancelled');
      await service.cancelMatch('job-cancelled');
      expect(await matching).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // A cancel sent before its job starts stops it as it starts.
      await service.cancelMatch('job-cancelled-early');
      expect(await service.matchDocument(documentId, 'job-cancelled-early')).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const again = await service.matchDocument(documentId);
      expect(again.ok && again.value.filter((sentence) => sentence.matches[0]?.id === 'vc-2').length).toBe(checked);
      await service.dispose();
    }));

  it('is answered as cancelled when the service is disposed of meanwhile', () =>
    withTempDir(async (dir) => {
      const { service } = await workbench(dir);
      const { documentId } = await longDocument(service);
      const matching = service.matchDocument(documentId, 'job-disposed');
      await firstProgress(service, 'job-disposed');
      await service.dispose();
      expect(await matching).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // The thread is gone and not started again.
      expect(await service.matchText('Farmers lost more than 30 million euros to irrigation limits')).toEqual([]);
    }));
});

describe('a claim from an archive entry', () => {
  it('is made in one undoable step with its verdict and review URL and no mention; asked again, the same claim is answered', () =>
    withTempDir(async (dir) => {
      const { service, store } = await workbench(dir);
      const claims = store.evidence.claims.length;
      const made = await service.claimFromArchive('vc-1');
      if (!made.ok) throw new Error(made.error.message);
      expect(made.value.existing).toBeUndefined();
      expect(made.value.claim).toMatchObject({
        statement: 'The Lindell reservoir fell to 25 percent of its capacity this summer',
        verdict: { rating: 'false', date: '2026-08-16', rationale: 'Rated “False” by Valley Checks (https://checks.example/vc-1).' },
        status: 'reviewed',
        reviewUrl: 'https://checks.example/vc-1',
        mentions: [],
      });
      expect(store.evidence.claims).toHaveLength(claims + 1);
      expect((await service.getHistory()).undoLabel).toMatch(/^Claim from fact-check "The Lindell reservoir/);
      // Now a claim with a verdict, it is matched (and what is matched against was sent again).
      expect((await service.matchText('The Lindell reservoir fell to 25 percent of its capacity')).map((match) => match.id)).toContain(
        made.value.claim.id,
      );

      const again = await service.claimFromArchive('vc-1');
      expect(again).toMatchObject({ ok: true, value: { existing: true, claim: { id: made.value.claim.id } } });
      expect(store.evidence.claims).toHaveLength(claims + 1);

      await service.undo();
      expect(store.evidence.claims).toHaveLength(claims);
      await service.dispose();
    }));

  it('leaves a rating the verdict scale lacks as no verdict, and says so; an unknown entry is not found', () =>
    withTempDir(async (dir) => {
      const { service } = await workbench(dir);
      const made = await service.claimFromArchive('vc-3');
      expect(made).toMatchObject({ ok: true, value: { unmatchedRating: 'Pants on Fire' } });
      if (made.ok) expect(made.value.claim.verdict).toBeUndefined();
      expect(await service.claimFromArchive('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
      await service.dispose();
    }));
});
