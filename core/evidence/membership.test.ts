import { describe, expect, it } from 'vitest';
import { Claim, DEFAULT_VERDICT_SCALE } from '../model/evidence.ts';
import { claimsByAnnotation, describeMembership } from './membership.ts';

const TIME = '2026-12-01T10:00:00.000Z';
const claim = (id: string, statement: string, mentions: [string, string][], rating?: string) =>
  Claim.parse({
    id,
    statement,
    mentions: mentions.map(([documentId, annotationId]) => ({ documentId, annotationId })),
    created: TIME,
    modified: TIME,
    ...(rating && { verdict: { rating, date: '2026-12-01' } }),
  });

describe('claimsByAnnotation', () => {
  const claims = [
    claim(
      'c1',
      'Water use fell 12%',
      [
        ['d1', 'a1'],
        ['d2', 'b1'],
      ],
      'false',
    ),
    claim('c2', 'Rationing starts Monday', [
      ['d1', 'a2'],
      ['d1', 'a1'],
    ]),
    claim('c3', 'Gone from the scale', [['d1', 'a3']], 'retired'),
  ];

  it('lists, per annotation of the document, the claims it is in, with the verdict on the scale', () => {
    const map = claimsByAnnotation(claims, 'd1', DEFAULT_VERDICT_SCALE);
    expect([...map.keys()].sort()).toEqual(['a1', 'a2', 'a3']);
    expect(map.get('a1')).toEqual([
      { claimId: 'c1', statement: 'Water use fell 12%', verdict: { id: 'false', label: 'False', color: '#d64545' } },
      { claimId: 'c2', statement: 'Rationing starts Monday' },
    ]);
    expect(map.get('a2')).toEqual([{ claimId: 'c2', statement: 'Rationing starts Monday' }]);
  });

  it('keeps a rating that is no longer on the scale, by its id and without a colour', () => {
    expect(claimsByAnnotation(claims, 'd1', DEFAULT_VERDICT_SCALE).get('a3')).toEqual([
      { claimId: 'c3', statement: 'Gone from the scale', verdict: { id: 'retired', label: 'retired' } },
    ]);
  });

  it('ignores other documents, and gives nothing without a document', () => {
    expect([...claimsByAnnotation(claims, 'd2', DEFAULT_VERDICT_SCALE).keys()]).toEqual(['b1']);
    expect(claimsByAnnotation(claims, undefined, DEFAULT_VERDICT_SCALE).size).toBe(0);
  });
});

describe('describeMembership', () => {
  const cut = (text: string) => (text.length > 10 ? `${text.slice(0, 10)}…` : text);
  it.each([
    [[], ''],
    [[{ claimId: 'c', statement: 'Short' }], 'In claim “Short” · no verdict yet'],
    [[{ claimId: 'c', statement: 'A much longer statement', verdict: { id: 'true', label: 'True' } }], 'In claim “A much lon…” · True'],
    [
      [
        { claimId: 'c', statement: 'One' },
        { claimId: 'd', statement: 'Two' },
      ],
      'In 2 claims',
    ],
  ])('%j → %s', (memberships, expected) => {
    expect(describeMembership(memberships, cut)).toBe(expected);
  });
});
