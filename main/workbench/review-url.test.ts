// The published review's URL (ClaimReview `url`): set per claim through the service, or from the
// workspace's pattern; carried by bundles; a claim with neither is left out of claimreview.jsonld
// and counted in the export's notes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBundleContent } from '../../core/bundle/read-bundle-content.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { bundleEntries } from '../bundle/bundle-entries.ts';
import { FolderStore } from '../store/folder-store.ts';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const GENERATED = '2026-12-06T00:00:00.000Z';

describe('review URLs', () => {
  it('sets, checks and clears a claim’s review URL, undoably, and keeps it on disk', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const claim = store.evidence.claims[0]!;
      expect(await service.updateClaim(claim.id, { reviewUrl: 'javascript:alert(1)' })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/http/) },
      });
      const set = await service.updateClaim(claim.id, { reviewUrl: ' https://factcheck.example/checks/42 ' });
      expect(set).toMatchObject({ ok: true, value: { reviewUrl: 'https://factcheck.example/checks/42' } });
      expect((await FolderStore.open(store.dir)).evidence.claims[0]!.reviewUrl).toBe('https://factcheck.example/checks/42');
      await service.undo();
      expect(store.evidence.claims[0]!.reviewUrl).toBeUndefined();
      await service.redo();
      const cleared = await service.updateClaim(claim.id, { reviewUrl: null });
      expect(cleared.ok && cleared.value.reviewUrl).toBeUndefined();
      await service.dispose();
    }));

  it('keeps the workspace’s pattern in its settings, refusing one without {claimId}', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      expect(await service.updateSettings({ reviewUrlPattern: 'https://factcheck.example/claims/' })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/\{claimId\}/) },
      });
      expect(await service.updateSettings({ reviewUrlPattern: 'https://factcheck.example/claims/{claimId}' })).toMatchObject({
        ok: true,
        value: { reviewUrlPattern: 'https://factcheck.example/claims/{claimId}' },
      });
      expect((await FolderStore.open(store.dir)).workspace.settings.reviewUrlPattern).toBe('https://factcheck.example/claims/{claimId}');
      expect(await service.updateSettings({ reviewUrlPattern: null })).toMatchObject({ ok: true });
      expect(store.workspace.settings).not.toHaveProperty('reviewUrlPattern');
      await service.dispose();
    }));

  it('exports a url for each review, leaves out and counts claims without one, and carries the URL in the bundle', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const rated = store.evidence.claims.filter((claim) => claim.verdict !== undefined);
      expect(rated.length).toBeGreaterThan(0);
      const reviewsOf = (entries: { path: string; bytes: Uint8Array }[]) =>
        JSON.parse(new TextDecoder().decode(entries.find((entry) => entry.path === 'claimreview.jsonld')!.bytes)) as { url: string }[];

      const bare = await bundleEntries(store, { originals: false, generatedAt: GENERATED });
      expect(reviewsOf(bare.entries)).toEqual([]);
      expect(bare.notes.claimReviewsWithoutUrl).toBe(rated.length);

      await service.updateClaim(rated[0]!.id, { reviewUrl: 'https://own.example/first' });
      const own = await bundleEntries(store, { originals: false, generatedAt: GENERATED });
      expect(reviewsOf(own.entries).map((review) => review.url)).toEqual(['https://own.example/first']);
      expect(own.notes.claimReviewsWithoutUrl).toBe(rated.length - 1);

      await service.updateSettings({ reviewUrlPattern: 'https://factcheck.example/claims/{claimId}' });
      const patterned = await bundleEntries(store, { originals: false, generatedAt: GENERATED });
      expect(reviewsOf(patterned.entries).map((review) => review.url)).toEqual([
        'https://own.example/first',
        ...rated.slice(1).map((claim) => `https://factcheck.example/claims/${claim.id}`),
      ]);
      expect(patterned.notes.claimReviewsWithoutUrl).toBe(0);

      const files = new Map(patterned.entries.map((entry) => [entry.path, new TextDecoder().decode(entry.bytes)]));
      const read = await readBundleContent({ paths: [...files.keys()], text: (wanted) => files.get(wanted), sha256Hex });
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.evidence.claims.find((claim) => claim.id === rated[0]!.id)?.reviewUrl).toBe('https://own.example/first');
      await service.dispose();
    }));
});
