import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE, EvidenceData, type AnnotationRef, type Claim, type EvidenceLink } from '../model/evidence.ts';
import { applyEvidenceEdits, type EvidenceEdit } from './edits.ts';
import {
  addMentions,
  createClaim,
  createLink,
  deleteClaim,
  deleteLinks,
  removeMentions,
  updateClaim,
  updateLink,
} from './evidence-operations.ts';
import { afterAnnotationsRemoved, claimsMentioning, dependentsOf, linksOf, linksOfAnnotation } from './references.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const NOW = '2026-02-01T12:00:00.000Z';

const ref = (documentId: string, annotationId: string): AnnotationRef => ({ documentId, annotationId });
const A1 = ref('doc-a', 'a1');
const A2 = ref('doc-a', 'a2');
const A3 = ref('doc-a', 'a3');
const B1 = ref('doc-b', 'b1');
const B2 = ref('doc-b', 'b2');
const C1 = ref('doc-c', 'c1');
const C2 = ref('doc-c', 'c2');
const GHOST = ref('doc-x', 'x1');

const known = new Set([A1, A2, A3, B1, B2, C1, C2].map((r) => `${r.documentId}/${r.annotationId}`));
const exists = (r: AnnotationRef): boolean => known.has(`${r.documentId}/${r.annotationId}`);
const creation = (id: string) => ({ id, creator: 'Ana', now: NOW, exists });

const link = (id: string, relation: EvidenceLink['relation'], from: AnnotationRef, to: AnnotationRef, created = T0): EvidenceLink => ({
  id,
  relation,
  from,
  to,
  note: '',
  creator: '',
  created,
  modified: created,
});
const claim = (id: string, mentions: AnnotationRef[], extra: Partial<Claim> = {}): Claim => ({
  id,
  statement: `Statement ${id}`,
  mentions,
  status: 'open',
  creator: '',
  created: T0,
  modified: T0,
  ...extra,
});

/** Frozen all the way down, so an operation that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const base: EvidenceData = deepFreeze({
  links: [link('l1', 'supports', A1, B1), link('l2', 'source-of', A2, C1), link('l3', 'context', B2, C2), link('l4', 'refutes', A1, C2)],
  claims: [
    claim('k1', [A1, B1]),
    claim('k2', [C1]),
    claim('k3', [A3, C2], { verdict: { rating: 'false', rationale: '', reviewer: '', date: '2026-01-05' } }),
  ],
});

function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}

describe('applyEvidenceEdits', () => {
  const operations: [string, () => EvidenceEdit[]][] = [
    ['create a link', () => valueOf(createLink(base, { relation: 'supports', from: A2, to: B2 }, creation('new'))).edits],
    [
      'create a same-claim link that joins a claim',
      () => valueOf(createLink(base, { relation: 'same-claim', from: C1, to: B2 }, creation('new'))).edits,
    ],
    ['edit a link in the middle', () => valueOf(updateLink(base, 'l2', { note: 'See paragraph 3' }, { now: NOW })).edits],
    ['delete a link in the middle', () => valueOf(deleteLinks(base, ['l2'])).edits],
    ['delete the first and third links', () => valueOf(deleteLinks(base, ['l3', 'l1'])).edits],
    ['create a claim', () => valueOf(createClaim(base, { statement: 'New', mentions: [B2] }, creation('k9'))).edits],
    [
      'give a claim a verdict',
      () =>
        valueOf(updateClaim(base, 'k2', { verdict: { rating: 'true', date: '2026-02-01' } }, { now: NOW, scale: DEFAULT_VERDICT_SCALE }))
          .edits,
    ],
    ['add mentions', () => valueOf(addMentions(base, 'k2', [A2, B2], { now: NOW, exists })).edits],
    ['remove a mention', () => valueOf(removeMentions(base, 'k1', [A1], { now: NOW })).edits],
    ['delete the claim in the middle', () => valueOf(deleteClaim(base, 'k2')).edits],
    ['remove a document', () => afterAnnotationsRemoved(base, { documentId: 'doc-a' })],
    ['remove annotations in two documents', () => afterAnnotationsRemoved(base, { annotations: [B1, C2] })],
  ];

  it.each(operations)('%s: undo restores the data exactly, redo gives the change again', (_name, makeEdits) => {
    const edits = makeEdits();
    expect(edits.length).toBeGreaterThan(0);
    const after = applyEvidenceEdits(base, edits, 'after');
    expect(after).not.toEqual(base);
    expect(EvidenceData.safeParse(after).success).toBe(true);
    const undone = applyEvidenceEdits(after, edits, 'before');
    expect(undone).toEqual(base);
    expect(applyEvidenceEdits(undone, edits, 'after')).toEqual(after);
  });

  it('replaces an item in place, appends a new one, and removes a removed one', () => {
    const edited = { ...base.links[1]!, note: 'x' };
    const added = link('l9', 'supports', A3, B2);
    const edits: EvidenceEdit[] = [
      { kind: 'link', id: 'l2', before: base.links[1], after: edited },
      { kind: 'link', id: 'l9', after: added },
      { kind: 'claim', id: 'k1', before: base.claims[0] },
    ];
    const after = applyEvidenceEdits(base, edits, 'after');
    expect(after.links.map((l) => l.id)).toEqual(['l1', 'l2', 'l3', 'l4', 'l9']);
    expect(after.links[1]).toBe(edited);
    expect(after.claims.map((c) => c.id)).toEqual(['k2', 'k3']);
  });

  it('undoes edits in reverse order, so an item edited twice in one step ends as it was first', () => {
    const first = { ...base.claims[0]!, statement: 'first' };
    const second = { ...base.claims[0]!, statement: 'second' };
    const edits: EvidenceEdit[] = [
      { kind: 'claim', id: 'k1', index: 0, before: base.claims[0], after: first },
      { kind: 'claim', id: 'k1', index: 0, before: first, after: second },
    ];
    expect(applyEvidenceEdits(base, edits, 'after').claims[0]!.statement).toBe('second');
    expect(applyEvidenceEdits(applyEvidenceEdits(base, edits, 'after'), edits, 'before')).toEqual(base);
  });

  it('puts a restored item at the end when its edit has no index', () => {
    const data = applyEvidenceEdits(base, [{ kind: 'link', id: 'l1', after: undefined }], 'after');
    const restored = applyEvidenceEdits(data, [{ kind: 'link', id: 'l1', before: base.links[0] }], 'before');
    expect(restored.links.map((l) => l.id)).toEqual(['l2', 'l3', 'l4', 'l1']);
  });
});

describe('createLink', () => {
  it('makes a link with the creator, times and an empty note', () => {
    const { link: made, edits, sameClaim } = valueOf(createLink(base, { relation: 'source-of', from: A3, to: C1 }, creation('l9')));
    expect(made).toEqual({ id: 'l9', relation: 'source-of', from: A3, to: C1, note: '', creator: 'Ana', created: NOW, modified: NOW });
    expect(edits).toEqual([{ kind: 'link', id: 'l9', index: 4, before: undefined, after: made }]);
    expect(sameClaim).toEqual({ kind: 'none' });
  });

  it("uses the window's id when it gives one, and keeps the note", () => {
    const { link: made } = valueOf(
      createLink(
        base,
        { id: 'f0e1d2c3-0000-4000-8000-000000000001', relation: 'supports', from: A3, to: B2, note: '**key**' },
        creation('l9'),
      ),
    );
    expect(made).toMatchObject({ id: 'f0e1d2c3-0000-4000-8000-000000000001', note: '**key**' });
  });

  it.each([
    ['an unknown relation', { relation: 'quotes', from: A3, to: B2 }, 'invalid', '"quotes" is not a link relation'],
    ['a link from an annotation to itself', { relation: 'supports', from: A3, to: { ...A3 } }, 'invalid', 'two different annotations'],
    ['an id with a space', { id: 'l 9', relation: 'supports', from: A3, to: B2 }, 'invalid', 'id'],
    ['an id already used', { id: 'l1', relation: 'supports', from: A3, to: B2 }, 'invalid', 'already a link with id "l1"'],
    [
      'a malformed annotation ref',
      { relation: 'supports', from: A3, to: { documentId: 'doc-b', annotationId: '' } },
      'invalid',
      'to.annotationId',
    ],
    ['a missing left annotation', { relation: 'supports', from: GHOST, to: B2 }, 'not-found', 'annotation x1 of document doc-x'],
    ['a missing right annotation', { relation: 'supports', from: A3, to: GHOST }, 'not-found', 'annotation x1 of document doc-x'],
    ['the same link again', { relation: 'supports', from: A1, to: B1 }, 'duplicate', 'already linked as "Supports" (link l1)'],
    ['a context link reversed', { relation: 'context', from: C2, to: B2 }, 'duplicate', 'link l3'],
  ])('refuses %s', (_name, input, code, message) => {
    const result = createLink(base, input, creation('l9'));
    expect(codeOf(result)).toBe(code);
    expect(result.ok ? '' : result.error.message).toContain(message);
  });

  it('treats a reversed same-claim link as a duplicate', () => {
    const data = applyEvidenceEdits(
      base,
      valueOf(createLink(base, { relation: 'same-claim', from: A2, to: B2 }, creation('l9'))).edits,
      'after',
    );
    expect(codeOf(createLink(data, { relation: 'same-claim', from: B2, to: A2 }, creation('l10')))).toBe('duplicate');
  });

  it.each([
    ['a directed link reversed', { relation: 'supports', from: B1, to: A1 }],
    ['another relation between the same spans', { relation: 'source-of', from: A1, to: B1 }],
    ['a link inside one document', { relation: 'context', from: A1, to: A2 }],
  ])('accepts %s', (_name, input) => {
    expect(createLink(base, input, creation('l9')).ok).toBe(true);
  });

  // base: k1 = [A1, B1], k2 = [C1], k3 = [A3, C2]; A2 and B2 are in no claim.
  it.each([
    ['left end in a claim, right in none', A1, B2, { kind: 'joined', claimId: 'k1', ref: B2 }, { k1: [A1, B1, B2] }],
    ['right end in a claim, left in none', A2, C1, { kind: 'joined', claimId: 'k2', ref: A2 }, { k2: [C1, A2] }],
    ['both ends in the same claim', A1, B1, { kind: 'already', claimId: 'k1' }, {}],
    ['the ends in different claims', A1, C1, { kind: 'conflict', claimIds: ['k1', 'k2'] }, {}],
    ['neither end in a claim', A2, B2, { kind: 'none' }, {}],
  ])('a same-claim link with %s', (_name, from, to, outcome, changedMentions) => {
    const { edits, sameClaim } = valueOf(createLink(base, { relation: 'same-claim', from, to }, creation('l9')));
    expect(sameClaim).toEqual(outcome);
    const after = applyEvidenceEdits(base, edits, 'after');
    for (const before of base.claims) {
      const now = after.claims.find((c) => c.id === before.id)!;
      const expected = (changedMentions as Record<string, AnnotationRef[]>)[before.id];
      expect(now.mentions).toEqual(expected ?? before.mentions);
      expect(now.modified).toBe(expected ? NOW : T0);
    }
    expect(edits.filter((edit) => edit.kind === 'claim')).toHaveLength(Object.keys(changedMentions).length);
  });

  it('joins no claim when one end is a mention of two claims', () => {
    const data = deepFreeze({ links: [], claims: [claim('k1', [A1]), claim('k2', [A1])] });
    const { edits, sameClaim } = valueOf(createLink(data, { relation: 'same-claim', from: B1, to: A1 }, creation('l9')));
    expect(sameClaim).toEqual({ kind: 'conflict', claimIds: ['k1', 'k2'] });
    expect(edits.map((edit) => edit.kind)).toEqual(['link']);
  });

  it.each(['supports', 'refutes', 'source-of', 'context'])('a %s link leaves claims alone', (relation) => {
    const { edits, sameClaim } = valueOf(createLink(base, { relation, from: A1, to: B2 }, creation('l9')));
    expect(sameClaim).toEqual({ kind: 'none' });
    expect(edits.map((edit) => edit.kind)).toEqual(['link']);
  });
});

describe('updateLink', () => {
  it('changes the note and the modified time, keeping the rest', () => {
    const { link: changed, edits } = valueOf(updateLink(base, 'l2', { note: 'Para. 3' }, { now: NOW }));
    expect(changed).toEqual({ ...base.links[1], note: 'Para. 3', modified: NOW });
    expect(edits).toEqual([{ kind: 'link', id: 'l2', index: 1, before: base.links[1], after: changed }]);
  });

  it('changes the relation', () => {
    expect(valueOf(updateLink(base, 'l1', { relation: 'refutes' }, { now: NOW })).link.relation).toBe('refutes');
  });

  it('makes no edit for a patch that changes nothing', () => {
    const { link: same, edits } = valueOf(updateLink(base, 'l1', { relation: 'supports', note: '' }, { now: NOW }));
    expect(edits).toEqual([]);
    expect(same).toBe(base.links[0]);
  });

  it('joins claims when the relation becomes same-claim', () => {
    const { edits, sameClaim } = valueOf(updateLink(base, 'l2', { relation: 'same-claim' }, { now: NOW }));
    expect(sameClaim).toEqual({ kind: 'joined', claimId: 'k2', ref: A2 });
    expect(applyEvidenceEdits(base, edits, 'after').claims[1]!.mentions).toEqual([C1, A2]);
  });

  it.each([
    ['an unknown link', 'l9', { note: 'x' }, 'not-found'],
    ['an unknown relation', 'l1', { relation: 'agrees' }, 'invalid'],
    ['a note over 100,000 characters', 'l1', { note: 'x'.repeat(100_001) }, 'invalid'],
  ])('refuses %s', (_name, id, patch, code) => {
    expect(codeOf(updateLink(base, id, patch, { now: NOW }))).toBe(code);
  });

  it('refuses a relation that would repeat another link', () => {
    const data = deepFreeze({ ...base, links: [...base.links, link('l5', 'refutes', A1, B1)] });
    expect(codeOf(updateLink(data, 'l1', { relation: 'refutes' }, { now: NOW }))).toBe('duplicate');
  });
});

describe('deleteLinks', () => {
  it('removes the links, each once', () => {
    const { edits } = valueOf(deleteLinks(base, ['l4', 'l1', 'l4']));
    expect(edits.map((edit) => [edit.id, edit.after])).toEqual([
      ['l4', undefined],
      ['l1', undefined],
    ]);
    expect(applyEvidenceEdits(base, edits, 'after').links.map((l) => l.id)).toEqual(['l2', 'l3']);
  });

  it('removes nothing when one of the links does not exist', () => {
    const result = deleteLinks(base, ['l1', 'l9']);
    expect(codeOf(result)).toBe('not-found');
    expect(result.ok ? '' : result.error.message).toContain('l9');
  });

  it('leaves the mentions a same-claim link added', () => {
    const created = valueOf(createLink(base, { relation: 'same-claim', from: A1, to: B2 }, creation('l9')));
    const data = applyEvidenceEdits(base, created.edits, 'after');
    const after = applyEvidenceEdits(data, valueOf(deleteLinks(data, ['l9'])).edits, 'after');
    expect(after.claims[0]!.mentions).toEqual([A1, B1, B2]);
  });
});

describe('createClaim', () => {
  it('makes an open claim from annotations, trimming the statement and dropping repeats', () => {
    const { claim: made, edits } = valueOf(
      createClaim(base, { statement: '  Taxes will not rise \n', mentions: [A2, B2, { ...A2 }] }, creation('k9')),
    );
    expect(made).toEqual({
      id: 'k9',
      statement: 'Taxes will not rise',
      mentions: [A2, B2],
      status: 'open',
      creator: 'Ana',
      created: NOW,
      modified: NOW,
    });
    expect(edits).toEqual([{ kind: 'claim', id: 'k9', index: 3, before: undefined, after: made }]);
  });

  it.each([
    ['no mentions', { statement: 'S', mentions: [] }, 'invalid'],
    ['a blank statement', { statement: '   ', mentions: [A2] }, 'invalid'],
    ['a statement over 2,000 characters', { statement: 'x'.repeat(2001), mentions: [A2] }, 'invalid'],
    ['an id already used', { id: 'k1', statement: 'S', mentions: [A2] }, 'invalid'],
    ['a missing annotation', { statement: 'S', mentions: [A2, GHOST] }, 'not-found'],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(createClaim(base, input, creation('k9')))).toBe(code);
  });
});

describe('updateClaim', () => {
  const context = { now: NOW, scale: DEFAULT_VERDICT_SCALE };

  it('sets a verdict, filling in an empty rationale and reviewer', () => {
    const { claim: changed } = valueOf(updateClaim(base, 'k2', { verdict: { rating: 'mostly-false', date: '2026-02-01' } }, context));
    expect(changed.verdict).toEqual({ rating: 'mostly-false', rationale: '', reviewer: '', date: '2026-02-01' });
    expect(changed.modified).toBe(NOW);
  });

  it('removes the verdict for null', () => {
    const { claim: changed } = valueOf(updateClaim(base, 'k3', { verdict: null }, context));
    expect(changed.verdict).toBeUndefined();
    expect('verdict' in changed).toBe(false);
  });

  it('accepts a rating of a custom scale', () => {
    const scale = [{ id: 'pants-on-fire', label: 'Pants on fire', color: '#ff0000' }];
    expect(
      valueOf(updateClaim(base, 'k2', { verdict: { rating: 'pants-on-fire', date: '2026-02-01' } }, { now: NOW, scale })).claim.verdict
        ?.rating,
    ).toBe('pants-on-fire');
  });

  it('keeps a verdict whose rating left the scale when another field changes', () => {
    const scale = [{ id: 'correct', label: 'Correct', color: '#00ff00' }];
    const { claim: changed } = valueOf(updateClaim(base, 'k3', { status: 'reviewed' }, { now: NOW, scale }));
    expect(changed).toMatchObject({ status: 'reviewed', verdict: { rating: 'false' } });
  });

  it('changes the statement and status, trimming the statement', () => {
    const { claim: changed } = valueOf(updateClaim(base, 'k1', { statement: ' New words ', status: 'researching' }, context));
    expect(changed).toMatchObject({ statement: 'New words', status: 'researching', mentions: [A1, B1] });
  });

  it.each([
    ['the same statement', { statement: 'Statement k3 ' }],
    ['the same verdict', { verdict: { rating: 'false', date: '2026-01-05' } }],
    ['an empty patch', {}],
  ])('makes no edit for %s', (_name, patch) => {
    const { claim: same, edits } = valueOf(updateClaim(base, 'k3', patch, context));
    expect(edits).toEqual([]);
    expect(same).toBe(base.claims[2]);
  });

  it.each([
    ['an unknown claim', 'k9', { status: 'open' }, 'not-found', 'no claim k9'],
    [
      'a rating outside the scale',
      'k1',
      { verdict: { rating: 'pants-on-fire', date: '2026-02-01' } },
      'invalid',
      '"pants-on-fire" is not a rating',
    ],
    ['a verdict without a valid date', 'k1', { verdict: { rating: 'true', date: '1 Feb 2026' } }, 'invalid', 'verdict.date'],
    ['an unknown status', 'k1', { status: 'done' }, 'invalid', '"done" is not a claim status'],
    ['a blank statement', 'k1', { statement: ' ' }, 'invalid', 'a claim needs a statement'],
  ])('refuses %s', (_name, id, patch, code, message) => {
    const result = updateClaim(base, id, patch, context);
    expect(codeOf(result)).toBe(code);
    expect(result.ok ? '' : result.error.message).toContain(message);
  });
});

describe('mentions', () => {
  it('adds only the new ones, once each', () => {
    const { claim: changed, added } = valueOf(addMentions(base, 'k1', [B1, B2, A2, { ...B2 }], { now: NOW, exists }));
    expect(added).toEqual([B2, A2]);
    expect(changed.mentions).toEqual([A1, B1, B2, A2]);
    expect(changed.modified).toBe(NOW);
  });

  it('makes no edit when every mention is there already', () => {
    expect(valueOf(addMentions(base, 'k1', [A1], { now: NOW, exists })).edits).toEqual([]);
  });

  it.each([
    ['an unknown claim', 'k9', [A2], 'not-found'],
    ['a missing annotation', 'k1', [A2, GHOST], 'not-found'],
    ['a malformed ref', 'k1', [{ documentId: 'doc a', annotationId: 'a1' }], 'invalid'],
  ])('refuses to add to %s', (_name, claimId, refs, code) => {
    expect(codeOf(addMentions(base, claimId, refs, { now: NOW, exists }))).toBe(code);
  });

  it('removes mentions and ignores those the claim does not have', () => {
    const { claim: changed, removed } = valueOf(removeMentions(base, 'k1', [B1, C1], { now: NOW }));
    expect(removed).toEqual([B1]);
    expect(changed.mentions).toEqual([A1]);
  });

  it('keeps a claim whose last mention is removed', () => {
    const { edits } = valueOf(removeMentions(base, 'k2', [C1], { now: NOW }));
    const after = applyEvidenceEdits(base, edits, 'after');
    expect(after.claims.map((c) => [c.id, c.mentions.length])).toEqual([
      ['k1', 2],
      ['k2', 0],
      ['k3', 2],
    ]);
  });

  it('refuses to remove from an unknown claim', () => {
    expect(codeOf(removeMentions(base, 'k9', [A1], { now: NOW }))).toBe('not-found');
  });

  it('deletes a claim, and refuses an unknown one', () => {
    expect(applyEvidenceEdits(base, valueOf(deleteClaim(base, 'k1')).edits, 'after').claims.map((c) => c.id)).toEqual(['k2', 'k3']);
    expect(codeOf(deleteClaim(base, 'k9'))).toBe('not-found');
  });

  it('finds the claims an annotation is a mention of', () => {
    expect(claimsMentioning(base, C2).map((c) => c.id)).toEqual(['k3']);
    expect(claimsMentioning(base, B2)).toEqual([]);
  });
});

describe('referential integrity', () => {
  it.each([
    ['one annotation', { annotations: [A1] }, ['l1', 'l4'], [['k1', [A1], 1]]],
    [
      'annotations in two documents',
      { annotations: [B1, C2] },
      ['l1', 'l3', 'l4'],
      [
        ['k1', [B1], 1],
        ['k3', [C2], 1],
      ],
    ],
    [
      'a document',
      { documentId: 'doc-c' },
      ['l2', 'l3', 'l4'],
      [
        ['k2', [C1], 0],
        ['k3', [C2], 1],
      ],
    ],
    ['an annotation nothing points at', { annotations: [A2, ref('doc-b', 'b9')] }, ['l2'], []],
    ['a document nothing points at', { documentId: 'doc-z' }, [], []],
  ])('deleting %s takes its links and mentions', (_name, target, linkIds, mentions) => {
    const dependents = dependentsOf(base, target);
    expect(dependents.links.map((l) => l.id)).toEqual(linkIds);
    expect(dependents.mentions.map((m) => [m.claim.id, m.refs, m.remaining])).toEqual(mentions);
  });

  it.each([
    ['doc-a', { documentId: 'doc-a' }],
    ['b1 and c2', { annotations: [B1, C2] }],
  ])('after removing %s nothing points at it, claims stay, and modified times stay', (_name, target) => {
    const edits = afterAnnotationsRemoved(base, target);
    const after = applyEvidenceEdits(base, edits, 'after');
    const gone = (r: AnnotationRef) =>
      'documentId' in target
        ? r.documentId === target.documentId
        : target.annotations.some((t) => t.documentId === r.documentId && t.annotationId === r.annotationId);
    expect(after.links.some((l) => gone(l.from) || gone(l.to))).toBe(false);
    expect(after.claims.some((c) => c.mentions.some(gone))).toBe(false);
    expect(after.claims.map((c) => c.id)).toEqual(['k1', 'k2', 'k3']);
    expect(after.claims.every((c) => c.modified === T0)).toBe(true);
  });

  it('makes no edits when nothing depends on the target', () => {
    expect(afterAnnotationsRemoved(base, { documentId: 'doc-z' })).toEqual([]);
  });
});

describe('linksOf', () => {
  const data = deepFreeze({
    links: [
      link('m1', 'refutes', B1, A2, '2026-01-03T00:00:00.000Z'),
      link('m2', 'supports', A3, C1),
      link('m3', 'supports', A2, C1, '2026-01-02T00:00:00.000Z'),
      link('m4', 'context', A1, A3),
      link('m5', 'supports', B1, C1),
      link('m6', 'supports', A2, B2, '2026-01-01T00:00:00.5Z'),
    ],
    claims: [],
  });
  const positions: Record<string, number> = { a1: 500, a2: 10, a3: 200 };

  it('lists the links of a document in reading order, then by relation, other document and age', () => {
    const ends = linksOf(data, 'doc-a', (r) => positions[r.annotationId]);
    expect(ends.map((end) => [end.link.id, end.local, end.here.annotationId, end.there.annotationId])).toEqual([
      ['m6', 'from', 'a2', 'b2'],
      ['m3', 'from', 'a2', 'c1'],
      ['m1', 'to', 'a2', 'b1'],
      ['m2', 'from', 'a3', 'c1'],
      ['m4', 'both', 'a1', 'a3'],
    ]);
  });

  it('puts annotations without a position last and groups links by annotation without positions', () => {
    expect(linksOf(data, 'doc-a', (r) => (r.annotationId === 'a3' ? 5 : undefined)).map((end) => end.link.id)).toEqual([
      'm2',
      'm4',
      'm6',
      'm3',
      'm1',
    ]);
    expect(linksOf(data, 'doc-a').map((end) => end.here.annotationId)).toEqual(['a1', 'a2', 'a2', 'a2', 'a3']);
  });

  it('does not list links between other documents', () => {
    expect(linksOf(data, 'doc-b').map((end) => end.link.id)).toEqual(['m5', 'm1', 'm6']);
    expect(linksOf(data, 'doc-z')).toEqual([]);
  });

  it('lists the links of one annotation with the side it is on', () => {
    expect(linksOfAnnotation(data, A2).map((end) => [end.link.id, end.local, end.there.documentId])).toEqual([
      ['m6', 'from', 'doc-b'],
      ['m3', 'from', 'doc-c'],
      ['m1', 'to', 'doc-b'],
    ]);
    expect(linksOfAnnotation(data, A3).map((end) => [end.link.id, end.local])).toEqual([
      ['m2', 'from'],
      ['m4', 'to'],
    ]);
  });
});
