// Agreement and curation through the service, as the Agreement view uses them: two analysts (Ana,
// then Ben, set as the analyst name in turn) code one text; the figures, the disagreements, and
// each curation decision written as the curator's annotations, one undo step each, leaving the
// coders' annotations as they were.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../core/agreement/figure.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from './open-workbench.ts';
import { readDocument } from '../../tests/support/read-document.ts';

const TEXT = 'The reservoir stands at 18 percent. The mayor said the taps could run dry by September. Officials promised new wells.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

async function twoCoders(dir: string) {
  const workbench = await openWorkbench(path.join(dir, 'ws'), {
    resourcesDir: RESOURCES_DIR,
    empty: true,
    service: { extractors: EXTRACTORS },
  });
  const { service } = workbench;
  const imported = await service.importText('Reservoir', TEXT);
  if (imported.status !== 'imported') throw new Error(JSON.stringify(imported));
  const documentId = imported.documentId;
  const mark = async (quote: string, tags: string[], more: { status?: string; speaker?: string } = {}) => {
    const created = await service.createAnnotation(documentId, { ...span(quote), tags, ...more });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  };
  // They agree on the figure; Ana marks the whole prediction, Ben part of it; only Ana marks the wells.
  await service.updateSettings({ analystName: 'Ana' });
  await mark('18 percent', ['statistic']);
  await mark('the taps could run dry by September', ['quote'], { speaker: 'Mayor' });
  await mark('Officials promised new wells', ['quote']);
  await service.updateSettings({ analystName: 'Ben' });
  await mark('18 percent', ['statistic']);
  await mark('the taps could run dry', ['quote', 'prediction']);
  return { workbench, service, store: workbench.store, documentId };
}

const value = (figure: Figure | undefined) => (figure?.defined ? figure.value : figure?.reason);
const coded = (annotations: readonly Annotation[], creator: string) =>
  annotations
    .filter((annotation) => annotation.creator === creator)
    .map(({ id, target, tags, status, speaker, modified }) => ({ id, target, tags, status, speaker, modified }));

describe('agreement through the service', () => {
  it('gives the figures for every coder and used tag by default, with the chosen ones when asked', () =>
    withTempDir(async (dir) => {
      const { workbench, service, documentId } = await twoCoders(dir);
      const overview = await service.getAgreement({});
      if (!overview.ok) throw new Error(overview.error.message);
      expect(overview.value.coders).toEqual([
        { name: 'Ana', annotations: 3, documents: 1 },
        { name: 'Ben', annotations: 2, documents: 1 },
      ]);
      expect(overview.value.compared).toMatchObject({ coders: ['Ana', 'Ben'], documentIds: [documentId], spanMatch: { kind: 'exact' } });
      expect(overview.value.compared.tagIds).toEqual(expect.arrayContaining(['statistic', 'quote', 'prediction']));
      // Quote, by character: Ana covers the prediction and the wells, Ben the first 22 characters of the prediction.
      const quote = overview.value.rows.find((row) => row.tag === 'quote' && row.documentId === documentId)!;
      const differ = 'the taps could run dry by September'.length - 'the taps could run dry'.length + 'Officials promised new wells'.length;
      expect(value(quote.percentAgreement)).toBeCloseTo((TEXT.length - differ) / TEXT.length, 12);
      expect(quote.units).toBe(TEXT.length);
      expect(value(quote.spanF1)).toBe(0);
      const statistic = overview.value.rows.find((row) => row.tag === 'statistic' && row.documentId === null)!;
      expect([value(statistic.percentAgreement), value(statistic.characterKappa), value(statistic.spanF1)]).toEqual([1, 1, 1]);
      expect(overview.value.documents).toEqual([{ id: documentId, title: 'Reservoir', disagreements: 2, curated: 0 }]);
      expect(overview.value.againstCurated).toEqual([]);

      // One coder chosen: every figure says why it is not defined.
      const alone = await service.getAgreement({ coders: ['Ana'], tagIds: ['quote', 'no-such-tag'], overlap: 0.5 });
      if (!alone.ok) throw new Error(alone.error.message);
      expect(alone.value.compared).toMatchObject({ tagIds: ['quote'], spanMatch: { kind: 'overlap', minimum: 0.5 } });
      expect(alone.value.rows.map((row) => value(row.characterKappa))).toEqual(['only one coder', 'only one coder']);
      await workbench.close();
    }));

  it('lists a document’s disagreements with every side’s annotations and the text', () =>
    withTempDir(async (dir) => {
      const { workbench, service, documentId } = await twoCoders(dir);
      const listed = await service.getDisagreements(documentId, { coders: ['Ana', 'Ben'], curator: 'curator' });
      if (!listed.ok) throw new Error(listed.error.message);
      expect(
        listed.value.items.map(({ kinds, text, sides }) => ({ kinds, text, sides: sides.map((side) => side.annotations.length) })),
      ).toEqual([
        { kinds: ['boundaries', 'tags', 'speaker'], text: 'the taps could run dry by September', sides: [1, 1] },
        { kinds: ['marked-by-some'], text: 'Officials promised new wells', sides: [1, 0] },
      ]);
      expect(listed.value.items[0]!.before.endsWith('The mayor said ')).toBe(true);
      // Only the statistic: they agree, nothing to list.
      const statistic = await service.getDisagreements(documentId, { coders: ['Ana', 'Ben'], tagIds: ['statistic'], curator: 'curator' });
      expect(statistic).toMatchObject({ ok: true, value: { items: [] } });
      expect(await service.getDisagreements(documentId, { coders: ['Ana', 'Ben'], curator: 'Ana' })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.getDisagreements('nope', { coders: ['Ana', 'Ben'], curator: 'curator' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await workbench.close();
    }));

  it('writes each decision as the curator’s annotations, one undo step each, leaving the coders’ as they were', () =>
    withTempDir(async (dir) => {
      const { workbench, service, store, documentId } = await twoCoders(dir);
      const annotations = async () => (await readDocument(store, documentId))!.annotations;
      const before = { ana: coded(await annotations(), 'Ana'), ben: coded(await annotations(), 'Ben') };
      const request = { coders: ['Ana', 'Ben'], curator: 'curator' };
      const prediction = span('the taps could run dry by September');
      const decide = (decision: Parameters<typeof service.curateDisagreement>[1]['decision'], region = prediction) =>
        service.curateDisagreement(documentId, { ...request, region, decision });

      expect(await decide({ kind: 'accept', coder: 'Ben' })).toEqual({ ok: true, value: { written: 1, removed: 0 } });
      expect(coded(await annotations(), 'curator')).toMatchObject([
        { target: span('the taps could run dry'), tags: ['quote', 'prediction'] },
      ]);
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Curate: accept Ben' });
      // The same decision again changes nothing; another one replaces it.
      expect(await decide({ kind: 'accept', coder: 'Ben' })).toEqual({ ok: true, value: { written: 0, removed: 0 } });
      expect(await decide({ kind: 'merge' })).toEqual({ ok: true, value: { written: 1, removed: 1 } });
      expect(coded(await annotations(), 'curator')).toMatchObject([
        { target: prediction, tags: ['quote', 'prediction'], speaker: 'Mayor' },
      ]);
      // Figures: the document counts one curated disagreement, and each coder is compared with the curated version.
      const overview = await service.getAgreement({ tagIds: ['quote'] });
      if (!overview.ok) throw new Error(overview.error.message);
      expect(overview.value.compared.coders).toEqual(['Ana', 'Ben']);
      expect(overview.value.documents[0]).toMatchObject({ disagreements: 2, curated: 1 });
      expect(overview.value.againstCurated.map((row) => [row.coders, row.documentId, value(row.spanF1)])).toEqual([
        [['Ana', 'curator'], null, 2 / 3],
        [['Ben', 'curator'], null, 0],
      ]);

      // An edit: the analyst's own fields, inside the region.
      const edited = await decide({
        kind: 'edit',
        annotation: { ...span('the taps could run dry'), tags: ['prediction'], status: 'refuted', note: 'checked' },
      });
      expect(edited).toEqual({ ok: true, value: { written: 1, removed: 1 } });
      expect(coded(await annotations(), 'curator')).toMatchObject([
        { target: span('the taps could run dry'), tags: ['prediction'], status: 'refuted' },
      ]);
      expect(await decide({ kind: 'edit', annotation: { ...span('The mayor said the taps'), tags: [] } })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });

      // Undo goes back one decision at a time.
      await service.undo();
      expect(coded(await annotations(), 'curator')).toMatchObject([{ target: prediction, tags: ['quote', 'prediction'] }]);
      await service.undo();
      expect(coded(await annotations(), 'curator')).toMatchObject([{ target: span('the taps could run dry') }]);
      await service.undo();
      expect(coded(await annotations(), 'curator')).toEqual([]);
      expect({ ana: coded(await annotations(), 'Ana'), ben: coded(await annotations(), 'Ben') }).toEqual(before);
      await workbench.close();
    }));

  it('refuses a curator who is one of the coders, a coder not compared, and a region no longer there', () =>
    withTempDir(async (dir) => {
      const { workbench, service, documentId } = await twoCoders(dir);
      const region = span('the taps could run dry by September');
      const decide = (request: object) =>
        service.curateDisagreement(documentId, {
          coders: ['Ana', 'Ben'],
          curator: 'curator',
          region,
          decision: { kind: 'merge' },
          ...request,
        });
      const history = await service.getHistory();
      expect(await decide({ curator: 'Ben' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await decide({ decision: { kind: 'accept', coder: 'Cy' } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await decide({ region: { start: region.start, end: region.end - 1 } })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(await service.getHistory()).toEqual(history);
      await workbench.close();
    }));

  it('takes the agreed annotations into the curated version in one step, once', () =>
    withTempDir(async (dir) => {
      const { workbench, service, store, documentId } = await twoCoders(dir);
      const request = { coders: ['Ana', 'Ben'], curator: 'Chief editor' };
      expect(await service.curateAgreements(documentId, request)).toEqual({ ok: true, value: { written: 1, removed: 0 } });
      expect(coded((await readDocument(store, documentId))!.annotations, 'Chief editor')).toMatchObject([
        { target: span('18 percent'), tags: ['statistic'] },
      ]);
      expect(await service.curateAgreements(documentId, request)).toEqual({ ok: true, value: { written: 0, removed: 0 } });
      await service.undo();
      expect(coded((await readDocument(store, documentId))!.annotations, 'Chief editor')).toEqual([]);
      await workbench.close();
    }));

  it('replacing a curated annotation takes its links with it, and undo brings both back', () =>
    withTempDir(async (dir) => {
      const { workbench, service, store, documentId } = await twoCoders(dir);
      const region = span('Officials promised new wells');
      const request = { coders: ['Ana', 'Ben'], curator: 'curator', region };
      await service.curateDisagreement(documentId, { ...request, decision: { kind: 'accept', coder: 'Ana' } });
      const curated = (await readDocument(store, documentId))!.annotations.find((annotation) => annotation.creator === 'curator')!;
      const ana = (await readDocument(store, documentId))!.annotations.find((annotation) => annotation.creator === 'Ana')!;
      const linked = await service.createLink({
        relation: 'supports',
        from: { documentId, annotationId: curated.id },
        to: { documentId, annotationId: ana.id },
      });
      expect(linked.ok).toBe(true);
      // Ben marked nothing there: accepting his side keeps nothing, and the link goes with the annotation.
      expect(await service.curateDisagreement(documentId, { ...request, decision: { kind: 'accept', coder: 'Ben' } })).toEqual({
        ok: true,
        value: { written: 0, removed: 1 },
      });
      expect(store.evidence.links).toEqual([]);
      await service.undo();
      expect(store.evidence.links).toHaveLength(1);
      expect(coded((await readDocument(store, documentId))!.annotations, 'curator')).toHaveLength(1);
      await workbench.close();
    }));

  it('keeps "nothing here" (a side with nothing on it accepted) with the document: undoable, counted, there after reopening', () =>
    withTempDir(async (dir) => {
      const { workbench, service, store, documentId } = await twoCoders(dir);
      const wells = span('Officials promised new wells');
      const request = { coders: ['Ana', 'Ben'], curator: 'curator' };
      const decide = (coder: string) =>
        service.curateDisagreement(documentId, { ...request, region: wells, decision: { kind: 'accept', coder } });
      const wellsItem = async (on = service) => {
        const listed = await on.getDisagreements(documentId, request);
        if (!listed.ok) throw new Error(listed.error.message);
        return listed.value.items.find((item) => item.start === wells.start)!;
      };
      const figures = async (on = service) => {
        const overview = await on.getAgreement({ tagIds: ['quote'] });
        if (!overview.ok) throw new Error(overview.error.message);
        return overview.value;
      };

      // Ben marked nothing at the wells: accepting his side writes no annotation, but settles the region.
      expect(await decide('Ben')).toEqual({ ok: true, value: { written: 0, removed: 0 } });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Curate: accept Ben' });
      expect(await wellsItem()).toMatchObject({ curated: [], keptNothing: true });
      expect(coded((await readDocument(store, documentId))!.annotations, 'curator')).toEqual([]);
      // The figures count it: one curated disagreement, and each coder against a curated version with no quote.
      let overview = await figures();
      expect(overview.documents[0]).toMatchObject({ disagreements: 2, curated: 1 });
      const anaQuotes = 'the taps could run dry by September'.length + 'Officials promised new wells'.length;
      expect(overview.againstCurated.map((row) => [row.coders, row.documentId, value(row.percentAgreement)])).toEqual([
        [['Ana', 'curator'], null, (TEXT.length - anaQuotes) / TEXT.length],
        [['Ben', 'curator'], null, (TEXT.length - 'the taps could run dry'.length) / TEXT.length],
      ]);
      // The same decision again changes nothing; Ana's side replaces it, in one step.
      const history = await service.getHistory();
      expect(await decide('Ben')).toEqual({ ok: true, value: { written: 0, removed: 0 } });
      expect(await service.getHistory()).toEqual(history);
      expect(await decide('Ana')).toEqual({ ok: true, value: { written: 1, removed: 0 } });
      expect(await wellsItem()).toMatchObject({ curated: [{ creator: 'curator' }], keptNothing: false });
      await service.undo();
      expect(await wellsItem()).toMatchObject({ curated: [], keptNothing: true });
      await service.undo();
      expect(await wellsItem()).toMatchObject({ curated: [], keptNothing: false });
      overview = await figures();
      expect([overview.documents[0]?.curated, overview.againstCurated]).toEqual([0, []]);
      await service.redo();
      await workbench.close();

      // Reopened: the decision is still there, and still counts.
      const reopened = await openWorkbench(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, service: { extractors: EXTRACTORS } });
      expect(await wellsItem(reopened.service)).toMatchObject({ curated: [], keptNothing: true });
      expect((await figures(reopened.service)).documents[0]).toMatchObject({ curated: 1 });
      // Under another curator's name the region is open.
      const other = await reopened.service.getDisagreements(documentId, { ...request, curator: 'Chief editor' });
      expect(other.ok && other.value.items.find((item) => item.start === wells.start)?.keptNothing).toBe(false);
      await reopened.close();
    }));
});
