import { describe, expect, it } from 'vitest';
import { figuresThatDisagreeAmong } from '../../../core/matching/figures.ts';
import { claimFigureClashes } from './claim-figures.ts';

describe('figures that disagree between a claim’s mentions', () => {
  it.each<[string, string[], { figure: string; other: string }[]]>([
    [
      'two quotes, two readings',
      ['the reservoir fell to 18 percent of its capacity', 'The Lindell reservoir stands at 19 percent of capacity.'],
      [{ figure: '18 percent', other: '19 percent' }],
    ],
    [
      'a pair found twice is said once',
      ['at 18 percent', 'at 19 percent', 'now at 18 percent'],
      [{ figure: '18 percent', other: '19 percent' }],
    ],
    ['the same figure everywhere', ['fell to 18 percent', 'stands at 18 percent of capacity'], []],
    ['one quote (or the same one twice)', ['fell to 18 percent', ' fell to 18 percent '], []],
    ['no figures', ['The mayor ignored it.', 'She saw it coming.'], []],
  ])('%s', (_case, quotes, clashes) => {
    expect(claimFigureClashes(quotes, figuresThatDisagreeAmong)).toEqual(clashes);
  });
});
