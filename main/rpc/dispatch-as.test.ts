// A team member's call through dispatchAs: refused before the service sees it when the role does not
// allow it, and otherwise run as the member, whose name what it makes records as its creator.
import { describe, expect, it, vi } from 'vitest';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { Claim } from '../../core/model/evidence.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import type { Actor } from '../team/actor.ts';
import { serviceCreatorLookup } from './creator-lookup.ts';
import { dispatch, dispatchAs } from './dispatch.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'reviewer' };
const cy: Actor = { userId: 'u-cy', name: 'Cy', role: 'admin' };

function valueOf<T>(result: { ok: boolean; value?: unknown }): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  const inner = result.value as { ok: boolean; value: T };
  if (!inner.ok) throw new Error(`failed: ${JSON.stringify(inner)}`);
  return inner.value;
}

describe('dispatchAs', () => {
  it("records the caller as the creator of annotations and claims, each call its own caller's even when they run together", () =>
    withTempDir(async (dir) => {
      const { service, report, span } = await sampleWorkbench(dir);
      const lookup = serviceCreatorLookup(service);
      const mark = (actor: Actor, phrase: string) => {
        const { start, end } = span(report, phrase);
        return dispatchAs(service, actor, 'createAnnotation', [report.meta.id, { start, end, tags: [] }], lookup);
      };
      const [byAna, byBen] = await Promise.all([mark(ana, 'Nadia Okafor'), mark(ben, 'Lindell reservoir')]);
      expect(valueOf<Annotation>(byAna).creator).toBe('Ana');
      expect(valueOf<Annotation>(byBen).creator).toBe('Ben');
      const mention = { documentId: report.meta.id, annotationId: valueOf<Annotation>(byAna).id };
      const claim = await dispatchAs(service, ana, 'createClaim', [{ statement: 'A claim', mentions: [mention] }], lookup);
      expect(valueOf<Claim>(claim).creator).toBe('Ana');
      // Outside a team call, the workspace's analyst name as before.
      const { start, end } = span(report, 'Teresa Albescu');
      const local = await dispatch(service, 'createAnnotation', [report.meta.id, { start, end, tags: [] }]);
      expect(valueOf<Annotation>(local).creator).toBe('');
      await service.dispose();
    }));

  it("refuses an analyst's edit of another's annotation before the service sees it, and lets a reviewer make it", () =>
    withTempDir(async (dir) => {
      const { service, report, span } = await sampleWorkbench(dir);
      const lookup = serviceCreatorLookup(service);
      const { start, end } = span(report, 'Nadia Okafor');
      const made = valueOf<Annotation>(
        await dispatchAs(service, ben, 'createAnnotation', [report.meta.id, { start, end, tags: [] }], lookup),
      );
      const update = vi.spyOn(service, 'updateAnnotation');
      const refused = await dispatchAs(service, ana, 'updateAnnotation', [report.meta.id, made.id, { note: 'mine now' }], lookup);
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message:
            "updateAnnotation: this annotation was made by someone else; changing others' annotations needs the reviewer role or above",
        },
      });
      expect(update).not.toHaveBeenCalled();
      const deleted = await dispatchAs(service, ana, 'deleteAnnotation', [report.meta.id, made.id], lookup);
      expect(deleted.ok).toBe(false);

      const own = valueOf<Annotation>(
        await dispatchAs(service, ana, 'createAnnotation', [report.meta.id, { start, end, tags: [] }], lookup),
      );
      expect(
        valueOf<Annotation>(await dispatchAs(service, ana, 'updateAnnotation', [report.meta.id, own.id, { note: 'a' }], lookup)).note,
      ).toBe('a');
      expect(
        valueOf<Annotation>(await dispatchAs(service, ben, 'updateAnnotation', [report.meta.id, own.id, { note: 'b' }], lookup)).note,
      ).toBe('b');
      expect(update).toHaveBeenCalledTimes(2);
      await service.dispose();
    }));

  it("keeps a claim's statement to its maker and its verdict to reviewers", () =>
    withTempDir(async (dir) => {
      const { service, report, span } = await sampleWorkbench(dir);
      const lookup = serviceCreatorLookup(service);
      const dee: Actor = { userId: 'u-dee', name: 'Dee', role: 'analyst' };
      const { start, end } = span(report, 'Nadia Okafor');
      const marked = valueOf<Annotation>(
        await dispatchAs(service, ana, 'createAnnotation', [report.meta.id, { start, end, tags: [] }], lookup),
      );
      const mentions = [{ documentId: report.meta.id, annotationId: marked.id }];
      const claim = valueOf<Claim>(await dispatchAs(service, ana, 'createClaim', [{ statement: 'A claim', mentions }], lookup));
      const verdict = { verdict: { rating: 'false', date: '2026-08-15' } };
      expect((await dispatchAs(service, dee, 'updateClaim', [claim.id, { statement: 'Mine' }], lookup)).ok).toBe(false);
      expect((await dispatchAs(service, dee, 'deleteClaim', [claim.id], lookup)).ok).toBe(false);
      expect((await dispatchAs(service, ana, 'updateClaim', [claim.id, verdict], lookup)).ok).toBe(false);
      expect(valueOf<Claim>(await dispatchAs(service, ana, 'updateClaim', [claim.id, { statement: 'Better' }], lookup)).statement).toBe(
        'Better',
      );
      const judged = await dispatchAs(service, ben, 'updateClaim', [claim.id, verdict], lookup);
      expect(judged.ok).toBe(true);
      const stored = await service.getClaim(claim.id);
      expect(stored.ok && stored.value.claim.verdict).toMatchObject({ rating: 'false', reviewer: 'Ben' });
      await service.dispose();
    }));

  it('refuses a call the role does not allow, naming the role, and leaves the workspace as it was', () =>
    withTempDir(async (dir) => {
      const { service } = await sampleWorkbench(dir);
      const lookup = serviceCreatorLookup(service);
      const tagsBefore = await service.getTagUsage();
      const addTag = vi.spyOn(service, 'addTag');
      for (const actor of [ana, ben]) {
        const refused = await dispatchAs(service, actor, 'addTag', [{ name: 'New tag', color: '#336699' }], lookup);
        expect(!refused.ok && refused.error).toEqual({
          code: 'forbidden',
          message: `addTag needs the admin role or above; ${actor.name} is ${actor === ana ? 'an analyst' : 'a reviewer'}`,
        });
      }
      expect(addTag).not.toHaveBeenCalled();
      expect(await service.getTagUsage()).toEqual(tagsBefore);
      expect((await dispatchAs(service, cy, 'addTag', [{ name: 'New tag', color: '#336699' }], lookup)).ok).toBe(true);
      await service.dispose();
    }));

  it('answers an unknown method or bad arguments as dispatch does, without asking who made what', async () => {
    const lookup = { creatorsOf: vi.fn(async () => []) };
    const service = {} as WorkbenchService;
    const unknown = await dispatchAs(service, ana, 'toString', [], lookup);
    expect(!unknown.ok && unknown.error.code).toBe('unknown-method');
    const invalid = await dispatchAs(service, ana, 'updateAnnotation', ['has space', 'a1', {}], lookup);
    expect(!invalid.ok && invalid.error.code).toBe('invalid-arguments');
    expect(lookup.creatorsOf).not.toHaveBeenCalled();
  });
});
