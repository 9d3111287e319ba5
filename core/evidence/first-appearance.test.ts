import { describe, expect, it } from 'vitest';
import { compareAppearances, dayOf, sameDayAsFirst, type Ranked } from './first-appearance.ts';

const mention = (documentId: string, extra: Partial<Ranked> = {}): Ranked => ({
  role: 'claim',
  firstImportedAt: '2026-12-01T10:00:00.000Z',
  documentId,
  start: 0,
  annotationId: 'a',
  ...extra,
});

const order = (mentions: readonly Ranked[]) => [...mentions].sort(compareAppearances).map((m) => `${m.documentId}/${m.annotationId}`);

describe('compareAppearances (the first-appearance rule)', () => {
  it.each<[string, Ranked[], string[]]>([
    [
      'the earliest day wins, whatever the role or import',
      [mention('roundup', { date: '2026-12-02', role: 'source' }), mention('article', { date: '2026-12-01' })],
      ['article/a', 'roundup/a'],
    ],
    [
      'on the same day a source comes before a claim document',
      [mention('article', { date: '2026-12-01' }), mention('transcript', { date: '2026-12-01', role: 'source' })],
      ['transcript/a', 'article/a'],
    ],
    [
      'times within a day are not compared: the source still comes first',
      [
        mention('blog', { date: '2026-12-01T08:00:00Z' }),
        mention('transcript', { date: '2026-12-01T16:00:00Z', role: 'source' }),
        mention('article', { date: '2026-12-01' }),
      ],
      ['transcript/a', 'article/a', 'blog/a'],
    ],
    [
      'same day and role: the document first imported (its first version)',
      [
        mention('b', { date: '2026-12-01', firstImportedAt: '2026-12-03T00:00:00.000Z' }),
        mention('a', { date: '2026-12-01', firstImportedAt: '2026-12-04T00:00:00.000Z' }),
      ],
      ['b/a', 'a/a'],
    ],
    [
      'same import time: the document id, then the place in the document, then the annotation id',
      [
        mention('b', { date: '2026-12-01' }),
        mention('a', { date: '2026-12-01', start: 40, annotationId: 'x' }),
        mention('a', { date: '2026-12-01', start: 5, annotationId: 'z' }),
        mention('a', { date: '2026-12-01', start: 5, annotationId: 'y' }),
      ],
      ['a/y', 'a/z', 'a/x', 'b/a'],
    ],
    [
      'undated mentions come last, ordered by the same rule',
      [mention('undated-claim'), mention('undated-source', { role: 'source' }), mention('dated', { date: '2030-01-01' })],
      ['dated/a', 'undated-source/a', 'undated-claim/a'],
    ],
    [
      'the day is the UTC day: 23:30 on 4 March in Paris is 4 March, 23:30 on 4 March in Brazil is 5 March',
      [mention('brazil', { date: '2024-03-04T23:30:00-02:00', role: 'source' }), mention('paris', { date: '2024-03-05T00:30:00+01:00' })],
      ['paris/a', 'brazil/a'],
    ],
  ])('%s', (_, mentions, expected) => {
    expect(order(mentions)).toEqual(expected);
    // Stable: the order the mentions arrive in changes nothing.
    expect(order([...mentions].reverse())).toEqual(expected);
  });
});

describe('dayOf', () => {
  it('gives the same day to a date and to a time on it, and none to an undated document', () => {
    expect(dayOf('2026-12-01')).toBe(dayOf('2026-12-01T23:59:59Z'));
    expect(dayOf('2026-12-01')).not.toBe(dayOf('2026-12-02'));
    expect(dayOf(undefined)).toBeUndefined();
    expect(dayOf('not a date')).toBeUndefined();
  });
});

describe('sameDayAsFirst', () => {
  it('counts the other documents published on the first appearance’s day', () => {
    const ordered = [
      mention('transcript', { date: '2026-12-01', role: 'source' }),
      mention('transcript', { date: '2026-12-01', role: 'source', annotationId: 'b' }),
      mention('roundup', { date: '2026-12-01' }),
      mention('article', { date: '2026-12-02' }),
    ].sort(compareAppearances);
    expect(sameDayAsFirst(ordered)).toBe(1);
    expect(sameDayAsFirst(ordered.slice(0, 2))).toBe(0);
    expect(sameDayAsFirst([mention('undated'), mention('other')])).toBe(0);
    expect(sameDayAsFirst([])).toBe(0);
  });
});
