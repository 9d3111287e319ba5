import { versionOf } from '../../core/model/record-version.ts';
import { describe, expect, it } from 'vitest';
import type { EvidenceData } from '../../core/model/evidence.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { FolderStore } from '../store/folder-store.ts';
import { readDocument } from '../../tests/support/read-document.ts';

const linkIds = (evidence: EvidenceData) => evidence.links.map((link) => link.id);

describe('links through the service', () => {
  it('links two existing annotations, writes the link, announces it, and undoes it', () =>
    withTempDir(async (dir) => {
      const { service, store, report, ministry, ref } = await sampleWorkbench(dir);
      const seen: EvidenceData[] = [];
      service.onDidChangeEvidence((evidence) => seen.push(evidence));
      const before = store.evidence;
      const from = ref(report, '18 percent');
      const to = ref(ministry, 'Lindell 19 percent');

      const created = await service.createLink({ relation: 'supports', from, to, note: 'One point apart, three days apart.' });
      expect(created).toMatchObject({
        ok: true,
        value: {
          link: { relation: 'supports', from, to, note: 'One point apart, three days apart.' },
          created: [],
          sameClaim: { kind: 'none' },
        },
      });
      if (!created.ok) return;
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Link: supports' });
      expect(linkIds((await FolderStore.open(store.dir)).evidence)).toContain(created.value.link.id);
      expect(seen.at(-1)?.links.at(-1)).toEqual(created.value.link);
      expect(await service.getEvidence()).toEqual(store.evidence);

      // A link alone touches two documents: the analyst stays where they are.
      expect(await service.undo()).toEqual({ ok: true, value: { label: 'Link: supports' } });
      expect(store.evidence).toEqual(before);
      expect((await FolderStore.open(store.dir)).evidence).toEqual(before);
      expect(seen.at(-1)).toEqual(before);
      await service.redo();
      // Brought back by a new change: the next version.
      expect(store.evidence.links.at(-1)).toEqual({ ...created.value.link, version: 2 });
      await service.dispose();
    }));

  it('annotates the spans of a link in the same step: one undo removes the link and both annotations, redo brings them back', () =>
    withTempDir(async (dir) => {
      const { service, store, report, ministry, span, has } = await sampleWorkbench(dir);
      await service.updateSettings({ analystName: 'Ada' });
      const from = span(report, 'the government would release emergency funds');
      const to = { ...span(ministry, 'The government will release emergency funds within days'), annotationId: 'client-made-1' };

      const made = await service.createLink({ relation: 'source-of', from, to });
      expect(made).toMatchObject({
        ok: true,
        value: {
          link: {
            relation: 'source-of',
            from: { documentId: report.meta.id },
            to: { documentId: ministry.meta.id, annotationId: 'client-made-1' },
            creator: 'Ada',
          },
          created: [
            { tags: [], status: 'unverified', creator: 'Ada', target: { exact: 'the government would release emergency funds' } },
            {
              id: 'client-made-1',
              tags: [],
              status: 'unverified',
              target: { exact: 'The government will release emergency funds within days' },
            },
          ],
        },
      });
      if (!made.ok) return;
      const { link } = made.value;
      const reopened = await FolderStore.open(store.dir);
      expect((await has(link.from, reopened)) && (await has(link.to, reopened))).toBe(true);
      expect(linkIds(reopened.evidence)).toContain(link.id);

      expect(await service.undo()).toEqual({ ok: true, value: { documentId: report.meta.id, label: 'Link: source of' } });
      expect((await has(link.from)) || (await has(link.to)) || linkIds(store.evidence).includes(link.id)).toBe(false);
      const undone = await FolderStore.open(store.dir);
      expect((await has(link.from, undone)) || (await has(link.to, undone)) || linkIds(undone.evidence).includes(link.id)).toBe(false);

      await service.redo();
      expect(store.evidence.links.at(-1)).toEqual({ ...link, version: 2 });
      // Brought back by a new change: the next version (a window holding version 1 must not overwrite it).
      expect(made.value.created[0]!.version).toBe(1);
      expect(
        (await readDocument(store, report.meta.id))!.annotations.find((annotation) => annotation.id === link.from.annotationId),
      ).toEqual({
        ...made.value.created[0],
        version: 2,
      });
      expect(await has(link.to)).toBe(true);
      await service.dispose();
    }));

  it('refuses a link that repeats another (either way round when symmetric), a taken annotation id, or a missing annotation, and changes nothing', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, ministry, ref, span } = await sampleWorkbench(dir);
      const reservoir = ref(report, 'the Lindell reservoir');
      const before = store.evidence;
      const annotationCount = (await readDocument(store, ministry.meta.id))!.annotations.length;
      // The sample links the report's reservoir figure to the mayor's ("source of") and the ministry's ("context").
      expect(await service.createLink({ relation: 'source-of', from: reservoir, to: ref(mayor, 'The Lindell reservoir') })).toMatchObject({
        ok: false,
        error: { code: 'duplicate', message: expect.stringMatching(/already linked as "Source of"/) },
      });
      expect(await service.createLink({ relation: 'context', from: ref(ministry, 'Lindell 19 percent'), to: reservoir })).toMatchObject({
        ok: false,
        error: { code: 'duplicate' },
      });
      const taken = { ...span(ministry, 'Stara 44 percent'), annotationId: ref(ministry, 'Lindell 19 percent').annotationId };
      expect(await service.createLink({ relation: 'supports', from: reservoir, to: taken })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/already has an annotation/) },
      });
      expect(
        await service.createLink({ relation: 'supports', from: reservoir, to: { documentId: ministry.meta.id, annotationId: 'nope' } }),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      // The span is fine but the relation is not: the span is not annotated either.
      expect(await service.createLink({ relation: 'agrees', from: reservoir, to: span(ministry, 'Stara 44 percent') })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: '"agrees" is not a link relation' },
      });
      expect(await service.createLink({ relation: 'supports', from: reservoir, to: reservoir })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(store.evidence).toEqual(before);
      expect((await readDocument(store, ministry.meta.id))!.annotations).toHaveLength(annotationCount);
      expect(await service.getHistory()).toMatchObject({ canUndo: false });
      await service.dispose();
    }));

  it('adds the unclaimed end of a same-claim link to the other end’s claim, in the same undo step', () =>
    withTempDir(async (dir) => {
      const { service, store, ministry, mayor, ref } = await sampleWorkbench(dir);
      const claim = store.evidence.claims[0]!;
      const mayorFigure = ref(mayor, 'The Lindell reservoir');
      const ministryFigure = ref(ministry, 'Lindell 19 percent');
      const linked = await service.createLink({ relation: 'same-claim', from: mayorFigure, to: ministryFigure });
      expect(linked).toMatchObject({ ok: true, value: { sameClaim: { kind: 'joined', claimId: claim.id, ref: ministryFigure } } });
      expect(store.evidence.claims[0]!.mentions).toEqual([...claim.mentions, ministryFigure]);
      await service.undo();
      expect(store.evidence.claims[0]).toEqual({ ...claim, version: versionOf(claim) + 2 });
      expect(store.evidence.links.some((link) => link.relation === 'same-claim')).toBe(false);
      await service.dispose();
    }));

  it('edits and deletes a link, each one undo step, and puts a deleted link back where it was', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const original = store.evidence.links[1]!;
      expect(original.relation).toBe('context');

      expect(await service.updateLink(original.id, { note: 'Checked against the utility.' })).toMatchObject({
        ok: true,
        value: { note: 'Checked against the utility.', relation: 'context' },
      });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Edit link note' });
      expect(await service.updateLink(original.id, { relation: 'refutes' })).toMatchObject({ ok: true, value: { relation: 'refutes' } });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Change link to refutes' });
      expect(await service.updateLink(original.id, { relation: 'maybe' })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: '"maybe" is not a link relation' },
      });
      expect(await service.updateLink('no-such-link', { note: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      // Nothing changes, so there is nothing to undo.
      expect(await service.updateLink(original.id, { relation: 'refutes' })).toMatchObject({ ok: true });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Change link to refutes' });

      expect(await service.deleteLink(original.id)).toEqual({ ok: true, value: true });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Delete link: refutes' });
      expect(linkIds((await FolderStore.open(store.dir)).evidence)).not.toContain(original.id);
      expect(await service.deleteLink(original.id)).toMatchObject({ ok: false, error: { code: 'not-found' } });

      await service.undo();
      expect(store.evidence.links[1]).toMatchObject({ id: original.id, relation: 'refutes' });
      await service.undo();
      await service.undo();
      // As it was, at a new version: from 1, two edits and three undos (the first puts it back) make 6.
      expect(store.evidence.links[1]).toEqual({ ...original, version: 6 });
      expect((await FolderStore.open(store.dir)).evidence.links[1]).toEqual({ ...original, version: 6 });
      await service.dispose();
    }));
});

describe('claims through the service', () => {
  it('creates a claim from annotations, rates it, changes its mentions and deletes it, each undoable', () =>
    withTempDir(async (dir) => {
      const { service, store, report, ministry, ref } = await sampleWorkbench(dir);
      await service.updateSettings({ analystName: 'Ada' });
      const rain = ref(report, 'rainfall across');
      const ministryRain = ref(ministry, 'Rainfall across');
      const statement = 'Rainfall in the northern basin was 42 percent below average since March';

      expect(
        await service.createClaim({ statement, mentions: [rain, { documentId: report.meta.id, annotationId: 'gone' }] }),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await service.createClaim({ statement: '   ', mentions: [rain] })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/needs a statement/) },
      });
      const created = await service.createClaim({ id: 'rain-claim', statement, mentions: [rain] });
      expect(created).toMatchObject({ ok: true, value: { id: 'rain-claim', statement, mentions: [rain], status: 'open', creator: 'Ada' } });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Create claim "Rainfall in the northern basin was 42…"' });

      expect(await service.updateClaim('rain-claim', { verdict: { rating: 'probably', date: '2026-08-16' } })).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: '"probably" is not a rating of the verdict scale' },
      });
      expect(await service.updateClaim('rain-claim', { verdict: { rating: 'true', date: 'Tuesday' } })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      const rated = await service.updateClaim('rain-claim', {
        verdict: { rating: 'true', rationale: 'The briefing says so.', date: '2026-08-16' },
      });
      expect(rated).toMatchObject({
        ok: true,
        value: { verdict: { rating: 'true', rationale: 'The briefing says so.', reviewer: 'Ada', date: '2026-08-16' } },
      });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Set verdict of "Rainfall in the northern basin was 42…"' });
      expect(await service.updateClaim('rain-claim', { status: 'reviewed' })).toMatchObject({ ok: true, value: { status: 'reviewed' } });

      expect(await service.addMentions('rain-claim', [ministryRain, rain])).toMatchObject({
        ok: true,
        value: { mentions: [rain, ministryRain] },
      });
      expect(await service.getHistory()).toMatchObject({ undoLabel: 'Add annotation to "Rainfall in the northern basin was 42…"' });
      expect(await service.removeMentions('rain-claim', [rain])).toMatchObject({ ok: true, value: { mentions: [ministryRain] } });
      expect((await FolderStore.open(store.dir)).evidence.claims.at(-1)).toMatchObject({
        id: 'rain-claim',
        mentions: [ministryRain],
        status: 'reviewed',
        verdict: { rating: 'true' },
      });

      expect(await service.deleteClaim('rain-claim')).toEqual({ ok: true, value: true });
      expect(await service.getClaim('rain-claim')).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const undoLabels: string[] = [];
      for (let step = 0; step < 6; step++) {
        const undone = await service.undo();
        if (undone.ok) undoLabels.push(undone.value.label.replace(/ ".*/, ''));
      }
      expect(undoLabels).toEqual([
        'Delete claim',
        'Remove annotation from',
        'Add annotation to',
        'Set status of',
        'Set verdict of',
        'Create claim',
      ]);
      expect(store.evidence.claims.some((claim) => claim.id === 'rain-claim')).toBe(false);
      await service.redo();
      await service.redo();
      expect(store.evidence.claims.at(-1)).toMatchObject({ id: 'rain-claim', verdict: { rating: 'true' } });
      await service.dispose();
    }));

  it('removes a verdict with null, checks ratings against the workspace’s own scale', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const claim = store.evidence.claims[0]!;
      expect(await service.updateClaim(claim.id, { verdict: null })).toMatchObject({ ok: true, value: { statement: claim.statement } });
      expect(store.evidence.claims[0]!.verdict).toBeUndefined();
      expect(await service.getHistory()).toMatchObject({ undoLabel: expect.stringMatching(/^Remove verdict of "The Lindell reservoir/) });
      await store.updateWorkspace({
        ...store.workspace,
        settings: { ...store.workspace.settings, verdictScale: [{ id: 'pants-on-fire', label: 'Pants on fire', color: '#ff0000' }] },
      });
      expect(await service.updateClaim(claim.id, { verdict: { rating: 'true', date: '2026-08-16' } })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await service.updateClaim(claim.id, { verdict: { rating: 'pants-on-fire', date: '2026-08-16' } })).toMatchObject({ ok: true });
      await service.undo();
      await service.undo();
      // Two edits and two undos: as it was, four versions on.
      expect(store.evidence.claims[0]).toEqual({ ...claim, version: versionOf(claim) + 4 });
      await service.dispose();
    }));

  it('lists claims with their first appearance across documents, by publication date', () =>
    withTempDir(async (dir) => {
      const { service, report, mayor, ref } = await sampleWorkbench(dir);
      const [row] = await service.listClaims();
      // The mayor's statement came out at 08:30 on 14 August (+02:00), the Courier's report at 16:00.
      expect(row).toMatchObject({
        mentionCount: 2,
        missingCount: 0,
        outlets: ['City of Valmont', 'The Valley Courier'],
        firstAppearance: {
          ref: ref(mayor, 'The Lindell reservoir'),
          documentTitle: mayor.meta.title,
          date: '2026-08-14T08:30:00+02:00',
          outlet: 'City of Valmont',
        },
        undatedCount: 0,
        verdict: { rating: 'true' },
      });

      expect(row!.sameDayCount).toBe(1);
      // The first-appearance rule: on the same day (times are not compared) the source comes first;
      // the report, redated to the day before, comes first; two days apart, nothing ties.
      await service.updateDocumentMeta(report.meta.id, { publishedAt: '2026-08-14' });
      expect((await service.listClaims())[0]).toMatchObject({
        firstAppearance: { ref: ref(mayor, 'The Lindell reservoir') },
        sameDayCount: 1,
      });
      await service.updateDocumentMeta(report.meta.id, { publishedAt: '2026-08-13' });
      expect((await service.listClaims())[0]).toMatchObject({
        firstAppearance: { ref: ref(report, 'the Lindell reservoir'), date: '2026-08-13' },
        sameDayCount: 0,
      });
      await service.updateDocumentMeta(report.meta.id, { publishedAt: '2026-08-15' });
      const [later] = await service.listClaims();
      expect(later!.firstAppearance).toMatchObject({
        ref: ref(mayor, 'The Lindell reservoir'),
        date: '2026-08-14T08:30:00+02:00',
        outlet: 'City of Valmont',
      });
      expect(later!.outlets).toEqual(['City of Valmont', 'The Valley Courier']);

      await service.updateDocumentMeta(mayor.meta.id, { publishedAt: null });
      const claim = await service.getClaim(later!.claim.id);
      expect(claim.ok && claim.value.appearances.map((appearance) => [appearance.documentTitle, appearance.date])).toEqual([
        [report.meta.title, '2026-08-15'],
        [mayor.meta.title, undefined],
      ]);
      expect((await service.listClaims())[0]).toMatchObject({ undatedCount: 1 });
      await service.dispose();
    }));
});

describe('reading links and dependents', () => {
  it('lists a document’s links in reading order with both quotes, and the other end’s quote only while it is anchored', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, ministry } = await sampleWorkbench(dir);
      const views = await service.getLinks(report.meta.id);
      if (!views.ok) throw new Error(views.error.message);
      expect(views.value).toHaveLength(store.evidence.links.filter((link) => link.from.documentId === report.meta.id).length);
      expect(views.value.map((view) => view.here.start)).toEqual(views.value.map((view) => view.here.start).toSorted((a, b) => a - b));
      expect(views.value[0]).toMatchObject({
        local: 'from',
        link: { relation: 'source-of' },
        here: { documentId: report.meta.id, quote: expect.stringMatching(/^the Lindell reservoir/) },
        there: { documentId: mayor.meta.id, title: mayor.meta.title, quote: 'The Lindell reservoir stands at 18 percent of capacity.' },
      });
      expect(views.value[1]).toMatchObject({
        link: { relation: 'context' },
        there: { title: ministry.meta.title, quote: 'Lindell 19 percent' },
      });

      const fromMayor = await service.getLinks(mayor.meta.id);
      expect(fromMayor.ok && fromMayor.value.every((view) => view.local === 'to' && view.there.documentId === report.meta.id)).toBe(true);
      expect(await service.getLinks('no-such-document')).toMatchObject({ ok: false, error: { code: 'not-found' } });

      // A new version of the briefing without the reservoir figures: that annotation is orphaned,
      // keeps its id and its link, and the link no longer shows a quote for it.
      const text = ministry.text.replace(/Reservoir levels on 11 August[^\n]*\n/, '');
      const bytes = new TextEncoder().encode(text);
      const [outcome] = await service.importSources('job-new-version', [
        { name: 'briefing.txt', origin: 'test', size: bytes.length, versionOf: ministry.meta.id, read: async () => bytes },
      ]);
      expect(outcome).toMatchObject({ status: 'updated' });
      const after = await service.getLinks(report.meta.id);
      const context = after.ok
        ? after.value.find((view) => view.link.relation === 'context' && view.there.documentId === ministry.meta.id)
        : undefined;
      expect(context?.there).toEqual({
        documentId: ministry.meta.id,
        annotationId: context?.link.to.annotationId,
        title: ministry.meta.title,
      });
      expect(store.evidence.links).toHaveLength((await FolderStore.open(store.dir)).evidence.links.length);
      await service.dispose();
    }));

  it('says what deleting annotations or a document would take with it', () =>
    withTempDir(async (dir) => {
      const { service, store, report, mayor, ref } = await sampleWorkbench(dir);
      const reservoir = ref(report, 'the Lindell reservoir');
      const one = await service.getDependents({ annotations: [reservoir] });
      expect(one.links.map((link) => link.relation)).toEqual(['source-of', 'context']);
      expect(one.mentions).toMatchObject([{ claim: { id: store.evidence.claims[0]!.id }, refs: [reservoir], remaining: 1 }]);
      const whole = await service.getDependents({ documentId: mayor.meta.id });
      expect(whole.links.every((link) => link.to.documentId === mayor.meta.id)).toBe(true);
      expect(whole.links).toHaveLength(3);
      expect(whole.mentions).toMatchObject([{ remaining: 1 }]);
      await service.dispose();
    }));
});
