// A search hit on the text names the annotations it lies in or overlaps (with their tags), as the
// search view labels it; hits on annotations or claims, and hits in no annotation, name none; an
// edit of the annotations shows in the next answer.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from './open-workbench.ts';

const TEXT = 'The reservoir stands at 18 percent. Officials said the reservoir would refill. The reservoir is old.';
const nth = (quote: string, n = 0) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = TEXT.indexOf(quote, at + 1);
  return { start: at, end: at + quote.length };
};

describe('search hits inside annotations', () => {
  it('names the annotations a hit on the text lies in or overlaps, with their tags', () =>
    withTempDir(async (dir) => {
      const workbench = await openWorkbench(path.join(dir, 'ws'), {
        resourcesDir: RESOURCES_DIR,
        empty: true,
        service: { extractors: EXTRACTORS, indexOnOpen: true },
      });
      const { service } = workbench;
      // Answers come from the index as it is: wait for the first build, as the other search tests do.
      await service.searchReady();
      const imported = await service.importText('Reservoir', TEXT);
      if (imported.status !== 'imported') throw new Error(JSON.stringify(imported));
      const { documentId } = imported;
      const create = async (span: { start: number; end: number }, tags: string[]) => {
        const created = await service.createAnnotation(documentId, { ...span, tags });
        if (!created.ok) throw new Error(created.error.message);
        return created.value.id;
      };
      const statistic = await create(nth('The reservoir stands at 18 percent'), ['statistic']);
      const quote = await create(nth('reservoir would'), ['quote']);
      const labels = async (query: string) => {
        const result = await service.search(query, { hitsPerDocument: 100 });
        if (!result.ok) throw new Error(result.error.message);
        return result.value.groups.flatMap((group) =>
          group.hits.map((hit) => ({
            at: hit.start,
            kind: hit.annotationId ?? 'text',
            in: (hit.inAnnotations ?? []).map((one) => [one.annotationId, one.tags, one.inside]),
          })),
        );
      };

      // In the text: the first inside the statistic, the second inside the quote, the third in none.
      expect(await labels('"reservoir"')).toEqual([
        { at: nth('reservoir').start, kind: 'text', in: [[statistic, ['statistic'], true]] },
        { at: nth('reservoir', 1).start, kind: 'text', in: [[quote, ['quote'], true]] },
        { at: nth('reservoir', 2).start, kind: 'text', in: [] },
      ]);
      // A phrase across the end of the quote overlaps it.
      expect(await labels('"would refill"')).toEqual([{ at: nth('would refill').start, kind: 'text', in: [[quote, ['quote'], false]] }]);
      // A hit on an annotation (its quote) is that annotation: it names no other.
      expect(await labels('in:quotes "18 percent"')).toEqual([{ at: nth('The reservoir stands').start, kind: statistic, in: [] }]);

      // After an edit, the next answer follows.
      expect((await service.deleteAnnotation(documentId, quote)).ok).toBe(true);
      expect((await labels('"reservoir"')).map((hit) => hit.in.length)).toEqual([1, 0, 0]);
      await workbench.close();
    }));
});
