import { describe, expect, it } from 'vitest';
import type { SearchGroup, SearchHit } from '../../../core/search/search-types.ts';
import { caretUnder, flatHits, hitInLabel, hitKey, moveIndex, snippetParts } from './search-hits.ts';

const hit = (documentId: string, start: number, annotationId?: string): SearchHit => ({
  documentId,
  start,
  end: start + 3,
  snippet: { text: 'a hit b', highlightStart: 2, highlightEnd: 5 },
  score: 1,
  ...(annotationId === undefined ? {} : { annotationId }),
});
const group = (documentId: string, hits: SearchHit[]): SearchGroup => ({
  documentId,
  title: documentId,
  score: 1,
  hitCount: hits.length,
  hits,
});

describe('the search view’s hits', () => {
  it('walks the hits group after group', () => {
    const groups = [group('d1', [hit('d1', 0), hit('d1', 9, 'a1')]), group('d2', [hit('d2', 4)])];
    expect(flatHits(groups).map(({ hit }) => hitKey(hit))).toEqual(['d1:0-3::', 'd1:9-12:a1:', 'd2:4-7::']);
  });

  it.each([
    [0, 1, 3, 1],
    [2, 1, 3, 2],
    [0, -1, 3, 0],
    [1, -Infinity, 3, 0],
    [0, Infinity, 3, 2],
    [-1, 1, 0, -1],
  ])('from %i by %d of %i goes to %i', (index, delta, count, expected) => {
    expect(moveIndex(index, delta, count)).toBe(expected);
  });

  it('cuts a snippet around its highlight', () => {
    expect(snippetParts({ text: '…said the figure was ten times bigger.', highlightStart: 21, highlightEnd: 30 })).toEqual([
      '…said the figure was ',
      'ten times',
      ' bigger.',
    ]);
  });

  it.each([
    ['reservoir "unclosed', 10, 'reservoir "unclosed', '          ^'],
    ['a\nb "c', 4, 'b "c', '  ^'],
    ['😀 "x', 3, '😀 "x', '  ^'],
  ])('puts a caret under the mistake in %j', (query, offset, line, caret) => {
    expect(caretUnder(query, offset)).toEqual({ line, caret });
  });
});

describe('hitInLabel', () => {
  const names: Record<string, string> = { statistic: 'Statistic', quote: 'Quote', claim: 'Claim' };
  const claims: Record<string, { claimId: string; statement: string; verdict?: { id: string; label: string } }[]> = {
    a: [{ claimId: 'c1', statement: 'The reservoir is at 18 percent', verdict: { id: 'false', label: 'False' } }],
    b: [{ claimId: 'c1', statement: 'The reservoir is at 18 percent', verdict: { id: 'false', label: 'False' } }],
    c: [{ claimId: 'c2', statement: 'Wells were promised' }],
  };
  const label = (annotations: { annotationId: string; tags: string[]; inside: boolean }[]) =>
    hitInLabel(
      annotations,
      (id) => names[id] ?? id,
      (id) => claims[id] ?? [],
    );
  it.each([
    [[], ''],
    [[{ annotationId: 'x', tags: ['statistic'], inside: true }], 'In Statistic'],
    [
      [
        { annotationId: 'x', tags: ['statistic', 'claim'], inside: true },
        { annotationId: 'y', tags: ['claim'], inside: true },
        { annotationId: 'z', tags: ['quote'], inside: false },
      ],
      'In Statistic, Claim · Overlaps Quote',
    ],
    [[{ annotationId: 'x', tags: [], inside: false }], 'Overlaps an annotation'],
    // Two annotations of one claim name it once; a tag no longer in the codebook shows its id.
    [
      [
        { annotationId: 'a', tags: ['gone'], inside: true },
        { annotationId: 'b', tags: ['quote'], inside: true },
      ],
      'In gone, Quote · In claim “The reservoir is at 18 percent” · False',
    ],
    [
      [
        { annotationId: 'a', tags: ['quote'], inside: true },
        { annotationId: 'c', tags: ['quote'], inside: false },
      ],
      'In Quote · Overlaps Quote · In 2 claims',
    ],
  ])('%o reads %s', (annotations, expected) => {
    expect(label(annotations)).toBe(expected);
  });
});
