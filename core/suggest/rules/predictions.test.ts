import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../suggest.ts';

function predictions(text: string): [string, string | undefined][] {
  return suggestClaims(text, { kinds: ['prediction'] }).map((s) => [s.text, s.speaker]);
}

describe('predictions', () => {
  it.each([
    [
      'will, in reported speech',
      'Chen said claims would likely take months to settle.',
      [['claims would likely take months to settle', 'Chen']],
    ],
    [
      'could, up to a comma',
      'Schools could be asked to close for 21 days, as the guidance allows.',
      [['Schools could be asked to close for 21 days', undefined]],
    ],
    ['expected to', 'More rain is expected to fall over the valley.', [['More rain is expected to fall over the valley', undefined]]],
    ['after ", and"', 'Every hour counts, and we will not take chances.', [['we will not take chances', undefined]]],
    [
      'could not, of what is to come',
      'Engineers warned the dam could not withstand another storm.',
      [['the dam could not withstand another storm', 'Engineers']],
    ],
  ])('%s', (_, text, expected) => {
    expect(predictions(text)).toEqual(expected);
  });

  it.each([
    ['Without them, the numbers would have been different.'],
    ['Will schools close?'],
    ['In May the river rose.'],
    // What someone could not or would not check is a past fact, not a prediction.
    ['Losses reached 30 million euros, a figure the Courier could not independently verify.'],
    ['The company would not confirm the number of layoffs.'],
    ['A spokesman could not be reached for comment.'],
  ])('finds none in %s', (text) => {
    expect(predictions(text)).toEqual([]);
  });
});
