// storeCreators, what the team server's roles ask who made a thing: it reads annotations by
// reference (readAnnotations), so it holds no document, and links and claims from the evidence.
// Run in the team suite too (vitest.team.config.ts), where a read that needed a hold would throw.
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { storeCreators } from './team-serve.ts';
import { readEveryDocument } from '../../tests/support/read-document.ts';

describe('storeCreators', () => {
  it('answers each item its creator, in order, and undefined for one that is not there', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor, report, ref, span } = await sampleWorkbench(dir);
      try {
        const annotation = (await readEveryDocument(store)).find((file) => file.meta.id === mayor.meta.id)!.annotations[0]!;
        const linked = await service.createLink({
          relation: 'supports',
          from: ref(report, 'the Lindell reservoir'),
          to: span(mayor, 'declared a water emergency'),
        });
        expect(linked.ok).toBe(true);
        const link = store.evidence.links.at(-1)!;
        const claim = store.evidence.claims[0];
        const creators = await storeCreators(store).creatorsOf([
          { kind: 'annotation', documentId: mayor.meta.id, annotationId: annotation.id },
          { kind: 'annotation', documentId: mayor.meta.id, annotationId: 'no-such-annotation' },
          { kind: 'annotation', documentId: 'no-such-document', annotationId: annotation.id },
          { kind: 'link', id: link.id },
          { kind: 'claim', id: claim?.id ?? 'no-such-claim' },
        ]);
        expect(creators).toEqual([annotation.creator, undefined, undefined, link.creator, claim?.creator]);
      } finally {
        await service.dispose?.();
      }
    }));
});
