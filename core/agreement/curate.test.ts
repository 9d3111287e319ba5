import { describe, expect, it } from 'vitest';
import { textTarget, type Annotation } from '../model/annotation.ts';
import { curate, type CurationChoice } from './curate.ts';
import { listDisagreements } from './disagreements.ts';

const TEXT = 'The mayor said the reservoir is at 12 percent, the lowest since 1976.';
const annotation = (
  id: string,
  creator: string,
  start: number,
  end: number,
  tags: string[],
  more: Partial<Annotation> = {},
): Annotation => ({
  id,
  target: textTarget(TEXT, start, end),
  anchor: { state: 'exact' },
  tags,
  speaker: '',
  outlet: '',
  status: 'unverified',
  note: '',
  creator,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...more,
});

const ann = [annotation('a1', 'ann', 15, 45, ['statistic'], { speaker: 'Mayor', note: 'check the figure' })];
const bob = [annotation('b1', 'bob', 19, 68, ['claim', 'quote'], { status: 'refuted' })];
const all = [...ann, ...bob];
const [item] = listDisagreements(
  'd1',
  new Map([
    ['ann', ann],
    ['bob', bob],
  ]),
  ['ann', 'bob'],
);
const onlyAnn = listDisagreements('d1', new Map([['ann', ann]]), ['ann', 'bob'])[0]!;

const NOW = '2026-02-02T10:00:00.000Z';
const cases: { name: string; choice: CurationChoice; from?: typeof item; expected: Partial<Annotation>[] }[] = [
  {
    name: "accept ann's side",
    choice: { kind: 'accept', coder: 'ann' },
    expected: [{ target: ann[0]!.target, tags: ['statistic'], speaker: 'Mayor', status: 'unverified', note: 'check the figure' }],
  },
  {
    name: "accept bob's side",
    choice: { kind: 'accept', coder: 'bob' },
    expected: [{ target: bob[0]!.target, tags: ['claim', 'quote'], status: 'refuted' }],
  },
  {
    name: "merge: the first coder's span, every tag",
    choice: { kind: 'merge' },
    expected: [{ target: ann[0]!.target, tags: ['statistic', 'claim', 'quote'], speaker: 'Mayor', status: 'unverified' }],
  },
  { name: 'accept the side that marked nothing: nothing to write', choice: { kind: 'accept', coder: 'bob' }, from: onlyAnn, expected: [] },
];

describe('curate', () => {
  it('the disagreement under test names both sides', () => {
    expect(item?.kinds).toStrictEqual(['boundaries', 'tags', 'status', 'speaker']);
  });

  it.each(cases)('$name', ({ choice, from = item, expected }) => {
    let next = 0;
    const written = curate(from!, all, choice, { creator: 'curator', now: NOW, newId: () => `cur-${next++}` });
    expect(written).toHaveLength(expected.length);
    written.forEach((curated, index) => {
      expect(curated).toMatchObject({ ...expected[index], id: `cur-${index}`, creator: 'curator', created: NOW, modified: NOW });
    });
    // The coders' annotations are untouched.
    expect(all.map((one) => [one.id, one.creator, one.modified])).toStrictEqual([
      ['a1', 'ann', '2026-01-01T00:00:00.000Z'],
      ['b1', 'bob', '2026-01-01T00:00:00.000Z'],
    ]);
  });

  it('a named annotation missing from the list is a bug', () => {
    expect(() => curate(item!, ann, { kind: 'accept', coder: 'bob' }, { creator: 'curator', now: NOW, newId: () => 'x' })).toThrow(/b1/);
  });
});
