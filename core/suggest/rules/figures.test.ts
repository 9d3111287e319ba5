import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../suggest.ts';

function figures(text: string): { text: string; value?: number; unit?: string; kind?: string }[] {
  return suggestClaims(text, { kinds: ['figure'] }).map((s) => ({
    text: s.text,
    value: s.figure?.value,
    unit: s.figure?.unit,
    kind: s.figure?.kind,
  }));
}

describe('figures', () => {
  it.each([
    ['They spent $10 billion.', { text: '$10 billion', value: 1e10, unit: 'USD', kind: 'money' }],
    ['About 500,000 people fled.', { text: '500,000 people', value: 500_000, unit: 'people', kind: 'count' }],
    ['It is ten times the cost.', { text: 'ten times', value: 10, unit: undefined, kind: 'multiplier' }],
    ['Prices rose 18 percent.', { text: '18 percent', value: 18, unit: 'percent', kind: 'percent' }],
    ['It rained for three weeks.', { text: 'three weeks', value: 3, unit: 'week', kind: 'duration' }],
    ['Forty-one people were admitted.', { text: 'Forty-one people', value: 41, unit: 'people', kind: 'count' }],
    ['The offer is €25 billion a year.', { text: '€25 billion a year', value: 2.5e10, unit: 'EUR per year', kind: 'money' }],
    ['Repairs cost 35 million euros.', { text: '35 million euros', value: 3.5e7, unit: 'EUR', kind: 'money' }],
    ['The floods of 2019 were worse.', { text: '2019', value: 2019, unit: 'year', kind: 'date' }],
    ['On 22 October 2024 it began.', { text: '22 October 2024', value: Date.UTC(2024, 9, 22, 12), unit: 'epoch ms', kind: 'date' }],
    ['They cut it by a third.', { text: 'a third', value: (1 / 3) * 100, unit: 'percent', kind: 'percent' }],
  ])('%s', (text, figure) => {
    expect(figures(text)).toEqual([figure]);
  });

  it.each([
    ['On 22 October 2024 it began.', 'date *22 October 2024* read as 2024-10-22'],
    ['The dam failed on April 14, 2019.', 'date *April 14, 2019* read as 2019-04-14'],
    ['The hearing is on June 3.', 'date *June 3* read as 3 June, no year given'],
  ])('gives a date in its reason as people write one: %s', (text, reason) => {
    expect(suggestClaims(text, { kinds: ['figure'] }).map((s) => s.reason)).toEqual([reason]);
  });

  it.each([['At 09:12 the talks began.'], ['Statement No. 47/2025 was issued.'], ['On the second day nothing happened.']])(
    'finds no figure in %s',
    (text) => {
      expect(figures(text)).toEqual([]);
    },
  );
});
