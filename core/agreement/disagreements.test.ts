import { describe, expect, it } from 'vitest';
import { listAgreements, listDisagreements, type ComparedAnnotation, type DisagreementKind } from './disagreements.ts';

const a = (
  id: string,
  start: number,
  end: number,
  tags: string[] = ['claim'],
  more: Partial<ComparedAnnotation> = {},
): ComparedAnnotation => ({ id, target: { start, end }, tags, status: 'unverified', speaker: '', ...more });

type Coded = Record<string, ComparedAnnotation[]>;
const cases: {
  name: string;
  coded: Coded;
  coders?: string[];
  tagIds?: string[];
  expected: { kinds: DisagreementKind[]; ids: string[][]; start: number; end: number }[];
}[] = [
  {
    name: 'the same spans, tags, status and speaker: nothing to list',
    coded: { ann: [a('a1', 0, 5)], bob: [a('b1', 0, 5)] },
    expected: [],
  },
  {
    name: 'only one coder marked it',
    coded: { ann: [a('a1', 0, 5)], bob: [] },
    expected: [{ kinds: ['marked-by-some'], ids: [['a1'], []], start: 0, end: 5 }],
  },
  {
    name: 'different tags',
    coded: { ann: [a('a1', 0, 5, ['claim'])], bob: [a('b1', 0, 5, ['quote'])] },
    expected: [{ kinds: ['tags'], ids: [['a1'], ['b1']], start: 0, end: 5 }],
  },
  {
    name: 'the same tags in another order agree',
    coded: { ann: [a('a1', 0, 5, ['claim', 'quote'])], bob: [a('b1', 0, 5, ['quote', 'claim'])] },
    expected: [],
  },
  {
    name: 'different boundaries, overlapping',
    coded: { ann: [a('a1', 0, 5)], bob: [a('b1', 2, 8)] },
    expected: [{ kinds: ['boundaries'], ids: [['a1'], ['b1']], start: 0, end: 8 }],
  },
  {
    name: 'different status',
    coded: { ann: [a('a1', 0, 5)], bob: [a('b1', 0, 5, ['claim'], { status: 'refuted' })] },
    expected: [{ kinds: ['status'], ids: [['a1'], ['b1']], start: 0, end: 5 }],
  },
  {
    name: 'different speaker',
    coded: { ann: [a('a1', 0, 5, ['claim'], { speaker: 'Mayor' })], bob: [a('b1', 0, 5)] },
    expected: [{ kinds: ['speaker'], ids: [['a1'], ['b1']], start: 0, end: 5 }],
  },
  {
    name: 'boundaries and tags at once',
    coded: { ann: [a('a1', 0, 5, ['claim'])], bob: [a('b1', 1, 5, ['quote'])] },
    expected: [{ kinds: ['boundaries', 'tags'], ids: [['a1'], ['b1']], start: 0, end: 5 }],
  },
  {
    // Same spans, tags swapped between them: the union per coder is equal, the spans are not.
    name: 'tags swapped between two spans',
    coded: { ann: [a('a1', 0, 5, ['claim']), a('a2', 3, 9, ['quote'])], bob: [a('b1', 0, 5, ['quote']), a('b2', 3, 9, ['claim'])] },
    expected: [
      {
        kinds: ['tags'],
        ids: [
          ['a1', 'a2'],
          ['b1', 'b2'],
        ],
        start: 0,
        end: 9,
      },
    ],
  },
  {
    name: 'separate regions, in text order; touching spans are separate',
    coded: { ann: [a('a2', 10, 15), a('a1', 0, 5)], bob: [a('b1', 0, 5), a('b3', 15, 20)] },
    expected: [
      { kinds: ['marked-by-some'], ids: [['a2'], []], start: 10, end: 15 },
      { kinds: ['marked-by-some'], ids: [[], ['b3']], start: 15, end: 20 },
    ],
  },
  {
    name: 'three coders: two agree, one did not mark it',
    coders: ['ann', 'bob', 'cy'],
    coded: { ann: [a('a1', 0, 5)], bob: [a('b1', 0, 5)] },
    expected: [{ kinds: ['marked-by-some'], ids: [['a1'], ['b1'], []], start: 0, end: 5 }],
  },
  {
    name: 'orphaned annotations are left out',
    coded: { ann: [a('a1', 0, 5)], bob: [a('b1', 0, 5), a('b2', 0, 9, ['claim'], { anchor: { state: 'orphaned' } })] },
    expected: [],
  },
  {
    name: 'only the chosen tags count',
    tagIds: ['claim'],
    coded: { ann: [a('a1', 0, 5), a('a2', 20, 30, ['quote'])], bob: [a('b1', 0, 5)] },
    expected: [],
  },
];

describe('listDisagreements', () => {
  it.each(cases)('$name', ({ coded, coders = ['ann', 'bob'], tagIds, expected }) => {
    const found = listDisagreements('d1', new Map(Object.entries(coded)), coders, tagIds === undefined ? undefined : new Set(tagIds));
    expect(
      found.map(({ kinds, sides, start, end }) => ({ kinds, ids: sides.map((side) => side.annotationIds), start, end })),
    ).toStrictEqual(expected);
    for (const item of found) {
      expect(item.documentId).toBe('d1');
      expect(item.sides.map((side) => side.coder)).toStrictEqual(coders);
    }
  });
});

describe('listAgreements', () => {
  it('lists the regions where every coder has the same spans, tags, status and speaker, in text order', () => {
    const coded = {
      ann: [a('a1', 0, 5), a('a2', 10, 15, ['quote']), a('a3', 20, 25), a('a4', 30, 35, ['claim', 'quote'])],
      bob: [a('b1', 0, 5), a('b2', 10, 15, ['claim']), a('b4', 30, 35, ['quote', 'claim'])],
    };
    const agreed = listAgreements('d1', new Map(Object.entries(coded)), ['ann', 'bob']);
    expect(agreed.map(({ start, end, sides }) => ({ start, end, ids: sides.map((side) => side.annotationIds) }))).toStrictEqual([
      { start: 0, end: 5, ids: [['a1'], ['b1']] },
      { start: 30, end: 35, ids: [['a4'], ['b4']] },
    ]);
  });

  it.each(cases)('with the disagreements, covers every region once: $name', ({ coded, coders = ['ann', 'bob'], tagIds }) => {
    const byCoder = new Map(Object.entries(coded));
    const tags = tagIds === undefined ? undefined : new Set(tagIds);
    const regions = [...listAgreements('d1', byCoder, coders, tags), ...listDisagreements('d1', byCoder, coders, tags)];
    const named = regions.flatMap((region) => region.sides.flatMap((side) => side.annotationIds)).sort();
    const counted = coders
      .flatMap((coder) => coded[coder] ?? [])
      .filter((one) => one.anchor?.state !== 'orphaned' && (tags === undefined || one.tags.some((tag) => tags.has(tag))))
      .map((one) => one.id)
      .sort();
    expect(named).toStrictEqual(counted);
  });
});
