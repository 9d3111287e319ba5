import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../core/model/evidence.ts';
import { findClaims } from './claim-search.ts';

const claim = (id: string, statement: string, modified: string): Claim => ({
  id,
  statement,
  mentions: [],
  status: 'open',
  creator: '',
  created: '2026-12-01T00:00:00.000Z',
  modified,
});

const claims = [
  claim('a', 'The Kherson mayor said the city is under siege', '2026-12-01T10:00:00.000Z'),
  claim('b', 'Zelenskyy: the Dnipro dam was blown up', '2026-12-03T10:00:00.000Z'),
  claim('c', 'Mariupol’s mayor says 5,000 people died', '2026-12-02T10:00:00.000Z'),
];

describe('findClaims', () => {
  it('finds claims holding every word, whatever the case and accents', () => {
    expect(findClaims(claims, 'kherson MAYOR').map((found) => found.id)).toEqual(['a']);
    expect(findClaims(claims, 'mayor').map((found) => found.id)).toEqual(['c', 'a']);
    expect(findClaims([claim('d', 'Le préfet a démenti', '2026-12-01T00:00:00.000Z')], 'prefet DEMENTI')).toHaveLength(1);
  });

  it('lists every claim, most recently changed first, for an empty query', () => {
    expect(findClaims(claims, '  ').map((found) => found.id)).toEqual(['b', 'c', 'a']);
  });

  it('finds nothing when one word is missing', () => {
    expect(findClaims(claims, 'kherson dam')).toEqual([]);
  });
});
