import { describe, expect, it } from 'vitest';
import type { CheckedMatch, CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { Claim } from '../../../core/model/evidence.ts';
import { checkedMarks } from './checked-marks.ts';
import { attachedMessage, describeFigures, markTitle } from './match-descriptions.ts';

const fromArchive: CheckedMatch = {
  kind: 'archive',
  id: 'vc-1',
  text: 'The Lindell reservoir fell to 25 percent of its capacity this summer',
  rating: 'False',
  publisher: 'Valley Checks',
  score: 9.1,
  coverage: 0.41,
  level: 'suggestion',
  figures: [{ text: '18 percent', checked: '25 percent' }],
};
const ownClaim: CheckedMatch = {
  kind: 'claim',
  id: 'c1',
  text: 'The Lindell reservoir fell to 18 percent of capacity',
  rating: 'True',
  score: 14,
  coverage: 0.9,
  level: 'strong',
  figures: [],
};
const claim = (statement: string, verdict?: string): Claim =>
  ({
    id: 'new',
    statement,
    mentions: [],
    ...(verdict ? { verdict: { rating: verdict, date: '2026-08-16' } } : {}),
  }) as unknown as Claim;

describe('the words for “checked before”', () => {
  it('names each match’s rating, who checked it and how sure the match is, with the figures that differ', () => {
    expect(markTitle([ownClaim, fromArchive])).toBe(
      'Checked before: True (a claim in this workspace, strong match); False (Valley Checks, suggestion; figures differ: 18 percent against 25 percent). The Matches tab lists them.',
    );
    expect(markTitle([{ ...fromArchive, rating: undefined, publisher: undefined, figures: [] }])).toBe(
      'Checked before: no rating (the archive, suggestion). The Matches tab lists them.',
    );
  });

  it('says each pair of figures once', () => {
    expect(describeFigures([])).toBeUndefined();
    expect(
      describeFigures([
        { text: '480 missiles', checked: '500 missiles' },
        { text: '480 missiles', checked: '500 missiles' },
        { text: '2014', checked: '2015' },
      ]),
    ).toBe('480 missiles against 500 missiles; 2014 against 2015');
  });

  it.each<[string, Parameters<typeof attachedMessage>, string]>([
    [
      'a rating on the scale',
      ['sentence', fromArchive, { claim: claim(fromArchive.text, 'false') }, () => 'False'],
      'New claim “The Lindell reservoir fell to 25 percent of its capacity this summer” from the fact-check, verdict False, with the sentence as its mention. Ctrl+Z undoes it.',
    ],
    [
      'a rating not on the scale',
      [
        'selection',
        { kind: 'archive', rating: 'Pants on Fire' },
        { claim: claim('A shark on the highway'), unmatchedRating: 'Pants on Fire' },
        String,
      ],
      'New claim “A shark on the highway” from the fact-check, with no verdict: its rating “Pants on Fire” is not on the verdict scale (set one in the Claims view), with the selection as its mention. Ctrl+Z undoes it.',
    ],
    [
      'no rating',
      ['sentence', { kind: 'archive' }, { claim: claim('A shark on the highway') }, String],
      'New claim “A shark on the highway” from the fact-check (the fact-check has no rating), with the sentence as its mention. Ctrl+Z undoes it.',
    ],
    [
      'a claim of the workspace',
      ['sentence', ownClaim, { claim: claim(ownClaim.text, 'true') }, String],
      'Added the sentence to the claim “The Lindell reservoir fell to 18 percent of capacity”. Ctrl+Z undoes it.',
    ],
  ])('after attaching: %s', (_case, args, message) => {
    expect(attachedMessage(...args)).toBe(message);
  });
});

describe('the reader’s marks', () => {
  const sentence = (start: number, end: number, matches: CheckedMatch[]): CheckedSentence => ({ start, end, matches });
  it('marks each matched sentence, strong when any match is, and none past the end of the text', () => {
    const marks = checkedMarks(
      [sentence(0, 40, [fromArchive]), sentence(41, 90, [fromArchive, ownClaim]), sentence(95, 140, [fromArchive])],
      120,
    );
    expect(marks.map(({ start, end, className }) => [start, end, className])).toEqual([
      [0, 40, 'cb-checked-suggestion'],
      [41, 90, 'cb-checked-strong'],
    ]);
    expect(marks[0]!.title).toMatch(/^Checked before: False \(Valley Checks, suggestion/);
    expect(checkedMarks([sentence(0, 10, [])], 100)).toEqual([]);
  });
});
