// A Hypothesis or W3C file's annotations put on a document by the service: found by their quotes,
// new tags added, one undo step.
import { describe, expect, it } from 'vitest';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { readDocument } from '../../tests/support/read-document.ts';

describe('importing an annotation file onto a document', () => {
  it('anchors Hypothesis rows by their quotes, adds their tags, and undoes as one step', () =>
    withTempDir(async (dir) => {
      const { service, store, mayor } = await sampleWorkbench(dir);
      const quote = mayor.text.slice(40, 90);
      const rows = {
        total: 2,
        rows: [
          {
            id: 'hyp-1',
            created: '2026-11-20T09:00:00.000000+00:00',
            updated: '2026-11-20T09:05:00.000000+00:00',
            user: 'acct:rkim@hypothes.is',
            uri: mayor.meta.sourceUrl,
            text: 'Compare with the utility’s figures.',
            tags: ['Water', 'Statistic'],
            target: [{ source: mayor.meta.sourceUrl, selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }] }],
            document: { title: ['Statement'] },
            user_info: { display_name: 'R. Kim' },
          },
          {
            id: 'hyp-2',
            created: '2026-11-20T09:00:00.000000+00:00',
            updated: '2026-11-20T09:00:00.000000+00:00',
            user: 'acct:rkim@hypothes.is',
            uri: mayor.meta.sourceUrl,
            text: 'Not in this text',
            tags: [],
            target: [
              {
                source: mayor.meta.sourceUrl,
                selector: [{ type: 'TextQuoteSelector', exact: 'a sentence nobody wrote anywhere at all', prefix: '', suffix: '' }],
              },
            ],
          },
        ],
      };
      const before = (await readDocument(store, mayor.meta.id))!.annotations.length;
      const result = await service.importAnnotationFile(mayor.meta.id, JSON.stringify(rows));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toMatchObject({ format: 'hypothesis', added: 1, notFound: [{ index: 1 }], newTags: ['Water'] });
      const added = (await readDocument(store, mayor.meta.id))!.annotations.find(
        (annotation) => annotation.note === 'Compare with the utility’s figures.',
      )!;
      expect(added).toMatchObject({ target: { exact: quote }, creator: 'R. Kim', anchor: { textHash: mayor.meta.textHash } });
      expect(added.tags).toContain('statistic');
      expect(store.workspace.codebook.tags.some((tag) => tag.name === 'Water')).toBe(true);

      expect(await service.undo()).toMatchObject({ ok: true });
      expect((await readDocument(store, mayor.meta.id))!.annotations).toHaveLength(before);
      expect(store.workspace.codebook.tags.some((tag) => tag.name === 'Water')).toBe(false);
      expect(await service.importAnnotationFile(mayor.meta.id, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid' } });
      await service.dispose();
    }));
});
