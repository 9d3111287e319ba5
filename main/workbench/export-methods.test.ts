// The W3C export through the service, on the sample workspace: every annotation and link passes
// every MUST assertion of the W3C suite, links carry a target in each document, positions count
// code points, and each exported span reads back onto the same text.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationFromW3C } from '../../core/interchange/w3c/w3c-read.ts';
import type { W3CAnnotation } from '../../core/interchange/w3c/w3c-types.ts';
import { codePointIndex } from '../../core/text/code-points.ts';
import { describeFailures, loadAssertionSuite, w3cTestsAvailable } from '../../tests/support/w3c-conformance.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { createWorkbenchService } from './workbench-service.ts';
import { readDocument, readEveryDocument } from '../../tests/support/read-document.ts';

interface Exported {
  readonly type: string;
  readonly total: number;
  readonly first: {
    readonly items: readonly (W3CAnnotation & {
      target: { source: string; selector?: { type: string; start?: number; end?: number; exact?: string }[] } | unknown[];
    })[];
  };
}

describe('exportAnnotations (W3C Web Annotation)', () => {
  it.skipIf(!w3cTestsAvailable())(
    'exports the sample: every annotation and link passes the W3C MUST assertions, and reads back onto its text',
    () =>
      withTempDir(async (dir) => {
        const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
        const service = createWorkbenchService(store, { extractors: EXTRACTORS });
        // An annotation after astral characters: its position in code points differs from UTF-16.
        const pasted = await service.importText('Astral', '😀🇺🇦 The mayor said taxes will not rise.');
        if (pasted.status !== 'imported') throw new Error('the pasted text was not imported');
        const astral = (await readDocument(store, pasted.documentId))!;
        const quote = 'taxes will not rise';
        const start = astral.text.indexOf(quote);
        expect((await service.createAnnotation(astral.meta.id, { start, end: start + quote.length, tags: ['statistic'] })).ok).toBe(true);

        const file = await service.exportAnnotations();
        expect(file).toMatchObject({ fileName: expect.stringMatching(/-annotations\.jsonld$/), mimeType: 'application/ld+json' });
        const exported = JSON.parse(file.text) as Exported;
        const annotations = (await readEveryDocument(store)).reduce((sum, document) => sum + document.annotations.length, 0);
        const links = store.evidence.links.length;
        expect(links).toBeGreaterThan(0);
        expect(exported).toMatchObject({ type: 'AnnotationCollection', total: annotations + links });

        const musts = loadAssertionSuite('annotations/annotationMusts.test');
        for (const item of exported.first.items) {
          // Each item as a reader takes it out of the collection: with the collection's context.
          const failures = musts.check({ '@context': JSON.parse(file.text)['@context'], ...item });
          expect(failures, `${item.id}: ${describeFailures(failures)}`).toEqual([]);
        }
        expect(loadAssertionSuite('collections/collectionMusts.test').check(exported)).toEqual([]);

        const linking = exported.first.items.filter((item) => item.motivation === 'linking');
        expect(linking).toHaveLength(links);
        for (const link of linking) expect(link.target).toHaveLength(2);

        // The astral annotation: code points, and back onto the same UTF-16 span.
        const item = exported.first.items.find(
          (candidate) => candidate.motivation === 'tagging' && JSON.stringify(candidate.target).includes('taxes will not rise'),
        )!;
        const selector = (item.target as { selector: { type: string; start?: number }[] }).selector.find(
          (candidate) => candidate.type === 'TextPositionSelector',
        )!;
        expect(selector.start).toBe(codePointIndex(astral.text).toCodePoint(start));
        expect(selector.start).toBeLessThan(start);
        const back = annotationFromW3C({ '@context': JSON.parse(file.text)['@context'], ...item }, astral.text);
        expect(back).toMatchObject({ ok: true, value: { target: { start, end: start + quote.length }, anchoredBy: 'position' } });
        await service.dispose();
      }),
  );
});
