import { describe, expect, it } from 'vitest';
import { extractFigures, figuresThatDisagree, figuresThatDisagreeAmong } from './figures.ts';

describe('extractFigures', () => {
  it.each<[string, [string, number | string, string, string][]]>([
    [
      'launched 480 missiles by March 3, 2022',
      [
        ['number', 480, 'missil', '480 missiles'],
        ['date', '2022-03-03', 'year-month-day', 'March 3, 2022'],
      ],
    ],
    [
      '18 percent, 2 percentage points, 3.5% and $10 billion',
      [
        ['percent', 18, 'percent', '18 percent'],
        ['percent', 2, 'point', '2 percentage points'],
        ['percent', 3.5, 'percent', '3.5%'],
        ['money', 1e10, 'USD', '$10 billion'],
      ],
    ],
    [
      'In 2014 Russia sent 1,000 troops',
      [
        ['date', '2014', 'year', '2014'],
        ['number', 1000, 'troop', '1,000 troops'],
      ],
    ],
    ['COVID19 and v2 are not figures', []],
  ])('%s', (text, expected) => {
    expect(extractFigures(text).map((figure) => [figure.kind, figure.value, figure.unit, figure.text])).toEqual(expected);
  });
});

describe('figuresThatDisagree', () => {
  it.each<[string, string, string[][]]>([
    ['who have launched 480 missiles', 'Russia fired 500 missiles', [['480 missiles', '500 missiles']]],
    ['18 percent of voters', 'about 19% of voters', [['18 percent', '19%']]],
    ['$10 billion in aid', '$12 billion in aid', [['$10 billion', '$12 billion']]],
    ['on March 3, 2022', 'on March 4, 2022', [['March 3, 2022', 'March 4, 2022']]],
    ['480 missiles', '480 missiles and 12 jets', []],
    ['480 missiles', '18 percent', []],
    ['it was 5', 'it was 6', []],
  ])('%s / %s', (left, right, expected) => {
    expect(figuresThatDisagree(left, right).map(({ left: l, right: r }) => [l.text, r.text])).toEqual(expected);
  });
});

describe('figuresThatDisagreeAmong', () => {
  it('finds what each pair of texts finds, naming the pair', () => {
    const quotes = ['the reservoir fell to 18 percent', 'The reservoir stands at 18 percent of capacity.', 'down to 19% on 11 August'];
    expect(figuresThatDisagreeAmong(quotes).map(({ between, left, right }) => [between, left.text, right.text])).toEqual([
      [[0, 2], '18 percent', '19%'],
      [[1, 2], '18 percent', '19%'],
    ]);
    expect(figuresThatDisagreeAmong(quotes.slice(0, 2))).toEqual([]);
    expect(figuresThatDisagreeAmong([])).toEqual([]);
  });
});
