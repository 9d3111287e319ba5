import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Claim,
  DEFAULT_VERDICT_SCALE,
  EMPTY_EVIDENCE,
  EvidenceData,
  EvidenceLink,
  LINK_RELATIONS,
  LinkRelation,
  VerdictRating,
  VerdictScale,
  linkKey,
  type AnnotationRef,
} from './evidence.ts';

const now = '2026-01-01T00:00:00.000Z';
const a: AnnotationRef = { documentId: 'doc-a', annotationId: 'a1' };
const b: AnnotationRef = { documentId: 'doc-b', annotationId: 'b1' };
const c: AnnotationRef = { documentId: 'doc-b', annotationId: 'b2' };

const link = (id: string, relation: LinkRelation, from: AnnotationRef, to: AnnotationRef) => ({
  id,
  relation,
  from,
  to,
  created: now,
  modified: now,
});
const claim = (id: string, mentions: AnnotationRef[]) => ({ id, statement: 'Taxes will not rise', mentions, created: now, modified: now });

describe('EvidenceData', () => {
  it('accepts the empty data and fills in defaults', () => {
    expect(EvidenceData.parse(EMPTY_EVIDENCE)).toEqual({ links: [], claims: [] });
    const parsed = EvidenceData.parse({ links: [link('l1', 'supports', a, b)], claims: [claim('c1', [a])] });
    expect(parsed.links[0]).toMatchObject({ note: '', creator: '' });
    expect(parsed.claims[0]).toMatchObject({ status: 'open', creator: '' });
    expect(parsed.claims[0]!.verdict).toBeUndefined();
  });

  it.each([
    ['two links with one id', { links: [link('l1', 'supports', a, b), link('l1', 'refutes', a, c)], claims: [] }, 'duplicate link id "l1"'],
    ['two claims with one id', { links: [], claims: [claim('c1', [a]), claim('c1', [b])] }, 'duplicate claim id "c1"'],
    ['a link from an annotation to itself', { links: [link('l1', 'supports', a, { ...a })], claims: [] }, 'links an annotation to itself'],
    ['the same link twice', { links: [link('l1', 'supports', a, b), link('l2', 'supports', a, b)], claims: [] }, 'link l2 repeats link l1'],
    [
      'a symmetric link twice, reversed',
      { links: [link('l1', 'same-claim', a, b), link('l2', 'same-claim', b, a)], claims: [] },
      'link l2 repeats link l1',
    ],
    [
      'a context link twice, reversed',
      { links: [link('l1', 'context', a, b), link('l2', 'context', b, a)], claims: [] },
      'link l2 repeats link l1',
    ],
    ['a mention listed twice', { links: [], claims: [claim('c1', [a, b, { ...a }])] }, 'claim c1 lists a mention twice'],
  ])('rejects %s', (_name, data, message) => {
    const result = EvidenceData.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toContain(message);
  });

  it.each([
    ['a directed link and its reverse', [link('l1', 'supports', a, b), link('l2', 'supports', b, a)]],
    ['two relations between the same spans', [link('l1', 'supports', a, b), link('l2', 'source-of', a, b)]],
    ['a link inside one document', [link('l1', 'context', b, c)]],
  ])('accepts %s', (_name, links) => {
    expect(EvidenceData.safeParse({ links, claims: [] }).success).toBe(true);
  });

  it('accepts one annotation in two claims (a sentence can make two claims)', () => {
    expect(EvidenceData.safeParse({ links: [], claims: [claim('c1', [a]), claim('c2', [a])] }).success).toBe(true);
  });

  it('keeps its checks when wrapped with a schema version, as stored-files.ts does', () => {
    const File = EvidenceData.safeExtend({ schemaVersion: z.literal(1) });
    expect(File.safeParse({ schemaVersion: 1, links: [], claims: [] }).success).toBe(true);
    expect(File.safeParse({ schemaVersion: 1, links: [link('l1', 'supports', a, a)], claims: [] }).success).toBe(false);
  });
});

describe('EvidenceLink', () => {
  it.each([
    ['an unknown relation', { relation: 'quotes' }],
    ['a bad annotation id', { to: { documentId: 'doc-b', annotationId: 'b 1' } }],
    ['a note over 100,000 characters', { note: 'x'.repeat(100_001) }],
    ['a date without a time', { created: '2026-01-01' }],
  ])('rejects %s', (_name, change) => {
    expect(EvidenceLink.safeParse({ ...link('l1', 'supports', a, b), ...change }).success).toBe(false);
  });
});

describe('Claim', () => {
  it('trims its statement', () => {
    expect(Claim.parse({ ...claim('c1', [a]), statement: '  Taxes will not rise \n' }).statement).toBe('Taxes will not rise');
  });

  it.each([
    ['an empty statement', { statement: '' }],
    ['a statement of only spaces', { statement: ' \n\t ' }],
    ['a statement over 2,000 characters', { statement: 'x'.repeat(2001) }],
    ['an unknown status', { status: 'done' }],
    ['a verdict without a date', { verdict: { rating: 'true' } }],
    ['a verdict dated with a time', { verdict: { rating: 'true', date: '2026-01-01T00:00:00Z' } }],
  ])('rejects %s', (_name, change) => {
    expect(Claim.safeParse({ ...claim('c1', [a]), ...change }).success).toBe(false);
  });

  it('keeps a verdict whose rating is not in the default scale (scales are configurable)', () => {
    const parsed = Claim.parse({ ...claim('c1', [a]), verdict: { rating: 'pants-on-fire', date: '2026-01-02' } });
    expect(parsed.verdict).toEqual({ rating: 'pants-on-fire', rationale: '', reviewer: '', date: '2026-01-02' });
  });

  it('allows a claim with no mentions left', () => {
    expect(Claim.safeParse(claim('c1', [])).success).toBe(true);
  });
});

describe('verdict scale', () => {
  it('the default scale is a valid scale', () => {
    expect(VerdictScale.safeParse(DEFAULT_VERDICT_SCALE).success).toBe(true);
  });

  it.each([
    ['an empty scale', []],
    ['a repeated id', [DEFAULT_VERDICT_SCALE[0], DEFAULT_VERDICT_SCALE[0]]],
    ['the reserved id "none"', [{ id: 'none', label: 'None', color: '#000000' }]],
    ['an uppercase id', [{ id: 'True', label: 'True', color: '#000000' }]],
    ['a short colour', [{ id: 'true', label: 'True', color: '#000' }]],
  ])('rejects %s', (_name, scale) => {
    expect(VerdictScale.safeParse(scale).success).toBe(false);
  });

  it('rejects a rating with an empty label', () => {
    expect(VerdictRating.safeParse({ id: 'x', label: '', color: '#000000' }).success).toBe(false);
  });
});

describe('LINK_RELATIONS and linkKey', () => {
  it('describes every relation once', () => {
    expect(LINK_RELATIONS.map((relation) => relation.id).sort()).toEqual([...LinkRelation.options].sort());
    for (const relation of LINK_RELATIONS) expect(relation.description.length).toBeGreaterThan(10);
  });

  it.each([
    ['supports', false],
    ['refutes', false],
    ['source-of', false],
    ['same-claim', true],
    ['context', true],
  ] as const)('%s reversed is the same link: %s', (relation, same) => {
    expect(linkKey({ relation, from: a, to: b }) === linkKey({ relation, from: b, to: a })).toBe(same);
    expect(LINK_RELATIONS.find((info) => info.id === relation)?.symmetric).toBe(same);
  });
});
